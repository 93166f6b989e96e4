"""`hamish URL`: a web page is a library entry, fetched when read and kept."""

from __future__ import annotations

import pytest
from news_server import ARTICLE_PARAGRAPHS, NAV_TEXT, SUMMARY_ENTRY_TITLE, NewsServer, article_page

from reader.cli.app_main import web_problem
from reader.documents import InputError
from reader.library import Library, Position
from reader.news.store import NewsStore


def test_a_url_is_an_entry_read_from_the_web(news_server: NewsServer) -> None:
    url = news_server.url("/article/1.html")
    library = Library.open([url])
    assert news_server.hits["/article/1.html"] == 0  # nothing fetched until read
    article = library.article(Position(0))
    assert article.text.splitlines()[-3:] == list(ARTICLE_PARAGRAPHS)
    assert NAV_TEXT not in article.text
    assert article.title == SUMMARY_ENTRY_TITLE
    assert article.meta["extractor"].startswith("trafilatura ")
    page = NewsStore().page(url)  # kept, raw HTML and all
    assert page is not None and page.html == article_page()


def test_a_page_that_fails_is_an_input_error(news_server: NewsServer) -> None:
    url = news_server.url("/error.rss")
    with pytest.raises(InputError, match="HTTP 500"):
        Library.open([url]).article(Position(0))


def test_without_the_web_extra_hamish_url_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.news.extract

    monkeypatch.setattr(reader.news.extract, "web_extra_missing", lambda: "needs web")
    assert web_problem(["a.txt", "http://127.0.0.1:9/x"]) == "http://127.0.0.1:9/x: needs web"
    assert web_problem(["a.txt"]) is None


def test_a_url_with_no_host_is_refused() -> None:
    assert web_problem(["http://"]) == "http://: no host in the URL"


def test_a_new_selector_takes_a_kept_page_out_again(news_server: NewsServer) -> None:
    from reader.news.refresh import refresh
    from reader.news.save import entry_text

    store = NewsStore()
    feed = store.add_feed(news_server.url("/summary.rss"))
    refresh()
    entry = store.entries(feed.id)[0]
    text, extractor, _ = entry_text(store, entry)
    assert extractor.startswith("trafilatura ") and text.splitlines()[0] == SUMMARY_ENTRY_TITLE
    hits = news_server.hits["/article/1.html"]
    store.set_feed(feed.id, selector="article.story p")  # the paragraphs alone, no heading
    text, extractor, note = entry_text(store, entry)
    assert (text.splitlines(), note) == (list(ARTICLE_PARAGRAPHS), None)
    assert extractor.startswith("css:article.story p ")
    assert news_server.hits["/article/1.html"] == hits  # from the kept HTML, not fetched again
    page = store.page(entry.url)
    assert page is not None and page.extractor == "css:article.story p"
    store.set_feed(feed.id, selector="aside.nothing-here")
    text, _, note = entry_text(store, entry)
    assert text.splitlines() == list(ARTICLE_PARAGRAPHS)  # the text taken before
    assert note is not None and "matches nothing" in note
    store.close()
