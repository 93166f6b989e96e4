"""A session run by textual-serve ends, its change saved, when its server goes away.

textual-serve feeds each browser session's process through its stdin, in
packets (``D``, a 4-byte length, then what a terminal would send).  When the
server ends with sessions open their stdin closes; the sessions must end too,
as on a hang-up, instead of living on orphaned (one did after every run of
the team walk test, holding its annotator's session).
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import time
from pathlib import Path

from e2e_helpers import holder

from reader.cli.hang_up import GRACE
from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))


def packet(keys: bytes) -> bytes:
    """Keys as textual-serve sends them to a session."""
    return b"D" + len(keys).to_bytes(4, "big") + keys


def read_until(process: subprocess.Popen[bytes], wanted: bytes, timeout: float) -> bytes:
    """What the session wrote, read until ``wanted`` is in it (or ``timeout`` passed)."""
    assert process.stdout is not None
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            seen += os.read(process.stdout.fileno(), 1 << 16)
    return seen


def test_a_session_ends_and_keeps_its_change_when_its_input_closes(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    env = dict(
        clean_env,
        HAMISH_CONFIG=str(tmp_path / "config.toml"),
        TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver",  # as textual-serve runs it
        COLUMNS="100",
        ROWS="30",
    )
    session = subprocess.Popen(
        [hamish, "--labels", "PER", "--output", str(out), SEED],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert session.stdin is not None
        assert b"nothing to save" in read_until(session, b"nothing to save", 60)
        session.stdin.write(packet(b"1"))  # the first token, PER
        session.stdin.flush()
        assert b"1 span" in read_until(session, b"1 span", 60)
        session.stdin.close()  # the server has gone
        ended = time.monotonic() + GRACE + 10
        while session.poll() is None and time.monotonic() < ended:
            read_until(session, b"\0never", 0.2)  # keep reading: its writes must not block
        assert session.poll() in (0, 1), "the session outlived its server"
    finally:
        if session.poll() is None:
            session.kill()
        session.wait()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [s["label"] for s in records[-1]["spans"]] == ["PER"]
    assert holder(out) is None
