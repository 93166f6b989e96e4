"""OPML 2.0: the feed lists other readers import and export.

Reading is strict about what XML may do: a file with a DOCTYPE, an entity
declaration or an external entity is refused before anything in it is used,
so no billion laughs and no reading of local files.  Outlines nested in
folders are read too; every outline with an ``xmlUrl`` is a feed.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass
from email.utils import formatdate
from xml.etree import ElementTree as ET

from reader.documents import InputError
from reader.news.feeds import web_link

# Characters XML 1.0 cannot hold, even escaped: they would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Outline:
    """One feed of an OPML file: its feed URL, title and site URL."""

    url: str
    title: str = ""
    site_url: str = ""


class _Refused(Exception):
    pass


def read_opml(data: bytes, name: str) -> list[Outline]:
    """The feeds of an OPML file's bytes, in document order; InputError for a bad file.

    An outline whose ``xmlUrl`` is not http(s) is left out.
    """
    found: list[Outline] = []
    parser = xml.parsers.expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise _Refused("has a DOCTYPE or entity declarations; hamish reads plain OPML only")

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "outline" and attrs.get("xmlUrl"):
            url = web_link(attrs["xmlUrl"])
            if url:
                title = attrs.get("title") or attrs.get("text") or ""
                title = "" if title == attrs["xmlUrl"] else title  # a stand-in for no title
                found.append(Outline(url, " ".join(title.split()), web_link(attrs.get("htmlUrl"))))

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except _Refused as err:
        raise InputError(name, str(err)) from None
    except xml.parsers.expat.ExpatError as err:
        raise InputError(name, f"not well-formed XML: {err}", err.lineno) from None
    return found


def write_opml(outlines: list[Outline], title: str = "hamish feeds") -> bytes:
    """An OPML 2.0 document of ``outlines``, UTF-8.

    Characters XML cannot hold (controls, lone surrogates) become U+FFFD.
    """
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ET.SubElement(root, "body")
    for outline in outlines:
        attrs = {"type": "rss", "text": _xml(outline.title or outline.url)}
        if outline.title:
            attrs["title"] = _xml(outline.title)
        attrs["xmlUrl"] = _xml(outline.url)
        if outline.site_url:
            attrs["htmlUrl"] = _xml(outline.site_url)
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
