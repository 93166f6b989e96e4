"""brat standoff: a ``.txt`` file and its ``.ann`` file, or a folder of such pairs.

Only text-bound annotations (``T`` lines) become spans::

    T1<TAB>PER 0 5<TAB>جمال

Offsets count code points into the ``.txt`` file read exactly as it is
(CRLF kept).  A discontinuous span (``0 5;9 12``) and every other kind of
line (relations ``R``, events ``E``, attributes ``A``/``M``, normalizations
``N``, notes ``#``, equivalences ``*``) are left out and counted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from reader.documents.errors import InputError
from reader.documents.reading import read_text
from reader.formats.model import Report, SourceDoc, SourceSpan, make_span, text_problem
from reader.formats.writing import FileNames, output_folder, write_in_folder

_KINDS = {
    "R": "brat relations (R lines)",
    "E": "brat events (E lines)",
    "A": "brat attributes (A/M lines)",
    "M": "brat attributes (A/M lines)",
    "N": "brat normalizations (N lines)",
    "#": "brat notes (# lines)",
    "*": "brat equivalences (* lines)",
}


def brat_pairs(path: str) -> list[tuple[str, str]]:
    """The ``(txt, ann)`` pairs of a ``.txt``, an ``.ann`` or a folder of them, sorted."""
    if os.path.isdir(path):
        pairs = []
        for folder, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".ann"):
                    ann = os.path.join(folder, name)
                    pairs.append((ann[: -len(".ann")] + ".txt", ann))
        return pairs
    stem = os.path.splitext(path)[0]
    return [(stem + ".txt", stem + ".ann")]


def read_brat(path: str, report: Report) -> Iterator[SourceDoc]:
    """The documents of a brat ``.txt``/``.ann`` pair, or of every pair in a folder."""
    pairs = brat_pairs(path)
    for txt, ann in pairs:
        try:
            text, ann_text = read_text(txt), read_text(ann)
        except InputError as err:
            if len(pairs) == 1:
                raise
            report.problems.append(err)
            report.skip("brat documents that could not be read")
            continue
        spans = list(_spans(ann, text, ann_text, report))
        name = os.path.splitext(os.path.basename(txt))[0]
        yield SourceDoc(text, tuple(spans), txt, txt, name, {"brat": os.path.basename(ann)})


def _spans(path: str, text: str, ann: str, report: Report) -> Iterator[SourceSpan]:
    """The spans of the ``T`` lines of an ``.ann`` file."""
    for number, line in enumerate(ann.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if not line.startswith("T"):
            report.skip(_KINDS.get(line[0], "brat lines of an unknown kind"))
            continue
        parts = line.split("\t", 2)
        fields = parts[1].split(" ", 1) if len(parts) > 1 else []
        if len(fields) != 2:
            report.problem(path, "not an ID, a type and offsets; skipped", number)
            report.skip("spans that do not fit their text")
            continue
        label, where = fields
        if ";" in where:
            report.skip("discontinuous brat spans")
            continue
        bounds = where.split(" ")
        start, end = (_number(b) for b in bounds) if len(bounds) == 2 else (None, None)
        made = make_span(text, start, end, label)
        if isinstance(made, SourceSpan) and len(parts) == 3:
            made = text_problem(_one_line(text), made, parts[2]) or made
        if isinstance(made, str):
            report.problem(path, f"{parts[0]}: {made}; skipped", number)
            report.skip("spans that do not fit their text")
            continue
        yield made


def _number(word: str) -> int | str:
    """A decimal offset, or the word itself when it is not one."""
    return int(word) if word.isascii() and word.isdigit() and len(word) < 20 else word


def _one_line(span_text: str) -> str:
    """A span's text as an ``.ann`` line holds it: line breaks as spaces."""
    return span_text.replace("\r", " ").replace("\n", " ")


def write_brat(docs: Iterable[SourceDoc], output: str, report: Report) -> int:
    """Write a ``NAME.txt``/``NAME.ann`` pair per document into the folder ``output``.

    Also writes ``annotation.conf`` naming the labels, so brat shows them.
    Labels with whitespace cannot be brat types: such spans are left out.
    Returns the number of documents written.
    """
    folder = output_folder(output)
    names = FileNames()
    labels: dict[str, None] = {}
    count = 0
    for doc in docs:
        lines: list[str] = []
        for span in doc.spans:
            if any(c.isspace() for c in span.label):
                report.skip("spans whose label has whitespace (brat types cannot)")
                continue
            labels[span.label] = None
            piece = _one_line(doc.text[span.start : span.end])
            lines.append(f"T{len(lines) + 1}\t{span.label} {span.start} {span.end}\t{piece}\n")
        try:
            txt = doc.text.encode("utf-8")
        except UnicodeEncodeError:
            report.problem(doc.where, "cannot be written: its text is not valid Unicode")
            report.skip("documents that could not be written")
            continue
        stem = os.path.join(folder, names.name_for(doc.doc_id))
        write_in_folder(stem + ".txt", txt)
        write_in_folder(stem + ".ann", "".join(lines).encode("utf-8"))
        count += 1
    conf = "[entities]\n" + "".join(f"{label}\n" for label in labels)
    conf += "[relations]\n[events]\n[attributes]\n"
    write_in_folder(os.path.join(folder, "annotation.conf"), conf.encode("utf-8"))
    return count
