"""Saved spans taken back one by one: each bad one reported by file and line, the good kept."""

from __future__ import annotations

from typing import Any

import pytest

from reader.annotation.resume import resume
from reader.annotation.spans import Span

TEXT = "x" * 512
GOOD = {"start": 0, "end": 4, "label": "PER"}


@pytest.mark.parametrize(
    ("span", "problem"),
    [
        ({"start": -1, "end": 4, "label": "PER"}, "start -1 is not within the text (0–512)"),
        ({"start": 500, "end": 600, "label": "PER"}, "end 600 is not within the text (0–512)"),
        ({"start": 9, "end": 4, "label": "PER"}, "start 9 is not before end 4"),
        ({"start": 4, "end": 4, "label": "PER"}, "start 4 is not before end 4"),
        ({"end": 4, "label": "PER"}, 'no "start"'),
        ({"start": 0, "label": "PER"}, 'no "end"'),
        ({"start": 0, "end": 4}, 'no "label"'),
        ({"start": "0", "end": 4, "label": "PER"}, "start is a string, not a whole number"),
        ({"start": 0, "end": 4.0, "label": "PER"}, "end 4.0 is not a whole number"),
        ({"start": True, "end": 4, "label": "PER"}, "start is a boolean, not a whole number"),
        ({"start": 0, "end": None, "label": "PER"}, "end is null, not a whole number"),
        ({"start": 0, "end": 4, "label": 7}, "label is a number, not a string"),
        ({"start": 0, "end": 4, "label": " "}, "label is empty"),
        ("0-4 PER", "is a string, not an object"),
        ([0, 4, "PER"], "is an array, not an object"),
    ],
)
def test_a_bad_span_is_reported_and_left_out(span: Any, problem: str) -> None:
    later = {"start": 10, "end": 20, "label": "ORG"}
    resumed = resume({"spans": [GOOD, span, later], "answer": "accept"}, TEXT, "out.jsonl:7")
    assert resumed.spans == [Span(0, 4, "PER"), Span(10, 20, "ORG")]
    assert resumed.problems == [f"out.jsonl:7: span 1: {problem}; left out"]
    assert resumed.answer == "accept"


def test_every_bad_span_of_a_record_is_reported() -> None:
    spans = [{"start": -1}, GOOD, "x", {"start": 0, "end": 513, "label": "A"}]
    resumed = resume({"spans": spans}, TEXT, "out.jsonl:2")
    assert resumed.spans == [Span(0, 4, "PER")]
    assert [p.split(": ", 2)[1] for p in resumed.problems] == ["span 0", "span 2", "span 3"]


@pytest.mark.parametrize(
    ("spans", "problems"),
    [
        ({"0": GOOD}, ["out.jsonl:3: spans is an object, not a list; none taken"]),
        ("PER 0 4", ["out.jsonl:3: spans is a string, not a list; none taken"]),
        (None, []),
    ],
)
def test_spans_that_are_not_a_list_give_none(spans: Any, problems: list[str]) -> None:
    resumed = resume({"spans": spans}, TEXT, "out.jsonl:3")
    assert (resumed.spans, resumed.problems) == ([], problems)


def test_no_spans_key_is_no_spans() -> None:
    assert resume({"answer": None}, TEXT, "o:1").spans == []


@pytest.mark.parametrize(
    ("answer", "shown"), [("maybe", "'maybe'"), (1, "a number"), (["accept"], "an array")]
)
def test_an_answer_hamish_does_not_know_is_reported_and_taken_as_none(
    answer: Any, shown: str
) -> None:
    resumed = resume({"spans": [GOOD], "answer": answer}, TEXT, "o:4")
    assert resumed.answer is None and resumed.spans == [Span(0, 4, "PER")]
    assert resumed.problems == [
        f"o:4: answer {shown} is not one of accept, reject, ignore; none taken"
    ]
