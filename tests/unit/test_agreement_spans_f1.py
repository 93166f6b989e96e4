"""Span precision, recall and F1 in three modes, and the kinds of disagreement."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.agreement.pairing import Document
from reader.agreement.spans_f1 import PRF, compare, prf
from reader.annotation.clitics import end_cuts, start_cuts
from reader.annotation.tokens import tokenize
from reader.formats.model import SourceSpan

# زار 0-3, والعراق 4-11, وغادر 12-17, الموصل 18-24, إلى 25-28, بيروت 29-34
TEXT = "زار والعراق وغادر الموصل إلى بيروت"


def doc(text: str = TEXT) -> Document:
    return Document("d", text)


def test_prf_by_hand() -> None:
    # 3 matched of 6 predicted and 4 reference: P = 0.5, R = 0.75, F1 = 6 / 10.
    assert prf(3, 6, 4) == PRF(0.5, 0.75, 0.6)
    assert prf(0, 0, 0) == PRF(1.0, 1.0, 1.0)  # neither has a span: they agree
    assert prf(0, 0, 2) == PRF(0.0, 0.0, 0.0)  # a found nothing of b's two
    assert prf(0, 3, 0) == PRF(0.0, 0.0, 0.0)


def test_each_mode_and_each_kind_of_disagreement() -> None:
    a = [
        SourceSpan(4, 11, "GPE"),  # والعراق
        SourceSpan(18, 24, "GPE"),  # الموصل
        SourceSpan(29, 34, "GPE"),  # بيروت
        SourceSpan(0, 3, "PER"),  # زار (only a)
    ]
    b = [
        SourceSpan(5, 11, "GPE"),  # العراق: a clitic near-miss
        SourceSpan(18, 24, "GPE"),  # the same
        SourceSpan(29, 34, "LOC"),  # another label
        SourceSpan(12, 17, "GPE"),  # وغادر (only b)
    ]
    found = compare(doc(), a, b)
    # strict: الموصل only, 1 of 4 and 4.  clitic: + العراق = 2.  overlap: also 2
    # (بيروت has other labels, وغادر overlaps nothing of a's).
    scores = found.overall.scores()
    assert scores["strict"] == PRF(0.25, 0.25, 0.25)
    assert scores["clitic"] == PRF(0.5, 0.5, 0.5)
    assert scores["overlap"] == PRF(0.5, 0.5, 0.5)
    assert dict(found.kinds) == {
        "clitic": 1,
        "boundary": 0,
        "label": 1,
        "only_a": 1,
        "only_b": 1,
    }
    # Per label: GPE a 3, b 3: strict 1, clitic 2; LOC: b 1; PER: a 1.
    gpe = found.per_label["GPE"]
    assert (gpe.a, gpe.b, gpe.matches["strict"], gpe.matches["clitic"]) == (3, 3, 1, 2)
    assert (found.per_label["LOC"].a, found.per_label["LOC"].b) == (0, 1)
    assert found.per_label["PER"].scores()["overlap"] == PRF(0.0, 0.0, 0.0)


def test_a_boundary_disagreement_is_not_a_clitic_one() -> None:
    # وغادر الموصل against الموصل: overlapping, but وغادر is a word, not a clitic.
    found = compare(doc(), [SourceSpan(12, 24, "GPE")], [SourceSpan(18, 24, "GPE")])
    assert found.overall.matches["clitic"] == 0
    assert found.overall.matches["overlap"] == 1
    assert found.kinds["boundary"] == 1


WORDS = ["والعراق", "للعراق", "لبغداد", "كتابهم", "مدرسة", "بيروت", "وسوريا", "زار"]


Case = tuple[str, list[SourceSpan], list[SourceSpan]]


@st.composite
def annotated(draw: st.DrawFn) -> Case:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
    text = " ".join(words)
    tokens = tokenize(text)

    def span() -> SourceSpan:
        i = draw(st.integers(0, len(tokens) - 1))
        j = draw(st.integers(i, len(tokens) - 1))
        first, last = tokens[i], tokens[j]
        starts = [first.start] + [
            first.start + c for c in start_cuts(text[first.start : first.end])
        ]
        ends = [last.end] + [last.start + c for c in end_cuts(text[last.start : last.end])]
        start = draw(st.sampled_from(starts))
        end = draw(st.sampled_from([e for e in ends if e > start] or [last.end]))
        if draw(st.booleans()):  # now and then, edges anywhere
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
        return SourceSpan(start, end, draw(st.sampled_from(["GPE", "ORG"])))

    a = sorted({span() for _ in range(draw(st.integers(0, 5)))})
    b = sorted({span() for _ in range(draw(st.integers(0, 5)))})
    return text, a, b


@given(annotated())
def test_agreement_with_oneself_is_one(
    case: Case,
) -> None:
    text, a, _ = case
    for score in compare(doc(text), a, a).overall.scores().values():
        assert score == PRF(1.0, 1.0, 1.0)


@given(annotated())
def test_f1_is_symmetric_and_p_r_swap(case: Case) -> None:
    text, a, b = case
    one = compare(doc(text), a, b).overall.scores()
    other = compare(doc(text), b, a).overall.scores()
    for mode, score in one.items():
        assert score.f1 == pytest.approx(other[mode].f1)
        assert score.precision == pytest.approx(other[mode].recall)


@given(annotated())
def test_strict_clitic_overlap_in_order_and_kinds_add_up(
    case: Case,
) -> None:
    text, a, b = case
    found = compare(doc(text), a, b)
    m = found.overall.matches
    assert m["strict"] <= m["clitic"] <= m["overlap"]
    k = found.kinds
    assert all(v >= 0 for v in k.values())
    # Every span of a is matched strictly, or falls in exactly one kind.
    assert m["strict"] + k["clitic"] + k["boundary"] + k["label"] + k["only_a"] == len(a)
    assert m["strict"] + k["clitic"] + k["boundary"] + k["label"] + k["only_b"] == len(b)
