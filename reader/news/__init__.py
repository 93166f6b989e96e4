"""News: feeds, their entries, and articles from the web (no Textual here).

Feeds need the ``news`` extra (feedparser, aiohttp, charset-normalizer); the
full text of web pages needs the ``web`` extra (trafilatura).  Nothing here
imports them until asked, so ``pip install .`` alone still reads and
annotates files.
"""

from __future__ import annotations

from importlib.util import find_spec

NEWS_EXTRA = "feeds need the news extra: pip install 'hamish[news]'"
NEWS_MODULES = ("feedparser", "aiohttp", "charset_normalizer")


def news_extra_missing() -> str | None:
    """None when feeds can be fetched and parsed; else the one line saying what to install."""
    if all(find_spec(name) is not None for name in NEWS_MODULES):
        return None
    return NEWS_EXTRA
