"""Saving articles to a corpus: records as hamish and Prodigy read them, never twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.documents import InputError
from reader.library import Library
from reader.news.corpus import corpus_record, save_records

ONE = corpus_record("فيضان دجلة في الموصل", title="فيضان", url="http://127.0.0.1/1", feed="f")
TWO = corpus_record("معرض الكتاب في بغداد", title="معرض", url="http://127.0.0.1/2", feed="f")


def test_records_have_text_and_meta(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    assert save_records(str(path), [ONE]) == (1, 0)
    (line,) = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {
        "text": "فيضان دجلة في الموصل",
        "meta": {
            "title": "فيضان",
            "url": "http://127.0.0.1/1",
            "source": "",
            "date": "",
            "feed": "f",
            "extractor": "",
        },
    }


def test_the_same_text_is_never_appended_twice(tmp_path: Path) -> None:
    path = str(tmp_path / "corpus.jsonl")
    save_records(path, [ONE])
    same_text = corpus_record(ONE["text"], title="another title")
    assert save_records(path, [TWO, same_text, TWO]) == (1, 2)
    texts = [json.loads(x)["text"] for x in Path(path).read_text().splitlines()]
    assert texts == [ONE["text"], TWO["text"]]


def test_the_corpus_opens_in_the_library(tmp_path: Path) -> None:
    path = str(tmp_path / "corpus.jsonl")
    save_records(path, [ONE, TWO])
    library = Library.open([path])
    assert library.count() == 2
    article = library.article(library.first())  # type: ignore[arg-type]
    assert article.text == ONE["text"] and article.title == "فيضان"


def test_a_file_that_is_not_a_corpus_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text('{"text": "ok"}\nnot json\n')
    with pytest.raises(InputError, match=r"notes.jsonl:2: not a corpus record"):
        save_records(str(path), [ONE])
    assert path.read_text() == '{"text": "ok"}\nnot json\n'


def test_a_last_line_without_its_newline_gets_one_first(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"text": "ok"}')
    save_records(str(path), [ONE])
    assert [json.loads(x)["text"] for x in path.read_text().splitlines()] == ["ok", ONE["text"]]


def test_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        save_records(str(tmp_path), [ONE])


def test_a_link_to_nothing_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "corpus.jsonl").symlink_to(tmp_path / "elsewhere.jsonl")
    with pytest.raises(InputError, match="link to nothing"):
        save_records(str(tmp_path / "corpus.jsonl"), [ONE])
    assert not (tmp_path / "elsewhere.jsonl").exists()
