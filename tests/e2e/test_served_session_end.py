"""A session run by textual-serve ends, its change saved, when its server goes away.

When the server ends with sessions open their stdin closes; the sessions must
end too, as on a hang-up, instead of living on orphaned (one did after every
run of the team walk test, holding its annotator's session).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from e2e_helpers import holder
from web_session import WebSession

from reader.cli.hang_up import GRACE
from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))


def test_a_session_ends_and_keeps_its_change_when_its_input_closes(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    env = dict(clean_env, HAMISH_CONFIG=str(tmp_path / "config.toml"))
    session = WebSession([hamish, "--labels", "PER", "--output", str(out), SEED], env)
    try:
        session.wait_for(b"nothing to save", timeout=60)
        session.keys("1")  # the first token, PER
        session.wait_for(b"1 span", timeout=60)
        assert session.process.stdin is not None
        session.process.stdin.close()  # the server has gone
        try:  # its screen is still read: its writes must not block
            code = session.process.wait(GRACE + 10)
        except subprocess.TimeoutExpired:
            code = None
        assert code in (0, 1), "the session outlived its server"
    finally:
        session.close()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [s["label"] for s in records[-1]["spans"]] == ["PER"]
    assert holder(out) is None
