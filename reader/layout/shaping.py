"""Shape one word into glyph clusters, each with the logical range it shows.

Every letter takes the contextual form arabic-reshaper would give it (see
:mod:`reader.layout.joining`), one output character per input character (no
harakat removed, no ligatures), so the lam-alef ligatures are made here,
where the two letters they join can be recorded.  A cluster is what one
terminal cell (two for wide characters) shows: a base glyph, the marks drawn
after it, and any invisible characters folded into it.  Shaping is a pure
function of the word, so it is cached.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from reader.layout.chars import (
    BASE,
    BIDI_FORMAT,
    BIDI_FORMAT_GLYPHS,
    CONTROL,
    DOTTED_CIRCLE,
    HARAKAH,
    INVISIBLE,
    MARK,
    TATWEEL,
    ZWJ,
    glyph_width,
    kind,
    stand_in,
)
from reader.layout.joining import contextual_forms

_UNUSUAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\ud800-\udfff]")

_LAM = "\u0644"
_LAM_JOINS_LEFT = {"\ufedf": 0, "\ufee0": 1}  # initial -> isolated ligature, medial -> final
_LAM_ALEF = {
    "\u0622": ("\ufef5", "\ufef6"),  # آ
    "\u0623": ("\ufef7", "\ufef8"),  # أ
    "\u0625": ("\ufef9", "\ufefa"),  # إ
    "\u0627": ("\ufefb", "\ufefc"),  # ا
}


class ShapedWord(NamedTuple):
    """A word's glyph clusters in logical order.

    Clusters are contiguous: cluster ``i`` shows the word from ``starts[i]``
    up to the next cluster's start.  ``glyphs[i]`` is the text drawn and
    ``widths[i]`` its cells (0 for a cluster of invisible characters only,
    which has no cell).  ``bases[i]`` is the character whose bidi level the
    cluster takes; ``bases`` is None when every cluster starts with its base.
    ``kinds`` marks stand-ins (:data:`CONTROL`, :data:`BIDI_FORMAT`); it is
    None when there are none.  ``ltr`` is the glyphs joined, and ``rtl`` the
    glyphs joined in reverse order (each cluster's marks still after its base).

    A word of plain characters, a cell each, holds no object per character:
    its ``starts`` are a range, its ``glyphs`` the shaped string itself and
    its ``widths`` bytes of ones.  So a word of megabytes costs megabytes.
    """

    starts: Sequence[int]
    bases: Sequence[int] | None
    glyphs: Sequence[str]
    widths: Sequence[int]
    width: int
    kinds: Sequence[int] | None
    ltr: str
    rtl: str


# Characters that are always one cell, a cluster of their own, and drawn as
# they are (once shaped): letters, digits and common punctuation.
_PLAIN = re.compile(
    "[!-~\u00a1-\u00ac\u00ae-\u00ff\u05d0-\u05ea\u060c\u061b\u061f\u0621-\u064a"
    "\u0660-\u066d\u0671-\u06d3\u06d5\u06f0-\u06ff\u2010-\u2027\u2030-\u205e]+"
)
_LAM_ALEF_PAIR = re.compile("\u0644[\u0622\u0623\u0625\u0627]")
# Two generations per set of flags: new words go into the young one; when it
# is full it becomes the old one, and words found there move back.  Words in
# use stay, the cache stays bounded, and no lookup walks it.
_CACHES: dict[tuple[bool, bool, bool], tuple[dict[str, ShapedWord], dict[str, ShapedWord]]] = {}
_CACHE_LIMIT = 1 << 13  # words per generation


def shape_words(
    words: list[str], shaping: bool, harakat: bool, show_formatting: bool
) -> list[ShapedWord]:
    """:func:`shape_word` for many words, reshaping the new ones in one pass."""
    flags = (shaping, harakat, show_formatting)
    young, old = _CACHES.get(flags) or ({}, {})
    found = list(map(young.get, words))
    if None in found:
        missing: dict[str, None] = {}
        for i, w in enumerate(words):
            if found[i] is None:
                shaped = old.get(w)
                if shaped is None:
                    missing[w] = None
                else:
                    found[i] = young[w] = shaped
        new = _shape_new(list(missing), flags) if missing else {}
        if len(young) + len(new) > _CACHE_LIMIT:
            young, old = {}, young
        young.update(new)
        for i, w in enumerate(words):
            if found[i] is None:
                found[i] = new[w]
    _CACHES[flags] = (young, old)
    return found  # type: ignore[return-value]


def _shape_new(words: list[str], flags: tuple[bool, bool, bool]) -> dict[str, ShapedWord]:
    """Shape words not seen before, their contextual forms found in one pass.

    A space never joins, so shaping the words side by side gives each the
    forms it has alone; the forms are one for one with the characters.
    """
    joined = " ".join(words)
    if flags[0]:
        if _UNUSUAL.search(joined):
            joined = "".join(stand_in(ch) or ch for ch in joined)
        joined = contextual_forms(joined.replace(ZWJ, TATWEEL))
    new = {}
    at = 0
    for w in words:
        new[w] = _clusters(w, joined[at : at + len(w)], *flags)
        at += len(w) + 1
    return new


def shape_word(word: str, shaping: bool, harakat: bool, show_formatting: bool) -> ShapedWord:
    """Split ``word`` into clusters for display (cached).

    ``kinds`` tells the widgets which clusters are stand-ins: :data:`CONTROL`
    and :data:`BIDI_FORMAT` clusters can be styled apart.
    """
    return shape_words([word], shaping, harakat, show_formatting)[0]


def clear_cache() -> None:
    """Forget every shaped word (for benchmarks and tests)."""
    _CACHES.clear()


def cached_words() -> int:
    """How many shaped words the cache holds (for tests)."""
    return sum(len(young) + len(old) for young, old in _CACHES.values())


def _clusters(
    word: str, forms: str, shaping: bool, harakat: bool, show_formatting: bool
) -> ShapedWord:
    """Clusters of ``word``, whose contextual forms are ``forms``."""
    n = len(word)
    if _PLAIN.fullmatch(word):
        if not (shaping and _LAM_ALEF_PAIR.search(word)):
            return ShapedWord(range(n), None, forms, b"\x01" * n, n, None, forms, forms[::-1])
        return _plain_with_lam_alef(word, forms)
    starts: list[int] = []
    bases: list[int] = []
    glyphs: list[list[str]] = []
    kinds: list[int] = []
    pending: int | None = None  # start of invisible characters waiting for a base

    def open_cluster(i: int, glyph: str, what: int) -> None:
        nonlocal pending
        starts.append(i if pending is None else pending)
        bases.append(i)
        glyphs.append([glyph])
        kinds.append(what)
        pending = None

    for i, ch in enumerate(word):
        what = kind(ch)
        if what == BIDI_FORMAT:
            if show_formatting:
                open_cluster(i, BIDI_FORMAT_GLYPHS[ch], BIDI_FORMAT)
                continue
            what = INVISIBLE
        elif what == HARAKAH:
            what = MARK if harakat else INVISIBLE
        if what == BASE:
            if (
                shaping
                and ch in _LAM_ALEF
                and glyphs
                and pending is None
                and word[bases[-1]] == _LAM
                and glyphs[-1][0] in _LAM_JOINS_LEFT
                and all(kind(c) in (MARK, HARAKAH) for c in word[bases[-1] + 1 : i])
            ):
                glyphs[-1][0] = _LAM_ALEF[ch][_LAM_JOINS_LEFT[glyphs[-1][0]]]
            else:
                open_cluster(i, forms[i], BASE)
        elif what == CONTROL:
            open_cluster(i, stand_in(ch) or ch, CONTROL)
        elif what == MARK:
            if glyphs and pending is None:
                glyphs[-1].append(ch)
            else:
                open_cluster(i, DOTTED_CIRCLE + ch, BASE)  # a mark with no base
        elif pending is None and not glyphs:
            pending = i  # invisible, and no cluster yet to fold it into
    if pending is not None:
        # Only invisible characters: a cluster with no cell.
        starts.append(pending)
        bases.append(pending)
        glyphs.append([""])
        kinds.append(INVISIBLE)
    texts = tuple("".join(g) for g in glyphs)
    widths = tuple(glyph_width(t) for t in texts)
    return ShapedWord(
        tuple(starts),
        None if bases == starts else tuple(bases),
        texts,
        widths,
        sum(widths),
        tuple(kinds) if any(kinds) else None,
        "".join(texts),
        "".join(reversed(texts)),
    )


def _plain_with_lam_alef(word: str, forms: str) -> ShapedWord:
    """A word of plain letters with lam-alef pairs: each pair is one ligature cell.

    Without marks between them a lam before an alef always joins it, so every
    pair found from the left makes a ligature.
    """
    starts: list[int] = []
    glyphs: list[str] = []
    at = 0
    for m in _LAM_ALEF_PAIR.finditer(word):
        lam = m.start()
        starts.extend(range(at, lam + 1))
        glyphs.extend(forms[at:lam])
        glyphs.append(_LAM_ALEF[word[lam + 1]][_LAM_JOINS_LEFT[forms[lam]]])
        at = lam + 2
    starts.extend(range(at, len(word)))
    glyphs.extend(forms[at:])
    n = len(starts)
    ltr = "".join(glyphs)
    return ShapedWord(tuple(starts), None, tuple(glyphs), b"\x01" * n, n, None, ltr, ltr[::-1])
