"""Change lines: a document's spans and answer, saved between its full records.

A full record (:func:`reader.annotation.tasks.task_record`) holds the text
and every token, so it grows with the document.  While a document is being
tagged, each save writes a *change line* instead, which grows with its spans
only::

    {"_hamish_change": true, "_hamish_doc": "news.jsonl#3", "_task_hash": 2,
     "_input_hash": 1, "spans": [{"start": 6, "end": 11, "label": "LOC"}],
     "answer": null, "_timestamp": 1700000000, "_annotator_id": "amira",
     "_hamish_file": "news.jsonl"}

It names its document (``_hamish_doc``, ``_task_hash``) and the text it was
made on (``_input_hash``), and carries the document's whole state: every span
(offsets, label, and ``origin`` for one that came with the input) and the
answer.  It has no ``text`` and no ``tokens``, so a tool that wants tasks
sees at once that it is not one.

Whatever its kind, the latest line of a document is its state.  A change
applies to the latest full record of the same document *and the same text*
(the same ``_input_hash``); :func:`merged_record` makes the full record it
stands for, with the tokens cut at its spans' edges.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from reader.annotation.hashing import task_hash
from reader.annotation.tasks import ANSWERS, LabelledOffsets, saved_spans, saved_tokens
from reader.annotation.tokens import Token, source_tokens, tokenize

CHANGE_KEY = "_hamish_change"
"""The key that marks a change line (its value is ``true``)."""


CARRIED = ("answer", "_timestamp", "_annotator_id", "_review", "_review_settled")
"""What a change line gives the full record it stands for, besides its spans (the last
two: a gold record's, :mod:`reader.review.records`)."""


def is_change(record: Mapping[str, Any]) -> bool:
    """Whether ``record`` is a change line, not a full record."""
    return record.get(CHANGE_KEY) is True


def change_spans(spans: Sequence[LabelledOffsets]) -> list[dict[str, Any]]:
    """Spans as a change line holds them: ``start``, ``end``, ``label`` (and ``origin``)."""
    out = []
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.label)):
        item: dict[str, Any] = {"start": span.start, "end": span.end, "label": span.label}
        origin = getattr(span, "origin", None)
        if isinstance(origin, str):
            item["origin"] = origin
        out.append(item)
    return out


def change_record(
    *,
    doc_id: str,
    text_hash: int,
    spans: Sequence[LabelledOffsets],
    answer: str | None,
    annotator: str,
    file: str,
    timestamp: int | None = None,
) -> dict[str, Any]:
    """The change line of a document: its id, the ``_input_hash`` of its text
    (``text_hash``), its spans and answer.  Costs what its spans cost, not its text.

    Raises ValueError for an answer other than accept, reject, ignore or None.
    """
    if answer is not None and answer not in ANSWERS:
        raise ValueError(f"answer {answer!r} is not one of {', '.join(ANSWERS)} or None")
    return {
        CHANGE_KEY: True,
        "_hamish_doc": doc_id,
        "_task_hash": task_hash(doc_id),
        "_input_hash": text_hash,
        "spans": change_spans(spans),
        "answer": answer,
        "_timestamp": int(time.time()) if timestamp is None else timestamp,
        "_annotator_id": annotator,
        "_hamish_file": file,
    }


def merged_record(
    base: Mapping[str, Any], change: Mapping[str, Any], spans: Sequence[LabelledOffsets]
) -> dict[str, Any]:
    """The full record ``change`` stands for, on ``base`` (the latest full record of
    the same document and text): ``base`` with the change's ``spans`` (checked
    already, see :func:`reader.annotation.resume.resume`), answer, time and annotator.

    Its tokens are ``base``'s word tokens (hamish's tokens of the text when
    ``base`` has none that fit) cut at the new spans' edges.  Raises
    ValueError for a span outside the text.
    """
    text = base["text"]
    words = source_tokens(text, base.get("tokens"))
    tokens = [Token(a, b) for a, b in words] if words is not None else tokenize(text)
    saved = saved_tokens(text, tokens, spans)
    record = dict(base)
    record.pop(CHANGE_KEY, None)
    record["tokens"] = saved
    record["spans"] = saved_spans(text, saved, spans)
    for key in CARRIED:
        if key in change:
            record[key] = change[key]
    return record
