"""The order xdist hands the tests out in: long ones first, waiting mixed with computing.

xdist (``--maxschedchunk 1``) gives each worker the next test as it gets
free.  On two cores two kinds of test share the machine:

* the end-to-end and pilot tests mostly wait (for a terminal, for an app's
  timers and refreshes, for a server): run four at once they leave a third
  of the CPU idle;
* the unit and reference tests mostly compute (hypothesis, Unicode's tables).

Run one kind and then the other, and the CPU idles through the first half
and is oversubscribed through the second; run a file's tests one after
another, and four workers wait on the same kind of timer at once (the
saving tests' retries, the team tests' server restarts).  So the ``slow``
tests go first (begun last, one would be the whole suite's tail), then the
waiting tests, a file at a time in turn (each file's first test, then each
one's second...), with the computing tests, dealt the same way, spread
evenly between them, and a share of the computing ones, each short, last:
whoever gets free near the end finds a short test, not a long one.

Every worker sorts the same collection the same way, as xdist requires.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
WAITING = ("e2e", "pilot")
COMPUTING = ("reference", "unit")
KEPT_FOR_THE_END = 0.2


def tier(item: pytest.Item) -> str:
    """The tier folder a test is in (``unit``, ``e2e``...), "" outside them."""
    path = Path(item.path)
    return path.relative_to(TESTS).parts[0] if path.is_relative_to(TESTS) else ""


def in_turn(items: list[pytest.Item]) -> list[pytest.Item]:
    """Each file's first test in the files' order, then each one's second, and so on."""
    files: dict[Path, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(Path(item.path), []).append(item)
    rounds = max((len(tests) for tests in files.values()), default=0)
    return [tests[n] for n in range(rounds) for tests in files.values() if n < len(tests)]


def in_run_order(items: list[pytest.Item]) -> list[pytest.Item]:
    """``items`` in the order to hand them out (see the module's docstring)."""
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    rest = [item for item in items if item.get_closest_marker("slow") is None]
    tiers = (*WAITING, *COMPUTING)

    def tier_rank(item: pytest.Item) -> int:
        name = tier(item)
        return tiers.index(name) if name in tiers else len(tiers)

    rest.sort(key=tier_rank)  # stable: each tier keeps its collection order
    waiting = in_turn([item for item in rest if tier(item) in WAITING])
    computing = in_turn([item for item in rest if tier(item) not in WAITING])
    spread = len(computing) - int(len(computing) * KEPT_FOR_THE_END)
    ordered = list(slow)
    taken = 0
    for done, item in enumerate(waiting, 1):
        ordered.append(item)
        due = spread * done // len(waiting)
        ordered.extend(computing[taken:due])
        taken = due
    ordered.extend(computing[taken:])
    return ordered
