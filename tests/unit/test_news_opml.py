"""OPML 2.0: a round trip, and XML that may do nothing but list feeds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from reader.documents import InputError
from reader.news.opml import Outline, read_opml, write_opml

FEEDS = [
    Outline("http://127.0.0.1:8000/utf8.rss", "أخبار الرافدين", "http://127.0.0.1:8000/"),
    Outline("https://example.invalid/a?x=1&y=2", 'quotes " and <tags> & ampersands', ""),
    Outline("http://127.0.0.1:8000/bare.rss", "", ""),
]


def test_round_trip() -> None:
    assert read_opml(write_opml(FEEDS), "feeds.opml") == FEEDS


def test_export_is_opml_2() -> None:
    root = ET.fromstring(write_opml(FEEDS))
    assert root.tag == "opml" and root.get("version") == "2.0"
    outlines = root.findall("./body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [f.url for f in FEEDS]
    assert all(o.get("type") == "rss" and o.get("text") for o in outlines)


def test_characters_xml_cannot_hold_are_replaced_so_the_file_stays_readable() -> None:
    data = write_opml([Outline("http://127.0.0.1/x", "bad \x1b[31m title\x00")])
    assert read_opml(data, "f.opml")[0].title == "bad \ufffd[31m title\ufffd"


def test_nested_folders_and_text_only_titles_are_read() -> None:
    data = b"""<?xml version="1.0"?><opml version="1.0"><body>
      <outline text="News"><outline text="A" xmlUrl="http://127.0.0.1/a"/>
      <outline text="Deeper"><outline title="B" text="b" xmlUrl="http://127.0.0.1/b"/></outline>
      </outline><outline text="not a feed"/>
      <outline text="local" xmlUrl="file:///etc/passwd"/></body></opml>"""
    assert read_opml(data, "f.opml") == [
        Outline("http://127.0.0.1/a", "A"),
        Outline("http://127.0.0.1/b", "B"),
    ]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/opml.dtd">',
    ],
)
def test_doctypes_and_entities_are_refused(doctype: str) -> None:
    data = f'<?xml version="1.0"?>{doctype}<opml version="2.0"><body/></opml>'.encode()
    with pytest.raises(InputError, match="DOCTYPE or entity"):
        read_opml(data, "evil.opml")


def test_bad_xml_says_where() -> None:
    with pytest.raises(InputError) as caught:
        read_opml(b'<opml version="2.0">\n<body>\n<outline</body>', "bad.opml")
    assert caught.value.line == 3
    assert str(caught.value).startswith("bad.opml:3: not well-formed XML")
