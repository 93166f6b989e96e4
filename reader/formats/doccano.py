"""doccano JSON Lines: ``{"text": ..., "label": [[start, end, "LABEL"], ...]}``.

doccano counts offsets in UTF-16 code units (JavaScript string indices).
Newer exports write ``entities`` as ``{"start_offset", "end_offset",
"label"}`` objects; both are read.  Every other key but ``text`` goes into
``meta`` unless the record has a ``meta`` object of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal

from reader.annotation.hashing import doc_id_for
from reader.documents.errors import InputError
from reader.formats.jsonio import json_lines, write_json_lines
from reader.formats.model import Report, SourceDoc, SourceSpan, is_bool, make_span, short
from reader.formats.offsets import Utf16Map

Units = Literal["utf16", "codepoint"]
_SPAN_KEYS = ("label", "labels", "entities")


def read_doccano(path: str, report: Report, units: Units = "utf16") -> Iterator[SourceDoc]:
    """The documents of a doccano JSON Lines file, offsets in ``units``."""
    for index, (line, value) in enumerate(json_lines(path)):
        if isinstance(value, InputError):
            report.problems.append(value)
            report.skip("records that could not be read")
            continue
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            report.problem(path, 'record is not an object with a string "text"', line)
            report.skip("records that could not be read")
            continue
        text: str = value["text"]
        meta = value.get("meta")
        if not isinstance(meta, dict):
            meta = {k: v for k, v in value.items() if k not in ("text", *_SPAN_KEYS)}
        yield SourceDoc(
            text=text,
            spans=tuple(doccano_spans(path, line, text, value, units, report)),
            path=path,
            where=f"{path}:{line}",
            doc_id=doc_id_for(path, index, value),
            meta=meta,
        )


def _raw_spans(value: dict[str, Any]) -> Iterator[tuple[object, object, object] | None]:
    """``(start, end, label)`` of each span of a record, None for one of the wrong shape."""
    for key in _SPAN_KEYS:
        items = value.get(key)
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, list) and len(item) == 3:
                yield item[0], item[1], item[2]
            elif isinstance(item, dict):
                yield item.get("start_offset"), item.get("end_offset"), item.get("label")
            else:
                yield None


def doccano_spans(
    path: str, line: int, text: str, value: dict[str, Any], units: Units, report: Report
) -> Iterator[SourceSpan]:
    """The record's spans converted to code points; the ones that do not fit are reported."""
    units_map = Utf16Map(text) if units == "utf16" else None
    for i, raw in enumerate(_raw_spans(value)):
        if raw is None:
            report.problem(path, f"span {i}: not [start, end, label]; skipped", line)
            report.skip("spans that do not fit their text")
            continue
        start, end, label = raw
        whole = isinstance(start, int) and isinstance(end, int) and not is_bool(start, end)
        if units_map is not None and whole:
            assert isinstance(start, int) and isinstance(end, int)
            cp_start, cp_end = units_map.from_utf16(start), units_map.from_utf16(end)
            if cp_start is None or cp_end is None:
                report.problem(
                    path,
                    f"span {i}: {short(start)}-{short(end)} is not a UTF-16 offset range of "
                    f"the text (0-{units_map.utf16_length}, not inside a character); skipped",
                    line,
                )
                report.skip("spans that do not fit their text")
                continue
            start, end = cp_start, cp_end
        made = make_span(text, start, end, label)
        if isinstance(made, str):
            report.problem(path, f"span {i}: {made}; skipped", line)
            report.skip("spans that do not fit their text")
            continue
        yield made


def doccano_record(doc: SourceDoc, units: Units = "utf16") -> dict[str, Any]:
    """``doc`` as a doccano record, offsets in ``units``."""
    units_map = Utf16Map(doc.text) if units == "utf16" else None
    labels = []
    for span in doc.spans:
        start, end = span.start, span.end
        if units_map is not None:
            start, end = units_map.to_utf16(start), units_map.to_utf16(end)
        labels.append([start, end, span.label])
    return {"text": doc.text, "label": labels, "meta": doc.meta}


def write_doccano(
    docs: Iterable[SourceDoc], output: str, report: Report, units: Units = "utf16"
) -> int:
    """Write the documents as doccano JSON Lines to ``output``; the number written."""
    return write_json_lines(docs, output, report, lambda doc: doccano_record(doc, units))
