"""The shared store survives what a team's network and machines do to it.

The installed `hamish` runs on a pty against a PostgreSQL of the test's own
(so the test can stop and start it), annotating a document from the queue:

* the server stops in the middle of a session: the status says NOT SAVED and
  the app goes on; when the server is back, the edits made meanwhile are
  saved, the status says so, and nothing is lost;
* the client is killed with SIGKILL: every edit made more than a second
  before the kill is in the store, and the annotator starts again at once
  (the killed session's hold on them goes with its connection); the same
  test, through one fixture, on an output file.
"""

from __future__ import annotations

import random
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from e2e_helpers import records, shown
from pg_server import PgServer, pg_bin_dir

from reader.annotation.tokens import tokenize
from reader.documents import load_article
from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
TOKENS = tokenize(load_article(SEED).text)
LABELS = ["PER", "ORG", "GPE"]
LEFT = b"\x1b[D"
SAVED = re.compile(rb"saved \d\d:\d\d:\d\d")
NOT_SAVED = b"NOT SAVED"
LOADED_MACHINE = 60.0  # seconds a wait for a state may take under the full suite's load


@pytest.fixture
def own_pg() -> Iterator[PgServer]:
    """A PostgreSQL server for this test alone: it will be stopped and started."""
    if pg_bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (no initdb): the fault tests need their own")
    server = PgServer().start()
    try:
        yield server
    finally:
        server.remove()


def team(server: PgServer, hamish: str) -> str:
    """A database on ``server`` with hamish's tables and the seed article queued."""
    import subprocess

    with psycopg.connect(server.dsn, autocommit=True) as conn:
        conn.execute("CREATE DATABASE team")
    dsn = server.dsn.rsplit("/", 1)[0] + "/team"
    for argv in (["db", "init"], ["db", "import", SEED]):
        done = subprocess.run([hamish, *argv, "--store", dsn], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    return dsn


def saved_spans(dsn: str) -> tuple[set[tuple[int, int, str]], bool] | None:
    """amira's saved spans of the one document, and whether it is a full record."""
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT c.record, s.full_record FROM states s JOIN changes c ON c.id = s.change_id "
            "WHERE s.annotator = 'amira'"
        ).fetchone()
    if row is None:
        return None
    return {(s["start"], s["end"], s["label"]) for s in row[0]["spans"]}, row[1]


def argv(hamish: str, dsn: str) -> list[str]:
    return [hamish, "--store", dsn, "--annotator", "amira", "--labels", ",".join(LABELS)]


def test_the_server_restarting_shows_not_saved_then_saves_everything(
    hamish: str, run, own_pg: PgServer
) -> None:
    dsn = team(own_pg, hamish)
    child = run(argv(hamish, dsn))
    assert shown(child) == 0
    child.send(b"1")
    assert child.wait_for(SAVED, timeout=LOADED_MACHINE), child.tail()
    assert saved_spans(dsn) == ({(TOKENS[0].start, TOKENS[0].end, "PER")}, False)

    own_pg.stop()
    mark = len(child.out)
    child.send(LEFT + b"2")
    assert child.wait_for(NOT_SAVED, timeout=LOADED_MACHINE), child.tail()
    assert not SAVED.search(child.out, mark + child.out[mark:].find(NOT_SAVED))
    child.send(LEFT + b"3")  # more work while the server is away: the app goes on
    assert child.wait_for("NOT SAVED, retrying · 3 spans".encode(), timeout=LOADED_MACHINE), (
        child.tail()
    )

    own_pg.start()
    back = len(child.out)
    # The server's start and the next retry's new connection: slow on a loaded machine.
    deadline = time.monotonic() + LOADED_MACHINE
    while not SAVED.search(child.out, back) and time.monotonic() < deadline:
        child.pump(0.1)
    assert SAVED.search(child.out, back), child.tail()
    want = {
        (TOKENS[0].start, TOKENS[0].end, "PER"),
        (TOKENS[1].start, TOKENS[1].end, "ORG"),
        (TOKENS[2].start, TOKENS[2].end, "GPE"),
    }
    assert saved_spans(dsn) == (want, False)

    child.send(b"q")
    assert child.wait_exit(timeout=LOADED_MACHINE) == 0, child.tail()
    assert saved_spans(dsn) == (want, True)  # and the full record on the way out


@dataclass
class Saving:
    """Where a kill test's session saves: its command line, and amira's latest
    saved spans of the document with whether they are a full record."""

    argv: list[str]
    latest: Callable[[], tuple[set[tuple[int, int, str]], bool] | None]


def _file_latest(out: Path) -> tuple[set[tuple[int, int, str]], bool] | None:
    lines = records(out) if out.exists() and out.stat().st_size else []
    if not lines:
        return None
    last = lines[-1]
    return {(s["start"], s["end"], s["label"]) for s in last["spans"]}, "_hamish_change" not in last


@pytest.fixture(params=["file", "postgresql"])
def saving(request: pytest.FixtureRequest, hamish: str, tmp_path: Path) -> Saving:
    """The same session saving into an output file, or into a shared store."""
    labels = ["--labels", ",".join(LABELS)]
    if request.param == "file":
        out = tmp_path / "out.jsonl"
        return Saving([hamish, *labels, "--output", str(out), SEED], lambda: _file_latest(out))
    dsn = team(request.getfixturevalue("own_pg"), hamish)
    return Saving(argv(hamish, dsn), lambda: saved_spans(dsn))


def test_sigkill_of_a_client_loses_at_most_the_last_second(run, saving: Saving) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    child = run(saving.argv)
    assert shown(child) == 0
    edits: list[tuple[float, tuple[int, int, str]]] = []
    for i in range(6):
        if i:
            child.send(LEFT)
            child.pump(rng.uniform(0.04, 0.1))
        label = rng.randrange(len(LABELS))
        child.send(str(label + 1).encode())
        edits.append((time.monotonic(), (TOKENS[i].start, TOKENS[i].end, LABELS[label])))
        child.pump(rng.uniform(0.1, 0.4))
    killed_at = time.monotonic()
    child.kill()
    assert child.status == -signal.SIGKILL
    found = saving.latest()
    assert found is not None, f"random seed {seed}: nothing saved"
    latest, full = found
    assert not full
    for when, span in edits:
        if when < killed_at - 1.0:
            assert span in latest, f"random seed {seed}: an edit {killed_at - when:.2f} s old lost"
    assert latest <= {span for _, span in edits}

    again = run(saving.argv)  # not refused: the killed session held nothing
    assert shown(again) == len(latest)
    again.send(b"q")
    assert again.wait_exit() == 0, again.tail()
    assert saving.latest() == (latest, True)


def test_a_password_on_the_command_line_is_refused_in_one_line(hamish: str, tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run(
        [hamish, "--store", "postgresql://amira:hunter2@127.0.0.1:1/team", "--labels", "PER"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "PGPASSFILE" in done.stderr
    assert "hunter2" not in done.stderr


def test_opening_a_document_while_the_server_is_away_is_a_notice(
    hamish: str, run, own_pg: PgServer
) -> None:
    import subprocess

    dsn = team(own_pg, hamish)
    other = str(sample_path("ar-vowelled.txt"))
    done = subprocess.run([hamish, "db", "import", other, "--store", dsn], capture_output=True)
    assert done.returncode == 0
    child = run([*argv(hamish, dsn), "--claim", "2"])
    assert shown(child) == 0
    own_pg.stop()
    child.send(b"]")  # the next document: its saved state cannot be looked up
    assert child.wait_for(b"its saved spans are not shown", timeout=15), child.tail()
    assert child.poll() is None
    own_pg.start()
    mark = len(child.out)
    child.send(b"1")
    deadline = time.monotonic() + 15
    while not SAVED.search(child.out, mark) and time.monotonic() < deadline:
        child.pump(0.1)
    assert SAVED.search(child.out, mark), child.tail()
    child.send(b"q")
    assert child.wait_exit() == 0, child.tail()
