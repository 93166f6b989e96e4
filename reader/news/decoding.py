"""Bytes from the web to text: hamish decides the encoding, not the parser.

Arabic feeds are often ``windows-1256``.  A parser given such a feed with no
declaration falls back to windows-1252 and garbles every letter, so the text is
decoded here first, trying in order:

1. the charset in the HTTP ``Content-Type`` header;
2. a byte order mark;
3. the XML declaration's ``encoding``, or an HTML ``<meta>`` charset;
4. a detector's guess (charset-normalizer, when installed), else UTF-8.

A declaration that names no known encoding, or that the bytes do not decode
in, is passed over for the next step: the first one that decodes wins.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(
    rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?\bcharset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
PRESCAN = 4096
"""How many leading bytes are searched for an XML declaration or a ``<meta>`` charset."""

# Labels that browsers read as another encoding (WHATWG Encoding): a page
# declaring Latin-1 is in practice windows-1252.
_WEB_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-6": "iso8859-6",
    "x-mac-arabic": "mac-arabic",
}


class Decoded(NamedTuple):
    """The text, the encoding it was decoded from, and which step chose it."""

    text: str
    encoding: str
    source: str  # "header", "bom", "declaration", "detector" or "fallback"


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` header, if any."""
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1) if m else None


def codec_name(label: str | None) -> str | None:
    """Python's codec for an encoding label, or None for a label it does not know."""
    if not label:
        return None
    label = label.strip().lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The encoding an XML declaration or an HTML ``<meta>`` names in the first bytes."""
    head = data[:PRESCAN]
    m = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def _try(data: bytes, label: str | None, source: str) -> Decoded | None:
    name = codec_name(label)
    if name is None:
        return None
    if source == "declaration" and name.startswith(("utf-16", "utf-32")):
        return None  # a declaration read as ASCII cannot be right about a wide encoding
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    return Decoded(text.removeprefix("\ufeff"), name, source)


def _bom(data: bytes) -> Decoded | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name, "bom")
            except UnicodeDecodeError:
                return None
    return None


def guess(data: bytes) -> str | None:
    """charset-normalizer's guess at ``data``'s encoding; None without it or a guess."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def decode(data: bytes, content_type: str | None = None) -> Decoded:
    """``data`` (a feed or a page) as text, its encoding chosen in the order above.

    Never raises: when nothing decodes cleanly, UTF-8 with replacement characters.
    """
    found = (
        _try(data, header_charset(content_type), "header")
        or _bom(data)
        or _try(data, declared_charset(data), "declaration")
    )
    if found is not None:
        return found
    if not data:
        return Decoded("", "utf-8", "fallback")
    # UTF-8 that decodes is UTF-8: a detector can only do worse on it.
    found = _try(data, "utf-8", "detector") or _try(data, guess(data), "detector")
    if found is not None:
        return found
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "fallback")
