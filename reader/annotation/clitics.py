"""Arabic clitics: where a selection may shrink past a prefix or a suffix.

A word such as والعراق carries proclitics (و "and", ال "the") that an entity
span usually leaves out, and a word such as كتابهم carries a pronoun suffix.
:func:`start_cuts` and :func:`end_cuts` list the offsets inside a word where a
selection's start or end may move, and :func:`cycle` steps through them on
repeated key presses.

Offsets are Python str indices into the word.  The harakat, shadda, sukun and
tatweel after a letter (every character of :data:`reader.search.IGNORABLE`)
belong to that letter: a cut after a letter lands after its marks, and a cut
before a suffix letter lands before it, after the marks of the letter ahead.

Nothing here imports Textual.
"""

from __future__ import annotations

import re

from reader.search import IGNORABLE, strip_ignorables

__all__ = ["END_SUFFIXES", "cycle", "end_cuts", "start_cuts"]

#: Attached pronouns an entity span usually leaves out.  كما ("of you two")
#: is added to the usual list for symmetry with هما.
END_SUFFIXES: tuple[str, ...] = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ي")

# Every cut must leave this many letters (marks not counted) in the span.
_MIN_LETTERS = 2

_MARKS = "[" + "".join(sorted(re.escape(ch) for ch in IGNORABLE)) + "]*"


# Proclitic grammar: an optional conjunction (و ف), then either a preposition
# (ب ك, which may take the article ال; ل, whose article loses its alef: لل),
# the future particle س, or the article ال on its own.  Alef wasla (ٱ) counts
# as alef; the hamza forms do not, so بإلغاء offers no article cut.
_ALEF = "[\u0627\u0671]"
_PROCLITICS = re.compile(
    rf"(?P<conj>[وف]{_MARKS})?"
    "(?:"
    rf"(?P<lam>ل{_MARKS})(?P<lam_article>ل{_MARKS})?"
    rf"|(?P<prep>[بك]{_MARKS})(?P<prep_article>{_ALEF}{_MARKS}ل{_MARKS})?"
    rf"|(?P<future>س{_MARKS})"
    rf"|(?P<article>{_ALEF}{_MARKS}ل{_MARKS})"
    ")?"
)


def _letter_count(text: str) -> int:
    return len(strip_ignorables(text))


def start_cuts(word: str) -> list[int]:
    """Offsets in ``word`` (ascending, > 0) where a span's start may move past a proclitic.

    ``"والعراق"`` gives ``[1, 3]`` (after و, after وال), ``"للعراق"``
    ``[1, 2]``, ``"العراق"`` ``[2]`` and ``"مدرسة"`` ``[]``.  A cut always
    leaves at least two letters after it.  A word that merely starts with a
    proclitic's letter (بغداد) offers a cut too; the user cycles past it.
    """
    match = _PROCLITICS.match(word)
    if match is None or match.end() == 0:
        return []
    cuts = sorted({match.end(name) for name, text in match.groupdict().items() if text})
    return [cut for cut in cuts if _letter_count(word[cut:]) >= _MIN_LETTERS]


def end_cuts(word: str) -> list[int]:
    """Offsets in ``word`` where a span's end may move before a pronoun suffix.

    Every suffix of :data:`END_SUFFIXES` that the word ends with gives one
    cut, shortest suffix first (so the offsets descend), provided at least two
    letters stay before it.  Marks after a suffix letter belong to the suffix.
    ``"كتابهم"`` gives ``[4]``, ``"أصدقائنا"`` ``[6]``.
    """
    starts = [i for i, ch in enumerate(word) if ch not in IGNORABLE]
    letters = "".join(word[i] for i in starts)
    cuts = {
        starts[len(letters) - len(suffix)]
        for suffix in END_SUFFIXES
        if len(letters) - len(suffix) >= _MIN_LETTERS and letters.endswith(suffix)
    }
    return sorted(cuts, reverse=True)


def cycle(current: int, cuts: list[int], whole: int) -> int:
    """The next position for a key pressed again: whole, cuts[0], cuts[1], ..., whole.

    ``whole`` is the position with nothing cut (the token's start or end) and
    ``cuts`` come from :func:`start_cuts` or :func:`end_cuts`, shifted into
    the same coordinates.  From ``whole`` the cycle goes to the first cut,
    from each cut to the next, and from the last cut back to ``whole``.  A
    ``current`` outside the cycle starts it again at the first cut.  With no
    cuts the answer is always ``whole``.
    """
    if not cuts:
        return whole
    if current in cuts:
        i = cuts.index(current) + 1
        return cuts[i] if i < len(cuts) else whole
    return cuts[0]
