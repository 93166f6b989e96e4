"""Bidi embedding levels (UAX #9 rules P2-P3, X1-I2) from python-bidi's Rust core.

python-bidi exposes only ``get_display``, which reorders a whole paragraph as
one line and does not mirror.  Its debug output, though, carries the levels
the conformant Rust core resolved (one per UTF-8 byte), and those levels are
all we need: wrapping, per-row reordering and mirroring are done by
:mod:`reader.layout.reorder`.

The debug output is long (about forty characters per byte), so before asking
for it we collapse every run of letters or digits of one strong or number
class into a single representative character.  No rule of the algorithm can
tell such a run from one character of its class, so the levels come back the
same and are copied to the whole run.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import compress

from bidi.bidi import get_display_inner

from reader.layout.chars import ISOLATE_INITIATORS, PDI


class BidiCoreError(RuntimeError):
    """python-bidi's debug output was not in the form this module reads."""


# Code points whose default Bidi_Class is R or AL even when unassigned
# (DerivedBidiClass.txt), so that unknown characters in these blocks still
# count as right-to-left.
_RTL_BLOCKS = (
    (0x0590, 0x08FF),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x10800, 0x10FFF),
    (0x1E800, 0x1EFFF),
)
_EXPLICIT = "\u202a-\u202e\u2066-\u2069\u200f"


def _ranges(chars: list[int]) -> str:
    """A regex character-class body for a sorted list of code points."""
    out: list[str] = []
    i = 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and chars[j + 1] == chars[j] + 1:
            j += 1
        lo, hi = chars[i], chars[j]
        out.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        i = j + 1
    return "".join(out)


def _class_members() -> dict[str, list[int]]:
    members: dict[str, list[int]] = {
        c: [] for c in ("L", "R", "AL", "EN", "AN", "NSM", "WS", "ON", "CS", "ES", "ET")
    }
    # The scripts news is written in (Latin, Greek, Cyrillic, Hebrew, Arabic,
    # and the punctuation and digits around them), to keep the pattern small
    # and quick to compile.  A run outside it is simply not collapsed, which
    # costs speed, not truth.
    for cp in (*range(0x0900), *range(0x2000, 0x2070), *range(0x20A0, 0x2100)):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        cls = unicodedata.bidirectional(ch)
        if cls in members:
            if cls in _NEUTRALS and (unicodedata.category(ch) in ("Ps", "Pe") or cp < 0x20):
                continue  # brackets pair across runs (rule N0): never collapse them
            members[cls].append(cp)
    return members


_NEUTRALS = ("WS", "ON", "CS", "ES", "ET")


def _build_patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    """The runs that collapse to one character, and the character for each class.

    Letters of one strong class, with their marks, and with any neutrals
    between them (rule N1 gives such neutrals the letters' direction, so they
    share the letters' level).  Digits collapse only with digits and marks:
    a neutral between numbers does not take the numbers' level.
    """
    members = _class_members()
    nsm = _ranges(members["NSM"])
    neutral = "".join(_ranges(members[c]) for c in _NEUTRALS)
    alternatives = []
    for cls in ("L", "R", "AL"):
        body = _ranges(members[cls])
        alternatives.append(f"[{body}][{body}{nsm}]*(?:[{neutral}]+[{body}][{body}{nsm}]*)+")
        alternatives.append(f"[{body}][{body}{nsm}]+")
    for cls in ("EN", "AN"):
        body = _ranges(members[cls])
        alternatives.append(f"[{body}][{body}{nsm}]+")
    runs = re.compile("(" + "|".join(alternatives) + ")")
    reps = {"L": "a", "R": "\u05d0", "AL": "\u0628", "EN": "0", "AN": "\u0660"}
    return runs, reps


_RUNS, _REPRESENTATIVE = _build_patterns()

# A paragraph with none of these, at base level 0, is all level 0.
_RTL_OR_EXPLICIT = re.compile(
    "["
    + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _RTL_BLOCKS)
    + _EXPLICIT
    + "]"
)
# A paragraph made only of these, at base level 1, is all level 1: Arabic and
# Hebrew letters and marks, white space and the common neutral punctuation.
_PLAIN_RTL = re.compile(
    r"[\u05b0-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u05d0-\u05ea\u05f3\u05f4"
    r"\u060c\u061b\u061f-\u064a\u064b-\u065f\u066a\u066d-\u06d5\u06d6-\u06dc"
    r"\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u06ee\u06ef\u06fa-\u06ff"
    r" \t!-/:-@\[-`{-~\u00a0\u00ab\u00bb\u2010-\u2027\u2030-\u205e]*"
)
_LEVEL = re.compile(r"(\d+),\n")
# Bytes 0x80-0xBF continue a UTF-8 sequence; every other byte starts a character.
_LEAD_BYTES = bytes(0 if 0x80 <= b <= 0xBF else 1 for b in range(256))


@lru_cache(maxsize=4096)
def _bidi_class(ch: str) -> str:
    cls = unicodedata.bidirectional(ch)
    if not cls:
        cp = ord(ch)
        if any(lo <= cp <= hi for lo, hi in _RTL_BLOCKS):
            return "R"
        return "L"
    return cls


def first_strong(text: str) -> int | None:
    """The base level rules P2-P3 give ``text``: 0, 1, or None with no strong letter.

    Characters between an isolate initiator and its matching PDI are skipped.
    """
    depth = 0
    for ch in text:
        if ch in ISOLATE_INITIATORS:
            depth += 1
        elif ch == PDI:
            if depth:
                depth -= 1
        elif depth == 0:
            cls = _bidi_class(ch)
            if cls == "L":
                return 0
            if cls in ("R", "AL"):
                return 1
    return None


def _core_levels(text: str, base_level: int) -> list[int]:
    debug = get_display_inner(text, "R" if base_level else "L", True)
    start = debug.find("\n    levels: [\n")
    stop = debug.find("\n    paragraphs: [", start)
    if start < 0 or stop < 0:
        raise BidiCoreError("python-bidi's debug output has no levels; is python-bidi 0.6?")
    per_byte = _LEVEL.findall(debug, start, stop)
    mask = text.encode("utf-8").translate(_LEAD_BYTES)
    if len(per_byte) != len(mask):
        raise BidiCoreError("python-bidi returned levels that do not match the text")
    return [int(level) for level in compress(per_byte, mask)]


def resolve_levels(text: str, base_level: int) -> list[int]:
    """Resolved embedding levels, one per character of ``text`` (rules X1-I2).

    ``text`` is one paragraph with no paragraph separators, in which control
    characters have already been replaced by their stand-ins.  Rule L1 is
    not applied: it depends on where lines break.
    """
    if not text:
        return []
    if base_level == 0 and not _RTL_OR_EXPLICIT.search(text):
        return [0] * len(text)
    if base_level == 1 and _PLAIN_RTL.fullmatch(text):
        return [1] * len(text)
    parts = _RUNS.split(text)
    if len(parts) == 1:
        return _core_levels(text, base_level)
    short = "".join(
        part if i % 2 == 0 else _REPRESENTATIVE[_bidi_class(part[0])]
        for i, part in enumerate(parts)
    )
    packed = _core_levels(short, base_level)
    levels: list[int] = []
    pos = 0
    for i, part in enumerate(parts):
        if i % 2 == 0:
            levels.extend(packed[pos : pos + len(part)])
            pos += len(part)
        else:
            levels.extend([packed[pos]] * len(part))
            pos += 1
    return levels


_REMOVED = frozenset("\u202a\u202b\u202c\u202d\u202e")


def place_removed(text: str, levels: list[int], base_level: int) -> list[int]:
    """Levels for embedding and override characters that are to be drawn.

    Rule X9 removes LRE, RLE, LRO, RLO and PDF, so the core's level for them
    means nothing.  Drawn, each sits outside the embedding it opens or
    closes (UAX #9 section 5.2): at the lower of its neighbours' levels,
    where the paragraph's edges count as the base level.
    """
    if not any(ch in _REMOVED for ch in text):
        return levels
    out = list(levels)
    kept = [i for i, ch in enumerate(text) if ch not in _REMOVED]
    k = 0
    for i, ch in enumerate(text):
        while k < len(kept) and kept[k] < i:
            k += 1
        if ch in _REMOVED:
            before = levels[kept[k - 1]] if k > 0 else base_level
            after = levels[kept[k]] if k < len(kept) else base_level
            out[i] = min(before, after)
    return out
