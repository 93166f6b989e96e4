"""Issue 14's "done when", walked with the installed command: three annotators,
two in terminals (tmux) and one in a browser (`hamish serve`, Chromium), work
from one `--per-task 2` queue (the seed article and three more documents) on a
PostgreSQL of the test's own, restarted in the middle with an answer waiting to
be saved.  No document is done three times, nothing is lost, and `hamish
agree` and `hamish review` then run straight from the store.

Each session claims one document at a time (``--claim 1``): when it has
answered it, the app claims the next itself.  Every annotator tags the first
word of each document with the first label and accepts it, so they all agree
and the review accepts every document unseen.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from browser import Browser, needs_browser
from pg_server import PgServer
from serve_process import ServeProcess
from test_reader_tmux import Tmux
from test_team_faults import own_pg  # noqa: F401 - the fixture

from reader.files.bundled import sample_path

pytestmark = needs_browser

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
LABELS = "PER,ORG,GPE"
MORE = {f"DOC-{c}": f"DOC-{c} زار الوفد رقم {n} مدينة بغداد أمس" for n, c in enumerate("BCD")}
EMPTY = ("the queue has no document left", "This is the last document.")


def run(hamish: str, env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([hamish, *argv], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done


def query(dsn: str, sql: str, *args: object) -> list[tuple[object, ...]]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        return list(conn.execute(sql, args).fetchall())  # type: ignore[arg-type]


@dataclass
class Annotator:
    """One annotator's session: keys in, the rows it shows out."""

    name: str
    keys: Callable[[str], None]
    rows: Callable[[], list[str]]
    done_all: bool = False

    def shows(self, text: str) -> bool:
        return any(text in row for row in self.rows())


def wait(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)  # polling for a state, bounded above


@pytest.fixture
def store(own_pg: PgServer, hamish: str, clean_env: dict[str, str], tmp_path: Path) -> str:  # noqa: F811
    with psycopg.connect(own_pg.dsn, autocommit=True) as conn:
        conn.execute("CREATE DATABASE team")
    dsn = own_pg.dsn.rsplit("/", 1)[0] + "/team"
    more = tmp_path / "more.jsonl"
    more.write_text(
        "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in MORE.values())
    )
    run(hamish, clean_env, "db", "init", "--store", dsn)
    run(hamish, clean_env, "db", "import", SEED, str(more), "--store", dsn, "--per-task", "2")
    return dsn


@pytest.fixture
def browser() -> Iterator[Browser]:
    window = Browser()
    yield window
    window.quit()


def marker(text: str) -> str:
    """What a session shows of a document when it has it open."""
    return text.split()[0] if text.startswith("DOC-") else "Shafaq News"


def open_claim(dsn: str, who: str) -> str | None:
    rows = query(
        dsn,
        "SELECT t.record->>'text' FROM assignments a JOIN tasks t ON t.id = a.task_id "
        "WHERE a.annotator = %s AND a.done IS NULL",
        who,
    )
    return str(rows[0][0]) if rows else None


def answered(dsn: str, who: str) -> int:
    rows = query(dsn, "SELECT count(*) FROM states WHERE annotator = %s AND answer = 'accept'", who)
    return int(rows[0][0])  # type: ignore[call-overload]


def step(dsn: str, annotator: Annotator) -> None:
    """Answer the annotator's open claim; with none, go on (the app claims the next)."""
    claim = open_claim(dsn, annotator.name)
    if claim is None:
        annotator.keys("]")  # past the last document: claim more, or say there is none
        wait(
            lambda: (
                open_claim(dsn, annotator.name) is not None
                or any(annotator.shows(e) for e in EMPTY)
            ),
            f"{annotator.name} neither claimed nor said the queue is empty",
        )
        annotator.done_all = open_claim(dsn, annotator.name) is None
        return
    wait(lambda: annotator.shows(marker(claim)), f"{annotator.name} never opened {marker(claim)}")
    before = answered(dsn, annotator.name)
    annotator.keys("1")
    wait(lambda: annotator.shows("1 span"), f"{annotator.name}: no span")
    annotator.keys("a")
    wait(lambda: answered(dsn, annotator.name) == before + 1, f"{annotator.name}: not saved")


def restart_while_saving(dsn: str, amira: Annotator, server: PgServer) -> bool:
    """The server goes away with amira's answer waiting: NOT SAVED, then saved.
    False (nothing done) when amira has no document open."""
    claim = open_claim(dsn, "amira")
    if claim is None:
        return False
    wait(lambda: amira.shows(marker(claim)), "amira's document")
    before = answered(dsn, "amira")
    amira.keys("1")
    wait(lambda: amira.shows("1 span"), "amira: no span")
    server.stop()
    amira.keys("a")
    wait(lambda: amira.shows("NOT SAVED"), "amira never said NOT SAVED")
    server.start()
    wait(lambda: answered(dsn, "amira") == before + 1, "amira's answer was lost")
    return True


def test_three_annotators_one_queue_a_restart_then_agree_and_review(
    hamish: str,
    clean_env: dict[str, str],
    tmp_path: Path,
    store: str,
    own_pg: PgServer,  # noqa: F811
    browser: Browser,
) -> None:
    env = dict(clean_env, HAMISH_CONFIG=str(tmp_path / "config.toml"))
    token = run(hamish, env, "db", "add-annotator", "nour", "--store", store).stdout.strip()
    serve = [hamish, "serve", "--store", store, "--labels", LABELS, "--port"]
    server = ServeProcess(lambda port: [*serve, str(port)], env, tmp_path / "serve.log")
    terminals = []
    try:
        annotators = []
        for name in ("amira", "bob"):
            tmux = Tmux(tmp_path)
            terminals.append(tmux)
            command = f"{hamish} --store {store} --annotator {name} --labels {LABELS} --claim 1"
            env_words = " ".join(
                f"{k}='{v}'" for k, v in env.items() if k.startswith(("HAMISH", "XDG"))
            )
            tmux.start(f"env {env_words} {command}", 120, 40)
            annotators.append(Annotator(name, lambda k, t=tmux: t.keys(k), tmux.screen))
        browser.open(f"{server.url}/?token={token}")
        browser.wait_for_rows(lambda rows: any("Shafaq" in r or "DOC-" in r for r in rows))
        browser.focus()
        shown = browser.terminal
        annotators.append(Annotator("nour", browser.keys, lambda: (shown() or (0, []))[1]))
        amira = annotators[0]
        restarted = False
        while not all(a.done_all for a in annotators):
            for annotator in annotators:
                if annotator.done_all:
                    continue
                total = sum(answered(store, a.name) for a in annotators)
                if total >= 3 and not restarted and annotator is amira:
                    restarted = restart_while_saving(store, amira, own_pg)
                    if restarted:
                        continue
                step(store, annotator)
        assert restarted
    finally:
        for tmux in terminals:
            tmux.close()
        server.stop()
    per_document = query(
        store,
        "SELECT t.record->>'text', count(s.*) FROM tasks t LEFT JOIN states s "
        "ON s.doc_id = t.doc_id AND s.answer = 'accept' GROUP BY t.id",
    )
    assert sorted(int(n) for _, n in per_document) == [2, 2, 2, 2]  # type: ignore[call-overload]
    assert max(int(r[0]) for r in query(store, "SELECT claims FROM tasks")) <= 2  # type: ignore[call-overload]
    agreed = json.loads(run(hamish, env, "agree", "--store", store, "--json").stdout)
    assert sorted(agreed["annotators"]) == ["amira", "bob", "nour"] and agreed["documents"] == 4
    said = run(
        hamish, env, "review", "--store", store, "--labels", LABELS, "--reviewer", "lead",
        "--auto-accept",
    )  # fmt: skip
    assert "accepted 4 documents every annotator agrees on, unseen" in said.stderr
    gold = query(
        store,
        "SELECT c.record FROM states s JOIN changes c ON c.id = s.change_id "
        "WHERE s.annotator = 'lead'",
    )
    assert len(gold) == 4
    assert all(len(r[0]["_review"]) == 2 for r in gold)  # type: ignore[index]
    again = json.loads(run(hamish, env, "agree", "--store", store, "--json").stdout)
    assert sorted(again["annotators"]) == ["amira", "bob", "nour"]  # the gold is no annotator's
