"""Crash reports: a private file with the traceback, and one line that names it."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from reader.cli.crash_report import crash_line, write_crash_report

TRACE = "Traceback (most recent call last):\n  File x, line 1\nValueError: bad \x1b[2J\n"


def test_a_report_is_a_new_private_file_with_the_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "state" / "hamish"
    first = Path(write_crash_report(TRACE, folder))
    second = Path(write_crash_report(TRACE, folder))  # the same second: a file of its own
    assert first != second and first.parent == second.parent == folder
    assert first.name.startswith("crash-") and first.suffix == ".txt"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    text = first.read_text(encoding="utf-8")
    assert text.startswith("hamish ") and "Traceback (most recent call last):\n" in text
    assert text.endswith("ValueError: bad ␛[2J\n")  # no escape for `cat` to obey


def test_a_report_goes_to_the_temporary_folder_when_the_state_folder_cannot_be_made(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "state"
    blocked.write_text("a file where the folder should be")
    path = write_crash_report(TRACE, blocked / "hamish")
    try:
        assert Path(path).parent == Path(tempfile.gettempdir())
        assert "ValueError: bad" in Path(path).read_text(encoding="utf-8")
    finally:
        os.unlink(path)


def test_the_line_names_the_error_and_the_report() -> None:
    assert crash_line(TRACE, "/s/crash.txt") == (
        "hamish: crashed: ValueError: bad ␛[2J; report in /s/crash.txt"
    )
    long = crash_line("E: " + "x" * 500, "/r")
    assert "\n" not in long and len(long) < 260 and long.endswith("…; report in /r")
    assert crash_line("", None, "disk full") == (
        "hamish: crashed: an unexpected error; no report written (disk full)"
    )
