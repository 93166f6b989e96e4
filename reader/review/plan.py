"""A whole review: the documents to settle, what is left of each, and what was left out.

Documents are paired as `hamish agree` pairs them (:mod:`reader.agreement.pairing`):
by text, the latest record of each annotator counting.  A document claimed by
records with different texts is *not comparable* and is only listed, with
the reason.  A gold record is saved under the document's id (a stable one
made from the text when the inputs give none but a place in a file).
Nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reader.agreement.pairing import Document, NotComparable, gather
from reader.annotation.hashing import input_hash, task_hash
from reader.annotation.journal import Snapshot
from reader.annotation.spans import Annotations, Span
from reader.annotation.store_api import Store
from reader.formats.model import SourceDoc
from reader.plural import counted
from reader.review.conflicts import Differences, differences
from reader.review.gold import Gold
from reader.review.records import review_fields, settled_in

_PLACE_ID = re.compile(r"#\d+\Z")  # as reader.agreement.pairing tells one


@dataclass(frozen=True)
class ReviewItem:
    """One document under review: its versions, their differences, and its first record."""

    doc_id: str
    document: Document
    differences: Differences
    source: SourceDoc

    def gold(
        self, started: Annotations | None, saved: Mapping[str, Any] | None, overlap: bool
    ) -> Gold:
        """The gold version to review: the spans and answer ``started`` with (none: what
        every annotator agrees on), the conflicts ``saved`` (a gold record) says are
        settled.  Spans may overlap with ``overlap``, when an annotator's do, or when
        the spans started with do."""
        spans = started.spans if started is not None else self.differences.agreed
        answer = started.answer if started is not None else None
        settled = settled_in(saved, self.differences)
        try:
            return Gold(
                spans, answer, self.differences, settled, overlap=overlap or self.overlapping
            )
        except ValueError:
            return Gold(spans, answer, self.differences, settled, overlap=True)

    @property
    def overlapping(self) -> bool:
        """Whether an annotator's own spans overlap (then the gold version may too)."""
        for version in self.document.versions.values():
            spans = sorted(version.spans)
            if any(b.start < a.end for a, b in zip(spans, spans[1:], strict=False)):
                return True
        return False

    @property
    def text(self) -> str:
        """The document's text."""
        return self.document.text

    def snapshot(
        self,
        spans: Iterable[Span],
        answer: str | None,
        reviewer: str,
        settled: Iterable[int],
        *,
        full: bool = False,
    ) -> Snapshot:
        """A gold state of the document, ready to be saved (``full``: as a full record)."""
        return Snapshot(
            text=self.text,
            meta=dict(self.source.meta),
            doc_id=self.doc_id,
            spans=tuple(spans),
            answer=answer,
            annotator=reviewer,
            tokens=self.document.tokens,
            file=os.path.basename(self.source.path),
            full=full,
            extra=review_fields(self.document, self.differences, settled),
        )


@dataclass
class Review:
    """The documents under review, in order, and the conflicts left in each."""

    annotators: list[str]
    items: list[ReviewItem]
    not_comparable: list[NotComparable]
    left: dict[str, int] = field(default_factory=dict)  # doc id -> conflicts not settled

    def __post_init__(self) -> None:
        for item in self.items:
            self.left.setdefault(item.doc_id, len(item.differences.conflicts))
        self._by_id = {item.doc_id: item for item in self.items}

    def item(self, doc_id: str) -> ReviewItem | None:
        """The document with id ``doc_id``, if it is under review."""
        return self._by_id.get(doc_id)

    def documents_left(self) -> int:
        """How many documents still have a conflict to settle."""
        return sum(1 for n in self.left.values() if n)

    def progress(self, left_here: int) -> list[str]:
        """What the header says: the conflicts ``left_here`` in the document shown, and
        the documents left with conflicts."""
        documents = self.documents_left()
        return [
            f"{counted(left_here, 'conflict')} left here",
            f"{counted(documents, 'document')} left with conflicts",
        ]

    def resume(self, store: Store) -> None:
        """Take what a gold file (read already) says was settled.  Raises OSError or
        ValueError as :meth:`Store.state_of` does."""
        for item in self.items:
            saved = store.state_of(item.doc_id, task_hash(item.doc_id))
            if saved is None or saved.record.get("_input_hash") != input_hash(item.text):
                continue
            settled = settled_in(saved.record, item.differences)
            self.left[item.doc_id] = len(item.differences.conflicts) - len(settled)

    def auto_accept(self, store: Store, reviewer: str) -> int:
        """Accept every document two or more annotators did and all agree on, unseen: a
        gold record of their spans for each that has none yet, and none of them left
        to show (one annotator's document is shown: nobody checked it).  How many
        were saved.  Raises OSError when one cannot be saved."""
        saved = 0
        kept = []
        for item in self.items:
            if item.differences.conflicts or len(item.document.versions) < 2:
                kept.append(item)
                continue
            if store.state_of(item.doc_id, task_hash(item.doc_id)) is None:
                gold = item.snapshot(item.differences.agreed, "accept", reviewer, (), full=True)
                store.append_full(gold.record())
                saved += 1
            del self.left[item.doc_id]
        self.items = kept
        self._by_id = {item.doc_id: item for item in kept}
        return saved


def build_review(records: Iterable[tuple[SourceDoc, str]]) -> Review:
    """The review of ``(record, annotator)`` pairs, in reading order."""
    records = list(records)
    first: dict[str, SourceDoc] = {}
    for doc, _ in records:
        first.setdefault(doc.text, doc)
    corpus = gather(records)
    items = []
    for document in corpus.documents:
        source = first[document.text]
        doc_id = document.doc_id
        if _PLACE_ID.search(doc_id):  # a place in one file: another order of inputs would move it
            doc_id = f"review:{input_hash(document.text) & 0xFFFFFFFF:08x}"
        items.append(ReviewItem(doc_id, document, differences(document), source))
    return Review(corpus.annotators, items, corpus.not_comparable)
