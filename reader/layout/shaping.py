"""Shape one word into glyph clusters, each with the logical range it shows.

arabic-reshaper chooses the contextual form of every letter.  It is set up to
keep its output one-to-one with its input (no harakat removed, no ligatures),
so the lam-alef ligatures are made here, where the two letters they join can
be recorded.  A cluster is what one terminal cell (two for wide characters)
shows: a base glyph, the marks drawn after it, and any invisible characters
folded into it.  Shaping is a pure function of the word, so it is cached.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from arabic_reshaper import ArabicReshaper

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

_RESHAPER = ArabicReshaper(
    configuration={
        "delete_harakat": False,
        "delete_tatweel": False,
        "support_ligatures": False,
        "support_zwj": True,
        "shift_harakat_position": False,
        "use_unshaped_instead_of_isolated": False,
    }
)
_UNUSUAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\ud800-\udfff]")
_NEEDS_SHAPING = re.compile("[\u0620-\u06ff\u0750-\u077f\u08a0-\u08ff]")

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
    None when there are none.
    """

    starts: tuple[int, ...]
    bases: tuple[int, ...] | None
    glyphs: tuple[str, ...]
    widths: tuple[int, ...]
    width: int
    kinds: tuple[int, ...] | None


def _prepared(word: str) -> str:
    """The word as the reshaper should see it: stand-ins for controls, and
    tatweel for ZWJ, which joins like it (arabic-reshaper drops ZWJ)."""
    if _UNUSUAL.search(word):
        word = "".join(stand_in(ch) or ch for ch in word)
    return word.replace(ZWJ, TATWEEL)


def _reshape_all(words: list[str]) -> list[str]:
    """Contextual forms for many words, one output character per input character.

    One call for all of them: arabic-reshaper reads its settings on every
    call, which costs more than shaping a short word.  A space never joins,
    so shaping the words side by side gives each the forms it has alone.
    """
    prepared = [_prepared(w) for w in words]
    joined = " ".join(prepared)
    shaped: str = _RESHAPER.reshape(joined)
    if len(shaped) == len(joined):
        out = []
        at = 0
        for w in prepared:
            out.append(shaped[at : at + len(w)])
            at += len(w) + 1
        return out
    return [_reshape_one(w) for w in prepared]


def _reshape_one(prepared: str) -> str:
    shaped: str = _RESHAPER.reshape(prepared)
    return shaped if len(shaped) == len(prepared) else prepared


# Characters that are always one cell, a cluster of their own, and drawn as
# they are (once shaped): letters, digits and common punctuation.
_PLAIN = re.compile(
    "[!-~\u00a1-\u00ac\u00ae-\u00ff\u05d0-\u05ea\u060c\u061b\u061f\u0621-\u064a"
    "\u0660-\u066d\u0671-\u06d3\u06d5\u06f0-\u06ff\u2010-\u2027\u2030-\u205e]+"
)
_LAM_ALEF_PAIR = re.compile("\u0644[\u0622\u0623\u0625\u0627]")
_CACHES: dict[tuple[bool, bool, bool], dict[str, ShapedWord]] = {}
_CACHE_LIMIT = 1 << 17  # words per set of flags; past it the cache starts again


def shape_words(
    words: list[str], shaping: bool, harakat: bool, show_formatting: bool
) -> list[ShapedWord]:
    """:func:`shape_word` for many words, reshaping the new ones in one call."""
    flags = (shaping, harakat, show_formatting)
    cache = _CACHES.get(flags)
    if cache is None:
        cache = _CACHES[flags] = {}
    found = list(map(cache.get, words))
    if None not in found:
        return found  # type: ignore[return-value]
    missing = list(dict.fromkeys(w for w, f in zip(words, found, strict=True) if f is None))
    to_shape = [w for w in missing if shaping and _NEEDS_SHAPING.search(w)]
    forms = dict(zip(to_shape, _reshape_all(to_shape), strict=True)) if to_shape else {}
    new = {w: _clusters(w, forms.get(w, w), *flags) for w in missing}
    if len(cache) + len(new) > _CACHE_LIMIT:
        cache.clear()  # bounded; the words of this call are kept in `new`
    cache.update(new)
    return [f if f is not None else new[w] for w, f in zip(words, found, strict=True)]


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
    return sum(map(len, _CACHES.values()))


def _clusters(
    word: str, forms: str, shaping: bool, harakat: bool, show_formatting: bool
) -> ShapedWord:
    """Clusters of ``word``, whose contextual forms are ``forms``."""
    n = len(word)
    if _PLAIN.fullmatch(word) and not (shaping and _LAM_ALEF_PAIR.search(word)):
        return ShapedWord(tuple(range(n)), None, tuple(forms), (1,) * n, n, None)
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
    )
