"""Tokenizing long runs without spaces: the seconds each takes.

    python benchmarks/tokenize_speed.py

The runs tempt the e-mail and number rules to rescan at every position; a
linear tokenizer takes well under a second on each (tests/unit checks only
that the cost grows linearly, never a figure).
"""

from __future__ import annotations

import time

from reader.annotation.tokens import tokenize

RUNS = {
    "a. x 100,000": "a." * 100_000,
    "1, x 100,000 + x": "1," * 100_000 + "x",
    "ab+ x 70,000": "ab+" * 70_000,
    "ل x 200,000": "ل" * 200_000,
}


def main() -> None:
    """Print each run's length and best time of three."""
    for name, text in RUNS.items():
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            tokenize(text)
            best = min(best, time.perf_counter() - began)
        print(f"{name:>18}: {len(text):>7,} characters, {best:.3f} s")


if __name__ == "__main__":
    main()
