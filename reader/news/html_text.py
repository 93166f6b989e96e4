"""HTML to plain text with the standard library: for feed summaries and titles.

HTML from a feed is never drawn as HTML: its text is taken out, block
elements become paragraph breaks, scripts and styles are dropped, character
references are resolved, and what is left is plain text for the engine.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl"),
        *("dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary"),
        *("table", "td", "th", "tr", "ul"),
    )
)
SKIPPED = frozenset(("script", "style", "template", "noscript", "head", "title", "iframe"))
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BREAKS = re.compile(r"\n\s*\n\s*")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping.append(tag)
        elif tag in BLOCKS and not self._skipping:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        elif tag in BLOCKS and not self._skipping:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The text of an HTML fragment or page: one paragraph a line."""
    if "<" not in html and "&" not in html:
        return _tidy(html)
    parser = _Text()
    parser.feed(html)
    parser.close()
    return _tidy("".join(parser.parts))


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BREAKS.sub("\n", "\n".join(lines)).strip()


def one_line(text: str) -> str:
    """A title or a name as one line: its HTML's text, whitespace runs made one space."""
    return " ".join(html_to_text(text).split())
