"""The saved annotations survive what a user's machine does to them.

The installed `hamish` runs on a pty, driven by keys as a user drives it:

* killed with SIGKILL in the middle of annotating, then started again: every
  edit made more than a second before the kill is in the file, and the
  killed process leaves no lock behind to stop the restart;
* a second hamish on the same output file stops at once, exit code 2, with
  one line naming the file and the pid of the first;
* a torn last line (what a kill in the middle of a write leaves) is moved to
  a side file on start, said on screen, and every line before it is kept.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from e2e_helpers import PENDING, holder, lock_path, records, shown

from reader.annotation.hashing import doc_id_for
from reader.annotation.spans import Span
from reader.annotation.tasks import task_record
from reader.annotation.tokens import tokenize
from reader.documents import load_article
from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
ARTICLE = load_article(SEED)
TEXT = ARTICLE.text
TOKENS = tokenize(TEXT)
LABELS = ["PER", "ORG", "GPE"]
LEFT = b"\x1b[D"


def test_sigkill_loses_at_most_the_last_second_of_edits(hamish: str, run, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    argv = [hamish, "--labels", ",".join(LABELS), "--output", str(out), "--width", "60", SEED]
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    # The first eight tokens are plain Arabic words (and a slash) on the first
    # row: the cursor starts on the first, and Left steps to the next in
    # reading order (the row is right to left).
    edits_per_round = 8
    assert TOKENS[edits_per_round - 1].end < 50 and "\n" not in TEXT[: TOKENS[7].end]
    # When the kill comes after the last key: at once, before its save is due,
    # and about when its save runs.
    kill_after = [(0.0, 0.1), (0.1, 0.3), (0.45, 0.65)]
    ever: set[tuple[int, int, str]] = set()  # every span any edit may have made
    child = run(argv)
    assert shown(child) == 0
    for round_no, (low, high) in enumerate(kill_after):
        edits: list[tuple[float, tuple[int, int, str]]] = []  # when, and the span it makes
        for i in range(edits_per_round):
            if i:
                child.send(LEFT)
                child.pump(rng.uniform(0.04, 0.1))
            number = (i + round_no) % len(LABELS) + 1  # another label than last round's
            child.send(str(number).encode())
            span = (TOKENS[i].start, TOKENS[i].end, LABELS[number - 1])
            edits.append((time.monotonic(), span))
            ever.add(span)
            if i < edits_per_round - 1:
                child.pump(rng.uniform(0.15, 0.35))
        child.pump(rng.uniform(low, high))
        killed_at = time.monotonic()
        child.kill()
        why = f"round {round_no}, random seed {seed}"
        assert child.status == -signal.SIGKILL, why

        # The killed process leaves no lock behind to stop hamish starting again.
        assert not lock_path(out).exists(), why
        child = run(argv)
        count = shown(child)
        saved = records(out)  # a torn last line, if any, has been moved aside
        assert saved, why
        # Killed while tagging: change lines only, no full record yet.
        assert all(r.get("_hamish_change") is True for r in saved), why
        latest = {(s["start"], s["end"], s["label"]) for s in saved[-1]["spans"]}
        for when, span in edits:
            if when < killed_at - 1.0:
                assert span in latest, (
                    f"{why}: an edit {killed_at - when:.2f} s before the kill was lost: "
                    f"{span} not in {sorted(latest)}"
                )
        assert latest <= ever, why  # nothing saved that no key made
        assert count == len(latest), why  # and the restart shows what was saved
        assert holder(out) == child.pid, why

    # The last start quits cleanly and lets go of the file.  Killed while tagging,
    # the runs before it saved change lines only: it writes the full record they
    # owed, of the state they saved, and nothing else.
    before = out.read_bytes()
    child.send(b"q")
    assert child.wait_exit() == 0, child.tail()
    after = out.read_bytes()
    assert after.startswith(before)
    (full,) = [json.loads(line) for line in after[len(before) :].splitlines()]
    assert "_hamish_change" not in full and full["text"] == TEXT
    assert {(s["start"], s["end"], s["label"]) for s in full["spans"]} == latest
    assert not lock_path(out).exists()
    for side in tmp_path.glob("out.jsonl.torn-*"):  # a kill mid-write: only a partial line
        assert not side.read_bytes().endswith(b"\n")


def test_a_second_hamish_on_the_same_file_exits_2(
    hamish: str, run, clean_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    argv = [hamish, "--labels", "PER,ORG,GPE", "--output", str(out), SEED]
    first = run(argv)
    shown(first)
    env = dict(clean_env, HAMISH_CONFIG=str(tmp_path / "config.toml"))
    second = subprocess.run(
        [hamish, "--labels", "PER", "--output", str(out), SEED],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert second.returncode == 2, second.stderr
    lines = second.stderr.splitlines()
    assert len(lines) == 1, second.stderr
    assert str(out) in lines[0]
    assert f"in use by another hamish (pid {first.pid})" in lines[0]
    assert second.stdout == ""
    assert first.poll() is None  # the first goes on undisturbed

    first.send(b"q")
    assert first.wait_exit() == 0, first.tail()
    assert not lock_path(out).exists()
    third = run(argv)
    assert shown(third) == 0
    third.send(b"q")
    assert third.wait_exit() == 0, third.tail()


def test_a_torn_last_line_is_moved_aside_on_start(hamish: str, run, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    # A good record of the seed (two ORG spans), then half of a later one:
    # what a kill in the middle of a save leaves.
    words = [
        Span(TOKENS[0].start, TOKENS[1].end, "ORG"),  # شفق نيوز
        Span(TOKENS[4].start, TOKENS[5].end, "ORG"),  # التحالف الدولي
    ]
    record = task_record(
        text=TEXT,
        meta=dict(ARTICLE.meta),
        doc_id=doc_id_for(SEED),
        spans=words,
        answer=None,
        annotator="tester",
        tokens=TOKENS,
    )
    good = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    later = dict(record, spans=record["spans"][:1])
    torn = json.dumps(later, ensure_ascii=False).encode()[:700]
    out.write_bytes(good + torn)

    child = run([hamish, "--labels", "PER,ORG,GPE", "--output", str(out), SEED])
    assert shown(child) == 2, child.tail()  # the good record's spans are back
    assert child.wait_for(b"torn", timeout=5), child.tail()  # the notice, on screen
    sides = list(tmp_path.glob("out.jsonl.torn-*"))
    assert len(sides) == 1
    assert sides[0].read_bytes() == torn
    assert out.read_bytes() == good
    child.send(b"q")
    assert child.wait_exit() == 0, child.tail()
    assert out.read_bytes() == good


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_closed_terminal_or_sigterm_saves_what_is_pending(
    hamish: str, run, tmp_path: Path, sig: signal.Signals
) -> None:
    """A label made just before the terminal goes away is saved, not lost with
    the half second before its save was due."""
    out = tmp_path / "out.jsonl"
    child = run([hamish, "--labels", ",".join(LABELS), "--output", str(out), "--width", "60", SEED])
    assert shown(child) == 0
    child.send(b"1")  # label the first token
    # On screen, not yet saved (the save is due 0.3 s after the change): now.
    assert child.wait_for(PENDING), child.tail()
    os.kill(child.pid, sig)
    assert child.wait_exit() == 0
    first = TOKENS[0]
    spans = [(s["start"], s["end"], s["label"]) for s in records(out)[-1]["spans"]]
    assert spans == [(first.start, first.end, LABELS[0])]
    assert not lock_path(out).exists()
