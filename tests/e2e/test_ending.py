"""How hamish ends, and what it leaves behind.

* A closed terminal ends it with the last change saved and the output free;
  so does a hang-up while the terminal has stopped reading (Textual's writer
  then blocks for ever: a watchdog ends the process).
* A crash writes the pending change, keeps the traceback in a report file, says
  so in one line, and exits 1.
* A start that is refused changes nothing and leaves nothing: no lock file, no
  empty output, no line moved out of a file hamish did not write.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from e2e_helpers import PENDING, holder, lock_path, records, shown

from reader.annotation.tokens import tokenize
from reader.cli.hang_up import GRACE
from reader.documents import load_article
from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
FIRST = tokenize(load_article(SEED).text)[0]
SAVED = re.compile(rb"saved \d\d:\d\d:\d\d")
NEEDS_A_TERMINAL = "hamish: the reader needs a terminal; `hamish render FILE` prints rows\n"


def spans(out: Path) -> list[tuple[int, int, str]]:
    return [(s["start"], s["end"], s["label"]) for s in records(out)[-1]["spans"]]


def test_closing_the_terminal_saves_the_last_change_and_lets_go(
    hamish: str, run, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    child = run([hamish, "--labels", "PER,ORG", "--output", str(out), SEED])
    assert shown(child) == 0
    child.send(b"1")
    assert child.wait_for(PENDING), child.tail()  # on screen, its save not yet due
    child.close_terminal()
    assert child.wait_exit_unread(timeout=GRACE + 10) is not None, "alive after the hang-up"
    assert spans(out) == [(FIRST.start, FIRST.end, "PER")]
    assert holder(out) is None
    assert not lock_path(out).exists()


def test_a_hang_up_ends_hamish_even_when_the_terminal_stopped_reading(
    hamish: str, run, tmp_path: Path
) -> None:
    """Once, a hamish whose terminal had gone was alive minutes later, stuck in
    Textual's writer thread; only SIGKILL ended it, and it held the output."""
    out = tmp_path / "out.jsonl"
    child = run([hamish, "--labels", "PER,ORG", "--output", str(out), SEED])
    assert shown(child) == 0
    child.send(b"1")
    assert child.wait_for(SAVED), child.tail()
    child.stop_reading(seconds=1)  # its writes block within the first frames
    os.kill(child.pid, signal.SIGHUP)
    status = child.wait_exit_unread(timeout=GRACE + 10)
    assert status is not None, f"still alive {GRACE + 10:.0f} s after the hang-up"
    assert status in (0, 1)  # ended by itself or by its watchdog, not by a signal
    assert holder(out) is None  # a second hamish may start
    assert spans(out) == [(FIRST.start, FIRST.end, "PER")]


# The app as installed, with one handler broken the way a bug breaks it: the
# entity panel's key raises.  (No test hook in hamish: the test breaks it.)
CRASHING = textwrap.dedent(
    """
    import sys
    from reader.ui.screens.annotate_screen import AnnotateScreen

    def broken(self):
        raise RuntimeError("boom \\x1b[31m")

    AnnotateScreen.action_entities = broken
    from reader.cli.main import main
    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_crash_saves_the_change_reports_in_one_line_and_exits_1(run, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    child = run([sys.executable, "-c", CRASHING, "--labels", "PER", "--output", str(out), SEED])
    assert shown(child) == 0
    child.send(b"1")
    assert child.wait_for(PENDING), child.tail()  # on screen, not saved yet
    child.send(b"e")
    assert child.wait_exit() == 1, child.tail()
    said = re.findall(rb"hamish: crashed: ([^\r\n]*); report in ([^\r\n]+)", child.out)
    assert len(said) == 1, child.tail()
    error, path = (part.decode() for part in said[0])
    assert error == "RuntimeError: boom ␛[31m"  # one line, its escape made harmless
    report = Path(path)
    assert report.parent == tmp_path / "state" / "hamish"
    text = report.read_text(encoding="utf-8")
    assert "Traceback" in text and "in broken" in text
    assert text.endswith("RuntimeError: boom ␛[31m\n")  # no escape reaches a terminal
    assert b"Traceback" not in child.out  # the traceback is in the report, not the terminal
    assert spans(out) == [(FIRST.start, FIRST.end, "PER")]
    assert holder(out) is None


# -- refused starts -----------------------------------------------------------------


def refused(hamish: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """hamish started with ``args`` and no terminal: it must stop at once."""
    return subprocess.run(
        [hamish, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_start_without_a_terminal_moves_nothing_and_leaves_nothing(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    out = work / "out.jsonl"
    good = (json.dumps({"text": "a", "_task_hash": 1, "answer": "accept"}) + "\n").encode()
    content = good + good[:-5]  # a torn last line
    out.write_bytes(content)
    article = work / "article.txt"
    article.write_text("نص قصير\n", encoding="utf-8")

    result = refused(hamish, clean_env, "--labels", "PER", "--output", str(out), str(article))
    assert (result.returncode, result.stderr) == (2, NEEDS_A_TERMINAL)
    assert out.read_bytes() == content  # not moved: hamish has not said so
    result = refused(hamish, clean_env, "--labels", "PER", str(article))  # the default output
    assert (result.returncode, result.stderr) == (2, NEEDS_A_TERMINAL)
    assert sorted(os.listdir(work)) == ["article.txt", "out.jsonl"]


def test_an_output_that_is_not_an_annotation_file_is_refused_untouched(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"shopping\nmilk\nbread")
    result = refused(hamish, clean_env, "--labels", "PER", "--output", str(notes), SEED)
    assert result.returncode == 2
    assert result.stderr == (
        f"hamish: {notes}:1: not a hamish/Prodigy annotation record "
        "(bad JSON: Expecting value at column 1); choose another --output\n"
    )
    assert notes.read_bytes() == b"shopping\nmilk\nbread"
    assert os.listdir(tmp_path) == ["notes.txt"]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_output_to_dev_null_is_refused_and_leaves_no_lock_file(
    hamish: str, clean_env: dict[str, str]
) -> None:
    before = os.path.lexists("/dev/null.lock")
    try:
        result = refused(hamish, clean_env, "--labels", "PER", "--output", "/dev/null", SEED)
        assert result.returncode == 2
        assert result.stderr == (
            "hamish: /dev/null: not a regular file (a character device); "
            "hamish writes only regular files\n"
        )
        assert os.path.lexists("/dev/null.lock") == before
    finally:
        if not before and os.path.lexists("/dev/null.lock"):  # what an older hamish leaves
            os.unlink("/dev/null.lock")
