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
  Analysis*, ch. 11; 2011, "Computing Krippendorff's Alpha-Reliability"),
  ``alpha = 1 - D_o / D_e``, computed by the ``krippendorff`` package.  It
  takes any number of raters and items that not every rater rated.

Each is None where it is undefined: when chance agreement is already
perfect (every rating in one category), the ratio is 0 / 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two raters' categories for the same items (``a[i]`` and ``b[i]``)."""
    if len(a) != len(b):
        raise ValueError("both raters must rate the same items")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[k] * count_b[k] for k in count_a) / (n * n)
    if expected == 1.0:
        return None
    return (observed - expected) / (1 - expected)


def fleiss_kappa(items: Sequence[Sequence[Hashable]]) -> float | None:
    """Fleiss' kappa of items each rated by the same number (two or more) of raters."""
    if not items:
        return None
    raters = len(items[0])
    if raters < 2 or any(len(item) != raters for item in items):
        raise ValueError("every item needs the same number of ratings, two or more")
    totals: Counter[Hashable] = Counter()
    agreement = 0.0
    for item in items:
        counts = Counter(item)
        totals.update(counts)
        agreement += (sum(c * c for c in counts.values()) - raters) / (raters * (raters - 1))
    observed = agreement / len(items)
    ratings = len(items) * raters
    expected = sum((c / ratings) ** 2 for c in totals.values())
    if expected == 1.0:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(
    ratings: Sequence[Sequence[Hashable | None]], missing: object
) -> float | None:
    """Krippendorff's nominal alpha; ``ratings[r][i]`` is rater ``r``'s category of item ``i``.

    A rating equal to ``missing`` means the rater did not rate the item.
    Needs the ``krippendorff`` package (the ``agree`` extra).
    """
    import krippendorff
    import numpy as np

    codes: dict[Hashable, int] = {}
    rows = [
        [np.nan if v is missing else codes.setdefault(v, len(codes)) for v in row]
        for row in ratings
    ]
    data = np.array(rows, dtype=float)
    pairable = (np.sum(~np.isnan(data), axis=0) >= 2).any() if data.size else False
    if len(codes) < 2 or not pairable:
        return None  # nothing two raters rated, or one category only: alpha is 0 / 0
    with np.errstate(divide="ignore", invalid="ignore"):
        value = float(
            krippendorff.alpha(
                reliability_data=data,
                value_domain=list(range(len(codes))),
                level_of_measurement="nominal",
            )
        )
    return None if np.isnan(value) else value
