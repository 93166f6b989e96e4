"""Taking back a document's saved spans and answer, whoever wrote them.

A saved record may come from an older hamish, from another tool, or from a
hand edit, so nothing in it is trusted.  Each span is checked on its own
against the document's text: a bad one (not an object, a key missing, an
offset that is not a whole number, outside the text or not before its end,
an empty label) is reported by file, line and place in the list, and left
out; the good ones are kept.  Since only the kept spans reach the session,
a bad span is never written back.  A span marked ``"origin": "input"`` (it
came with the input file) keeps that mark.

A record here is a full record or a change line
(:mod:`reader.annotation.changes`): both carry ``spans`` and ``answer``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reader.annotation.spans import FROM_INPUT, Span
from reader.annotation.tasks import ANSWERS
from reader.documents.json_input import kind_of


@dataclass(frozen=True)
class Resumed:
    """What a saved record gives back: its good spans, its answer, and the problems met."""

    spans: list[Span]
    answer: str | None
    problems: list[str]


def resume(record: Mapping[str, Any], text: str, where: str) -> Resumed:
    """The spans and answer of ``record`` that fit ``text``; ``where`` is ``file:line``.

    Each problem is one line, ``file:line: span 3: start -1 is not within the
    text (0-512)``.  A missing or null ``spans`` is no spans; an answer other
    than accept, reject, ignore or null is reported and taken as none.
    """
    problems: list[str] = []
    spans: list[Span] = []
    items = record.get("spans")
    if items is None:
        items = []
    elif not isinstance(items, list):
        problems.append(f"{where}: spans is {kind_of(items)}, not a list; none taken")
        items = []
    for i, item in enumerate(items):
        span = _span(item, len(text))
        if isinstance(span, Span):
            spans.append(span)
        else:
            problems.append(f"{where}: span {i}: {span}; left out")
    answer = record.get("answer")
    if answer is not None and answer not in ANSWERS:
        shown = repr(answer) if isinstance(answer, str) else kind_of(answer)
        problems.append(f"{where}: answer {shown} is not one of {', '.join(ANSWERS)}; none taken")
        answer = None
    return Resumed(spans, answer, problems)


def _span(item: object, length: int) -> Span | str:
    """The span ``item`` stands for, or what is wrong with it."""
    if not isinstance(item, Mapping):
        return f"is {kind_of(item)}, not an object"
    for key in ("start", "end", "label"):
        if key not in item:
            return f'no "{key}"'
    start, end, label = item["start"], item["end"], item["label"]
    for key, value in (("start", start), ("end", end)):
        if isinstance(value, float):
            return f"{key} {value!r} is not a whole number"
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{key} is {kind_of(value)}, not a whole number"
        if not 0 <= value <= length:
            return f"{key} {value} is not within the text (0\u2013{length})"
    if start >= end:
        return f"start {start} is not before end {end}"
    if not isinstance(label, str):
        return f"label is {kind_of(label)}, not a string"
    if not label.strip():
        return "label is empty"
    # Only the one origin hamish writes is taken back; anything else is the annotator's.
    return Span(start, end, label, FROM_INPUT if item.get("origin") == FROM_INPUT else None)
