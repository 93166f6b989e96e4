"""Reading a document as it comes: paragraphs, offsets, errors, special files.

The expected side is always the whole-text path: ``decode`` and
``split_front_matter`` on all the bytes, then ``split_paragraphs``.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.documents import InputError
from reader.documents import frontmatter as frontmatter_module
from reader.documents.frontmatter import split_front_matter
from reader.documents.reading import decode
from reader.documents.stream import check_bytes, open_regular, paragraphs
from reader.layout import split_paragraphs


class Pieces:
    """A stream that hands out its bytes in the sizes given, as a pipe may."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self.data = data
        self.sizes = sizes or [1]
        self.at = 0
        self.reads = 0

    def read1(self, size: int = -1, /) -> bytes:
        n = self.sizes[self.reads % len(self.sizes)]
        self.reads += 1
        out = self.data[self.at : self.at + min(n, size if size >= 0 else n)]
        self.at += len(out)
        return out


def whole(data: bytes) -> list[tuple[int, str]]:
    """The paragraphs as the whole-file path makes them."""
    _, body = split_front_matter(decode(data, "f"), "f")
    return [(start, body[start:end]) for start, end in split_paragraphs(body)]


TEXT_PIECES = ["a", "ب", "لا", " ", "\n", "\r", "\r\n", "\u2029", "1", "+++", "+++ \n", "x = 1\n"]
texts = st.lists(st.sampled_from(TEXT_PIECES), max_size=40).map("".join)
sizes = st.lists(st.integers(1, 9), max_size=5)


@given(texts, sizes, st.booleans())
def test_paragraphs_as_they_come_are_those_of_the_whole_text(
    text: str, chunks: list[int], bom: bool
) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode()
    try:
        expected = whole(data)
    except InputError as err:  # front matter never closed, or bad TOML
        with pytest.raises(InputError) as found:
            list(paragraphs(Pieces(data, chunks), "f"))
        assert str(found.value) == str(err)
        return
    assert list(paragraphs(Pieces(data, chunks), "f")) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "a\r\nb\r\n",
        "a\rb\r",
        "x\u2029y z\u2029",
        '+++\ntitle = "t"\n+++\nbody\n',
        '+++ \r\ntitle = "t"\r\n+++\r\nbody',
        '+++\ntitle = "t"\n+++',
        "+++x\nnot front matter\n",
        "+++",
    ],
)
def test_edge_texts_a_byte_at_a_time(text: str) -> None:
    data = text.encode()
    assert list(paragraphs(Pieces(data, [1]), "f")) == whole(data)


@given(st.binary(max_size=40), sizes)
def test_a_file_read_through_fails_as_the_whole_file_does(data: bytes, chunks: list[int]) -> None:
    try:
        decode(data, "f")
    except InputError as err:
        with pytest.raises(InputError) as found:
            check_bytes(Pieces(data, chunks), "f")
        assert str(found.value) == str(err)
    else:
        check_bytes(Pieces(data, chunks), "f")


def test_a_stream_gives_the_paragraphs_before_bad_bytes_then_fails_there() -> None:
    data = "one\nاثنان\nth".encode() + b"\xe9ree\n\x00"
    stream = paragraphs(Pieces(data, [4]), "<stdin>")
    assert next(stream) == (0, "one")
    assert next(stream) == (4, "اثنان")
    with pytest.raises(InputError) as err:
        next(stream)
    # The bad byte comes first in the stream, though the whole-file path
    # names the NUL byte after it.
    assert str(err.value) == "<stdin>:3: not UTF-8: byte 0xe9 at byte offset 17"


def test_front_matter_that_never_ends_is_refused_once_past_the_limit(monkeypatch) -> None:
    monkeypatch.setattr(frontmatter_module, "FRONT_MATTER_LIMIT", 100)
    endless = Pieces(b"+++\n" + b"x = 1\n" * 1000, [64])
    with pytest.raises(InputError) as err:
        next(paragraphs(endless, "<stdin>"))
    assert str(err.value) == (
        "<stdin>:1: front matter opened with +++ is not closed within 100 characters"
    )
    assert endless.at < 300  # it stopped reading


def test_special_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        open_regular("/dev/zero")
    assert str(err.value) == "/dev/zero: not a regular file (a character device)"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as err:
        open_regular(str(fifo))  # and it does not wait for a writer
    assert str(err.value).endswith("fifo: not a regular file (a FIFO)")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "sock"))
        with pytest.raises(InputError, match="sock: not a regular file \\(a socket\\)"):
            open_regular(str(tmp_path / "sock"))
    with pytest.raises(InputError, match="is a directory"):
        open_regular(str(tmp_path))
    with pytest.raises(InputError, match="no such file"):
        open_regular(str(tmp_path / "missing"))
