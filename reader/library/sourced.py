"""Other tools' annotation files in the library: Label Studio, brat, CoNLL, XMI, spaCy.

Such a file is read whole when it is opened, through
:func:`reader.formats.detect.read_documents` (JSON Lines files, Prodigy's and
doccano's, stay with :class:`~reader.library.record_files.RecordFile`, which reads
a record when it is opened).  Each document keeps the spans it came with and
the lines saying which of its spans did not fit and were left out.

A Label Studio task annotated by several people is one document: its first
accepted annotation, else its first annotation or prediction, gives its spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from reader.documents import InputError
from reader.documents.json_input import lone_surrogate
from reader.formats.model import Report, SourceDoc
from reader.library.library import RecordArticle
from reader.library.record_files import Record, record_title

_LINE = re.compile(r":(\d+)$")


class SourceFile:
    """The documents of one file of another tool, read when it is opened."""

    def __init__(self, path: str, fmt: str) -> None:
        """Read ``path`` as format ``fmt``.  Raises InputError when it cannot be read
        at all (or the format needs a package that is not installed)."""
        from reader.formats.detect import missing_extra, read_documents

        missing = missing_extra({fmt})
        if missing:
            raise InputError(path, missing)
        self.path = path
        self._problems: list[InputError] = []  # documents that cannot be annotated
        report = Report()
        found: list[tuple[SourceDoc, tuple[str, ...]]] = []
        said = 0
        for doc in read_documents(path, report, fmt):
            # A reader says what was wrong with a document's spans before it yields it.
            problems = tuple(str(p) for p in report.problems[said:])
            said = len(report.problems)
            at = lone_surrogate(doc.text)
            if at is not None:
                problem = f"its text holds a lone surrogate at offset {at}; left out"
                self._problems.append(InputError(doc.where, problem))
                continue
            found.append((doc, problems))
        if found and said < len(report.problems):
            last, problems = found[-1]
            found[-1] = (last, problems + tuple(str(p) for p in report.problems[said:]))
        self._docs = _one_per_document(found) if fmt == "labelstudio" else found

    @classmethod
    def of_documents(cls, path: str, docs: Sequence[SourceDoc]) -> SourceFile:
        """Documents read already (`hamish review`'s) as one file of the library."""
        made = cls.__new__(cls)
        made.path = path
        made._problems = []
        made._docs = [(doc, ()) for doc in docs]
        return made

    def __len__(self) -> int:
        """The number of documents."""
        return len(self._docs)

    def line_of(self, i: int) -> int:
        """The line of the file document ``i`` starts on (1 when the file has no lines)."""
        found = _LINE.search(self._docs[i][0].where)
        return int(found.group(1)) if found else 1

    def record(self, i: int) -> Record:
        """Document ``i`` as a record (its title, meta, place)."""
        doc = self._docs[i][0]
        title = record_title({}, doc.meta, doc.text, i)
        return Record(doc.text, doc.meta, title, {}, self.line_of(i), i)

    def article(self, i: int) -> RecordArticle:
        """Document ``i`` to read and annotate, with the spans it came with."""
        doc, problems = self._docs[i]
        return RecordArticle(
            doc.text,
            doc.meta,
            doc.path,
            tuple((s.start, s.end, s.label) for s in doc.spans),
            problems,
            doc.doc_id,
            record=self.record(i),
        )

    def problems(self, limit: int | None = None) -> Iterator[InputError]:
        """The documents that were left out, at most ``limit`` of them."""
        yield from self._problems[:limit]


def _one_per_document(
    found: list[tuple[SourceDoc, tuple[str, ...]]],
) -> list[tuple[SourceDoc, tuple[str, ...]]]:
    """One document per id: the first accepted one, else the first."""
    chosen: dict[str, tuple[SourceDoc, tuple[str, ...]]] = {}
    for item in found:
        doc = item[0]
        kept = chosen.get(doc.doc_id)
        if kept is None or (kept[0].answer != "accept" and doc.answer == "accept"):
            chosen[doc.doc_id] = item
    return list(chosen.values())
