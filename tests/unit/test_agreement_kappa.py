"""Cohen's and Fleiss' kappa and Krippendorff's alpha on hand-made cases, and against
reference implementations: scikit-learn's ``cohen_kappa_score`` and the
``krippendorff`` package (Castro 2017), which hamish does not use itself."""

from __future__ import annotations

import warnings
from fractions import Fraction

import krippendorff
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.agreement.kappa import cohen_kappa, fleiss_kappa, krippendorff_alpha

MISSING = object()


def test_cohen_kappa_by_hand() -> None:
    # 50 items: both "yes" 20, a yes / b no 5, a no / b yes 10, both "no" 15.
    # p_o = (20 + 15) / 50 = 0.7; a says yes 25/50 = 0.5, b says yes 30/50 = 0.6;
    # p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_kappa_is_undefined_when_chance_agreement_is_perfect() -> None:
    # Every rating O: p_e = 1, so kappa = 0 / 0.
    assert cohen_kappa(["O"] * 5, ["O"] * 5) is None
    assert cohen_kappa([], []) is None


def test_cohen_kappa_of_total_disagreement_on_two_categories() -> None:
    # a: x y, b: y x.  p_o = 0; p_e = 0.5 * 0.5 + 0.5 * 0.5 = 0.5; kappa = -0.5 / 0.5 = -1.
    assert cohen_kappa(["x", "y"], ["y", "x"]) == pytest.approx(-1.0)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["O", "PER", "GPE", "ORG"]), st.sampled_from(["O", "PER", "GPE"])
        ),
        min_size=1,
        max_size=60,
    )
)
def test_cohen_kappa_matches_scikit_learn(pairs: list[tuple[str, str]]) -> None:
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    from sklearn.metrics import cohen_kappa_score  # a second to import: here, not at collection

    ours = cohen_kappa(a, b)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-learn warns where kappa is undefined
        theirs = float(cohen_kappa_score(a, b))
    if np.isnan(theirs):
        assert ours is None
    else:
        assert ours == pytest.approx(theirs, abs=1e-12)


def test_fleiss_kappa_on_the_textbook_table() -> None:
    # The worked example of Fleiss' kappa (Wikipedia, after Fleiss 1971): 10 subjects,
    # 14 raters, 5 categories; each row counts the raters per category.
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    items = [[j for j, c in enumerate(row) for _ in range(c)] for row in table]
    # sum_j n_ij^2 - 14 per row: 182 46 56 80 60 84 44 32 52 52 = 688, over 14 * 13 = 182
    # each: P = 688 / 1820 = 0.37802.  Columns: 20 28 39 21 32 of 140 ratings:
    # P_e = (400 + 784 + 1521 + 441 + 1024) / 19600 = 4170 / 19600 = 0.21276.
    p, p_e = Fraction(688, 1820), Fraction(4170, 19600)
    expected = float((p - p_e) / (1 - p_e))  # 0.20993: the table's published 0.210
    assert fleiss_kappa(items) == pytest.approx(expected, abs=1e-12)
    assert round(expected, 3) == 0.210


def test_fleiss_kappa_of_perfect_agreement_and_of_one_category() -> None:
    # Three raters agree on every item, two categories: P = 1, P_e = 0.5, kappa = 1.
    assert fleiss_kappa([["a", "a", "a"], ["b", "b", "b"]]) == pytest.approx(1.0)
    assert fleiss_kappa([["O", "O", "O"]] * 4) is None  # P_e = 1: 0 / 0
    with pytest.raises(ValueError):
        fleiss_kappa([["a", "b"], ["a"]])


@given(
    st.integers(min_value=2, max_value=5).flatmap(
        lambda m: st.lists(
            st.lists(st.sampled_from("OPGX"), min_size=m, max_size=m), min_size=2, max_size=30
        )
    )
)
def test_fleiss_kappa_agrees_with_krippendorff_on_complete_data(items: list[list[str]]) -> None:
    # With every rater rating every item (m raters, N items, n = m N values),
    # 1 - P = D_o and 1 - P_e = D_e (n - 1) / n, so alpha = 1 - (1 - kappa) (n - 1) / n.
    kappa = fleiss_kappa(items)
    codes = {c: i for i, c in enumerate("OPGX")}
    data = np.array([[codes[row[r]] for row in items] for r in range(len(items[0]))], dtype=float)
    if len({c for row in items for c in row}) < 2:
        assert kappa is None
        return
    assert kappa is not None
    alpha = krippendorff.alpha(
        reliability_data=data, value_domain=list(range(4)), level_of_measurement="nominal"
    )
    n = data.size
    assert 1 - (1 - kappa) * (n - 1) / n == pytest.approx(float(alpha), abs=1e-9)


def test_krippendorff_alpha_by_hand() -> None:
    # Two raters, units (a a) (a b) (b b) (b b), and a fifth unit only one rated.
    # Coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 4; n_a = 3, n_b = 5, n = 8.
    # alpha = 1 - (n - 1) * (o_ab + o_ba) / (2 n_a n_b) = 1 - 7 * 2 / 30 = 16 / 30.
    first = ["a", "a", "b", "b", "a"]
    second = ["a", "b", "b", "b", MISSING]
    assert krippendorff_alpha([first, second], MISSING) == pytest.approx(16 / 30)


def test_krippendorff_alpha_on_krippendorffs_own_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the nominal
    # example: 4 coders, 12 units, missing values; alpha = 0.743 as published.
    m = MISSING
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3],
        [m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m],
    ]
    assert round(krippendorff_alpha(data, MISSING) or 0.0, 3) == 0.743


@given(
    st.integers(min_value=2, max_value=4).flatmap(
        lambda m: st.lists(
            st.lists(st.sampled_from(["O", "PER", "GPE", None]), min_size=m, max_size=m),
            min_size=1,
            max_size=30,
        )
    )
)
def test_krippendorff_alpha_matches_the_krippendorff_package(items: list[list[str | None]]) -> None:
    # None here is a missing rating (a document that rater did not do).
    ratings = [
        [item[r] if item[r] is not None else MISSING for item in items]
        for r in range(len(items[0]))
    ]
    ours = krippendorff_alpha(ratings, MISSING)
    codes = {"O": 0, "PER": 1, "GPE": 2}
    data = np.array(
        [[codes[v] if v is not MISSING else np.nan for v in row] for row in ratings], dtype=float
    )
    values = {v for item in items for v in item if v is not None}
    pairable = any(sum(v is not None for v in item) >= 2 for item in items)
    if not pairable or len(values) < 2:
        assert ours is None
        return
    with np.errstate(all="ignore"):
        theirs = float(
            krippendorff.alpha(
                reliability_data=data, value_domain=[0, 1, 2], level_of_measurement="nominal"
            )
        )
    if np.isnan(theirs):
        assert ours is None  # the paired ratings all in one category: 0 / 0
    else:
        assert ours == pytest.approx(theirs, abs=1e-9)


def test_krippendorff_alpha_is_undefined_without_a_pairable_disagreement() -> None:
    assert krippendorff_alpha([["O", "O"], ["O", "O"]], MISSING) is None
    assert krippendorff_alpha([["a", MISSING], [MISSING, "b"]], MISSING) is None


@given(st.lists(st.sampled_from(["O", "PER", "GPE"]), min_size=1, max_size=40))
def test_agreement_with_oneself_is_one(tags: list[str]) -> None:
    if len(set(tags)) < 2:  # one category: every measure is 0 / 0
        assert cohen_kappa(tags, tags) is None
        return
    assert cohen_kappa(tags, tags) == 1.0
    assert fleiss_kappa([[t, t, t] for t in tags]) == 1.0
    assert krippendorff_alpha([tags, tags], MISSING) == 1.0
