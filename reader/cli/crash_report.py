"""Crash reports: the traceback of an unexpected error, kept in a file, and the
one line on standard error that says what happened and where the report is."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from reader import __version__
from reader.config.paths import state_dir
from reader.safe_text import shown

_SUMMARY_LIMIT = 200  # characters of the error shown in the one line


def write_crash_report(text: str, folder: Path | None = None) -> str:
    """Save ``text`` (its control characters made visible), under a short header,
    in a new private file ``crash-<UTC time>.txt`` in ``folder`` (by default
    hamish's state directory, else the temporary directory); its path.  Raises
    OSError if neither will do."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    header = (
        f"hamish {__version__} crashed at {stamp}\n"
        f"Python {platform.python_version()} on {sys.platform}\n"
        f"command: {shown(' '.join(sys.argv))}\n\n"
    )
    # Shown as a terminal may show it (cat, less -R): the error may quote hostile text.
    data = (header + shown(text, multiline=True)).encode("utf-8", "replace")
    try:
        where = folder or state_dir()
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, path = _new_file(where, f"crash-{stamp}", ".txt")
    except OSError:
        fd, path = tempfile.mkstemp(prefix=f"hamish-crash-{stamp}-", suffix=".txt")
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    return path


def _new_file(folder: Path, stem: str, suffix: str) -> tuple[int, str]:
    """A new file ``stem.suffix`` in ``folder`` (``stem-2.suffix`` ... if taken), private."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for n in range(1, 100):
        path = folder / (stem + (f"-{n}" if n > 1 else "") + suffix)
        try:
            return os.open(path, flags, 0o600), str(path)
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder}: too many crash reports named {stem}")


def crash_line(report: str, path: str | None, why_not: str | None = None) -> str:
    """``hamish: crashed: RuntimeError: boom; report in PATH``, in one line.

    The error is the report's last line, which is where a traceback names it.
    Without a ``path``, ``why_not`` says why no report could be written.
    """
    lines = [line.strip() for line in report.splitlines() if line.strip()]
    error = lines[-1] if lines else "an unexpected error"
    if len(error) > _SUMMARY_LIMIT:
        error = error[: _SUMMARY_LIMIT - 1] + "…"
    where = f"report in {path}" if path else f"no report written ({why_not})"
    return f"hamish: crashed: {shown(error)}; {shown(where)}"
