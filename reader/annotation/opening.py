"""Opening a document to annotate: its tokens, suggestions, the spans it came with,
and the state saved of it, which wins over them.

What a document starts with, in order of preference:

1. its newest state taken this session and not on disk yet (the journal's);
2. else its latest saved state, when it was saved on the same text (the same
   ``_input_hash``; on other text it is reported and not applied);
3. else the spans that came with the input (doccano ``label``, Prodigy
   ``spans``, brat ``.ann`` ...), each marked ``origin: input``: undo takes
   the document back to them.

Everything here is plain Python, run in the screen's loading thread, except
:func:`starting_state`, which is cheap.  Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from reader.annotation.hashing import doc_id_for, input_hash, task_hash
from reader.annotation.journal import Snapshot
from reader.annotation.patterns import Pattern, find_suggestions
from reader.annotation.resume import Resumed, resume
from reader.annotation.spans import FROM_INPUT, Span
from reader.annotation.store_api import Store
from reader.annotation.tokens import Token, tokenize
from reader.documents import Article


@dataclass
class Prepared:
    """What the loading thread works out for a document.

    ``pending`` is true while the store has not been read: the saved state is
    looked up later (:func:`look_up_saved`), and edits wait for it.
    """

    doc_id: str
    task: int
    text_hash: int
    tokens: list[Token]
    starts: list[int]  # each token's start, for the navigator (kept across resizes)
    suggestions: list[Span]
    input_spans: list[Span]  # the spans the input came with
    input_problems: list[str]  # input spans that did not fit, one line each
    saved: Resumed | None = None  # the saved spans and answer that fit the text
    saved_full: bool = True  # whether that state is in a full record
    saved_record: dict[str, Any] | None = None  # the saved line itself (a review reads more of it)
    changed: bool = False  # a state was saved of another version of the text
    pending: bool = False
    new_labels: list[str] = field(default_factory=list)


def document_id(article: Article, index: int) -> str:
    """The document's id: the one its input gives, else :func:`doc_id_for`'s."""
    if article.doc_id is not None:
        return article.doc_id
    record: Any = getattr(article, "record", None)
    raw = getattr(record, "raw", None)
    return doc_id_for(article.path, index if raw is not None else None, raw)


def prepare(
    article: Article,
    index: int,
    store: Store,
    patterns: Sequence[Pattern],
    labels: Sequence[str],
) -> Prepared:
    """Work out ``article`` (record ``index`` of its file) for annotation.  The saved
    state is looked up now when the store has been read, else left ``pending``."""
    doc_id = document_id(article, index)
    text = article.text
    tokens = tokenize(text)
    spans = [Span(start, end, label, FROM_INPUT) for start, end, label in article.spans]
    known = set(labels)
    new_labels = list(dict.fromkeys(s.label for s in spans if s.label not in known))
    prepared = Prepared(
        doc_id=doc_id,
        task=task_hash(doc_id),
        text_hash=input_hash(text),
        tokens=tokens,
        starts=[t.start for t in tokens],
        suggestions=find_suggestions(text, tokens, patterns) if patterns else [],
        input_spans=spans,
        input_problems=list(article.span_problems),
        new_labels=new_labels,
        pending=not store.loaded,
    )
    return prepared if prepared.pending else look_up_saved(prepared, text, store)


def look_up_saved(prepared: Prepared, text: str, store: Store) -> Prepared:
    """``prepared`` with the state saved of its document (reads the store first if
    it has not been read: for a worker).  Raises OSError or ValueError as
    :meth:`~reader.annotation.store_api.Store.state_of` does."""
    found = store.state_of(prepared.doc_id, prepared.task)
    if found is None:
        return replace(prepared, pending=False)
    if found.record.get("_input_hash") != prepared.text_hash:
        return replace(prepared, pending=False, changed=True)
    saved = resume(found.record, text, found.where)
    return replace(
        prepared, pending=False, saved=saved, saved_full=found.full, saved_record=found.record
    )


@dataclass(frozen=True)
class StartingState:
    """The spans and answer a document opens with, and what to say about them."""

    spans: list[Span]
    answer: str | None
    problems: list[str]
    owes_full: bool  # its saved state is a change line: a full record is owed


def starting_state(prepared: Prepared, unsaved: Snapshot | None, text: str) -> StartingState:
    """What the document opens with (see the module docstring)."""
    if unsaved is not None and unsaved.text == text:
        # Its newest state is still on the way to the store (or failing to get there).
        return StartingState(list(unsaved.spans), unsaved.answer, [], False)
    if prepared.saved is not None:
        saved = prepared.saved
        return StartingState(saved.spans, saved.answer, saved.problems, not prepared.saved_full)
    return StartingState(list(prepared.input_spans), None, prepared.input_problems, False)
