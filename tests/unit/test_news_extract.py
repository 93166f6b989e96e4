"""Full text from a page: the article kept, navigation, sidebar and footer dropped."""

from __future__ import annotations

import pytest
from news_server import (
    ARTICLE_PARAGRAPHS,
    FOOTER_TEXT,
    NAV_TEXT,
    PAGE_PARAGRAPHS,
    SIDEBAR_TEXT,
    SUMMARY_ENTRY_TITLE,
    NewsServer,
    article_page,
)

from reader.documents import InputError
from reader.news.extract import extract
from reader.news.web import fetch_page


def test_trafilatura_keeps_the_article_and_drops_the_rest(news_server: NewsServer) -> None:
    page = fetch_page(news_server.url("/article/1.html"))
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in page.text.splitlines()
    for chrome in (NAV_TEXT, SIDEBAR_TEXT, FOOTER_TEXT):
        assert chrome not in page.text
    assert page.title == SUMMARY_ENTRY_TITLE
    assert page.encoding == "cp1256"  # from the page's <meta>
    assert page.html == article_page()  # the raw bytes, for tracing a text to its source


def test_a_short_article_loses_its_navigation_too() -> None:
    # One paragraph: too little for trafilatura's main pass, whose fallback
    # would keep the menu; precision first keeps the article alone.
    html = article_page("خطة الري", PAGE_PARAGRAPHS["/cp/1"]).decode("cp1256")
    assert extract(html).text.splitlines() == ["خطة الري", *PAGE_PARAGRAPHS["/cp/1"]]


def test_a_css_selector_overrides_the_extraction() -> None:
    html = article_page().decode("cp1256")
    found = extract(html, selector="article.story p")
    assert found.text.splitlines() == list(ARTICLE_PARAGRAPHS)
    assert found.extractor == "css:article.story p"


def test_a_selector_that_matches_nothing_says_so() -> None:
    with pytest.raises(ValueError, match="matches nothing"):
        extract(article_page().decode("cp1256"), selector="div.nope")


def test_a_bad_selector_says_so() -> None:
    with pytest.raises(ValueError, match="bad CSS selector"):
        extract("<p>x</p>", selector="p[[[")


def test_a_page_that_fails_names_its_url(news_server: NewsServer) -> None:
    url = news_server.url("/error.rss")
    with pytest.raises(InputError) as caught:
        fetch_page(url)
    assert str(caught.value) == f"{url}: HTTP 500 Internal Server Error"
