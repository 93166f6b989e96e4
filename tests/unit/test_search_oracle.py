"""Search against an oracle that walks the text a character at a time (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from search_helpers import (
    EQUIVALENT,
    ISSUE_IGNORABLE,
    RLM,
    SUPERSCRIPT_ALEF,
    TATWEEL,
    ZWNJ,
)

from reader.search import IGNORABLE, SearchIndex, fold, strip_ignorables

# --- properties -------------------------------------------------------------

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
PERSIAN_LETTERS = ["\u06a9", "\u06cc", "\u067e", "\u0686", "\u0671"]
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + [SUPERSCRIPT_ALEF]
MARKS = HARAKAT + [TATWEEL, ZWNJ, RLM]
LATIN = list("abcXYZ")
DIGITS = list("0123") + ["\u0660", "\u0661", "\u06f2", "\u06f3"]
LETTERS = ARABIC_LETTERS + PERSIAN_LETTERS + LATIN + DIGITS
SPACES = [" ", " ", "\n", "\t"]

texts = st.text(alphabet=st.sampled_from(LETTERS + MARKS + SPACES), max_size=60)
words = st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=6)
mark_runs = st.text(alphabet=st.sampled_from(MARKS), max_size=3)


def canonical(ch: str) -> str:
    """One character as the issue says search sees it: folded, any case."""
    return EQUIVALENT.get(ch, ch).lower()


def oracle(text: str, query: str) -> list[tuple[int, int]]:
    """Search by walking the text a character at a time, leftmost first."""
    tokens: list[str] = []  # canonical letters, and " " for a whitespace run
    for ch in query:
        if ch in ISSUE_IGNORABLE:
            continue
        if ch.isspace():
            if not tokens or tokens[-1] != " ":
                tokens.append(" ")
        else:
            tokens.append(canonical(ch))
    if not tokens:
        return []
    matches = []
    start = 0
    while start < len(text):
        i = start
        for token in tokens:
            if token == " ":
                if i >= len(text) or not text[i].isspace():
                    break
                while i < len(text) and (text[i].isspace() or text[i] in ISSUE_IGNORABLE):
                    i += 1
            else:
                if i >= len(text) or canonical(text[i]) != token:
                    break
                i += 1
                while i < len(text) and text[i] in ISSUE_IGNORABLE:
                    i += 1
        else:
            matches.append((start, i))
            start = i
            continue
        start += 1
    return matches


def variant_of(ch: str, draw: st.DrawFn) -> str:
    """Any character that should be searched as ``ch``, in either case."""
    target = canonical(ch)
    options = sorted({c for c in LETTERS + list(EQUIVALENT) if canonical(c) == target})
    return draw(st.sampled_from(options + [ch.upper(), ch.lower()]))


@st.composite
def decorated(draw: st.DrawFn, word: str) -> str:
    """``word`` spelt with variant letters and with marks, tatweel and joiners
    after any of its letters (the marks never come before the first letter)."""
    return "".join(variant_of(ch, draw) + draw(mark_runs) for ch in word)


@given(st.data(), texts, words, texts)
def test_a_decorated_word_is_found_by_its_plain_spelling(
    data: st.DataObject, before: str, word: str, after: str
) -> None:
    copy = data.draw(decorated(word))
    text = before + " " + copy + " " + after
    start = len(before) + 1
    matches = SearchIndex(text).find(word)
    # The copy runs from its first letter to the end of its last marks.
    assert (start, start + len(copy)) in matches
    assert matches == oracle(text, word)


@given(st.data(), texts)
def test_every_match_spells_the_query(data: st.DataObject, text: str) -> None:
    if text and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(text) - 1))
        j = data.draw(st.integers(i, min(len(text), i + 5)))
        query = text[i:j]
    else:
        query = data.draw(st.text(alphabet=st.sampled_from(LETTERS + MARKS + SPACES), max_size=4))
    index = SearchIndex(text)
    matches = index.find(query)
    assert matches == oracle(text, query)

    def spelt(s: str) -> str:
        return " ".join(strip_ignorables(fold(s)).lower().split())

    wanted = spelt(query)
    previous_end = 0
    for s, e in matches:
        assert previous_end <= s < e <= len(text)
        assert text[s] not in IGNORABLE  # starts at a real character
        assert e == len(text) or text[e] not in IGNORABLE  # takes trailing marks
        assert spelt(text[s:e]) == wanted
        previous_end = e


@given(texts, words, st.integers(-2, 70), st.booleans())
def test_find_from_agrees_with_find(text: str, word: str, offset: int, backwards: bool) -> None:
    index = SearchIndex(text)
    matches = index.find(word)
    got = index.find_from(word, offset, backwards=backwards)
    if not matches:
        assert got is None
    elif backwards:
        before = [m for m in matches if m[0] < offset]
        assert got == (before[-1] if before else matches[-1])
    else:
        after = [m for m in matches if m[0] >= offset]
        assert got == (after[0] if after else matches[0])
