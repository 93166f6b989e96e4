"""A feed's bytes to its title and entries: our decoding, then feedparser.

feedparser gets text that hamish has already decoded (see
:mod:`reader.news.decoding`), re-encoded as UTF-8 and declared so, so that it
never guesses an encoding itself.  What comes out is plain text: titles and
summaries that are HTML have their text taken out, and links other than
http(s) are dropped.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
from dataclasses import dataclass
from typing import Any

from reader.news.decoding import decode
from reader.news.fetch import SCHEMES
from reader.news.html_text import html_to_text, one_line

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True)
class ParsedEntry:
    """One entry of a feed, as plain text."""

    guid: str  # the feed's id for it, else its link, else a hash of its title and text
    title: str
    url: str  # "" when the feed gave no http(s) link
    published: float | None  # seconds since the epoch, UTC
    summary: str  # plain text
    content: str  # plain text of the full content the feed gave, "" if only a summary
    author: str


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title, site link, entries, the encoding it was read in, and any
    problem feedparser met (a feed can be usable and still not well-formed)."""

    title: str
    site_url: str
    entries: list[ParsedEntry]
    encoding: str
    problem: str | None


def web_link(value: object) -> str:
    """``value`` if it is an http(s) URL, else "": no ``javascript:``, ``file:`` or ``data:``."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    return url if scheme in SCHEMES else ""


def _text(detail: Any, value: Any) -> str:
    """A title's text: HTML made text, plain text with its whitespace folded."""
    if not isinstance(value, str):
        return ""
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    return one_line(value) if "html" in kind else " ".join(value.split())


def _body(detail: Any, value: Any) -> str:
    if not isinstance(value, str):
        return ""
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    return html_to_text(value) if "html" in kind or "<" in value else value.strip()


def _when(entry: Any) -> float | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return float(calendar.timegm(parsed))
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _entry(raw: Any) -> ParsedEntry:
    title = _text(raw.get("title_detail"), raw.get("title"))
    summary = _body(raw.get("summary_detail"), raw.get("summary"))
    contents = raw.get("content") or []
    content = "\n\n".join(
        _body(c, c.get("value")) for c in contents if isinstance(c, dict) and c.get("value")
    ).strip()
    url = web_link(raw.get("link"))
    guid = raw.get("id") if isinstance(raw.get("id"), str) else ""
    if not guid.strip():
        guid = url or "sha256:" + hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
    author = raw.get("author") if isinstance(raw.get("author"), str) else ""
    return ParsedEntry(guid.strip(), title, url, _when(raw), summary, content, author or "")


def parse_feed(data: bytes, content_type: str | None = None, url: str = "") -> ParsedFeed:
    """A feed (RSS or Atom) from its bytes and its Content-Type header.

    Raises ValueError when the bytes hold no feed at all.
    """
    import feedparser

    decoded = decode(data, content_type)
    text = _XML_DECLARATION.sub('<?xml version="1.0" encoding="utf-8"?>', decoded.text, count=1)
    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8", "surrogatepass")),
        response_headers={
            "content-type": "application/xml; charset=utf-8",
            "content-location": url,
        },
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    feed = parsed.get("feed", {})
    problem = None
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception") or "not well-formed")
    if not parsed.get("version") and not parsed.get("entries"):
        raise ValueError(f"not an RSS or Atom feed ({problem or 'no feed elements'})")
    entries = [_entry(raw) for raw in parsed.get("entries", [])]
    return ParsedFeed(
        _text(feed.get("title_detail"), feed.get("title")),
        web_link(feed.get("link")),
        entries,
        decoded.encoding,
        problem,
    )
