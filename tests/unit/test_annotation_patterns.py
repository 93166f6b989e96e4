"""Pattern files and the suggestions they make, with offsets counted by hand."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.annotation.patterns import Pattern, find_suggestions, load_patterns
from reader.annotation.spans import Span
from reader.annotation.tokens import tokenize
from reader.documents import InputError


def phrase(label: str, text: str) -> Pattern:
    return Pattern(label, text, None, 1)


def token_pattern(label: str, *tokens: dict[str, str]) -> Pattern:
    return Pattern(label, None, tokens, 1)


def suggest(text: str, *patterns: Pattern) -> list[tuple[int, int, str]]:
    spans = find_suggestions(text, tokenize(text), patterns)
    return [(s.start, s.end, s.label) for s in spans]


# --- loading ------------------------------------------------------------------


def test_load_patterns_reports_bad_lines_and_keeps_good_ones(tmp_path: Path) -> None:
    lines = [
        '{"label": "GPE", "pattern": "بغداد"}',  # 1
        "",  # 2: blank, skipped quietly
        "not json",  # 3
        '{"label": "ORG", "pattern": [{"lower": "world"}, {"pos": "NOUN"}]}',  # 4
        '["GPE", "بغداد"]',  # 5
        '{"pattern": "x"}',  # 6
        '{"label": "GPE"}',  # 7
        '{"label": "GPE", "pattern": ""}',  # 8
        '{"label": "GPE", "pattern": 5}',  # 9
        '{"label": "ORG", "pattern": [{"LOWER": "world"}, {"orth": "Bank"}], "id": "wb"}',  # 10
        '{"label": "", "pattern": "x"}',  # 11
        '{"label": "X", "pattern": "\u064e\u0652"}',  # 12: harakat only
        '{"label": "X", "pattern": [{"lower": "a", "text": "A"}]}',  # 13
        '{"label": "X", "pattern": []}\r',  # 14
    ]
    path = tmp_path / "patterns.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    patterns, problems = load_patterns(str(path))
    assert patterns == [
        Pattern("GPE", "بغداد", None, 1),
        Pattern("ORG", None, ({"lower": "world"}, {"orth": "Bank"}), 10),
    ]
    p = str(path)
    assert problems == [
        f"{p}:3: bad JSON: Expecting value at column 1",
        f"{p}:4: token 2: unsupported attribute 'pos' (use lower, text or orth)",
        f'{p}:5: expected an object like {{"label": "GPE", "pattern": "..."}}',
        f"{p}:6: missing label",
        f"{p}:7: missing pattern",
        f"{p}:8: empty pattern",
        f"{p}:9: pattern must be a string or a list of token objects",
        f"{p}:11: label must be a non-empty string",
        f"{p}:12: empty pattern",
        f"{p}:13: token 1: expected an object with one of lower, text, orth",
        f"{p}:14: empty pattern",
    ]


def test_load_patterns_raises_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        load_patterns(str(tmp_path / "nope.jsonl"))
    assert str(missing.value).endswith("nope.jsonl: no such file")
    binary = tmp_path / "bad.jsonl"
    binary.write_bytes(b'{"label": "X", "pattern": "\xff"}\n')
    with pytest.raises(InputError, match="not UTF-8"):
        load_patterns(str(binary))


# --- matching -----------------------------------------------------------------


def test_phrase_sees_through_a_proclitic() -> None:
    text = "سافر لبغداد أمس"
    # 0 س 1 ا 2 ف 3 ر 4 space 5 ل 6 ب 7 غ 8 د 9 ا 10 د 11 space 12 أ 13 م 14 س
    assert suggest(text, phrase("GPE", "بغداد")) == [(6, 11, "GPE")]


def test_article_phrase_matches_after_a_conjunction() -> None:
    text = "وصلوا إلى بغداد والعراق."
    # 0 و 1 ص 2 ل 3 و 4 ا 5 sp 6 إ 7 ل 8 ى 9 sp 10 ب 11 غ 12 د 13 ا 14 د 15 sp
    # 16 و 17 ا 18 ل 19 ع 20 ر 21 ا 22 ق 23 .
    found = suggest(text, phrase("GPE", "العراق"), phrase("GPE", "بغداد"))
    assert found == [(10, 15, "GPE"), (17, 23, "GPE")]


def test_phrase_never_matches_inside_a_word() -> None:
    text = "العراقيين والعراق"
    # 0 ا 1 ل 2 ع 3 ر 4 ا 5 ق 6 ي 7 ي 8 ن 9 sp 10 و 11 ا 12 ل 13 ع 14 ر 15 ا 16 ق
    # عراق is العراق less its article, a proclitic; never the inside of العراقيين.
    assert suggest(text, phrase("GPE", "عراق")) == [(13, 17, "GPE")]
    # With both patterns the longer match wins.
    both = suggest(text, phrase("X", "عراق"), phrase("GPE", "العراق"))
    assert both == [(11, 17, "GPE")]


def test_vowelled_text_matches_an_unvowelled_pattern() -> None:
    text = "وَصَلَ إِلَى بَغْدَادَ"
    # 0 و 1 َ 2 ص 3 َ 4 ل 5 َ 6 sp 7 إ 8 ِ 9 ل 10 َ 11 ى 12 sp
    # 13 ب 14 َ 15 غ 16 ْ 17 د 18 َ 19 ا 20 د 21 َ   (the span keeps the final fatha)
    assert suggest(text, phrase("GPE", "بغداد")) == [(13, 22, "GPE")]
    text = "لِبَغْدَادَ"
    # 0 ل 1 ِ | 2 ب 3 َ 4 غ 5 ْ 6 د 7 َ 8 ا 9 د 10 َ
    assert suggest(text, phrase("GPE", "بغداد")) == [(2, 11, "GPE")]
    # ... and a vowelled pattern matches unvowelled text.
    assert suggest("في بغداد", phrase("GPE", "بَغْدَاد")) == [(3, 8, "GPE")]


def test_spelling_variants_fold_like_search() -> None:
    text = "بالحسكه واربيل"
    # 0 ب 1 ا 2 ل 3 ح 4 س 5 ك 6 ه 7 sp 8 و 9 ا 10 ر 11 ب 12 ي 13 ل
    found = suggest(text, phrase("GPE", "الحسكة"), phrase("GPE", "أربيل"))
    assert found == [(1, 7, "GPE"), (9, 14, "GPE")]


def test_token_pattern_world_bank() -> None:
    text = "(World Bank) and (WORLD BANK)"
    # 0 ( 1 W..5 d 6 sp 7 B..10 k 11 ) 12 sp 13 a 14 n 15 d 16 sp
    # 17 ( 18 W..22 D 23 sp 24 B..27 K 28 )
    lower = token_pattern("ORG", {"lower": "world"}, {"lower": "bank"})
    assert suggest(text, lower) == [(1, 11, "ORG"), (18, 28, "ORG")]
    exact = token_pattern("ORG", {"text": "World"}, {"orth": "Bank"})
    assert suggest(text, exact) == [(1, 11, "ORG")]
    # A phrase is matched without regard to case too, whitespace not compared.
    assert suggest("the World\nBank.", phrase("ORG", "world bank")) == [(4, 14, "ORG")]


def test_overlapping_matches_keep_the_longest() -> None:
    text = "قال البنك الدولي"
    # 0 ق 1 ا 2 ل 3 sp 4 ا 5 ل 6 ب 7 ن 8 ك 9 sp 10 ا 11 ل 12 د 13 و 14 ل 15 ي
    found = suggest(text, phrase("X", "البنك"), phrase("ORG", "البنك الدولي"))
    assert found == [(4, 16, "ORG")]
    # Two patterns for the same words: the first in the file wins.
    assert suggest(text, phrase("A", "الدولي"), phrase("B", "الدولي")) == [(10, 16, "A")]


def test_no_patterns_or_no_tokens() -> None:
    assert suggest("بغداد") == []
    assert suggest("", phrase("GPE", "بغداد")) == []
    assert suggest("بغداد", phrase("GPE", "بغداد بغداد")) == []  # runs off the end


_WORDS = ["بغداد", "لبغداد", "العراق", "والعراق", "البنك", "الدولي", "World", "Bank", "،", "."]


@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from([" ", "  ", "\n"]))
def test_suggestions_are_sorted_disjoint_and_on_tokens(words: list[str], gap: str) -> None:
    text = gap.join(words)
    patterns = [
        phrase("GPE", "بغداد"),
        phrase("GPE", "العراق"),
        phrase("ORG", "البنك الدولي"),
        phrase("X", "الدولي"),
        token_pattern("ORG", {"lower": "world"}, {"lower": "bank"}),
    ]
    spans = find_suggestions(text, tokenize(text), patterns)
    assert spans == sorted(spans)
    assert all(a.end <= b.start for a, b in pairwise(spans))
    for span in spans:
        assert isinstance(span, Span)
        assert span.end == len(text) or text[span.end].isspace() or text[span.end] in "،."
        assert text[span.start - 1 : span.start] in ("", " ", "\n", "ل", "و")


def test_pattern_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    rows = [{"label": "GPE", "pattern": "بغداد"}, {"label": "GPE", "pattern": "العراق"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    patterns, problems = load_patterns(str(path))
    assert problems == []
    text = "من بغداد إلى العراق"
    # 0 م 1 ن 2 sp 3 ب 4 غ 5 د 6 ا 7 د 8 sp 9 إ 10 ل 11 ى 12 sp 13 ا 14 ل 15 ع 16 ر 17 ا 18 ق
    assert find_suggestions(text, tokenize(text), patterns) == [
        Span(3, 8, "GPE"),
        Span(13, 19, "GPE"),
    ]


def test_the_elided_article_after_lam_is_seen_through() -> None:
    """ل + العراق is written للعراق: the pattern العراق finds it, on لعراق."""
    text = "تهديداً للعراق وللعراق"
    patterns = [Pattern("GPE", "العراق", None, 1)]
    found = find_suggestions(text, tokenize(text), patterns)
    # للعراق at 8-14: the span starts after the first ل (9), on لعراق.
    # وللعراق at 15-22: after و ل (17), on لعراق.
    assert [(s.start, s.end, s.label) for s in found] == [(9, 14, "GPE"), (17, 22, "GPE")]
    assert [text[s.start : s.end] for s in found] == ["لعراق", "لعراق"]
