"""Decoding comes first, ours: each path gives the exact Arabic text."""

from __future__ import annotations

import codecs

import pytest

from reader.news.decoding import decode
from reader.news.feeds import parse_feed

ARABIC = "أخبار بغداد: ارتفاع منسوب دجلة بعد أمطار غزيرة في الموصل وسامراء"
FEED = (
    '<rss version="2.0"><channel><title>صحيفة الجنوب</title><item>'
    "<title>ارتفاع أسعار الطماطم في الأسواق</title><guid>1</guid>"
    "<description>قالت وزارة الزراعة العراقية إن أسعار الطماطم ارتفعت في أسواق البصرة "
    "والناصرية بعد موجة الحر التي ضربت المحافظات الجنوبية هذا الأسبوع.</description>"
    "</item></channel></rss>"
)


def test_the_http_header_charset_comes_first() -> None:
    data = ARABIC.encode("cp1256")
    found = decode(data, "text/html; charset=windows-1256")
    assert (found.text, found.encoding, found.source) == (ARABIC, "cp1256", "header")


def test_the_header_wins_over_the_xml_declaration() -> None:
    data = ('<?xml version="1.0" encoding="utf-8"?><t>' + ARABIC + "</t>").encode("cp1256")
    found = decode(data, "application/xml; charset=Windows-1256")
    assert ARABIC in found.text and found.source == "header"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_a_bom_comes_second(bom: bytes, codec: str) -> None:
    found = decode(bom + ARABIC.encode(codec))
    assert (found.text, found.source) == (ARABIC, "bom")


def test_a_header_charset_the_bytes_do_not_decode_in_is_passed_over() -> None:
    found = decode(codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "text/plain; charset=us-ascii")
    # us-ascii is read as windows-1252, which the UTF-8 bytes of Arabic break.
    assert (found.text, found.source) == (ARABIC, "bom")


def test_the_xml_declaration_comes_third() -> None:
    text = '<?xml version="1.0" encoding="windows-1256"?><t>' + ARABIC + "</t>"
    found = decode(text.encode("cp1256"), "application/xml")
    assert (found.text, found.encoding, found.source) == (text, "cp1256", "declaration")


def test_an_html_meta_charset_comes_third_too() -> None:
    text = '<html><head><meta charset="windows-1256"></head><body>' + ARABIC + "</body></html>"
    found = decode(text.encode("cp1256"), "text/html")
    assert (found.text, found.source) == (text, "declaration")


def test_an_http_equiv_meta_is_read_too() -> None:
    text = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        f"</head><body>{ARABIC}</body></html>"
    )
    assert decode(text.encode("cp1256")).text == text


def test_an_unknown_charset_name_is_passed_over() -> None:
    found = decode(ARABIC.encode("utf-8"), "text/plain; charset=no-such-thing")
    assert found.text == ARABIC


def test_undeclared_cp1256_is_guessed() -> None:
    found = decode(FEED.encode("cp1256"), "application/rss+xml")
    assert (found.text, found.encoding, found.source) == (FEED, "cp1256", "detector")


def test_undeclared_utf8_stays_utf8() -> None:
    found = decode(FEED.encode("utf-8"))
    assert (found.text, found.encoding) == (FEED, "utf-8")


def test_bytes_that_decode_in_nothing_are_replaced_not_raised() -> None:
    found = decode(b"\xff\xfe\xfa" * 3 + b"\x00\x81")
    assert isinstance(found.text, str)


def test_feedparser_gets_our_text_for_an_undeclared_cp1256_feed() -> None:
    # feedparser alone reads these bytes as windows-1252 and garbles every letter.
    parsed = parse_feed(FEED.encode("cp1256"), "application/rss+xml")
    assert parsed.title == "صحيفة الجنوب"
    assert parsed.entries[0].title == "ارتفاع أسعار الطماطم في الأسواق"
    assert parsed.encoding == "cp1256"


def test_feedparser_gets_our_text_when_only_the_header_declares_cp1256() -> None:
    parsed = parse_feed(FEED.encode("cp1256"), "text/xml; charset=windows-1256")
    assert parsed.entries[0].title == "ارتفاع أسعار الطماطم في الأسواق"


def test_an_xml_declaration_of_cp1256_does_not_make_feedparser_decode_twice() -> None:
    text = '<?xml version="1.0" encoding="windows-1256"?>' + FEED
    parsed = parse_feed(text.encode("cp1256"))
    assert parsed.title == "صحيفة الجنوب"
