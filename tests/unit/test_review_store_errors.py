"""`hamish review` on a store it cannot use: one line, exit 2, no password shown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pg_server import free_port

from reader.cli.args import USAGE_ERROR

SECRET = "s3cret-Pw"


def review(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "review", *argv, "--labels", "PER"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--store", f"postgresql://amira:{SECRET}@127.0.0.1/team"], "password in the store"),
        ([f"postgresql://amira:{SECRET}@127.0.0.1/team", "--output", "g.jsonl"], "password in"),
        (["--store", "postgresql://amira@127.0.0.1:99999/team"], "not a valid address"),
        (["--store", "postgresql://amira@127.0.0.1:{port}/team"], "127.0.0.1:{port}/team"),
        (["a.jsonl"], "give --output GOLD.jsonl or --store URL"),
    ],
)
def test_a_store_review_cannot_use_is_one_line(argv: list[str], said: str, tmp_path: Path) -> None:
    port = str(free_port())  # nobody listens there
    done = review(*(a.replace("{port}", port) for a in argv))
    assert done.returncode == USAGE_ERROR
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("hamish review: ")
    assert said.replace("{port}", port) in lines[0]
    assert SECRET not in done.stderr + done.stdout
