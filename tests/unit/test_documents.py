"""Reading files: encodings, BOM, CRLF, front matter, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.documents import InputError, load_article
from reader.documents.reading import decode


def test_bom_is_dropped_and_crlf_kept() -> None:
    assert decode(b"\xef\xbb\xbfab\r\ncd", "f") == "ab\r\ncd"


def test_non_utf8_names_the_byte_offset_and_line() -> None:
    with pytest.raises(InputError) as err:
        decode("سطر\nثاني".encode() + b"\xff", "f.txt")
    assert (
        str(err.value) == "f.txt:2: not UTF-8: byte 0xff at byte offset 15"
    )  # 6 + 1 + 8 bytes before it


def test_byte_offset_counts_the_bom() -> None:
    with pytest.raises(InputError) as err:
        decode(b"\xef\xbb\xbfab\xc3", "f.txt")
    assert "byte offset 5" in str(err.value)


def test_binary_file() -> None:
    with pytest.raises(InputError) as err:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "x.png")
    assert str(err.value) == "x.png:3: binary file (NUL byte at byte offset 8)"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_article(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        load_article(str(tmp_path))


def test_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text('+++\ntitle = "عنوان"\ndate = "2022-01-23"\n+++\nالنص\n', encoding="utf-8")
    article = load_article(str(f))
    assert article.title == "عنوان"
    assert article.meta["date"] == "2022-01-23"
    assert article.text == "النص\n"


def test_bad_front_matter_names_the_line(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text('+++\ntitle = "x"\ndate = \n+++\nbody\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_article(str(f))
    assert str(err.value).startswith(f"{f}:3: bad front matter: ")


def test_unclosed_front_matter(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("+++\ntitle = 1\nbody\n", encoding="utf-8")
    with pytest.raises(InputError, match="never closed"):
        load_article(str(f))


def test_no_front_matter_keeps_the_text_whole(tmp_path: Path) -> None:
    f = tmp_path / "notes.md"
    f.write_text("# Title\n+++\n", encoding="utf-8")
    article = load_article(str(f))
    assert article.text == "# Title\n+++\n"
    assert article.title == "notes.md"
