"""Reorder one row into visual order: UAX #9 rules L1 and L2, and L4 mirroring.

Rows are reordered after wrapping, from the levels resolved once for the
whole paragraph: re-resolving each row alone would re-detect its direction
and resolve its neutrals against the wrong neighbours.  The items reordered
are glyph clusters (a base with its marks), which keeps every mark after its
base as rule L3 asks and as terminals expect.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bidi.mirror import MIRRORED

#: ``str.translate`` table for rule L4: mirrored glyphs at odd levels.
MIRROR_TABLE: dict[int, str] = {ord(a): b for a, b in MIRRORED.items()}
#: Any character with a mirrored form.
HAS_MIRROR = re.compile("[" + re.escape("".join(MIRRORED)) + "]")


def line_levels(
    levels: Sequence[int], base_level: int, whitespace: Sequence[bool], separator: Sequence[bool]
) -> list[int]:
    """Rule L1: reset separators, and white space before them or at the line end.

    ``whitespace`` marks white space and isolate formatting characters;
    ``separator`` marks segment separators (tabs).
    """
    out = list(levels)
    trailing = True  # scanning backwards: still in the run that ends the line
    for i in range(len(out) - 1, -1, -1):
        if separator[i]:
            out[i] = base_level
            trailing = True
        elif whitespace[i]:
            if trailing:
                out[i] = base_level
        else:
            trailing = False
    return out


def visual_runs(levels: Sequence[int]) -> list[tuple[int, int, int]]:
    """Rule L2 on runs: ``(start, stop, level)`` of each run of equal level,
    left to right.  A run at an odd level is drawn reversed.

    Works on runs, so a row of one direction costs one step.
    """
    runs: list[tuple[int, int, int]] = []
    n = len(levels)
    start = 0
    while start < n:
        level = levels[start]
        stop = start + 1
        while stop < n and levels[stop] == level:
            stop += 1
        runs.append((start, stop, level))
        start = stop
    if not runs:
        return runs
    highest = max(run[2] for run in runs)
    lowest = min(run[2] for run in runs)
    for level in range(highest, (lowest | 1) - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][2] >= level:
                j = i
                while j < len(runs) and runs[j][2] >= level:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    return runs


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the indices of ``levels`` from left to right."""
    order: list[int] = []
    for start, stop, level in visual_runs(levels):
        order.extend(range(stop - 1, start - 1, -1) if level % 2 else range(start, stop))
    return order


def mirror(glyph: str) -> str:
    """Rule L4: the mirrored form of a glyph drawn at an odd level."""
    return glyph.translate(MIRROR_TABLE)
