"""The benchmarks' results table: each figure a ratio to a reference from the same run."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


def ms(seconds: float) -> str:
    """Seconds as milliseconds, to three significant figures or so."""
    value = seconds * 1000
    digits = 2 if value < 10 else 1 if value < 100 else 0
    return f"{value:.{digits}f} ms"


def size(count: float) -> str:
    """A number of bytes, in B, KB or MB."""
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count:.0f} B"


@dataclass
class Figure:
    """One measured quantity against its reference, with the target ratio (None:
    information); ``show`` writes the two (milliseconds by default)."""

    name: str
    reference: float
    measured: float
    target: float | None
    show: Callable[[float], str] = ms

    @property
    def ratio(self) -> float:
        return self.measured / self.reference


def print_table(
    figures: Iterable[Figure], width: int = 44, unit: Callable[[float], str] | None = None
) -> None:
    """figure, reference, measured, ratio, target, PASS/FAIL (or info); ``unit``
    writes the reference and the measure of every figure (by default each
    figure's own ``show``)."""
    header = (
        f"{'figure':{width}s} {'reference':>11s} {'measured':>11s} {'ratio':>8s} {'target':>7s}"
    )
    print(header + "  result")
    print("-" * (len(header) + 8))
    for f in figures:
        show = unit or f.show
        if f.target is None:
            target, verdict = "-", "info"
        else:
            target, verdict = f"{f.target:.1f}x", "PASS" if f.ratio <= f.target else "FAIL"
        print(
            f"{f.name:{width}s} {show(f.reference):>11s} {show(f.measured):>11s} "
            f"{f.ratio:>7.2f}x {target:>7s}  {verdict}"
        )
