"""A text file or standard input, read as it comes: one paragraph at a time.

``hamish render`` prints each paragraph's rows as soon as the paragraph has
been read, so its memory does not grow with the input, and a pipe that
never ends (``yes | hamish render -``) prints as it goes.  Bytes are decoded
as UTF-8 chunk by chunk; a NUL byte or bytes that are not UTF-8 are reported
where they are met, as :func:`reader.documents.reading.decode` reports them.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterable, Iterator
from typing import Protocol

from reader.documents.errors import InputError
from reader.documents.frontmatter import body_pieces
from reader.documents.reading import BOM, opened
from reader.layout.document import PARAGRAPH_BREAK

CHUNK = 1 << 16


class Readable(Protocol):
    """A binary stream with ``read1``: it returns what is there, without waiting for more."""

    def read1(self, size: int = ..., /) -> bytes: ...


def open_regular(path: str) -> io.BufferedReader:
    """``path`` opened for reading, if it is a regular file; else an InputError.

    A device, a named pipe or a socket could be endless (``/dev/zero``) or
    block forever, so they are refused; standard input takes a pipe.
    """
    f = opened(path)
    assert isinstance(f, io.BufferedReader)  # os.fdopen(fd, "rb")
    return f


def check_bytes(stream: Readable, name: str) -> None:
    """Read ``stream`` to its end and raise what :func:`decode` would raise for it.

    A NUL byte anywhere is reported before bytes that are not UTF-8, as when
    the whole file is read at once.
    """
    for _ in _decoded(stream, name, nul_first=True):
        pass


def paragraphs(stream: Readable, name: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each paragraph of the document in ``stream``, as it comes.

    The document is the text after the BOM and the front matter, as
    :func:`reader.documents.load_article` gives it, and paragraphs are what
    :func:`reader.layout.split_paragraphs` makes of it: they end at LF, CRLF
    or U+2029, and a text that ends with a break has no empty paragraph after.
    """
    return _split(body_pieces(_decoded(stream, name), name))


def _decoded(stream: Readable, name: str, nul_first: bool = False) -> Iterator[str]:
    """The text of ``stream``, a chunk at a time, its BOM left out.

    The first NUL byte or bytes that are not UTF-8 raise an InputError naming
    their byte offset and line, once the text before them has been given.
    With ``nul_first`` a NUL byte anywhere is reported rather than bad bytes
    before it, and nothing is given.
    """
    chunk, offset = _first_chunk(stream)
    pending = b""  # the start of a character cut at the chunk's end
    lines = 0  # line breaks before pending's first byte; `offset` is its byte offset
    bad: InputError | None = None  # bad bytes, found while looking for a NUL
    while True:
        data = pending + chunk
        nul = data.find(b"\x00")
        if nul_first:
            if nul >= 0:
                raise _problem(name, data, nul, offset, lines)
            used = len(data)
            if bad is None:
                try:
                    used = codecs.utf_8_decode(data, "strict", not chunk)[1]
                except UnicodeDecodeError as err:
                    bad = _problem(name, data, err.start, offset, lines)
        else:
            try:
                text, used = codecs.utf_8_decode(
                    data[: len(data) if nul < 0 else nul], "strict", not chunk
                )
            except UnicodeDecodeError as err:
                if err.start:
                    yield codecs.utf_8_decode(data[: err.start])[0]
                raise _problem(name, data, err.start, offset, lines) from None
            if text:
                yield text
            if nul >= 0:
                raise _problem(name, data, nul, offset, lines)
        if not chunk:
            if bad is not None:
                raise bad
            return
        lines += data.count(b"\n", 0, used)
        offset += used
        pending = data[used:]
        chunk = stream.read1(CHUNK)


def _first_chunk(stream: Readable) -> tuple[bytes, int]:
    """The stream's first bytes with any BOM left out, and where they start."""
    chunk = stream.read1(CHUNK)
    while chunk and len(chunk) < len(BOM) and BOM.startswith(chunk):
        more = stream.read1(len(BOM) - len(chunk))  # a pipe may give a byte at a time
        if not more:
            break
        chunk += more
    if chunk.startswith(BOM):
        return chunk[len(BOM) :] or stream.read1(CHUNK), len(BOM)
    return chunk, 0


def _problem(name: str, data: bytes, at: int, offset: int, lines: int) -> InputError:
    """The error for ``data[at]``, a NUL byte or one that is not UTF-8, where
    ``data`` starts at byte ``offset`` of the stream, after ``lines`` line breaks."""
    where = f"at byte offset {offset + at}"
    line = lines + data.count(b"\n", 0, at) + 1
    if data[at] == 0:
        return InputError(name, f"binary file (NUL byte {where})", line)
    return InputError(name, f"not UTF-8: byte 0x{data[at]:02x} {where}", line)


def _split(pieces: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(offset, text) of the paragraphs of a text that arrives in pieces."""
    parts: list[str] = []  # the paragraph so far
    at = 0  # where it starts
    cr = False  # the last piece ended in "\r", which may be half of a CRLF
    found = False
    for text in pieces:
        if not text:
            continue
        if cr:
            cr = False
            if text[0] == "\n":
                paragraph = "".join(parts)
                yield at, paragraph
                found = True
                at += len(paragraph) + 2
                parts = []
                text = text[1:]
            else:
                parts.append("\r")
        start = 0
        for m in PARAGRAPH_BREAK.finditer(text):
            parts.append(text[start : m.start()])
            paragraph = "".join(parts)
            yield at, paragraph
            found = True
            at += len(paragraph) + m.end() - m.start()
            parts = []
            start = m.end()
        rest = text[start:]
        if rest.endswith("\r"):
            cr = True
            rest = rest[:-1]
        if rest:
            parts.append(rest)
    if cr:
        parts.append("\r")
    if parts or not found:
        yield at, "".join(parts)
