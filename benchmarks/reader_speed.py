"""Reader speed against references measured in the same run.

    python benchmarks/reader_speed.py [--rounds 5] [--presses 10]

Three figures, each a ratio against a reference measured in the same run, with
the targets of the product issue:

1. First paint of the seed article (``sample_articles/shafaq-news-ghwayran-2022
   .txt``) against a minimal Textual app that shows one ``Static``
   (``benchmarks/minimal_static_app.py``); target at most 1.5x.  Both run as a
   user runs them: a new process on a pseudo-terminal of 100x40 cells
   (TERM=xterm-256color, no user config), ``hamish`` being the installed
   command beside this Python.  The time is from the fork to the moment the
   terminal receives bytes that only the article body draws: a run of glyphs
   (presentation forms) from the body's first row, as the layout engine lays
   it out at the column the reader uses, with no stand-in in it (a stand-in
   is styled apart, so its bytes would not be next to the others) and not to
   be found in the title.  The reference is timed to its ``hello-marker``.
   Each child is then sent ``q`` (and killed if it lingers).

2. PageDown and resize on a 2 MB article against the same on the seed
   article; target at most 1.2x, as their cost must not grow with the
   document.  The 2 MB article is paragraphs of 20-90 words drawn from the
   bundled Arabic articles (the corpus of ``layout_speed.py``: every paragraph
   distinct, one word in six made up).  Each app is built by ``create_app`` and
   driven in-process by ``App.run_test(size=(100, 40))``, waiting after each key
   as the tests do.  Before each timed operation hamish's layout caches and the
   view's drawn rows are emptied (untimed), so each operation lays out and
   draws the page it brings, for both articles alike.  The seed is too short
   for two pages, so each PageDown starts from the top; the 2 MB article's
   start from places spread through it.  Resizes alternate between 100x40 and
   70x30 (columns 80 and 69).  The figure is the process CPU time per
   operation: the tests' waits sleep at least 40 ms per operation, which is
   not work and would hide a difference (wall times are printed too).  Each
   operation is checked to have scrolled or reflowed.

3. Opening a 100,000-record JSON Lines file to its first record, against a
   10-record file; target at most 2x.  Records are Prodigy-like
   ``{"text": ..., "meta": {"source": ...}}`` with about 1 KB of Arabic text
   from the same corpus; the small file is the big one's first ten lines, so
   both show the same first record.  Timed like figure 1: ``hamish FILE``
   opens a single file's first document, and the clock stops when that
   record's body reaches the terminal.

Figures 1 and 3 are the best of ``--rounds`` runs, the four programs taking
turns; figure 2 is the best of ``--rounds`` means of ``--presses`` operations.
It is a report, not a test: it exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import json
import os
import pty
import random
import select
import signal
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from statistics import mean

from layout_speed import corpus  # the same paragraphs as the layout benchmark
from pilot_timing import settle, timed
from report import Figure, ms, print_table

from reader.documents import load_article
from reader.files.bundled import sample_path
from reader.layout import DocumentLayout, layout_paragraph
from reader.layout.chars import BIDI_FORMAT, CONTROL
from reader.layout.shaping import clear_cache
from reader.layout.viewport import DEFAULT_COLUMN

HERE = Path(__file__).resolve().parent
SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
COLUMNS, ROWS = 100, 40
SMALL_WINDOW = (70, 30)
MARKER_GLYPHS = 8
RECORD_BYTES = 1000


# -- realistic runs on a pseudo-terminal ---------------------------------------


def hamish_command() -> str:
    """The installed ``hamish`` beside this Python."""
    command = Path(sys.executable).parent / "hamish"
    if not command.exists():
        sys.exit(f"{command} not found: install hamish into this environment first")
    return str(command)


def terminal_env(home: Path) -> dict[str, str]:
    """A clean environment: no user config, a UTF-8 locale, a known terminal.

    PYTHONDONTWRITEBYTECODE goes too: a user's `pip install .` leaves compiled
    bytecode, but with it set an editable install would compile hamish's
    modules from source at every start (about 20 ms), which users never pay.
    """
    dropped = ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HAMISH_", "XDG_", "TEXTUAL")) and k not in dropped
    }
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        HAMISH_CONFIG=str(home / "config.toml"),
        XDG_CONFIG_HOME=str(home / "xdg"),
    )
    return env


def time_to_marker(argv: list[str], env: dict[str, str], marker: bytes) -> float:
    """Seconds from forking ``argv`` on a new pty to ``marker`` reaching the terminal."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: set the window size on its terminal, then run
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    try:
        seen = read_until(fd, marker, timeout=60)
        elapsed = time.perf_counter() - start
        if marker not in seen:
            tail = seen[-1500:].decode("utf-8", "replace")
            raise RuntimeError(f"{argv} never drew {marker!r}; its last output:\n{tail}")
        return elapsed
    finally:
        stop(pid, fd)


def read_until(fd: int, marker: bytes, timeout: float) -> bytes:
    """What the terminal received until ``marker``, end of output or ``timeout``."""
    seen = bytearray()
    deadline = time.monotonic() + timeout
    while marker not in seen[-(65536 + len(marker)) :]:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child has gone
            break
        if not chunk:
            break
        seen += chunk
    return bytes(seen)


def stop(pid: int, fd: int) -> None:
    """Ask the child to quit with ``q``; terminate it if it has not within seconds."""
    with contextlib.suppress(OSError):  # it may have gone already
        os.write(fd, b"q")
    read_until(fd, b"\0never\0", timeout=5)  # drain its output until it exits
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if os.waitpid(pid, os.WNOHANG) != (0, 0):
            break
        os.kill(pid, sig)
        time.sleep(0.2)
    else:
        os.waitpid(pid, 0)
    os.close(fd)


def body_marker(text: str, column: int, title: str) -> bytes:
    """UTF-8 of glyphs that only the body of ``text`` draws, from its first rows.

    A run of glyphs of one row with no stand-in (drawn in another style, so
    its bytes are apart), that the title, laid out the same way, does not hold.
    """
    title_rows = [r.visual for r in DocumentLayout(title.replace("\n", " "), column).rows]
    for r in DocumentLayout(text, column).rows[:5]:
        row = r.row
        for i in range(len(row.glyphs) - MARKER_GLYPHS + 1):
            kinds = row.kinds[i : i + MARKER_GLYPHS] if row.kinds else ()
            run = "".join(row.glyphs[i : i + MARKER_GLYPHS])
            stand_in = {CONTROL, BIDI_FORMAT} & set(kinds)
            if run.strip() == run and not stand_in and not any(run in t for t in title_rows):
                return run.encode("utf-8")
    raise ValueError("no glyphs of the body's first rows are unique to it")


# -- documents -----------------------------------------------------------------


def write_big_article(path: Path, megabytes: float) -> None:
    """About ``megabytes`` of distinct paragraphs of words from all the Arabic samples."""
    path.write_text("\n".join(corpus(megabytes)) + "\n", encoding="utf-8")


def write_seed_like_article(path: Path, megabytes: float, seed: int = 5) -> None:
    """About ``megabytes`` of distinct paragraphs made of the seed's own paragraphs,
    their words shuffled: the seed's length, vocabulary and density, so that
    comparing it with the seed measures growth with size and nothing else."""
    paragraphs = [p for p in load_article(SEED).text.split("\n") if p.strip()]
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        words = rng.choice(paragraphs).split(" ")
        rng.shuffle(words)
        para = " ".join(words)
        out.append(para)
        size += len(para.encode("utf-8"))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_record_files(folder: Path, records: int, seed: int = 11) -> tuple[Path, Path]:
    """A file of ``records`` records and one of its first ten, both .jsonl."""
    pool = corpus(1.0, seed=seed)
    rng = random.Random(seed)
    big, small = folder / "big.jsonl", folder / "small.jsonl"
    with big.open("w", encoding="utf-8") as out:
        for i in range(records):
            record = {"text": record_text(pool, rng), "meta": {"source": f"bench-{i}"}}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with big.open(encoding="utf-8") as lines:
        small.write_text("".join(next(lines) for _ in range(10)), encoding="utf-8")
    return small, big


def record_text(pool: list[str], rng: random.Random) -> str:
    """About RECORD_BYTES of UTF-8: whole paragraphs, the last cut at a word."""
    parts: list[str] = []
    size = 0
    while size < RECORD_BYTES:
        parts.append(rng.choice(pool))
        size += len(parts[-1].encode("utf-8")) + 1
    cut = "\n".join(parts).encode("utf-8")[:RECORD_BYTES].decode("utf-8", "ignore")
    return cut.rsplit(" ", 1)[0]


def first_record(path: Path) -> tuple[str, str]:
    """The first record's text and the title hamish gives it."""
    from reader.library import Library, Position

    article = Library.open([str(path)]).article(Position(0, 0))
    return article.text, article.title


# -- paging and resizing in-process ---------------------------------------------


@dataclass
class Costs:
    """Mean seconds per operation: CPU time of the process, and wall time."""

    page_cpu: float
    page_wall: float
    resize_cpu: float
    resize_wall: float

    @classmethod
    def least(cls, runs: list[Costs]) -> Costs:
        """Each figure's least over ``runs``."""
        return cls(*(min(getattr(r, f.name) for r in runs) for f in fields(cls)))


def empty_caches(view) -> None:  # type: ignore[no-untyped-def]
    """Forget laid-out paragraphs, shaped words and the view's drawn rows."""
    layout_paragraph.cache_clear()
    clear_cache()
    view._strips.clear()  # noqa: SLF001 - the view's own cache of drawn rows


async def paging_and_resizing(path: str, presses: int) -> Costs:
    """Mean costs of ``presses`` PageDowns and as many resizes of ``path``."""
    from reader.cli.app_main import create_app
    from reader.ui.widgets.article_view import ArticleView

    text = load_article(path).text
    app = create_app([path])
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.text == text and view.flow is not None, "the article did not open"
        height = view.scrollable_content_region.height
        short = view.flow.total < 3 * height
        starts = [0 if short else len(text) * (2 * i + 1) // (2 * presses) for i in range(presses)]

        async def jump(offset: int) -> None:
            view.scroll_to(y=view.flow.y_of(offset), animate=False, immediate=True)
            await settle(pilot)
            empty_caches(view)

        pages = []
        for offset in starts:
            await jump(offset)
            before = view.scroll_y

            def moved(before: float = before) -> None:
                assert view.scroll_y > before, "PageDown did not scroll"

            pages.append(await timed(pilot, lambda: pilot.press("pagedown"), moved))

        await jump(starts[len(starts) // 2])
        resizes = []
        for i in range(presses):
            empty_caches(view)
            size = SMALL_WINDOW if i % 2 == 0 else (COLUMNS, ROWS)
            before = view.column_width()

            def reflowed(before: int = before) -> None:
                now = view.column_width()
                assert now != before and view.flow.layout.width == now, "no reflow"

            resizes.append(await timed(pilot, lambda s=size: pilot.resize_terminal(*s), reflowed))
    return Costs(
        mean(c for c, _ in pages),
        mean(w for _, w in pages),
        mean(c for c, _ in resizes),
        mean(w for _, w in resizes),
    )


# -- report --------------------------------------------------------------------


def best_of(rounds: int, runs: dict[str, Callable[[], float]]) -> dict[str, float]:
    """The least time of each run over ``rounds`` rounds, the runs taking turns."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            times[name].append(run())
    return {name: min(t) for name, t in times.items()}


def first_paints(rounds: int, env: dict[str, str], small: Path, big: Path) -> dict[str, float]:
    """Figures 1 and 3: each program's best time to its marker on a pty."""
    column = min(DEFAULT_COLUMN, COLUMNS - 1)  # the scroll bar takes a cell
    seed = load_article(SEED)
    seed_marker = body_marker(seed.text, column, seed.title)
    record, title = first_record(big)
    record_marker = body_marker(record, column, title)
    hamish = hamish_command()
    minimal = [sys.executable, str(HERE / "minimal_static_app.py")]
    runs = {
        "minimal app": lambda: time_to_marker(minimal, env, b"hello-marker"),
        "seed article": lambda: time_to_marker([hamish, SEED], env, seed_marker),
        "small records": lambda: time_to_marker([hamish, str(small)], env, record_marker),
        "big records": lambda: time_to_marker([hamish, str(big)], env, record_marker),
    }
    for run in runs.values():  # warm up: compiled bytecode, the page cache
        run()
    paints = best_of(rounds, runs)
    print(f"\ntime to first paint on a {COLUMNS}x{ROWS} pty, best of {rounds}:")
    for name, seconds in paints.items():
        print(f"  {name:14s} {ms(seconds)}")
    return paints


def page_costs(rounds: int, presses: int, big: Path) -> dict[str, Costs]:
    """Figure 2: the best per-operation costs of the seed and the big article."""
    costs: dict[str, list[Costs]] = {"seed": [], "big": []}
    for _ in range(rounds):
        costs["seed"].append(asyncio.run(paging_and_resizing(SEED, presses)))
        costs["big"].append(asyncio.run(paging_and_resizing(str(big), presses)))
    print(f"\nper operation, mean of {presses}, best of {rounds}: CPU / wall (wall has the waits)")
    best = {name: Costs.least(found) for name, found in costs.items()}
    for name, b in best.items():
        print(
            f"  {name:5s} PageDown {ms(b.page_cpu)} / {ms(b.page_wall)}"
            f"   resize {ms(b.resize_cpu)} / {ms(b.resize_wall)}"
        )
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--presses", type=int, default=10, help="PageDowns and resizes per run")
    parser.add_argument("--mb", type=float, default=2.0, help="size of the big article")
    parser.add_argument("--records", type=int, default=100_000, help="records in the big file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hamish-bench-") as tmp:
        home = Path(tmp)
        env = terminal_env(home)
        for name in ("HAMISH_CONFIG", "XDG_CONFIG_HOME"):  # for the in-process apps too
            os.environ[name] = env[name]
        big_article = home / "big-article.txt"
        write_seed_like_article(big_article, args.mb)
        mixed_article = home / "mixed-article.txt"
        write_big_article(mixed_article, args.mb)
        small, big = write_record_files(home, args.records)
        print(
            f"big article: {big_article.stat().st_size / 1e6:.1f} MB"
            " of the seed's paragraphs, words shuffled"
        )
        print(
            f"record files: {args.records:,} records, {big.stat().st_size / 1e6:.1f} MB;"
            f" 10 records, {small.stat().st_size / 1e3:.1f} KB"
        )
        paints = first_paints(args.rounds, env, small, big)
        costs = page_costs(args.rounds, args.presses, big_article)
        mixed = page_costs(args.rounds, args.presses, mixed_article)

    mb, records = f"{args.mb:g} MB", f"{args.records:,}"
    print()
    print_table(
        [
            Figure(
                "first paint: seed vs minimal app",
                paints["minimal app"],
                paints["seed article"],
                1.5,
            ),
            Figure(
                f"PageDown: {mb} vs seed (CPU)", costs["seed"].page_cpu, costs["big"].page_cpu, 1.2
            ),
            Figure(
                f"resize: {mb} vs seed (CPU)",
                costs["seed"].resize_cpu,
                costs["big"].resize_cpu,
                1.2,
            ),
            Figure(
                f"open: {records} vs 10 records",
                paints["small records"],
                paints["big records"],
                2.0,
            ),
            Figure(
                f"PageDown: {mb} mixed text vs seed",
                mixed["seed"].page_cpu,
                mixed["big"].page_cpu,
                None,
            ),
            Figure(
                f"resize: {mb} mixed text vs seed",
                mixed["seed"].resize_cpu,
                mixed["big"].resize_cpu,
                None,
            ),
        ]
    )


if __name__ == "__main__":
    main()
