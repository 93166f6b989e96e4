"""A document's session built from what it starts with, and the snapshot a save writes.

The annotation screen calls these on the event loop; they are cheap (no I/O)
and plain Python.  Nothing here imports Textual.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from reader.annotation.journal import Snapshot
from reader.annotation.opening import Prepared, StartingState
from reader.annotation.session import Session
from reader.annotation.spans import Annotations
from reader.documents import Article

__all__ = ["open_session", "snapshot_of"]


def open_session(
    prepared: Prepared,
    article: Article,
    start: StartingState,
    labels: Sequence[str],
    overlap: bool,
    cursor: int | None = None,
) -> tuple[Session, list[str]]:
    """The session of ``article`` from its starting state, the cursor on the
    token at offset ``cursor`` (where it was left) if given; and what to say."""
    said = list(start.problems)
    if prepared.changed:
        said.append(
            f"{article.path}: the text changed since it was annotated; "
            "its saved spans are not applied"
        )
    try:
        annotations = Annotations(start.spans, start.answer, overlap=overlap)
    except ValueError:
        # Saved with --overlap, opened without: keep every span rather than drop any.
        annotations = Annotations(start.spans, start.answer, overlap=True)
        said.append(f"{article.path}: its spans overlap; overlapping is kept for this document")
    suggestions = [
        s
        for s in prepared.suggestions
        if not any(s.start < t.end and s.end > t.start for t in start.spans)
    ]
    session = Session(article.text, prepared.tokens, labels, annotations, suggestions)
    if cursor is not None:
        session.go_to(cursor)
    return session, said


def snapshot_of(session: Session, prepared: Prepared, article: Article, annotator: str) -> Snapshot:
    """What a save writes of the document: cheap to take, and immutable."""
    return Snapshot(
        text=session.text,
        meta=dict(article.meta),
        doc_id=prepared.doc_id,
        spans=tuple(session.annotations.spans),
        answer=session.annotations.answer,
        annotator=annotator,
        tokens=session.tokens,
        file=os.path.basename(article.path),
        text_hash=prepared.text_hash,
    )
