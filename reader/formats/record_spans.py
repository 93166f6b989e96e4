"""The spans a JSON record of an input file comes with, for the reader to start from.

A record of a ``.jsonl`` (or ``.json``) input is read when it is opened; its
spans are Prodigy's ``spans`` (code points) or doccano's ``label`` /
``entities`` (UTF-16 code units, converted), as ``--from`` says, else as its
keys say: ``spans`` is Prodigy's.  doccano's text-classification ``label``
(a list of label names, no offsets) holds no spans.  Spans that do not fit
the text are left out, each said in one line (``file:line: span 2: ...``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reader.formats.model import Report, SourceSpan, sorted_spans

Triples = tuple[tuple[int, int, str], ...]


def record_spans(
    raw: Mapping[str, Any], text: str, path: str, line: int, source: str | None = None
) -> tuple[Triples, tuple[str, ...]]:
    """``(start, end, label)`` of each span of ``raw`` that fits ``text``, and a line
    for each that does not."""
    report = Report()
    spans: list[SourceSpan] = []
    if source == "doccano" or (source != "prodigy" and "spans" not in raw and _doccano(raw)):
        from reader.formats.doccano import doccano_spans

        spans = list(doccano_spans(path, line, text, dict(raw), "utf16", report))
    elif "spans" in raw and raw["spans"] is not None:
        from reader.formats.prodigy import prodigy_spans

        items = raw["spans"]
        if isinstance(items, list):
            spans = list(prodigy_spans(path, line, text, items, report))
        else:
            report.problem(path, '"spans" is not a list; none taken', line)
    triples = tuple((s.start, s.end, s.label) for s in sorted_spans(spans))
    return triples, tuple(str(p) for p in report.problems)


def _doccano(raw: Mapping[str, Any]) -> bool:
    """Whether ``raw`` has doccano spans: ``entities``, or a ``label``/``labels`` list
    that is not a text classification's label names."""
    for key in ("label", "labels", "entities"):
        items = raw.get(key)
        if isinstance(items, list) and items and not all(isinstance(i, str) for i in items):
            return True
    return False
