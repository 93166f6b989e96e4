"""The store's figures for ``annotation_speed.py``: what a save writes, and opening.

1. Bytes written per label: an app annotating the seed article and one
   annotating a 2 MB article (the corpus of ``layout_speed.py``), each
   labelling ``labels`` tokens one after another (Left, then a label key),
   each label saved on its own (``saves.save_now()``, what the save timer
   calls, and the wait for its writing thread).  The figure is the mean
   growth of the output file per label while tagging; what the session's end
   writes once the app exits is reported apart.  Target: the 2 MB article's
   figure at most 1.2x the seed's.
2. Tagging 50 spans one by one on a 200 KB article, as in 1, then quitting:
   the size of the output file left.  Target: under 2 MB.
3. Time to first paint of ``hamish --labels ... --output OUT SEED`` on a pty
   (as ``reader_speed.py`` times it) with OUT an output file of 100,000
   saved records, against OUT empty.  Target: at most 1.5x.
"""

from __future__ import annotations

import asyncio
import statistics
from dataclasses import dataclass
from pathlib import Path

from pilot_timing import annotation_screen, settle

COLUMNS, ROWS = 100, 40
LABEL_KEYS = ("1", "2", "3")


@dataclass
class Written:
    """Bytes the output file grew by: per label while tagging, and at the session's end."""

    per_label: float
    at_end: int
    total: int


async def tagging(path: str, out: Path, labels: str, count: int) -> Written:
    """Label ``count`` tokens of ``path`` one by one, saving each; what the output grew by."""
    from reader.cli.app_main import create_app

    app = create_app(["--labels", labels, "--output", str(out), path])
    grown: list[int] = []
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        screen = await annotation_screen(app, pilot)
        session = screen.session
        for i in range(count):
            if i:
                cursor = session.cursor
                await pilot.press("left")
                await settle(pilot)
                assert session.cursor != cursor, "Left did not move the cursor"
            version = session.annotations.version
            await pilot.press(LABEL_KEYS[i % len(LABEL_KEYS)])
            await settle(pilot)
            assert session.annotations.version == version + 1, "the label changed nothing"
            before = out.stat().st_size
            screen.saves.save_now()
            await settle(pilot)
            assert screen.saves.state.startswith("saved"), screen.saves.state
            grown.append(out.stat().st_size - before)
        assert len(session.annotations.spans) == count, "a label replaced another"
        tagged = out.stat().st_size
    total = out.stat().st_size
    return Written(statistics.mean(grown), total - tagged, total)


def label_bytes(seed: str, big: Path, labels: str, count: int) -> dict[str, Written]:
    """Figure 1: bytes per label on the seed and on the big article."""
    from reader.ui.screens import save_loop

    found: dict[str, Written] = {}
    held, save_loop.SAVE_AFTER = save_loop.SAVE_AFTER, 3600.0  # saves only when asked
    try:
        for name, path in (("seed", seed), ("big", str(big))):
            out = big.parent / f"bytes-{name}.annotations.jsonl"
            found[name] = asyncio.run(tagging(path, out, labels, count))
            out.unlink()
    finally:
        save_loop.SAVE_AFTER = held
    print(f"\nbytes written, {count} labels one by one, each saved:")
    for name, w in found.items():
        print(
            f"  {name:5s} {w.per_label:,.0f} bytes per label;"
            f" the session's end {w.at_end:,} bytes; file {w.total:,} bytes"
        )
    return found


def fifty_spans(article: Path, labels: str, count: int = 50) -> Written:
    """Figure 2: the output left by tagging ``count`` spans one by one on ``article``."""
    from reader.ui.screens import save_loop

    out = article.parent / "fifty.annotations.jsonl"
    held, save_loop.SAVE_AFTER = save_loop.SAVE_AFTER, 3600.0
    try:
        written = asyncio.run(tagging(str(article), out, labels, count))
    finally:
        save_loop.SAVE_AFTER = held
    out.unlink()
    size = article.stat().st_size
    print(
        f"\n{count} spans one by one on a {size / 1e3:.0f} KB article: output"
        f" {written.total / 1e6:.2f} MB ({written.per_label:,.0f} bytes per label,"
        f" {written.at_end:,} at the end)"
    )
    return written


def first_paints(rounds: int, home: Path, seed: str, long_output: Path) -> dict[str, float]:
    """Figure 3: time to first paint of the seed, annotating, with each output file."""
    from reader_speed import best_of, body_marker, hamish_command, terminal_env, time_to_marker

    from reader.documents import load_article
    from reader.layout.viewport import DEFAULT_COLUMN

    env = terminal_env(home)
    article = load_article(seed)
    marker = body_marker(article.text, min(DEFAULT_COLUMN, COLUMNS - 1), article.title)
    empty = home / "paint-empty.annotations.jsonl"
    empty.touch()
    hamish = hamish_command()

    def run(out: Path) -> float:
        argv = [hamish, "--labels", "PER,ORG,GPE", "--output", str(out), seed]
        return time_to_marker(argv, env, marker)

    runs = {"empty output": lambda: run(empty), "long output": lambda: run(long_output)}
    for warm in runs.values():  # compiled bytecode, the page cache
        warm()
    paints = best_of(rounds, runs)
    print(f"\ntime to first paint of the seed, annotating, best of {rounds}:")
    for name, seconds in paints.items():
        print(f"  {name:12s} {seconds * 1000:.0f} ms")
    return paints
