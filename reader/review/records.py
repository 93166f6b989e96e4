"""What a gold record says of its review, written and read back.

A gold record is a hamish record (:func:`reader.annotation.tasks.task_record`)
whose ``_annotator_id`` is the reviewer, with two keys more::

    "_review": [{"_annotator_id": "alice", "answer": "accept",
                 "spans": [{"start": 6, "end": 13, "label": "GPE"}]}, ...],
    "_review_settled": [[6, 13]]

``_review`` holds every annotator's version of the document, as Prodigy's
``versions`` do: who made it, its spans and its answer.  ``_review_settled``
lists the conflicts the reviewer has settled, each by its stretch of text,
so that reopening the gold file resumes the review where it was left.
Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reader.agreement.pairing import Document
from reader.annotation.changes import change_spans
from reader.review.conflicts import Differences

REVIEW_KEY = "_review"
SETTLED_KEY = "_review_settled"


def review_fields(
    document: Document, differences: Differences, settled: Iterable[int]
) -> dict[str, Any]:
    """The ``_review`` and ``_review_settled`` of a gold record of ``document``."""
    versions = [
        {
            "_annotator_id": who,
            "answer": version.answer,
            "spans": change_spans(version.spans),
        }
        for who, version in document.versions.items()
    ]
    conflicts = differences.conflicts
    return {
        REVIEW_KEY: versions,
        SETTLED_KEY: [[conflicts[i].start, conflicts[i].end] for i in sorted(settled)],
    }


def settled_in(record: Mapping[str, Any] | None, differences: Differences) -> frozenset[int]:
    """The conflicts a saved gold record (a full record or a change line) says are settled.

    Anything in ``_review_settled`` that is not a stretch of one of the
    conflicts is passed over: the record is untrusted.
    """
    if record is None:
        return frozenset()
    listed = record.get(SETTLED_KEY)
    if not isinstance(listed, list):
        return frozenset()
    where = {(c.start, c.end): i for i, c in enumerate(differences.conflicts)}
    found = set()
    for item in listed:
        if isinstance(item, list) and len(item) == 2 and all(type(x) is int for x in item):
            index = where.get((item[0], item[1]))
            if index is not None:
                found.add(index)
    return frozenset(found)
