"""Annotation tokens: hand-worked splits, then properties over random text."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.annotation.tokens import Token, token_at, tokenize, tokens_in

FATHA, SUKUN, KASRA, SHADDA = "\u064e", "\u0652", "\u0650", "\u0651"
TATWEEL, ZWNJ, ZWJ, RLM = "\u0640", "\u200c", "\u200d", "\u200f"


def words(text: str) -> list[str]:
    return [t.text_of(text) for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # URLs lose trailing punctuation, Latin or Arabic.
        ("see https://example.com/a?b=1).", ["see", "https://example.com/a?b=1", ")", "."]),
        ("الرابط http://x.iq/ar،", ["الرابط", "http://x.iq/ar", "،"]),
        ("HTTPS://EXAMPLE.COM", ["HTTPS://EXAMPLE.COM"]),
        ("(a.b+c@mail.example.org).", ["(", "a.b+c@mail.example.org", ")", "."]),
        # Numbers keep their inner separators, a leading +, a trailing %.
        ("1,250,000 و 2.5", ["1,250,000", "و", "2.5"]),
        ("15/03/2024 2024-03-15 10:30.", ["15/03/2024", "2024-03-15", "10:30", "."]),
        ("+964 45% ٤٥٪ ٣٫٥", ["+964", "45%", "٤٥٪", "٣٫٥"]),
        ("5+3 2.", ["5", "+", "3", "2", "."]),
        ("19th 3D", ["19th", "3D"]),
        # Words: harakat, tatweel and joiners stay inside.
        ("وَالْعِرَاقِ، لبغداد؟", ["وَالْعِرَاقِ", "،", "لبغداد", "؟"]),
        ("كتـــاب «نعم»", ["كتـــاب", "«", "نعم", "»"]),
        ("می" + ZWNJ + "خواهم", ["می" + ZWNJ + "خواهم"]),
        ("a" + ZWJ + "b" + ZWNJ, ["a" + ZWJ + "b", ZWNJ]),
        # Latin words take an inner apostrophe or hyphen, but not a possessive 's.
        ("O'Neill COVID-19 O\u2019Brien", ["O'Neill", "COVID-19", "O\u2019Brien"]),
        ("Obama's 'quoted'", ["Obama", "'", "s", "'", "quoted", "'"]),
        ("العراقية-السورية", ["العراقية", "-", "السورية"]),
        ("snake_case", ["snake", "_", "case"]),
        # Everything else is one character each, control characters included.
        ("a\x00b\x1bc" + RLM, ["a", "\x00", "b", "\x1b", "c", RLM]),
        ("؟!...", ["؟", "!", ".", ".", "."]),
        ("", []),
        (" \n\t ", []),
    ],
)
def test_tokenize_examples(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_offsets_are_code_points_into_the_original() -> None:
    text = "قال: بَغْدَادُ"
    # 0 ق 1 ا 2 ل 3 : 4 space 5 ب 6 fatha 7 غ 8 sukun 9 د 10 fatha 11 ا 12 د 13 damma
    assert tokenize(text) == [Token(0, 3), Token(3, 4), Token(5, 14)]


def test_token_at_and_tokens_in() -> None:
    text = "ab  cd,e"
    # 0 a 1 b 2 sp 3 sp 4 c 5 d 6 , 7 e
    tokens = tokenize(text)
    assert tokens == [Token(0, 2), Token(4, 6), Token(6, 7), Token(7, 8)]
    assert [token_at(tokens, i) for i in range(-1, 10)] == [
        None, 0, 0, None, None, 1, 1, 2, 3, None, None,
    ]  # fmt: skip
    assert tokens_in(tokens, 0, 8) == range(0, 4)
    assert tokens_in(tokens, 1, 5) == range(0, 2)
    assert tokens_in(tokens, 2, 4) == range(1, 1)  # only whitespace
    assert tokens_in(tokens, 5, 5) == range(1, 1)  # empty range
    assert tokens_in(tokens, 6, 7) == range(2, 3)
    assert token_at([], 0) is None
    assert tokens_in([], 0, 5) == range(0, 0)


# Runs that tempt the e-mail and number rules to rescan at every position.
LONG_RUNS = [("a.", "", 40_000), ("1,", "x", 100_000), ("ab+", "", 40_000), ("ل", "", 200_000)]


@pytest.mark.parametrize(("unit", "tail", "count"), LONG_RUNS)
def test_long_runs_without_spaces_are_tokenized_whole(unit: str, tail: str, count: int) -> None:
    """A run with no space in it is tokenized whole.  How its cost grows is
    measured by benchmarks/tokenize_speed.py, not here: a timed test fails on
    a loaded machine, which is slow, not wrong."""
    text = unit * count + tail
    tokens = tokenize(text)
    assert tokens[-1].end == len(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))


# Characters that exercise every rule, mixed with anything at all.
_INTERESTING = list(
    "ab Z09٠٩ بغداد ال و" + FATHA + SUKUN + KASRA + SHADDA + TATWEEL + ZWNJ + ZWJ + RLM
    + "'\u2019-_.,/:+%٪@،؛؟()«»\"\n\t\r\x00\x1c\x85\u00a0\u2028\u3000"
)  # fmt: skip
_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_INTERESTING),
        st.characters(),
        st.sampled_from(["http://", "https://x.y/", "a@b.cd", "1,000", "O'Neill"]),
    ),
    max_size=60,
).map("".join)


@given(_TEXT)
def test_tokens_tile_the_text_between_whitespace(text: str) -> None:
    tokens = tokenize(text)
    position = 0
    for token in tokens:
        assert position <= token.start < token.end  # sorted, non-overlapping, non-empty
        gap = text[position : token.start]
        assert gap == "" or gap.isspace()
        assert not any(ch.isspace() for ch in token.text_of(text))
        position = token.end
    rest = text[position:]
    assert rest == "" or rest.isspace()


@given(_TEXT)
def test_token_at_and_tokens_in_agree_with_a_scan(text: str) -> None:
    tokens = tokenize(text)
    for offset in range(-1, len(text) + 2):
        holding = [i for i, t in enumerate(tokens) if t.start <= offset < t.end]
        assert token_at(tokens, offset) == (holding[0] if holding else None)
    for start in range(len(text) + 1):
        assert not tokens_in(tokens, start, start)
        for end in range(start + 1, min(len(text), start + 6) + 1):
            overlapping = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
            assert list(tokens_in(tokens, start, end)) == overlapping


def test_annotation_core_does_not_load_textual() -> None:
    modules = ", ".join(
        f"reader.annotation.{name}" for name in ("tokens", "clitics", "spans", "patterns")
    )
    code = f"import sys, {modules}; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
