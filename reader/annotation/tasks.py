"""Saved annotations as Prodigy ``ner_manual`` tasks, one JSON object per save.

::

    {"text": "...", "meta": {...}, "_input_hash": 1, "_task_hash": 2,
     "tokens": [{"text": "سافر", "start": 0, "end": 4, "id": 0, "ws": true}, ...],
     "spans": [{"start": 6, "end": 11, "label": "LOC", "text": "بغداد",
                "token_start": 2, "token_end": 2}],
     "_view_id": "ner_manual", "answer": "accept", "_timestamp": 1700000000,
     "_annotator_id": "amira"}

Offsets are Python ``str`` indices (code points) into the original ``text``;
``end`` is exclusive and ``token_end`` inclusive, as in Prodigy.

The saved tokens are hamish's tokens cut at every span boundary, so a span
that starts or ends inside a word (بغداد in لبغداد) covers whole tokens.  They
also cover the *whole* text, so that spaCy's ``Doc(vocab, words=..., spaces=...)``
rebuilds it exactly:

* a token's ``ws`` is true when the character after it is a U+0020 space that
  is in no token, that space then belongs to the token (spaCy's
  ``whitespace_``);
* every other character in no token becomes a token of its own, as spaCy's
  own whitespace tokens do: a run of whitespace (newlines, CRLF, tabs, a
  second space, a leading space, a no-break space) is one token, and so is a
  run of anything else; these tokens have ``ws`` false.  ``"a  b"`` is
  ``a`` (ws), ``" "``, ``b``, just as spaCy splits it;
* a space is a token of its own, not a ``ws``, when a span starts on it or
  ends just after it, so that span still covers whole tokens.
"""

from __future__ import annotations

import datetime
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol

from reader.annotation.hashing import input_hash, task_hash

VIEW_ID = "ner_manual"
"""The Prodigy interface hamish's records are made for."""

ANSWERS = ("accept", "reject", "ignore")
"""The answers a document may be given, as in Prodigy.  A record saved before
the document is answered has ``"answer": null``."""


class Offsets(Protocol):
    """A stretch of the text: ``reader.annotation.tokens.Token`` is one."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class LabelledOffsets(Offsets, Protocol):
    """A labelled stretch of the text: ``reader.annotation.spans.Span`` is one."""

    @property
    def label(self) -> str: ...


def saved_tokens(
    text: str, tokens: Sequence[Offsets], spans: Sequence[Offsets]
) -> list[dict[str, Any]]:
    """Prodigy tokens ``{text, start, end, id, ws}`` covering all of ``text``.

    ``tokens`` are hamish's tokens (any order, not overlapping, not empty);
    each is cut at every boundary of ``spans`` that falls inside it, and the
    characters between tokens become ``ws`` or tokens of their own as the
    module docstring says.  Raises ValueError for a token or span that is
    empty, overlaps another token, or reaches outside ``text``.
    """
    starts, ends = _span_bounds(text, spans)
    cuts = sorted(starts | ends)
    out: list[dict[str, Any]] = []
    for start, end, is_word in _pieces(text, tokens):
        if (
            not is_word
            and out
            and text[start] == " "
            and out[-1]["end"] == start
            and out[-1]["is_word"]
            and start not in starts
            and start + 1 not in ends
        ):
            out[-1]["ws"] = True
            start += 1
            if start == end:
                continue
        for a, b in _cut(start, end, cuts):
            out.append({"start": a, "end": b, "ws": False, "is_word": is_word})
    return [
        {
            "text": text[t["start"] : t["end"]],
            "start": t["start"],
            "end": t["end"],
            "id": i,
            "ws": t["ws"],
        }
        for i, t in enumerate(out)
    ]


def _span_bounds(text: str, spans: Sequence[Offsets]) -> tuple[set[int], set[int]]:
    """The offsets where spans start, and where they end; ValueError for a bad span."""
    starts: set[int] = set()
    ends: set[int] = set()
    for span in spans:
        if not 0 <= span.start < span.end <= len(text):
            raise ValueError(f"span {span.start}-{span.end} is empty or outside the text")
        starts.add(span.start)
        ends.add(span.end)
    return starts, ends


def _pieces(text: str, tokens: Sequence[Offsets]) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_word) for the tokens and for the runs of text between them."""
    pos = 0
    for token in sorted(tokens, key=lambda t: t.start):
        if not pos <= token.start < token.end <= len(text):
            raise ValueError(
                f"token {token.start}-{token.end} is empty, overlaps another or is outside the text"
            )
        yield from _gap(text, pos, token.start)
        yield token.start, token.end, True
        pos = token.end
    yield from _gap(text, pos, len(text))


def _gap(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """The text between two tokens as runs of whitespace and runs of anything else."""
    while start < end:
        space = text[start].isspace()
        stop = start + 1
        while stop < end and text[stop].isspace() == space:
            stop += 1
        yield start, stop, False
        start = stop


def _cut(start: int, end: int, cuts: list[int]) -> Iterator[tuple[int, int]]:
    """``[start, end)`` cut at every offset in the sorted ``cuts`` strictly inside it."""
    inside = cuts[bisect_right(cuts, start) : bisect_left(cuts, end)]
    for stop in [*inside, end]:
        yield start, stop
        start = stop


def saved_spans(
    text: str, tokens: Sequence[Mapping[str, Any]], spans: Sequence[LabelledOffsets]
) -> list[dict[str, Any]]:
    """Prodigy spans ``{start, end, label, text, token_start, token_end}``, by position,
    with ``origin`` for a span that has one (``"input"``: it came with the input).

    ``tokens`` are the saved tokens from :func:`saved_tokens` for the same
    spans; ``token_end`` is inclusive.  Raises ValueError for a span that does
    not start and end on token boundaries.
    """
    first = {t["start"]: i for i, t in enumerate(tokens)}
    last = {t["end"]: i for i, t in enumerate(tokens)}
    out = []
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.label)):
        token_start, token_end = first.get(span.start), last.get(span.end)
        if token_start is None or token_end is None:
            raise ValueError(f"span {span.start}-{span.end} does not fall on token boundaries")
        saved = {
            "start": span.start,
            "end": span.end,
            "label": span.label,
            "text": text[span.start : span.end],
            "token_start": token_start,
            "token_end": token_end,
        }
        origin = getattr(span, "origin", None)
        if isinstance(origin, str):
            saved["origin"] = origin  # it came with the input: "input"
        out.append(saved)
    return out


def task_record(
    *,
    text: str,
    meta: Mapping[str, Any],
    doc_id: str,
    spans: Sequence[LabelledOffsets],
    answer: str | None,
    annotator: str,
    tokens: Sequence[Offsets],
    timestamp: int | None = None,
) -> dict[str, Any]:
    """The record to save for one document: a Prodigy ``ner_manual`` task.

    ``tokens`` are hamish's tokens of ``text`` and ``doc_id`` the id from
    :func:`reader.annotation.hashing.doc_id_for`.  ``meta`` is copied with
    dates and other values JSON cannot hold turned into strings (TOML front
    matter may hold dates).  ``answer`` is None (saved as ``null``) until the
    document is answered.  ``timestamp`` defaults to now, in whole seconds.
    Raises ValueError for an answer other than accept, reject, ignore or None,
    and for tokens or spans :func:`saved_tokens` refuses.
    """
    if answer is not None and answer not in ANSWERS:
        raise ValueError(f"answer {answer!r} is not one of {', '.join(ANSWERS)} or None")
    tokens_out = saved_tokens(text, tokens, spans)
    return {
        "text": text,
        "meta": {str(k): _json_safe(v) for k, v in meta.items()},
        "_input_hash": input_hash(text),
        "_task_hash": task_hash(doc_id),
        "_hamish_doc": doc_id,  # the document's full id: task hashes are only 32 bits
        "tokens": tokens_out,
        "spans": saved_spans(text, tokens_out, spans),
        "_view_id": VIEW_ID,
        "answer": answer,
        "_timestamp": int(time.time()) if timestamp is None else timestamp,
        "_annotator_id": annotator,
    }


def _json_safe(value: Any) -> Any:
    """``value`` with what JSON cannot hold made JSON: dates as ISO strings, tuples as lists."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def input_changed(record: Mapping[str, Any], text: str) -> bool:
    """Whether ``record`` was made on other text than ``text`` (its ``_input_hash`` differs).

    Such a record's offsets do not fit ``text``: report it, do not apply it.
    """
    return record.get("_input_hash") != input_hash(text)
