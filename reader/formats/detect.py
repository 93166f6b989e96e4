"""Which tool wrote a file, from its name and its first lines, and reading it.

``--from`` names a format outright; otherwise:

* a folder: brat if it has ``.ann`` files, XMI if it has ``.xmi`` files, else
  its ``.jsonl`` record files, each read as if named on its own (a record
  with no annotator is the file's: ``folder/bob.jsonl`` is bob's);
* ``.ann``, or ``.txt`` with an ``.ann`` beside it: brat;
* ``.xmi``, or ``.xml`` that says ``xmi:XMI``: INCEpTION XMI;
* ``.spacy``: a spaCy DocBin;
* ``.json``: a Label Studio export;
* ``.jsonl``: doccano when its records have ``label`` or ``entities``,
  else Prodigy / hamish;
* ``.conll``, ``.iob``, ``.bio`` and the like, or ``.txt`` whose first lines
  are a token and a tag: CoNLL;
* any other ``.txt`` or ``.md``: a plain article, with no spans.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from itertools import islice
from typing import Any

from reader.documents import load_article
from reader.documents.errors import InputError
from reader.formats.doccano import Units
from reader.formats.jsonio import json_lines
from reader.formats.model import Report, SourceDoc
from reader.formats.sniff import ALIASES, FORMATS, reader_kind

__all__ = ["ALIASES", "FORMATS", "detect", "missing_extra", "read_documents"]

EXTRA_NEEDED = {"spacy": "spaCy", "inception": "dkpro-cassis"}
"""The formats that need a package of the ``formats`` extra, and its name."""


SHARED_STORE = "store"
"""The "format" of a ``postgresql://`` input: a team's shared store."""

RECORD_FOLDER = "record-folder"
"""The "format" of a folder of ``.jsonl`` record files (hamish, Prodigy, doccano)."""


def read_shared(url: str, report: Report, gold: bool | None = None) -> Iterator[SourceDoc]:
    """Everyone's latest states in a shared store (``gold``: only reviewers' gold
    records, or none of them; None: all); InputError when it cannot be read."""
    from reader.team.connection import StoreUnreachable
    from reader.team.dsn import shown_url
    from reader.team.reading import read_store
    from reader.team.schema import SchemaError

    try:
        return read_store(url, report, gold)
    except (StoreUnreachable, SchemaError) as err:
        where = shown_url(url)
        raise InputError(where, str(err).removeprefix(where + ": ")) from None


def missing_extra(formats: set[str]) -> str | None:
    """The one-line complaint for a format whose package is not installed, or None."""
    packages = {"spacy": "spacy", "inception": "cassis"}
    for fmt in sorted(formats & set(EXTRA_NEEDED)):
        try:
            importlib.import_module(packages[fmt])
        except ImportError:
            return (
                f"the {fmt} format needs {EXTRA_NEEDED[fmt]}, which is not installed: "
                "pip install 'hamish[formats]'"
            )
    return None


def detect(path: str) -> str:
    """The format of ``path`` (one of :data:`FORMATS`); InputError when it cannot tell."""
    if os.path.isdir(path):
        names = [n.lower() for _, _, files in os.walk(path) for n in files]
        if any(n.endswith(".ann") for n in names):
            return "brat"
        if any(n.endswith(".xmi") for n in names):
            return "inception"
        if any(n.endswith(".jsonl") for n in names):
            return RECORD_FOLDER
        raise InputError(path, "a folder with no brat .ann, XMI .xmi or .jsonl record files in it")
    ext = os.path.splitext(path)[1].lower()
    kind = reader_kind(path)
    if kind == "records":  # a .json file that is not Label Studio's is still read as one
        return "labelstudio" if ext == ".json" else _jsonl_kind(path)
    if kind != "article":
        return kind
    if ext in (".txt", ".md", ".markdown"):
        return "text"
    raise InputError(path, "cannot tell which tool wrote this file: name one with --from")


def _jsonl_kind(path: str) -> str:
    """doccano or prodigy, from the keys of the first records that parse."""
    records = (v for _, v in islice(json_lines(path), 50) if isinstance(v, dict))
    for record in records:
        if "spans" in record or "answer" in record or "_task_hash" in record:
            return "prodigy"
        if isinstance(record.get("label"), list) or isinstance(record.get("entities"), list):
            return "doccano"
    return "prodigy"


def read_documents(
    path: str,
    report: Report,
    fmt: str | None = None,
    offsets: Units = "utf16",
    spans_key: str = "sc",
) -> Iterator[SourceDoc]:
    """The documents of ``path``, in format ``fmt`` or the one :func:`detect` finds.

    Per-item problems go to ``report``; raises InputError when the file as
    a whole cannot be read.
    """
    fmt = ALIASES.get(fmt, fmt) if fmt else detect(path)
    if fmt == SHARED_STORE:
        return read_shared(path, report)
    if fmt == RECORD_FOLDER:
        return _read_record_folder(path, report, offsets)
    if fmt == "prodigy":
        from reader.formats.prodigy import read_prodigy

        return read_prodigy(path, report)
    if fmt == "doccano":
        from reader.formats.doccano import read_doccano

        return read_doccano(path, report, offsets)
    if fmt == "labelstudio":
        from reader.formats.labelstudio import read_labelstudio

        return read_labelstudio(path, report)
    if fmt == "brat":
        from reader.formats.brat import read_brat

        return read_brat(path, report)
    if fmt == "conll":
        from reader.formats.conll import read_conll

        return read_conll(path, report)
    if fmt == "inception":
        from reader.formats.xmi import read_xmi

        return read_xmi(path, report)
    if fmt == "spacy":
        from reader.formats.spacy_docbin import read_docbin

        return read_docbin(path, report, spans_key)
    if fmt == "text":
        return _read_text(path)
    raise ValueError(f"unknown format {fmt!r}")


def _record_files(folder: str) -> list[str]:
    """The ``.jsonl`` files under ``folder``, in a stable order (hidden ones left out)."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [
            os.path.join(top, n)
            for n in sorted(files)
            if n.lower().endswith(".jsonl") and not n.startswith(".")
        ]
    return found


def _read_record_folder(folder: str, report: Report, offsets: Units) -> Iterator[SourceDoc]:
    for path in _record_files(folder):
        name = os.path.splitext(os.path.basename(path))[0]
        for doc in read_documents(path, report, _jsonl_kind(path), offsets):
            if not doc.annotator:
                doc.annotator = name
            yield doc


def _read_text(path: str) -> Iterator[SourceDoc]:
    article = load_article(path)
    meta: dict[str, Any] = dict(article.meta)
    yield SourceDoc(article.text, (), path, path, os.path.basename(path), meta)
