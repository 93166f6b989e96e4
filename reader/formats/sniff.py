"""Telling another tool's file by its name and first bytes, cheaply: no format is loaded.

The reader asks this of every file it opens, so it reads a few kilobytes at
most and imports nothing beyond the standard library.
"""

from __future__ import annotations

import os
import re
import stat

FORMATS = ("prodigy", "doccano", "labelstudio", "brat", "conll", "inception", "spacy", "text")
"""The formats hamish reads, by the names ``--from`` takes."""

ALIASES = {"hamish": "prodigy", "xmi": "inception", "label-studio": "labelstudio"}

DOCSTART = "-DOCSTART-"
TAG = re.compile(r"^(?:O|[BIESLU]-\S+)$")
"""A CoNLL tag in IOB1, IOB2, BIOES or BILUO."""

CONLL_EXTENSIONS = frozenset(
    {".conll", ".conll03", ".iob", ".iob1", ".iob2", ".bio", ".bioes", ".bilou", ".biluo", ".ner"}
)

_HEAD = 1 << 16


def head(path: str, size: int = 4096) -> bytes:
    """The first ``size`` bytes of ``path``; nothing when it is not a regular file
    (a FIFO is never waited on, a device never read) or cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def starts_with(path: str, needles: tuple[bytes, ...], size: int = 4096) -> bool:
    """Whether the first ``size`` bytes of ``path`` hold any of ``needles``."""
    start = head(path, size)
    return any(n in start for n in needles)


def looks_like_conll(path: str) -> bool:
    """Whether the first lines of ``path`` are each a token and a tag."""
    start = head(path, _HEAD)
    lines = start.decode("utf-8", "replace").split("\n")
    if len(start) == _HEAD:
        lines.pop()  # cut short
    lines = lines[:200]
    rows = [cols for cols in (line.split() for line in lines) if cols and cols[0] != DOCSTART]
    rows = rows[:20]
    return bool(rows) and all(len(cols) >= 2 and TAG.match(cols[-1]) for cols in rows)


def has_brat_annotations(path: str) -> bool:
    """Whether ``path`` is a brat ``.ann`` file, or a ``.txt`` with one beside it."""
    stem, ext = os.path.splitext(path)
    ext = ext.lower()
    return ext == ".ann" or (ext == ".txt" and os.path.exists(stem + ".ann"))


def looks_like_labelstudio(path: str) -> bool:
    """Whether a ``.json`` file's start has Label Studio's task keys."""
    return starts_with(path, (b'"annotations"', b'"predictions"'), _HEAD) and starts_with(
        path, (b'"data"',), _HEAD
    )


def reader_kind(path: str, source: str | None = None) -> str:
    """What the reader makes of ``path``: ``"article"``, ``"records"`` (JSON Lines or a
    JSON array of records with ``text``, read lazily), or the format of another
    tool's file that is read whole (``labelstudio``, ``brat``, ``conll``,
    ``inception``, ``spacy``).  ``source`` is ``--from``, which decides."""
    if source is not None:
        if source in ("prodigy", "doccano"):
            return "records"
        return "article" if source == "text" else source
    if path == "-":
        return "article"
    ext = os.path.splitext(path)[1].lower()
    if ext in (".jsonl", ".ndjson"):
        return "records"
    if ext == ".json":
        return "labelstudio" if looks_like_labelstudio(path) else "records"
    if has_brat_annotations(path):
        return "brat"
    if ext == ".xmi" or (ext == ".xml" and starts_with(path, (b"xmi:XMI", b"omg.org/XMI"))):
        return "inception"
    if ext == ".spacy":
        return "spacy"
    if ext in CONLL_EXTENSIONS or (ext in (".txt", ".tsv") and looks_like_conll(path)):
        return "conll"
    return "article"
