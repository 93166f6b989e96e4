"""A web page's article text: trafilatura, or a CSS selector the feed names.

Both need the ``web`` extra (trafilatura; cssselect for selectors).  Without
it, :func:`web_extra_missing` says what to install, and the reader shows the
feed's summary instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

from reader.news.html_text import html_to_text

WEB_EXTRA = "full text of web pages needs the web extra: pip install 'hamish[web]'"


@dataclass(frozen=True)
class Extracted:
    """The text taken from a page, its title, and what took it (name and version)."""

    text: str
    title: str
    extractor: str
    version: str


def web_extra_missing() -> str | None:
    """None when trafilatura can be used; else the one line saying what to install."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return WEB_EXTRA
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def extractor_name(selector: str = "") -> str:
    """What :func:`extract` names itself with ``selector``: ``css:SELECTOR`` or ``trafilatura``."""
    return f"css:{selector}" if selector else "trafilatura"


def extract(html: str, url: str = "", selector: str = "") -> Extracted:
    """The article in ``html``: the elements ``selector`` picks, else what
    trafilatura finds (navigation, sidebars and footers dropped).

    Raises ImportError without the web extra; ValueError for a bad selector,
    one that matches nothing, or a page with no article text.
    """
    if selector:
        return _by_selector(html, selector)
    import trafilatura

    found = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Precision first: on a short page the recall fallbacks keep the menu.
        favor_precision=True,
    )
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise ValueError("no article text found in the page")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    title = getattr(found, "title", None) or ""
    return Extracted(
        "\n".join(line for line in lines if line),
        " ".join(str(title).split()),
        "trafilatura",
        _version("trafilatura"),
    )


def _by_selector(html: str, selector: str) -> Extracted:
    import lxml.html
    from lxml import etree
    from lxml.cssselect import CSSSelector, SelectorError

    try:
        pick = CSSSelector(selector)
    except (SelectorError, SyntaxError) as err:
        raise ValueError(f"bad CSS selector {selector!r}: {err}") from None
    try:  # lxml refuses a str that declares its own encoding
        root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except (etree.ParserError, ValueError) as err:
        raise ValueError(f"not an HTML page: {err}") from None
    picked = pick(root)
    if not picked:
        raise ValueError(f"the CSS selector {selector!r} matches nothing in the page")
    text = "\n".join(
        html_to_text(etree.tostring(element, encoding="unicode", method="html"))
        for element in picked
    ).strip()
    titles = root.xpath("//title")
    title = " ".join(titles[0].text_content().split()) if titles else ""
    return Extracted(text, title, extractor_name(selector), _version("lxml"))
