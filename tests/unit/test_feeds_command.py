"""`hamish feeds ...` run in-process against the local server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from news_server import CP1256_ENTRY_TITLES, UTF8_ENTRY_TITLES, UTF8_FEED_TITLE, NewsServer

from reader.cli.main import main


def feeds(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["feeds", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_refresh_list_and_entries(
    capsys: pytest.CaptureFixture[str], news_server: NewsServer
) -> None:
    assert feeds(capsys, "add", news_server.url("/utf8.rss"))[0] == 0
    assert feeds(capsys, "add", news_server.url("/cp1256-bare.rss"), "--title", "جنوب")[0] == 0
    code, out, _ = feeds(capsys, "refresh")
    assert code == 0 and "2 feeds refreshed: 4 new entries, 0 failed" in out
    code, out, _ = feeds(capsys, "list", "--json")
    listed = json.loads(out)
    assert [(f["id"], f["title"], f["unread"], f["total"]) for f in listed] == [
        (1, UTF8_FEED_TITLE, 2, 2),
        (2, "جنوب", 2, 2),
    ]
    code, out, _ = feeds(capsys, "entries", "2", "--json")
    entries = json.loads(out)
    assert [e["title"] for e in entries] == list(reversed(CP1256_ENTRY_TITLES))
    assert set(entries[0]) == {"id", "feed", "feed_id", "title", "url", "date", "read", "starred"}
    assert entries[0]["date"] == "2025-06-11T01:30:00Z"


def test_a_failing_feed_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], news_server: NewsServer
) -> None:
    feeds(capsys, "add", news_server.url("/error.rss"))
    feeds(capsys, "add", news_server.url("/utf8.rss"))
    code, out, err = feeds(capsys, "refresh")
    assert code == 1
    assert err == f"hamish feeds: {news_server.url('/error.rss')}: HTTP 500 Internal Server Error\n"
    assert "1 failed" in out
    code, out, _ = feeds(capsys, "list")
    assert "last error: HTTP 500 Internal Server Error" in out


def test_a_url_that_is_not_the_web_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = feeds(capsys, "add", "file:///etc/passwd")
    assert (code, err) == (2, "hamish feeds: file:///etc/passwd: not an http or https URL\n")


def test_remove_by_id_or_url(capsys: pytest.CaptureFixture[str]) -> None:
    feeds(capsys, "add", "http://127.0.0.1:9/a.rss")
    feeds(capsys, "add", "http://127.0.0.1:9/b.rss")
    assert feeds(capsys, "remove", "1")[0] == 0
    assert feeds(capsys, "remove", "http://127.0.0.1:9/b.rss")[0] == 0
    code, _, err = feeds(capsys, "remove", "7")
    assert (code, err) == (2, "hamish feeds: 7: no such feed (see hamish feeds list)\n")


def test_import_and_export_opml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="أ" xmlUrl="http://127.0.0.1:9/a.rss"/>'
        '<outline text="ب" xmlUrl="http://127.0.0.1:9/b.rss"/></body></opml>',
        encoding="utf-8",
    )
    code, out, _ = feeds(capsys, "import", str(opml))
    assert (code, out) == (0, "2 feeds added, 0 already there\n")
    assert feeds(capsys, "import", str(opml))[1] == "0 feeds added, 2 already there\n"
    out_file = tmp_path / "out.opml"
    assert feeds(capsys, "export", "--output", str(out_file))[0] == 0
    assert 'title="ب" xmlUrl="http://127.0.0.1:9/b.rss"' in out_file.read_text(encoding="utf-8")


def test_save_to_a_corpus_never_twice(
    capsys: pytest.CaptureFixture[str], news_server: NewsServer, tmp_path: Path
) -> None:
    feeds(capsys, "add", news_server.url("/utf8.rss"))
    feeds(capsys, "refresh")
    corpus = str(tmp_path / "corpus.jsonl")
    code, out, _ = feeds(capsys, "save", "--feed", "1", "--to", corpus)
    assert (code, out) == (0, f"{corpus}: 2 articles added, 0 already there\n")
    code, out, _ = feeds(capsys, "save", "1", "--to", corpus)
    assert out == f"{corpus}: 0 articles added, 1 already there\n"
    records = [json.loads(x) for x in Path(corpus).read_text(encoding="utf-8").splitlines()]
    assert [r["meta"]["title"] for r in records] == list(reversed(UTF8_ENTRY_TITLES))
    assert records[0]["meta"]["feed"] == news_server.url("/utf8.rss")


def test_without_the_news_extra_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.news

    monkeypatch.setattr(reader.news, "find_spec", lambda name: None)
    code, out, err = feeds(capsys, "list")
    assert (code, out) == (2, "")
    assert err == "hamish feeds: feeds need the news extra: pip install 'hamish[news]'\n"
