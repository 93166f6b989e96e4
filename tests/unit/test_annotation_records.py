"""Saved records: tokens cut at span boundaries that rebuild the text, spans on them, hashes."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from record_schema import validate_record

from reader.annotation.hashing import doc_id_for, input_hash, task_hash
from reader.annotation.spans import Span
from reader.annotation.tasks import (
    input_changed,
    saved_spans,
    saved_tokens,
    task_record,
)
from reader.annotation.tokens import Token, tokenize


def rebuilt(tokens: list[dict[str, Any]]) -> str:
    """The text spaCy's ``Doc(words=..., spaces=...)`` would have."""
    return "".join(t["text"] + (" " if t["ws"] else "") for t in tokens)


def record(text: str, spans: list[Span], **fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "text": text,
        "meta": {},
        "doc_id": "doc.txt",
        "spans": spans,
        "answer": "accept",
        "annotator": "amira",
        "tokens": tokenize(text),
        "timestamp": 1_700_000_000,
    }
    values.update(fields)
    return task_record(**values)


# -- tokens cut at span boundaries --------------------------------------------------

CLITIC_TEXT = "سافر لبغداد أمس"  # سافر 0-4, space, ل 5, بغداد 6-11, space, أمس 12-15


def test_a_span_inside_a_word_cuts_the_word_into_tokens() -> None:
    spans = [Span(6, 11, "GPE")]
    tokens = saved_tokens(CLITIC_TEXT, tokenize(CLITIC_TEXT), spans)
    assert [(t["text"], t["start"], t["end"], t["ws"]) for t in tokens] == [
        ("سافر", 0, 4, True),
        ("ل", 5, 6, False),
        ("بغداد", 6, 11, True),
        ("أمس", 12, 15, False),
    ]
    assert [t["id"] for t in tokens] == [0, 1, 2, 3]
    assert saved_spans(CLITIC_TEXT, tokens, spans) == [
        {
            "start": 6,
            "end": 11,
            "label": "GPE",
            "text": "بغداد",
            "token_start": 2,
            "token_end": 2,
        }
    ]


def test_without_spans_the_tokens_are_hamish_tokens() -> None:
    tokens = saved_tokens(CLITIC_TEXT, tokenize(CLITIC_TEXT), [])
    assert [t["text"] for t in tokens] == ["سافر", "لبغداد", "أمس"]


def test_a_span_over_two_words_keeps_token_end_inclusive() -> None:
    text = "قال جون برينان اليوم"
    spans = [Span(4, 14, "PER")]
    tokens = saved_tokens(text, tokenize(text), spans)
    (span,) = saved_spans(text, tokens, spans)
    assert (span["token_start"], span["token_end"]) == (1, 2)
    assert span["text"] == "جون برينان"


def test_a_suffix_span_cuts_the_end_of_a_word() -> None:
    text = "كتابهم هنا"  # كتاب + هم
    spans = [Span(0, 4, "X")]
    tokens = saved_tokens(text, tokenize(text), spans)
    assert [(t["text"], t["ws"]) for t in tokens] == [("كتاب", False), ("هم", True), ("هنا", False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spaCy's own way: the first space is the token's ws, the rest a token.
        ("a  b", [("a", True), (" ", False), ("b", False)]),
        (" a", [(" ", False), ("a", False)]),
        ("a ", [("a", True)]),
        ("a\nb", [("a", False), ("\n", False), ("b", False)]),
        ("a\r\nb", [("a", False), ("\r\n", False), ("b", False)]),
        ("a \n b", [("a", True), ("\n ", False), ("b", False)]),
        ("a\tb", [("a", False), ("\t", False), ("b", False)]),
        ("a\u00a0b", [("a", False), ("\u00a0", False), ("b", False)]),
        ("", []),
        ("\n\n", [("\n\n", False)]),
    ],
)
def test_whitespace_outside_tokens(text: str, expected: list[tuple[str, bool]]) -> None:
    tokens = saved_tokens(text, tokenize(text), [])
    assert [(t["text"], t["ws"]) for t in tokens] == expected
    assert rebuilt(tokens) == text


def test_a_span_starting_on_a_space_makes_the_space_a_token() -> None:
    text = "a b"
    spans = [Span(1, 3, "X")]
    tokens = saved_tokens(text, tokenize(text), spans)
    assert [(t["text"], t["ws"]) for t in tokens] == [("a", False), (" ", False), ("b", False)]
    assert saved_spans(text, tokens, spans)[0]["token_start"] == 1


def test_a_span_ending_after_a_space_makes_the_space_a_token() -> None:
    text = "a b"
    spans = [Span(0, 2, "X")]
    tokens = saved_tokens(text, tokenize(text), spans)
    assert [t["text"] for t in tokens] == ["a", " ", "b"]
    assert saved_spans(text, tokens, spans)[0]["token_end"] == 1


def test_overlapping_spans_cut_at_every_boundary() -> None:
    text = "abcdef"
    spans = [Span(1, 4, "X"), Span(2, 6, "Y")]
    tokens = saved_tokens(text, [Token(0, 6)], spans)
    assert [t["text"] for t in tokens] == ["a", "b", "cd", "ef"]
    assert [(s["token_start"], s["token_end"]) for s in saved_spans(text, tokens, spans)] == [
        (1, 2),
        (2, 3),
    ]


@pytest.mark.parametrize(
    ("tokens", "spans"),
    [
        ([Token(0, 4), Token(2, 6)], []),  # overlapping tokens
        ([Token(0, 99)], []),  # outside the text
        ([Token(3, 3)], []),  # empty
        ([], [Token(0, 99)]),  # a span outside the text
    ],
)
def test_bad_tokens_or_spans_are_refused(tokens: list[Token], spans: list[Token]) -> None:
    with pytest.raises(ValueError):
        saved_tokens("abcdef", tokens, spans)


def test_a_span_off_the_token_boundaries_is_refused() -> None:
    tokens = saved_tokens("abc def", [Token(0, 3), Token(4, 7)], [])
    with pytest.raises(ValueError, match="token boundaries"):
        saved_spans("abc def", tokens, [Span(1, 3, "X")])


# -- the property: any text, any spans -----------------------------------------------

ALPHABET = st.sampled_from(
    list("سافرلبغدادأمسكتابهم")
    + list("abcXYZ")
    + list("0123٣٤")
    + list(".,،؛؟-'\"()%")
    + [" ", " ", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u200c"]
)


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = "".join(draw(st.lists(ALPHABET, max_size=40)))
    tokens = tokenize(text)
    bounds = sorted({b for t in tokens for b in (t.start, t.end)})
    inside = [i for t in tokens for i in range(t.start + 1, t.end)]
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        choices = [st.sampled_from(bounds)] if bounds else []
        if inside:
            choices.append(st.sampled_from(inside))
        if text:
            choices.append(st.integers(0, len(text)))
        if not choices:
            break
        a, b = draw(st.one_of(choices)), draw(st.one_of(choices))
        if a != b:
            spans.append(Span(min(a, b), max(a, b), draw(st.sampled_from(["PER", "LOC"]))))
    return text, spans


@given(texts_and_spans())
def test_saved_tokens_rebuild_the_text_and_cover_every_span(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    words = tokenize(text)
    tokens = saved_tokens(text, words, spans)
    assert rebuilt(tokens) == text
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    for t in tokens:
        assert t["text"] == text[t["start"] : t["end"]] != ""
        if t["ws"]:
            assert text[t["end"]] == " "
        # A saved token never joins two of hamish's tokens, nor a token and a gap.
        inside = [w for w in words if w.start < t["end"] and t["start"] < w.end]
        if inside:
            (word,) = inside
            assert word.start <= t["start"] < t["end"] <= word.end
    for s in saved_spans(text, tokens, spans):
        assert s["text"] == text[s["start"] : s["end"]]
        assert tokens[s["token_start"]]["start"] == s["start"]
        assert tokens[s["token_end"]]["end"] == s["end"]
        assert s["token_start"] <= s["token_end"]
    saved = record(text, spans)
    assert validate_record(saved) == []
    assert validate_record(json.loads(json.dumps(saved, ensure_ascii=False))) == []


# -- the record ------------------------------------------------------------------------


def test_task_record_has_prodigys_fields() -> None:
    saved = record(CLITIC_TEXT, [Span(6, 11, "GPE")], meta={"title": "t", "id": 7})
    assert list(saved) == [
        "text",
        "meta",
        "_input_hash",
        "_task_hash",
        "_hamish_doc",
        "tokens",
        "spans",
        "_view_id",
        "answer",
        "_timestamp",
        "_annotator_id",
    ]
    assert saved["_hamish_doc"] == "doc.txt"
    assert saved["text"] == CLITIC_TEXT
    assert saved["meta"] == {"title": "t", "id": 7}
    assert saved["_input_hash"] == input_hash(CLITIC_TEXT)
    assert saved["_task_hash"] == task_hash("doc.txt")
    assert saved["_view_id"] == "ner_manual"
    assert (saved["answer"], saved["_annotator_id"], saved["_timestamp"]) == (
        "accept",
        "amira",
        1_700_000_000,
    )
    assert validate_record(saved) == []


def test_task_record_makes_meta_json() -> None:
    meta = {
        "date": datetime.date(2022, 1, 23),
        "tags": ("a", "b"),
        "n": {"at": datetime.time(1, 2)},
    }
    saved = record("x", [], meta=meta)
    assert saved["meta"] == {"date": "2022-01-23", "tags": ["a", "b"], "n": {"at": "01:02:00"}}
    json.dumps(saved)


def test_an_unanswered_document_saves_a_null_answer() -> None:
    saved = record("x", [], answer=None)
    assert saved["answer"] is None
    assert validate_record(saved) == []


def test_an_unknown_answer_is_refused() -> None:
    with pytest.raises(ValueError, match="answer"):
        record("x", [], answer="maybe")


def test_the_timestamp_defaults_to_now() -> None:
    saved = record("x", [], timestamp=None)
    assert isinstance(saved["_timestamp"], int) and saved["_timestamp"] > 1_700_000_000


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda r: r["spans"][0].update(text="غداد"), "span 0: text is not text[6:11]"),
        (lambda r: r["spans"][0].update(token_start=0), "span 0: tokens 0-2 do not cover"),
        (lambda r: r["spans"][0].update(token_end=99), "span 0: tokens 2-99 are not tokens"),
        (lambda r: r["spans"][0].update(label=""), "span 0: label missing or empty"),
        (lambda r: r["tokens"].pop(), "tokens cover the text only to 12 of 15"),
        (lambda r: r["tokens"].pop(1), "token 1: id is 2"),
        (lambda r: r["tokens"][0].update(ws=False), "token 1: starts at 5, not at 4"),
        (lambda r: r["tokens"][1].update(ws=True), "token 1: ws is true but no space follows"),
        (lambda r: r["tokens"][0].update(text="x"), "token 0: text is not text[0:4]"),
        (lambda r: r.update(tokens="none"), "tokens is not a list"),
        (lambda r: r.update(answer="yes"), "answer is not one of"),
        (lambda r: r.update(_task_hash="1"), "_task_hash is not an integer"),
        (lambda r: r.update(_view_id="spans"), "_view_id is not ner_manual"),
    ],
)
def test_validate_record_names_the_problem(change: Any, problem: str) -> None:
    saved = record(CLITIC_TEXT, [Span(6, 11, "GPE")])
    change(saved)
    problems = validate_record(saved)
    assert any(p.startswith(problem) for p in problems), problems


def test_validate_record_needs_an_object_with_text() -> None:
    assert validate_record([]) == ["not a JSON object"]
    assert validate_record({"text": 1}) == ["text is not a string"]


def test_input_changed_compares_the_text_hash() -> None:
    saved = record(CLITIC_TEXT, [])
    assert not input_changed(saved, CLITIC_TEXT)
    assert input_changed(saved, CLITIC_TEXT + ".")


# -- hashes and ids --------------------------------------------------------------------


def test_hashes_are_pinned_signed_32_bit_integers() -> None:
    # Pinned: a change here would orphan every annotation file already written.
    assert input_hash("سافر لبغداد أمس") == INPUT_HASH
    assert task_hash("news.jsonl#3") == TASK_HASH
    for value in (input_hash(""), task_hash("x"), input_hash("x")):
        assert -(2**31) <= value < 2**31
    assert input_hash("x") != task_hash("x")


INPUT_HASH = -148098820
TASK_HASH = 1461942191


def test_a_changed_text_keeps_its_task_hash_but_not_its_input_hash() -> None:
    before = record("النص الأول", [], doc_id="a.jsonl#0")
    after = record("النص الثاني", [], doc_id="a.jsonl#0")
    assert before["_task_hash"] == after["_task_hash"]
    assert before["_input_hash"] != after["_input_hash"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"text": "x", "_task_hash": -5, "meta": {"id": "a"}, "id": 3}, "_task_hash=-5"),
        ({"text": "x", "meta": {"id": "a-1"}, "id": 3}, 'meta.id="a-1"'),
        ({"text": "x", "meta": {"id": ""}, "id": 3}, "id=3"),
        ({"text": "x", "id": "٣", "_input_hash": 9}, 'id="٣"'),
        ({"text": "x", "id": True, "_input_hash": 9}, "_input_hash=9"),
        ({"text": "x", "_task_hash": "7"}, "news.jsonl#4"),
        ({"text": "x"}, "news.jsonl#4"),
    ],
)
def test_doc_id_prefers_the_records_own_id(raw: dict[str, Any], expected: str) -> None:
    assert doc_id_for("/data/in/news.jsonl", 4, raw) == expected


def test_doc_id_of_a_file_is_its_name_only() -> None:
    assert doc_id_for("/home/a/articles/day1.txt") == "day1.txt"
    assert doc_id_for("articles/day1.txt") == doc_id_for("/elsewhere/day1.txt")
    assert doc_id_for("-") == "<stdin>"
    assert doc_id_for("/x/news.jsonl", 0, None) == "news.jsonl#0"


def test_a_records_own_task_hash_is_kept() -> None:
    assert task_hash(doc_id_for("f.jsonl", 0, {"_task_hash": -123456})) == -123456
    big = 2**40
    assert task_hash(doc_id_for("f.jsonl", 0, {"_task_hash": big})) != big
