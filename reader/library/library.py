"""The library: the documents ``hamish PATH...`` opened, and moving between them.

Each path is a file, a directory, or a web page's URL (fetched when read).  A
directory stands for the ``.txt``, ``.md``, ``.jsonl``, ``.json``, CoNLL
(``.conll``, ``.iob``, ``.bio`` ...) and ``.xmi`` files inside it,
recursively, in path order, hidden ones left out.  A ``.txt`` or ``.md`` file
(or any file named explicitly with another extension, or ``-`` for standard
input, read once) is one article; a ``.jsonl`` or ``.json`` file is one entry
holding many records.  Other tools' annotation files
(:func:`reader.formats.sniff.reader_kind`: a Label Studio export, a ``.txt``
with a brat ``.ann`` beside it, CoNLL columns, XMI) are entries of the
documents they hold, each with the spans it came with.  A file that
cannot be used is still an entry, carrying its one-line error, so the rest open
all the same.

A document is at a :class:`Position`: an entry, and a record within it (always
0 for an article).  The documents are in order: the records of an entry one
after another, then the next entry's; entries with an error hold none.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple
from urllib.parse import urlsplit

from reader.documents import Article, InputError, load_article
from reader.documents.reading import ARTICLE_LIMIT

WEB_SCHEMES = ("http://", "https://")

if TYPE_CHECKING:  # record files load when one is opened
    from reader.library.record_files import Record, RecordFile
    from reader.library.sourced import SourceFile

EXTENSIONS = (
    ".txt",
    ".md",
    ".jsonl",
    ".json",
    ".xmi",
    *(".conll", ".conll03", ".iob", ".iob1", ".iob2", ".bio", ".bioes", ".bilou", ".biluo"),
)
"""The files a directory is searched for."""

Kind = Literal["article", "records"]


class Position(NamedTuple):
    """Where a document is: ``entry`` of :attr:`Library.entries`, and ``record`` in it."""

    entry: int
    record: int = 0


@dataclass(frozen=True)
class Entry:
    """One file of the library, as the list of documents shows it.

    ``length`` is the number of characters of an article's text, or the number
    of records of a record file.  ``error`` is the one-line reason the file
    cannot be used (``path:line: problem``), else None.  A record file's title
    and source are its file name; its records have titles of their own.
    """

    path: str
    kind: Kind
    title: str
    source: str
    date: str
    length: int
    error: str | None = None


@dataclass(frozen=True)
class RecordArticle(Article):
    """An article that is a record of a record file: ``path`` is the file's.

    Its ``meta`` is the record's own, unchanged; ``record`` holds the rest
    (``raw``, ``line``, ``index``).
    """

    record: Record = field(kw_only=True)

    @property
    def title(self) -> str:
        """The record's title."""
        return self.record.title


class Opened(NamedTuple):
    """One file as :meth:`Library.open` found it."""

    entry: Entry
    file: RecordFile | SourceFile | None  # for a record file that opened
    error: InputError | None  # why the file cannot be used
    article: Article | None = None  # kept when it cannot be read again: standard input


class Library:
    """The entries opened, and the order of the documents in them."""

    def __init__(
        self, opened: Sequence[Opened], limit: int = ARTICLE_LIMIT, source: str | None = None
    ) -> None:
        """A library of files already opened; :meth:`open` makes one from paths.

        ``limit`` is the most bytes an article may have when it is read again;
        ``source`` the format ``--from`` named, if any.
        """
        self.limit = limit
        self.source = source
        self.entries: tuple[Entry, ...] = ()
        self._files: tuple[RecordFile | SourceFile | None, ...] = ()
        self._errors: tuple[InputError | None, ...] = ()
        self._kept: tuple[Article | None, ...] = ()
        self._sizes: tuple[int, ...] = ()
        self._before: list[int] = []
        self._count = 0
        self.extend(opened)

    def extend(self, opened: Sequence[Opened]) -> Position | None:
        """Add entries after the last (a shared store's next batch of documents);
        the first new document's position, None when they hold none."""
        start = len(self.entries)
        self.entries += tuple(item.entry for item in opened)
        self._files += tuple(item.file for item in opened)
        self._errors += tuple(item.error for item in opened)
        self._kept += tuple(item.article for item in opened)
        for item in opened:
            size = 0 if item.error else (item.entry.length if item.file else 1)
            self._sizes += (size,)
            self._before.append(self._count)
            self._count += size
        return self._forward(start)

    @classmethod
    def open(
        cls, paths: Iterable[str], limit: int = ARTICLE_LIMIT, source: str | None = None
    ) -> Library:
        """The library of ``paths``, in the order given, directories expanded.

        Articles are read now, for their titles and lengths; record files are
        only indexed.  Never raises for a bad file: it becomes an entry with an
        error.  Only regular files are read (a FIFO or a device in a folder is
        an entry with an error, never opened), and an article, ``.json`` file
        or JSON Lines record of more than ``limit`` bytes is an error.
        ``source`` (``--from``) says which tool's files they all are.
        """
        return cls(open_files(paths, limit, source), limit, source)

    def count(self) -> int:
        """How many documents there are: articles and records."""
        return self._count

    def number(self, position: Position) -> int:
        """The 1-based place of the document at ``position`` among all (for "i/N")."""
        self._check(position)
        return self._before[position.entry] + position.record + 1

    def first(self) -> Position | None:
        """The first document's position, or None when there is none."""
        return self._forward(0)

    def next(self, position: Position) -> Position | None:
        """The next document: the next record, else the next entry's first; None at the end."""
        entry, record = position
        if record + 1 < self._sizes[entry]:
            return Position(entry, record + 1)
        return self._forward(entry + 1)

    def previous(self, position: Position) -> Position | None:
        """The previous document: the previous record, else the previous entry's last."""
        entry, record = position
        if 0 < record <= self._sizes[entry]:
            return Position(entry, record - 1)
        for i in range(entry - 1, -1, -1):
            if self._sizes[i]:
                return Position(i, self._sizes[i] - 1)
        return None

    def comes_with_spans(self) -> bool:
        """Whether the files opened are annotations to correct: another tool's annotation
        file, or a record file whose first record has spans (hamish's own outputs aside)."""
        from reader.library.record_files import RecordFile

        for i, file in enumerate(self._files):
            if file is None or self._errors[i] is not None:
                continue
            if not isinstance(file, RecordFile):
                return True
            try:
                first = file.record(0)
            except InputError:
                continue
            if "_hamish_doc" in first.raw:
                continue
            # Loaded only here: an article (the first paint's usual case) needs none of it.
            from reader.formats.record_spans import record_spans

            spans, problems = record_spans(
                first.raw, first.text, file.path, first.line, self.source
            )
            if spans or problems:
                return True
        return False

    def record_file(self, entry: int) -> RecordFile | SourceFile | None:
        """The RecordFile of a record entry that opened, else None (for checking it whole)."""
        return self._files[entry]

    def article(self, position: Position) -> Article:
        """The document at ``position``, read now: a RecordArticle for a record.

        Raises :class:`InputError` for an entry with an error, a malformed record,
        or a file that can no longer be read; IndexError for no such position.
        """
        self._check(position)
        entry = self.entries[position.entry]
        file = self._files[position.entry]
        if file is None:
            kept = self._kept[position.entry]
            if kept is not None:
                return kept
            if is_web_url(entry.path):
                from reader.news.web import read_web_article

                return read_web_article(entry.path)
            return load_article(entry.path, self.limit)
        from reader.library.record_files import RecordFile  # loaded with the file

        if not isinstance(file, RecordFile):
            return file.article(position.record)
        from reader.formats.record_spans import record_spans

        record = file.record(position.record)
        spans, problems = record_spans(
            record.raw, record.text, entry.path, record.line, self.source
        )
        return RecordArticle(record.text, record.meta, entry.path, spans, problems, record=record)

    def _forward(self, start: int) -> Position | None:
        for i in range(start, len(self.entries)):
            if self._sizes[i]:
                return Position(i, 0)
        return None

    def _check(self, position: Position) -> None:
        entry, record = position
        if not 0 <= entry < len(self.entries):
            raise IndexError(f"entry {entry} of {len(self.entries)}")
        error = self._errors[entry]
        if error is not None:
            raise InputError(error.path, error.problem, error.line)
        if not 0 <= record < self._sizes[entry]:
            raise IndexError(f"document {record} of {self._sizes[entry]} in entry {entry}")


def open_files(
    paths: Iterable[str], limit: int = ARTICLE_LIMIT, source: str | None = None
) -> list[Opened]:
    """The entries of ``paths`` as :meth:`Library.open` opens them (any thread)."""
    return [_open_file(path, error, limit, source) for path, error in expand(paths)]


def expand(paths: Iterable[str]) -> list[tuple[str, InputError | None]]:
    """The files ``paths`` stand for, each with the error met looking for it (if any).

    A file (or a path that is not there) stands for itself; a directory for the
    document files in it, recursively, sorted by path, hidden names skipped.
    Errors are for directories that could not be listed.
    """
    found: list[tuple[str, InputError | None]] = []
    for path in paths:
        if is_web_url(path):
            found.append((path, None))
        elif os.path.isdir(path):
            found.extend(_walk(path))
        else:
            found.append((path, None))
    return found


def _walk(root: str) -> list[tuple[str, InputError | None]]:
    found: list[tuple[str, InputError | None]] = []

    def unlisted(err: OSError) -> None:
        name = str(err.filename) if err.filename else root
        reason = "permission denied" if isinstance(err, PermissionError) else err.strerror
        found.append((name, InputError(name, reason or "cannot be listed")))

    for folder, dirs, files in os.walk(root, onerror=unlisted):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            (os.path.join(folder, name), None)
            for name in files
            if not name.startswith(".") and name.lower().endswith(EXTENSIONS)
        )
    found.sort(key=lambda item: item[0].split(os.sep))
    return found


def _open_file(path: str, error: InputError | None, limit: int, source: str | None) -> Opened:
    """One file opened as an entry; ``error`` is one met before it was opened.

    A web page (an http or https URL) is an entry that is fetched when read.
    """
    if is_web_url(path):
        host = urlsplit(path).hostname or path
        return Opened(Entry(path, "article", path, host, "", 0), None, None)
    from reader.formats.sniff import reader_kind

    name = "<stdin>" if path == "-" else os.path.basename(path) or path
    found = reader_kind(path, source) if error is None else "article"
    records = found == "records"
    kind: Kind = "article" if found == "article" else "records"
    if error is None:
        try:
            if found not in ("records", "article"):
                from reader.library.sourced import SourceFile

                documents = SourceFile(path, found)
                if len(documents):
                    entry = Entry(path, kind, name, name, "", len(documents))
                    return Opened(entry, documents, None)
                raise InputError(path, "no documents")
            if records:
                from reader.library.record_files import RecordFile

                file = RecordFile(path, limit)
                if len(file):
                    return Opened(Entry(path, kind, name, name, "", len(file)), file, None)
                raise InputError(path, "no records")
            article = load_article(path, limit)
            meta = article.meta
            source = _text(meta.get("source")) or name
            date = _text(meta.get("date"))
            title = name if article.title == "-" else article.title
            entry = Entry(path, kind, title, source, date, len(article.text))
            return Opened(entry, None, None, article if path == "-" else None)
        except InputError as err:
            error = err
    return Opened(Entry(path, kind, name, name, "", 0, str(error)), None, error)


def is_web_url(path: str) -> bool:
    """Whether a path given to hamish is a web page's URL (http or https)."""
    return path[:8].lower().startswith(WEB_SCHEMES)


def _text(value: Any) -> str:
    """A metadata value as text ("" for none); TOML dates become ISO dates."""
    if value is None:
        return ""
    return str(value).strip()
