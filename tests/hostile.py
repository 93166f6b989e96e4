"""Hostile outside text for every tier: terminal escapes and markup in each field.

Every payload sequence carries a ``PWN`` tag of its own, so that a leak can be
told from the escape sequences Textual itself writes (it writes ``CSI ?1049h``
and ``CSI 2J`` too, but never followed or preceded by ``PWN``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from reader.annotation.hashing import doc_id_for
from reader.annotation.spans import Span
from reader.annotation.tasks import task_record
from reader.annotation.tokens import tokenize

# What each part does if it reaches a terminal raw; {E} is ESC, {B} BEL,
# {CSI} {OSC} {ST} the 8-bit C1 controls U+009B, U+009D and U+009C.
_ESCAPES = (
    "{E}]0;PWN0{B}"  # OSC 0: set the window title
    "{E}]2;PWN2{B}"  # OSC 2: set the window title
    "{E}]52;c;UFdONTI={B}"  # OSC 52: write the clipboard
    "{E}P1$rPWNDCS{E}\\"  # DCS: a request for the terminal's state
    "PWNCLS{E}[2J"  # CSI 2J: clear the screen
    "{E}[?1049hPWNALT"  # CSI ?1049h: switch to the alternate screen
    "{CSI}31mPWNC1"  # 8-bit CSI
    "{OSC}2;PWNC1T{ST}"  # 8-bit OSC ... ST
    "{B}"  # BEL
)
_LINK = "{E}]8;;http://evil.invalid/PWN8{E}\\"  # OSC 8: a hyperlink (has "/": no file name can)
_RAW = {"E": "\x1b", "B": "\x07", "CSI": "\x9b", "OSC": "\x9d", "ST": "\x9c"}
_STAND_INS = {"E": "\u241b", "B": "\u2407", "CSI": "\ufffd", "OSC": "\ufffd", "ST": "\ufffd"}

ESCAPES = _ESCAPES.format(**_RAW)
STAND_INS = _ESCAPES.format(**_STAND_INS)
"""What ESCAPES look like on screen: ␛]0;PWN0␇␛]2;PWN2␇ ... (C1 controls as �)."""
LINK = _LINK.format(**_RAW)
LINK_STAND_INS = _LINK.format(**_STAND_INS)

MARKUP = "[@click=app.quit]CLICK[/] [link=http://evil.invalid]LINK[/link] [bold]BOLD[/bold]"
"""Rich and Textual markup: shown literally, or it quits, links and styles."""

NAME_MARKUP = "[@click=app.quit]CLICK[bold]BOLD"
"""Markup a file name can hold (no "/")."""

PAYLOAD = ESCAPES + LINK + MARKUP
PAYLOAD_SHOWN = STAND_INS + LINK_STAND_INS + MARKUP
NAME_PAYLOAD = ESCAPES + NAME_MARKUP
NAME_PAYLOAD_SHOWN = STAND_INS + NAME_MARKUP

LEAKS = (
    b"\x1b]0;PWN",
    b"\x1b]2;PWN",
    b"\x1b]8;;http://evil",
    b"\x1b]52;c;UFdO",
    b"\x1bP1$r",
    b"PWNCLS\x1b[2J",
    b"\x1b[?1049hPWNALT",
    b"\xc2\x9b",  # U+009B in UTF-8
    b"\xc2\x9c",
    b"\xc2\x9d",
)
"""Byte strings that are in the output only if a payload got through raw."""


def leaks(out: bytes) -> list[bytes]:
    """The payload sequences that reached ``out`` raw."""
    return [leak for leak in LEAKS if leak in out]


# Textual's own writes: CSI sequences, the pointer shape (OSC 22), and the
# keypad and bracketed-paste modes.
_TEXTUAL = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\]22;[a-z-]*\x07|\x1b[=>]")


def foreign_controls(out: bytes) -> bytes:
    """``out`` with Textual's own escape sequences taken out, then only its
    control bytes (but newline, carriage return and backspace): empty when
    every ESC, BEL and C1 byte is Textual's."""
    rest = _TEXTUAL.sub(b"", out)
    return bytes(b for b in rest if b < 0x20 and b not in b"\n\r\b") + bytes(
        m[0][1] for m in re.finditer(rb"\xc2[\x80-\x9f]", rest)
    )


def hostile_article(path: Path, body: str = "نص عربي Some text") -> Path:
    """A .md article whose title, source, date and other metadata all carry the payload."""
    fields = {"title": "T" + PAYLOAD, "source": "S" + PAYLOAD, "date": PAYLOAD, "extra": PAYLOAD}
    front = "".join(f"{k} = {json.dumps(v)}\n" for k, v in fields.items())
    path.write_text(f"+++\n{front}+++\n{body}\n", encoding="utf-8")
    return path


def output_with_span(out: Path, article: Path, text: str, span: tuple[int, int, str]) -> Path:
    """An existing output file: one saved task of ``article`` (whose text is
    ``text``) with one span (start, end, label)."""
    record = task_record(
        text=text,
        meta={},
        doc_id=doc_id_for(str(article)),
        spans=[Span(*span)],
        answer=None,
        annotator="someone",
        tokens=tokenize(text),
    )
    out.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


# -- bidi formatting ------------------------------------------------------------------

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
"""LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM ALM: a bidi-aware terminal obeys them."""

SCRAMBLER = "X\u009b7mY\u202eZW"
"""A label that once scrambled the status line: an 8-bit CSI and an RLO."""
SCRAMBLER_SHOWN = "X\ufffd7mY\u21daZW"
REVERSER = "\u202eLOC"
"""A label that once read ``COL`` in the legend; shown as ``⇚LOC``."""


def doccano_with_bidi_labels(path: Path) -> Path:
    """A Doccano export whose spans bring in SCRAMBLER (on بغداد) and REVERSER (on
    العراق); its text ends with an RLO of its own, which the article obeys: ``cba``."""
    text = "بغداد عاصمة العراق \u202eabc\u202c"
    record = {"text": text, "label": [[0, 5, SCRAMBLER], [12, 18, REVERSER]]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path
