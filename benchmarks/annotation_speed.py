"""Annotation speed against references measured in the same run.

    python benchmarks/annotation_speed.py [--rounds 3] [--presses 20] [--appends 1000]

Figures, each a ratio against a reference measured in the same run, with the
targets of the product issue:

1. Cursor moves and label applications on a 2 MB article against the same on
   the seed article (``sample_articles/shafaq-news-ghwayran-2022.txt``);
   target at most 1.2x for each, as their cost must not grow with the
   document.  The 2 MB article is paragraphs of 20-90 words drawn from the
   bundled Arabic articles (the corpus of ``layout_speed.py``: every paragraph
   distinct, one word in six made up), one per line in a temporary ``.txt``.
   Each app is built by ``create_app(["--labels", "PER,ORG,GPE", "--output",
   OUT, FILE])`` with a new, empty OUT, and driven in-process by
   ``App.run_test(size=(100, 40))`` once the annotation screen holds the
   document (its ``session`` is set), waiting after each key as the Pilot tests
   do (messages handled, workers done, screen redrawn).  Nothing is emptied:
   this is the steady state a user meets, the page laid out, each key
   redrawing the visible rows it touched (the view forgets the drawn rows a
   change of highlights touches itself).  One untimed Left first builds the screen's
   navigator (its own cost, which grows with the token count, is reported
   apart); then ``--presses`` Lefts walk the cursor token by token through the
   first rows (in a right-to-left row Left is forward), each checked to have
   moved the cursor; then one untimed ``3`` labels the cursor's token and
   ``--presses`` keys alternating ``1`` and ``2`` relabel it, each checked to
   be one change (the annotations' version went up by one) that left the
   token labelled as asked.  The figure is the process CPU time per
   operation, every thread counted: the waits sleep tens of milliseconds per
   key, which is not work and would hide a difference (wall times are
   printed too).  Each figure is the best of ``--rounds`` means of
   ``--presses`` keys, each round a new app for each article, the seed first.

   Saving is kept out of these two figures.  A label schedules a save
   ``SAVE_AFTER`` (0.3 s) later, and a train of keys with waits takes longer
   than that, so the save would land inside whichever key happened to be
   timed then.  While these apps run, ``save_loop.SAVE_AFTER`` is set
   to an hour (the timer is still set, by the untimed ``3``, and never fires),
   and the save a label brings is timed on its own: ``--saves`` times, a
   label key (untimed) then the screen's ``saves.save_now()``, which the timer
   would have called, and the wait for its writing thread.  That is reported
   for the 2 MB article against the seed as information (a saved record holds
   the whole document's text and tokens, so its cost grows with the
   document), with the part spent on the event loop before the writing
   thread starts (time the UI cannot answer keys) apart.  Each save is
   checked to have reached the file.

2. Saving with an output file of 100,000 records against an empty one;
   target at most 1.2x, as a save appends one line whatever the file holds.
   The records are what hamish saves: ``task_record`` of paragraphs of the
   corpus above (their tokens, three labelled spans each, an answer), for
   documents ``news.jsonl#0`` onwards.  To keep the set-up quick, a pool of
   distinct records is made once and the lines are written straight to the
   file, each with its own document id and task hash, then fsynced, so that
   no write-back of the set-up is left for a timed fsync to pay.  Both files
   are opened with ``AnnotationStore.open``, and ``--appends`` records (from
   the same pool, new documents) are appended to each, the two stores taking
   turns; each ``append`` writes one line and fsyncs it, timed on the wall
   clock as fsync waits for the disk.  fsync times are noisy: the median is
   the figure, the best is shown too, and so is the median CPU time of an
   append (encoding and bookkeeping, no waiting for the disk).  Each append is checked to have added
   its document to the store.  Then, the stores closed, the same lines are
   appended to the two files by a bare ``os.write`` and ``os.fsync``, taking
   turns the same way: what the file system alone makes of a long file
   (information, no target), to tell a cost of hamish's from the disk's.

   Opening the two files (reading every line) is timed as well, best of
   ``--open-rounds``, with the file in the page cache (it was just written):
   information, with no target.

It is a report, not a test: it exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields
from pathlib import Path

from layout_speed import corpus  # the same paragraphs as the layout benchmark
from pilot_timing import annotation_screen, settle, timed
from report import Figure, ms, print_table, size
from store_figures import fifty_spans, first_paints, label_bytes

from reader.annotation.hashing import task_hash
from reader.annotation.spans import Span
from reader.annotation.store import AnnotationStore
from reader.annotation.tasks import task_record
from reader.annotation.tokens import tokenize
from reader.documents import load_article
from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
COLUMNS, ROWS = 100, 40
LABELS = ("PER", "ORG", "GPE")
HOLD = 3600.0  # seconds: a save timer set to this never fires during a run
POOL = 1000  # distinct records the output file is made of
SPANS_PER_RECORD = 3


# -- moving and labelling in-process ---------------------------------------------


@dataclass
class Costs:
    """Seconds per operation: CPU time of the process (all threads), and wall time."""

    move_cpu: float
    move_wall: float
    label_cpu: float
    label_wall: float
    first_move_cpu: float  # the first move after opening: builds the navigator
    save_cpu: float  # a label's save: the record built, encoded, written, fsynced
    save_wall: float
    save_blocking: float  # wall time of saves.save_now() on the event loop

    @classmethod
    def least(cls, runs: list[Costs]) -> Costs:
        """Each figure's least over ``runs``."""
        return cls(*(min(getattr(r, f.name) for r in runs) for f in fields(cls)))


async def annotating(path: str, out: Path, presses: int, saves: int) -> Costs:
    """Per-operation costs of moving, labelling and saving in ``path``."""
    from reader.cli.app_main import create_app

    text = load_article(path).text
    app = create_app(["--labels", ",".join(LABELS), "--output", str(out), path])
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        screen = await annotation_screen(app, pilot)
        session = screen.session
        assert session.text == text, "the article did not open"

        def moved(before: int) -> Callable[[], None]:
            def check() -> None:
                assert session.cursor != before, f"Left did not move the cursor from {before}"

            return check

        def press(key: str) -> Callable[[], Awaitable[None]]:
            return lambda: pilot.press(key)

        first_cpu, _ = await timed(pilot, press("left"), moved(session.cursor))
        moves = [await timed(pilot, press("left"), moved(session.cursor)) for _ in range(presses)]

        def labelled(version: int, label: str) -> Callable[[], None]:
            def check() -> None:
                token = session.tokens[session.cursor]
                found = [s.label for s in session.annotations.spans_at(token.start)]
                assert session.annotations.version == version + 1, "the key changed nothing"
                assert found == [label], f"the cursor's token is labelled {found}, not {label}"

            return check

        await pilot.press("3")  # untimed: the first change sets the (held) save timer
        await settle(pilot)
        assert screen.saves._timer is not None, "no save was scheduled"  # noqa: SLF001
        labels = []
        for i in range(presses):
            key = "1" if i % 2 == 0 else "2"
            check = labelled(session.annotations.version, LABELS[int(key) - 1])
            labels.append(await timed(pilot, press(key), check))

        save_runs = []
        for _ in range(saves):
            token = session.tokens[session.cursor]
            now = [s.label for s in session.annotations.spans_at(token.start)]
            version = session.annotations.version
            await pilot.press("2" if now == [LABELS[0]] else "1")  # a change to save, untimed
            await settle(pilot)
            assert session.annotations.version == version + 1, "nothing to save"
            size, version = out.stat().st_size, session.annotations.version
            cpu, wall = time.process_time(), time.perf_counter()
            screen.saves.save_now()  # what the save timer calls
            blocking = time.perf_counter() - wall
            await settle(pilot)  # the writing thread has appended and fsynced
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            assert out.stat().st_size > size, "the save wrote nothing"
            assert screen.saves.state.startswith("saved"), "the save did not finish"
            save_runs.append((cpu, wall, blocking))
    return Costs(
        statistics.mean(c for c, _ in moves),
        statistics.mean(w for _, w in moves),
        statistics.mean(c for c, _ in labels),
        statistics.mean(w for _, w in labels),
        first_cpu,
        statistics.mean(c for c, _, _ in save_runs),
        statistics.mean(w for _, w, _ in save_runs),
        statistics.mean(b for _, _, b in save_runs),
    )


def annotation_costs(rounds: int, presses: int, saves: int, big: Path) -> dict[str, Costs]:
    """Figure 1: the best per-operation costs of the seed and the big article."""
    from reader.ui.screens import save_loop

    costs: dict[str, list[Costs]] = {"seed": [], "big": []}
    held, save_loop.SAVE_AFTER = save_loop.SAVE_AFTER, HOLD
    try:
        for r in range(rounds):
            for name, path in (("seed", SEED), ("big", str(big))):
                out = big.parent / f"{name}-{r}.annotations.jsonl"
                costs[name].append(asyncio.run(annotating(path, out, presses, saves)))
                out.unlink()
    finally:
        save_loop.SAVE_AFTER = held
    best = {name: Costs.least(found) for name, found in costs.items()}
    print(f"\nper operation, mean of {presses} (saves: of {saves}), best of {rounds}:")
    print("  CPU / wall (wall has the waits)")
    for name, b in best.items():
        print(
            f"  {name:5s} move {ms(b.move_cpu)} / {ms(b.move_wall)}"
            f"   label {ms(b.label_cpu)} / {ms(b.label_wall)}"
            f"   first move {ms(b.first_move_cpu)}"
        )
    for name, b in best.items():
        print(
            f"  {name:5s} a label's save {ms(b.save_cpu)} / {ms(b.save_wall)},"
            f" of which {ms(b.save_blocking)} on the event loop"
        )
    return best


# -- saving to a long output file --------------------------------------------------


def record_pool(size: int, seed: int = 11) -> list[dict]:  # type: ignore[type-arg]
    """``size`` saved records of distinct paragraphs: tokens, spans and an answer each."""
    paragraphs = corpus(1.0, seed=seed)
    rng = random.Random(seed)
    pool = []
    for i in range(size):
        text = paragraphs[i % len(paragraphs)]
        tokens = tokenize(text)
        picks = sorted(rng.sample(range(len(tokens)), SPANS_PER_RECORD))
        spans = [Span(tokens[k].start, tokens[k].end, rng.choice(LABELS)) for k in picks]
        record = task_record(
            text=text,
            meta={"source": "bench"},
            doc_id=f"news.jsonl#{i}",
            spans=spans,
            answer=rng.choice(("accept", "accept", "reject", "ignore", None)),
            annotator="bench",
            tokens=tokens,
            timestamp=1_700_000_000 + i,
        )
        record["_hamish_file"] = "news.jsonl"
        pool.append(record)
    return pool


def for_document(record: dict, number: int) -> dict:  # type: ignore[type-arg]
    """``record`` saved for document ``news.jsonl#<number>``."""
    doc = f"news.jsonl#{number}"
    return {**record, "_task_hash": task_hash(doc), "_hamish_doc": doc}


def write_output_file(path: Path, records: int, pool: list[dict]) -> None:  # type: ignore[type-arg]
    """``records`` lines of saved records, one document each, on disk when this returns."""
    bodies = []
    for record in pool:  # each record's JSON without its ids, which each line adds
        rest = {k: v for k, v in record.items() if k not in ("_task_hash", "_hamish_doc")}
        bodies.append(json.dumps(rest, ensure_ascii=False, separators=(",", ":"))[:-1])
    with path.open("w", encoding="utf-8") as out:
        for i in range(records):
            doc = f"news.jsonl#{i}"
            out.write(
                f'{bodies[i % len(bodies)]},"_task_hash":{task_hash(doc)},"_hamish_doc":"{doc}"}}\n'
            )
        out.flush()
        os.fsync(out.fileno())


def time_open(path: Path, documents: int) -> float:
    """Seconds to open (and so read) the output file ``path``; closes it again."""
    start = time.perf_counter()
    store, problems = AnnotationStore.open(str(path))
    elapsed = time.perf_counter() - start
    try:
        assert not problems, problems
        assert len(store) == documents, f"{path.name}: {len(store)} documents, not {documents}"
    finally:
        store.close()
    return elapsed


@dataclass
class Saves:
    """Seconds per append to the empty and the long file (median, best); seconds to open."""

    empty_median: float
    empty_best: float
    long_median: float
    long_best: float
    empty_open: float
    long_open: float
    empty_raw: float  # median of a bare os.write and os.fsync of the same line
    long_raw: float
    empty_cpu: float  # median CPU time of an append
    long_cpu: float


def taking_turns(
    count: int, runs: dict[str, Callable[[int], None]]
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU seconds of ``run(i)`` for i in ``range(count)``, the runs taking turns."""
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for i in range(count):
        for name in names if i % 2 == 0 else names[::-1]:
            start, used = time.perf_counter(), time.process_time()
            runs[name](i)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - used)
    return wall, cpu


def describe(times: dict[str, list[float]]) -> None:
    for name, found in times.items():
        t = sorted(found)
        print(
            f"  {name:5s} median {ms(statistics.median(t))}   best {ms(t[0])}"
            f"   90th percentile {ms(t[len(t) * 9 // 10])}   worst {ms(t[-1])}"
        )


def save_costs(folder: Path, records: int, appends: int, open_rounds: int) -> Saves:
    """Figure 2: appends to a 100,000-record output file against an empty one."""
    pool = record_pool(POOL)
    files = {
        "empty": folder / "empty.annotations.jsonl",
        "long": folder / "long.annotations.jsonl",
    }
    start = time.perf_counter()
    files["empty"].touch()
    write_output_file(files["long"], records, pool)
    size = files["long"].stat().st_size
    print(
        f"\noutput file: {records:,} records, {size / 1e6:.0f} MB"
        f" (mean {size / records / 1e3:.1f} KB a line),"
        f" written and fsynced in {time.perf_counter() - start:.1f} s"
    )

    opens: dict[str, list[float]] = {"empty": [], "long": []}
    for _ in range(open_rounds):
        opens["empty"].append(time_open(files["empty"], 0))
        opens["long"].append(time_open(files["long"], records))

    to_save = [for_document(pool[i % len(pool)], records + i) for i in range(appends)]
    stores = {name: AnnotationStore.open(str(path))[0] for name, path in files.items()}
    try:

        def saving(store: AnnotationStore) -> Callable[[int], None]:
            def run(i: int) -> None:
                documents = len(store)
                store.append(to_save[i])
                assert len(store) == documents + 1, "the append saved no new document"

            return run

        times, cpu = taking_turns(appends, {name: saving(s) for name, s in stores.items()})
    finally:
        for store in stores.values():
            store.close()

    # The same lines, written and fsynced bare: what the file system alone costs.
    lines = [
        (json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        for r in to_save
    ]
    descriptors = {name: os.open(path, os.O_WRONLY | os.O_APPEND) for name, path in files.items()}
    try:

        def writing(fd: int) -> Callable[[int], None]:
            def run(i: int) -> None:
                os.write(fd, lines[i])
                os.fsync(fd)

            return run

        raw, _ = taking_turns(appends, {name: writing(fd) for name, fd in descriptors.items()})
    finally:
        for fd in descriptors.values():
            os.close(fd)

    print(f"AnnotationStore.append (one line, fsynced), {appends} to each, taking turns:")
    describe(times)
    print("  CPU time (encoding, bookkeeping; no waiting for the disk), median:")
    print("  " + "   ".join(f"{n} {ms(statistics.median(t))}" for n, t in cpu.items()))
    print("the same lines by bare os.write and os.fsync, after:")
    describe(raw)
    saves = Saves(
        statistics.median(times["empty"]),
        min(times["empty"]),
        statistics.median(times["long"]),
        min(times["long"]),
        min(opens["empty"]),
        min(opens["long"]),
        statistics.median(raw["empty"]),
        statistics.median(raw["long"]),
        statistics.median(cpu["empty"]),
        statistics.median(cpu["long"]),
    )
    print(f"AnnotationStore.open (reads every line), best of {open_rounds}:")
    print(f"  empty {ms(saves.empty_open)}   {records:,} records {ms(saves.long_open)}")
    return saves


# -- report ----------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="apps per article (figure 1)")
    parser.add_argument("--presses", type=int, default=20, help="moves and labels per app")
    parser.add_argument("--saves", type=int, default=2, help="labels saved per app")
    parser.add_argument("--mb", type=float, default=2.0, help="size of the big article")
    parser.add_argument("--records", type=int, default=100_000, help="records in the long file")
    parser.add_argument("--appends", type=int, default=1000, help="appends to each output file")
    parser.add_argument("--open-rounds", type=int, default=3, help="opens of each output file")
    parser.add_argument("--labels", type=int, default=20, help="labels saved one by one (bytes)")
    parser.add_argument(
        "--only", choices=("keys", "store"), help="only the keys' figures, or only the store's"
    )
    args = parser.parse_args()
    for name in ("rounds", "presses", "saves", "records", "appends", "open_rounds", "labels"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="hamish-bench-") as tmp:
        home = Path(tmp)
        os.environ["HAMISH_CONFIG"] = str(home / "config.toml")  # no user config
        os.environ["XDG_CONFIG_HOME"] = str(home / "xdg")
        big_article = home / "big-article.txt"
        big_article.write_text("\n".join(corpus(args.mb)) + "\n", encoding="utf-8")
        big_tokens, seed_tokens = (
            len(tokenize(load_article(p).text)) for p in (str(big_article), SEED)
        )
        print(
            f"big article: {big_article.stat().st_size / 1e6:.1f} MB, {big_tokens:,} tokens;"
            f" seed: {Path(SEED).stat().st_size / 1e3:.1f} KB, {seed_tokens:,} tokens"
        )
        if args.only != "store":
            costs = annotation_costs(args.rounds, args.presses, args.saves, big_article)
            saves = save_costs(home, args.records, args.appends, args.open_rounds)
            figures += key_figures(args, costs, saves)
        if args.only != "keys":
            figures += store_figures(args, home, big_article)

    print()
    print_table(figures)


def store_figures(args: argparse.Namespace, home: Path, big_article: Path) -> list[Figure]:
    """What a save writes, on the seed and the big article; the 50 spans; the first paint."""
    labels = ",".join(LABELS)
    written = label_bytes(SEED, big_article, labels, args.labels)
    medium = home / "medium-article.txt"
    medium.write_text("\n".join(corpus(0.2, seed=3)) + "\n", encoding="utf-8")
    fifty = fifty_spans(medium, labels)
    long_output = home / "paint-long.annotations.jsonl"
    write_output_file(long_output, args.records, record_pool(POOL))
    paints = first_paints(args.rounds, home, SEED, long_output)
    mb, records = f"{args.mb:g} MB", f"{args.records:,}"
    return [
        Figure(
            f"bytes per label: {mb} vs seed",
            written["seed"].per_label,
            written["big"].per_label,
            1.2,
            size,
        ),
        Figure("50 spans one by one, 200 KB: output vs 2 MB", 2e6, fifty.total, 1.0, size),
        Figure(
            f"first paint: {records} records output vs empty",
            paints["empty output"],
            paints["long output"],
            1.5,
        ),
        Figure(
            f"session's end: {mb} vs seed",
            max(written["seed"].at_end, 1),
            written["big"].at_end,
            None,
            size,
        ),
    ]


def key_figures(args: argparse.Namespace, costs: dict[str, Costs], saves: Saves) -> list[Figure]:
    """The keys' and the long file's figures."""
    seed, big = costs["seed"], costs["big"]
    mb, records = f"{args.mb:g} MB", f"{args.records:,}"
    return [
        Figure(f"cursor move: {mb} vs seed (CPU)", seed.move_cpu, big.move_cpu, 1.2),
        Figure(f"label apply: {mb} vs seed (CPU)", seed.label_cpu, big.label_cpu, 1.2),
        Figure(
            f"save: {records} records vs empty (median)",
            saves.empty_median,
            saves.long_median,
            1.2,
        ),
        Figure(f"save: {records} records vs empty (best)", saves.empty_best, saves.long_best, 1.2),
        Figure(
            f"first move after open: {mb} vs seed (CPU)",
            seed.first_move_cpu,
            big.first_move_cpu,
            None,
        ),
        Figure(f"a label's save: {mb} vs seed (CPU)", seed.save_cpu, big.save_cpu, None),
        Figure(
            f"  of it on the event loop: {mb} vs seed",
            seed.save_blocking,
            big.save_blocking,
            None,
        ),
        Figure(
            f"save CPU: {records} records vs empty (median)",
            saves.empty_cpu,
            saves.long_cpu,
            None,
        ),
        Figure(
            f"bare write+fsync: {records} vs empty (median)",
            saves.empty_raw,
            saves.long_raw,
            None,
        ),
        Figure(
            f"open output: {records} records vs empty",
            saves.empty_open,
            saves.long_open,
            None,
        ),
    ]


if __name__ == "__main__":
    main()
