"""The writers by the names ``--to`` takes, and their options."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from reader.formats.doccano import Units
from reader.formats.model import Report, SourceDoc

TARGETS = ("prodigy", "spacy", "conll", "doccano", "labelstudio", "brat", "inception")
"""The formats hamish writes, by the names ``--to`` takes."""


@dataclass(frozen=True)
class WriteOptions:
    """The options of the writers; each uses its own."""

    scheme: Literal["iob2", "bilou"] = "iob2"
    nested: bool = False
    offsets: Units = "utf16"
    kind: Literal["annotations", "predictions"] = "annotations"
    from_name: str = "label"
    to_name: str = "text"
    spans_key: str = "sc"


def write(
    fmt: str, docs: Iterable[SourceDoc], output: str, report: Report, options: WriteOptions
) -> int:
    """Write ``docs`` to ``output`` in format ``fmt``; the number of documents written.

    Raises :class:`reader.formats.writing.OutputError` when ``output``
    cannot be written.
    """
    if fmt == "prodigy":
        from reader.formats.prodigy import write_prodigy

        return write_prodigy(docs, output, report)
    if fmt == "spacy":
        from reader.formats.spacy_docbin import write_docbin

        return write_docbin(docs, output, report, options.spans_key)
    if fmt == "conll":
        from reader.formats.conll import write_conll

        return write_conll(docs, output, report, options.scheme, options.nested)
    if fmt == "doccano":
        from reader.formats.doccano import write_doccano

        return write_doccano(docs, output, report, options.offsets)
    if fmt == "labelstudio":
        from reader.formats.labelstudio import write_labelstudio

        return write_labelstudio(
            docs, output, report, options.kind, options.from_name, options.to_name
        )
    if fmt == "brat":
        from reader.formats.brat import write_brat

        return write_brat(docs, output, report)
    if fmt == "inception":
        from reader.formats.xmi import write_xmi

        return write_xmi(docs, output, report)
    raise ValueError(f"unknown format {fmt!r}")
