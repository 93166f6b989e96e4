"""The library: entries for paths and directories, errors as entries, moving between documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.documents import Article, InputError, load_article
from reader.files.bundled import samples_dir
from reader.library import Entry, Library, Position, RecordArticle, expand


def touch(path: Path, text: str = "text\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(path: Path, *texts: str) -> Path:
    return touch(path, "".join(json.dumps({"text": t}) + "\n" for t in texts))


def test_library_does_not_load_textual() -> None:
    code = "import sys, reader.library; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_bundled_samples() -> None:
    library = Library.open([str(samples_dir())])
    files = sorted(samples_dir().glob("*.txt"))
    assert len(files) == 7
    assert [e.path for e in library.entries] == [str(f) for f in files]
    assert library.count() == 7
    for i, (entry, file) in enumerate(zip(library.entries, files, strict=True)):
        article = load_article(str(file))
        assert entry.error is None and entry.kind == "article"
        assert entry.title == article.title
        assert entry.source == article.meta["source"]
        assert entry.date == article.meta["date"]
        assert entry.length == len(article.text)
        assert library.article(Position(i)) == article


def test_directory_expansion_and_order(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    for name in [
        "zz.txt",
        "b.txt",
        "a.md",
        "C.TXT",
        "sub/c.jsonl",
        "sub/z/e.txt",
        "sub-x/d.json",
        # Not documents, or hidden:
        "notes.csv",
        "README",
        ".hidden.txt",
        ".git/x.txt",
        "sub/.cache/y.jsonl",
    ]:
        touch(root / name)
    found = [path for path, error in expand([str(root)])]
    # By path, one folder level at a time: sub/ sorts before sub-x/ and zz.txt.
    assert found == [
        str(root / name)
        for name in [
            "C.TXT",
            "a.md",
            "b.txt",
            "sub/c.jsonl",
            "sub/z/e.txt",
            "sub-x/d.json",
            "zz.txt",
        ]
    ]


def test_explicit_paths_keep_their_order(tmp_path: Path) -> None:
    z = touch(tmp_path / "z.txt")
    a = touch(tmp_path / "a.txt")
    folder = tmp_path / "folder"
    touch(folder / "2.md")
    touch(folder / "1.md")
    library = Library.open([str(z), str(folder), str(a)])
    assert [e.path for e in library.entries] == [
        str(z),
        str(folder / "1.md"),
        str(folder / "2.md"),
        str(a),
    ]


def test_a_directory_without_documents_adds_nothing(tmp_path: Path) -> None:
    touch(tmp_path / "empty" / "image.png")
    (tmp_path / "nothing").mkdir()
    library = Library.open([str(tmp_path / "empty"), str(tmp_path / "nothing")])
    assert library.entries == ()
    assert library.count() == 0
    assert library.first() is None


def test_article_entry_fields(tmp_path: Path) -> None:
    with_meta = touch(
        tmp_path / "news.txt",
        '+++\ntitle = "عنوان"\nsource = "Shafaq News"\ndate = 2022-01-23\n+++\nنص الخبر\n',
    )
    plain = touch(tmp_path / "plain.md", "# Heading\nbody\n")
    library = Library.open([str(with_meta), str(plain)])
    # An unquoted TOML date is a date; the entry shows it as ISO text.
    assert library.entries == (
        Entry(str(with_meta), "article", "عنوان", "Shafaq News", "2022-01-23", 9),
        Entry(str(plain), "article", "plain.md", "plain.md", "", 15),
    )


def test_unusable_files_are_entries_with_their_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    front = touch(tmp_path / "front.txt", '+++\ntitle = "x"\ndate = \n+++\nbody\n')
    missing_records = tmp_path / "gone.jsonl"
    good = touch(tmp_path / "good.txt", "fine\n")
    library = Library.open([str(p) for p in (missing, binary, front, missing_records, good)])
    entries = library.entries
    assert [e.error for e in entries[:2]] == [
        f"{missing}: no such file",
        f"{binary}:3: binary file (NUL byte at byte offset 8)",
    ]
    assert entries[2].error is not None
    assert entries[2].error.startswith(f"{front}:3: bad front matter: ")
    assert entries[3] == Entry(
        str(missing_records),
        "records",
        "gone.jsonl",
        "gone.jsonl",
        "",
        0,
        f"{missing_records}: no such file",
    )
    assert entries[4].error is None
    assert library.count() == 1
    assert library.first() == Position(4, 0)
    with pytest.raises(InputError) as err:
        library.article(Position(0))
    assert str(err.value) == f"{missing}: no such file"


def test_record_file_entry_and_its_articles(tmp_path: Path) -> None:
    p = touch(
        tmp_path / "tasks.jsonl",
        json.dumps({"text": "أول", "meta": {"source": "s1"}, "_input_hash": 9}) + "\n"
        "\n" + json.dumps({"text": "second\nline", "title": "Two", "spans": []}) + "\n",
    )
    library = Library.open([str(p)])
    assert library.entries == (Entry(str(p), "records", "tasks.jsonl", "tasks.jsonl", "", 2),)
    assert library.count() == 2
    first = library.article(Position(0, 0))
    assert isinstance(first, RecordArticle) and isinstance(first, Article)
    assert (first.text, first.meta, first.path, first.title) == (
        "أول",
        {"source": "s1"},
        str(p),
        "أول",
    )
    assert first.record.raw["_input_hash"] == 9
    second = library.article(Position(0, 1))
    assert second.title == "Two"
    assert isinstance(second, RecordArticle)
    assert second.record.line == 3
    assert second.meta == {}  # the title is not added to the record's meta
    record_file = library.record_file(0)
    assert record_file is not None and len(record_file) == 2


def test_a_record_file_without_records_is_an_error_entry(tmp_path: Path) -> None:
    p = touch(tmp_path / "empty.jsonl", "\n\n")
    (entry,) = Library.open([str(p)]).entries
    assert entry.error == f"{p}: no records"


def test_a_bad_record_does_not_stop_the_rest(tmp_path: Path) -> None:
    p = touch(tmp_path / "r.jsonl", '{"text": "a"}\n{"text": "b"\n{"text": "c"}\n')
    library = Library.open([str(p)])
    assert library.count() == 3
    with pytest.raises(InputError) as err:
        library.article(Position(0, 1))
    assert str(err.value) == f"{p}:2: bad JSON: Expecting ',' delimiter at column 13"
    assert library.next(Position(0, 1)) == Position(0, 2)
    assert library.article(Position(0, 2)).text == "c"


def test_next_and_previous_walk_records_then_files(tmp_path: Path) -> None:
    a = touch(tmp_path / "a.txt")
    missing = tmp_path / "missing.txt"
    records = jsonl(tmp_path / "r.jsonl", "r0", "r1", "r2")
    empty = touch(tmp_path / "empty.jsonl", "")
    b = touch(tmp_path / "b.txt")
    library = Library.open([str(p) for p in (a, missing, records, empty, b)])
    order = [Position(0, 0), Position(2, 0), Position(2, 1), Position(2, 2), Position(4, 0)]
    assert library.count() == 5

    walked = [library.first()]
    while (step := library.next(walked[-1])) is not None:  # type: ignore[arg-type]
        walked.append(step)
    assert walked == order

    back = [order[-1]]
    while (step := library.previous(back[-1])) is not None:
        back.append(step)
    assert back == order[::-1]

    assert [library.number(p) for p in order] == [1, 2, 3, 4, 5]
    assert [library.article(p).title for p in order] == ["a.txt", "r0", "r1", "r2", "b.txt"]


def test_positions_that_are_not_there(tmp_path: Path) -> None:
    library = Library.open([str(touch(tmp_path / "a.txt"))])
    with pytest.raises(IndexError):
        library.article(Position(0, 1))
    with pytest.raises(IndexError):
        library.article(Position(1, 0))


def test_json_array_file_in_the_library(tmp_path: Path) -> None:
    p = touch(tmp_path / "data.json", json.dumps([{"text": "x"}, {"text": "y"}]))
    library = Library.open([str(p)])
    assert library.entries[0].length == 2
    assert library.article(Position(0, 1)).text == "y"


def test_standard_input_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Stdin:
        buffer = io.BytesIO("من الأنبوب\n".encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    library = Library.open(["-"])
    assert library.entries[0].title == "<stdin>"
    assert library.article(Position(0)).text == "من الأنبوب\n"
    assert library.article(Position(0)).text == "من الأنبوب\n"
