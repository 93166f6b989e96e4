"""One long paragraph against a short one, measured in the same run.

    python benchmarks/long_paragraph.py [--rounds 5] [--presses 10] [--kb 400]

Two articles of a single paragraph each, ending in a newline: 4 KB and
``--kb`` KB of the seed article's words, the long one starting with the
short one, so both first screens show the same rows.

1. First paint, as ``reader_speed.py`` times it: ``hamish FILE`` on a
   pseudo-terminal of 100x40 cells, from the fork to the moment glyphs of
   the paragraph's first row reach the terminal.  Target: the long paragraph
   at most 1.5x the short one.
2. PageDown and End, in-process through ``App.run_test(size=(60, 20))`` (the
   4 KB paragraph is then a little over two screens), waiting after each key
   as the tests do.  Each PageDown starts from the top and each End from the
   top (Home, untimed, before each).  The paragraph has been laid out before
   (an End and a Home, untimed): these are the costs of a key press, which
   must not grow with the paragraph.  Target: at most 1.2x.  The figure is
   the process CPU time per key (wall time has the waits in it).
3. The first End after opening, which must lay the whole paragraph out
   (information only: it grows with the paragraph by its nature).

Figures are the best of ``--rounds``; 2 is the best of means of ``--presses``.
It is a report, not a test: it exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from statistics import mean

from pilot_timing import settle, timed
from reader_speed import (
    COLUMNS,
    SEED,
    best_of,
    body_marker,
    hamish_command,
    terminal_env,
    time_to_marker,
)
from report import Figure, print_table

from reader.documents import load_article
from reader.layout import layout_paragraph
from reader.layout.shaping import clear_cache
from reader.layout.viewport import DEFAULT_COLUMN

SIZE = (60, 20)


def write_paragraphs(folder: Path, long_kb: int) -> tuple[Path, Path]:
    """A 4 KB and a ``long_kb`` KB single-paragraph article, the long one
    starting with the short one."""
    words = load_article(SEED).text.split()
    rng = random.Random(4)
    out: list[str] = []
    size = 0
    short = ""
    while size < long_kb * 1000:
        word = rng.choice(words)
        out.append(word)
        size += len(word.encode("utf-8")) + 1
        if not short and size >= 4000:
            short = " ".join(out)
    paths = folder / "short.txt", folder / "long.txt"
    paths[0].write_text(short + "\n", encoding="utf-8")
    paths[1].write_text(" ".join(out) + "\n", encoding="utf-8")
    return paths


async def key_costs(path: Path, presses: int) -> tuple[float, float, float]:
    """Mean CPU seconds of a PageDown and of an End (laid out before), and of the first End."""
    from reader.cli.app_main import create_app
    from reader.ui.widgets.article_view import ArticleView

    layout_paragraph.cache_clear()  # each round opens the article afresh
    clear_cache()
    app = create_app([str(path)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.flow is not None and view.text, "the article did not open"

        def moved() -> None:
            assert view.scroll_y > 0, "the key did not scroll"

        first_end, _ = await timed(pilot, lambda: pilot.press("end"), moved)
        costs: dict[str, list[float]] = {"pagedown": [], "end": []}
        for _ in range(presses):
            for key in costs:
                await pilot.press("home")
                await settle(pilot)
                assert view.scroll_y == 0

                def press(key: str = key) -> Awaitable[None]:
                    return pilot.press(key)

                cpu, _ = await timed(pilot, press, moved)
                costs[key].append(cpu)
    return mean(costs["pagedown"]), mean(costs["end"]), first_end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--presses", type=int, default=10)
    parser.add_argument("--kb", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hamish-bench-") as tmp:
        home = Path(tmp)
        env = terminal_env(home)
        for name in ("HAMISH_CONFIG", "XDG_CONFIG_HOME"):
            os.environ[name] = env[name]
        short, long = write_paragraphs(home, args.kb)
        print(f"paragraphs: {short.stat().st_size:,} and {long.stat().st_size:,} bytes")
        column = min(DEFAULT_COLUMN, COLUMNS - 1)
        text = load_article(str(short)).text
        marker = body_marker(text, column, short.name)
        hamish = hamish_command()
        runs: dict[str, Callable[[], float]] = {
            name: lambda path=path: time_to_marker([hamish, str(path)], env, marker)
            for name, path in (("short", short), ("long", long))
        }
        for run in runs.values():
            run()  # warm up
        paints = best_of(args.rounds, runs)
        keys: dict[str, list[tuple[float, float, float]]] = {"short": [], "long": []}
        for _ in range(args.rounds):
            for name, path in (("short", short), ("long", long)):
                keys[name].append(asyncio.run(key_costs(path, args.presses)))
    best = {name: tuple(min(c[i] for c in found) for i in range(3)) for name, found in keys.items()}
    kb = f"{args.kb} KB"
    print()
    print_table(
        [
            Figure(f"first paint: {kb} paragraph vs 4 KB", paints["short"], paints["long"], 1.5),
            Figure(
                f"PageDown: {kb} paragraph vs 4 KB (CPU)", best["short"][0], best["long"][0], 1.2
            ),
            Figure(f"End: {kb} paragraph vs 4 KB (CPU)", best["short"][1], best["long"][1], 1.2),
            Figure(
                f"first End: {kb} paragraph vs 4 KB (CPU)", best["short"][2], best["long"][2], None
            ),
        ]
    )


if __name__ == "__main__":
    main()
