"""What the tests of the installed command share: refusals, the annotation
screen's status line, and the output file and its lock."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from pty_terminal import PtyCommand

from reader.annotation.store import AnnotationStore, StoreLocked

# The status line once a document is shown: "3 spans · nothing to save".
SHOWN = re.compile(rb"(\d+) spans \xc2\xb7 nothing to save")
# The footer's first key (mounted the frame after the article, so drawn once
# the first layout has settled).
FOOTER = b"Search "
# The status line once a first label is on screen and its save not yet due.
PENDING = "1 span · unsaved changes".encode()


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """The one line a refused input gives, checked: exit code 2, nothing else said."""
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr[-2000:]
    return lines[0]


def shown(child: PtyCommand) -> int:
    """Wait for the document to be drawn; the number of spans its status line shows."""
    assert child.wait_for(SHOWN), (
        f"the document was not shown (exit code {child.poll()}): {child.tail()}"
    )
    # Keys wait for the first layout to settle: the footer comes a frame after it.
    assert child.wait_for(FOOTER), f"the footer was not drawn: {child.tail()}"
    return int(SHOWN.findall(child.out)[-1])


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def lock_path(out: Path) -> Path:
    """Where older hamish kept a lock file: none is ever made now."""
    return Path(os.path.realpath(out) + ".lock")


def holder(out: Path) -> int | None:
    """The pid of the hamish holding ``out`` (as a second one is told), None if free."""
    try:
        store, _ = AnnotationStore.open(str(out))
    except StoreLocked as err:
        return err.pid
    store.close()
    return None
