"""Chance-corrected agreement on categories: Cohen's kappa, Fleiss' kappa, Krippendorff's alpha.

* Cohen (1960), "A coefficient of agreement for nominal scales": two raters
  on the same items; ``kappa = (p_o - p_e) / (1 - p_e)``, with ``p_o`` the
  share of items they agree on and ``p_e = sum_k p_a(k) * p_b(k)`` the
  agreement expected from each rater's own category shares.
* Fleiss (1971), "Measuring nominal scale agreement among many raters": ``n``
  raters on each item; ``P_i = (sum_j n_ij^2 - n) / (n (n - 1))``, ``P =
  mean P_i``, ``p_j`` the share of all ratings in category ``j``, ``P_e =
  sum_j p_j^2``, ``kappa = (P - P_e) / (1 - P_e)``.
* Krippendorff's alpha for nominal data (Krippendorff 2004, *Content
  Analysis*, 2nd ed., ch. 11; 2011, "Computing Krippendorff's
  Alpha-Reliability"): any number of raters, and items not every rater
  rated.  From the coincidence matrix ``o_ck = sum_u n_uc (n_uk - [c = k]) /
  (m_u - 1)`` over the items ``u`` with ``m_u >= 2`` ratings, ``n_c = sum_k
  o_ck`` and ``n = sum_c n_c``: ``alpha = 1 - D_o / D_e = 1 - (n - 1)(n -
  sum_c o_cc) / (n^2 - sum_c n_c^2)``.

Each is kept as running counts (tallies), so a corpus of any size takes
memory for its categories only, and computed exactly in integers and
fractions.  Each is None where it is undefined: with no item, or when chance
agreement is already perfect (every rating in one category), where the
ratio is 0 / 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from fractions import Fraction


class CohenTally:
    """Two raters' categories, counted by pair: the confusion table."""

    def __init__(self) -> None:
        self.table: Counter[tuple[Hashable, Hashable]] = Counter()

    def add(self, a: Sequence[Hashable], b: Sequence[Hashable]) -> None:
        """Count items ``i`` rated ``a[i]`` by one rater and ``b[i]`` by the other."""
        if len(a) != len(b):
            raise ValueError("both raters must rate the same items")
        self.table.update(zip(a, b, strict=True))

    @property
    def items(self) -> int:
        """How many items were counted."""
        return sum(self.table.values())

    def kappa(self) -> float | None:
        """Cohen's kappa of what was counted."""
        n = self.items
        if n == 0:
            return None
        agree = sum(c for (x, y), c in self.table.items() if x == y)
        first: Counter[Hashable] = Counter()
        second: Counter[Hashable] = Counter()
        for (x, y), c in self.table.items():
            first[x] += c
            second[y] += c
        chance = sum(first[k] * second[k] for k in first)
        if chance == n * n:
            return None
        return float((Fraction(agree, n) - Fraction(chance, n * n)) / (1 - Fraction(chance, n * n)))


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two raters' categories for the same items (``a[i]`` and ``b[i]``)."""
    tally = CohenTally()
    tally.add(a, b)
    return tally.kappa()


class FleissTally:
    """Items each rated by the same number of raters, as Fleiss' kappa needs them."""

    def __init__(self) -> None:
        self.raters: int | None = None
        self.items = 0
        self.agreeing_pairs = 0  # sum over items of sum_j n_ij (n_ij - 1)
        self.totals: Counter[Hashable] = Counter()

    def add(self, ratings: Sequence[Hashable], times: int = 1) -> None:
        """Count ``times`` items rated ``ratings`` (two or more, as many as every other item)."""
        if self.raters is None:
            self.raters = len(ratings)
        if len(ratings) != self.raters or self.raters < 2:
            raise ValueError("every item needs the same number of ratings, two or more")
        counts = Counter(ratings)
        for category, c in counts.items():
            self.totals[category] += times * c
            self.agreeing_pairs += times * c * (c - 1)
        self.items += times

    def kappa(self) -> float | None:
        """Fleiss' kappa of what was counted."""
        if not self.items or self.raters is None:
            return None
        n = self.raters
        observed = Fraction(self.agreeing_pairs, self.items * n * (n - 1))
        ratings = self.items * n
        expected = Fraction(sum(c * c for c in self.totals.values()), ratings * ratings)
        if expected == 1:
            return None
        return float((observed - expected) / (1 - expected))


def fleiss_kappa(items: Iterable[Sequence[Hashable]]) -> float | None:
    """Fleiss' kappa of items each rated by the same number (two or more) of raters."""
    tally = FleissTally()
    for item in items:
        tally.add(item)
    return tally.kappa()


class AlphaTally:
    """Items with any number of ratings, for Krippendorff's nominal alpha.

    Items are kept as their counts per category, and alike items once with
    their number, so memory grows with the kinds of items, not their number.
    """

    def __init__(self) -> None:
        self.kinds: Counter[frozenset[tuple[Hashable, int]]] = Counter()

    def add(self, ratings: Sequence[Hashable], times: int = 1) -> None:
        """Count ``times`` items rated ``ratings`` (the raters who did not rate them left out)."""
        if len(ratings) >= 2:  # an item one rater rated cannot be paired: it does not count
            self.kinds[frozenset(Counter(ratings).items())] += times

    def alpha(self) -> float | None:
        """Krippendorff's nominal alpha of what was counted."""
        diagonal = Fraction(0)  # sum_c o_cc
        totals: Counter[Hashable] = Counter()  # n_c = sum_k o_ck = sum_u n_uc
        n = 0
        for kind, times in self.kinds.items():
            m = sum(c for _, c in kind)
            for category, c in kind:
                diagonal += Fraction(times * c * (c - 1), m - 1)
                totals[category] += times * c
            n += times * m
        spread = n * n - sum(c * c for c in totals.values())
        if n == 0 or spread == 0:
            return None
        return float(1 - (n - 1) * (n - diagonal) / spread)


def krippendorff_alpha(ratings: Sequence[Sequence[Hashable]], missing: object) -> float | None:
    """Krippendorff's nominal alpha; ``ratings[r][i]`` is rater ``r``'s category of item ``i``.

    A rating that is ``missing`` means the rater did not rate the item.
    """
    tally = AlphaTally()
    for item in zip(*ratings, strict=True):
        tally.add([r for r in item if r is not missing])
    return tally.alpha()
