"""`hamish review` in a real terminal (tmux): three annotators, every conflict settled."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from review_data import AGREED, AGREED_TEXT, LABELS, TEXT, write_annotators
from test_reader_tmux import Tmux, wait_until

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)"
)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    t = Tmux(tmp_path)
    yield t
    t.close()


def showing(text: str):  # type: ignore[no-untyped-def]
    return lambda screen: any(text in line for line in screen)


def test_settling_every_conflict_from_the_keyboard(hamish: str, tmux: Tmux, tmp_path: Path) -> None:
    files = " ".join(f"'{f}'" for f in write_annotators(tmp_path))
    gold = tmp_path / "gold.jsonl"
    status = tmp_path / "status"
    tmux.start(
        f"env HAMISH_CONFIG={tmp_path / 'config.toml'} XDG_DATA_HOME={tmp_path / 'data'} "
        f"TERM=xterm-256color LANG=C.UTF-8 '{hamish}' review {files} --output '{gold}' "
        f"--labels {LABELS} --reviewer lead; echo $? > '{status}'; sleep 5",
        120,
        40,
    )
    screen = tmux.wait_for(showing("3 conflicts left here · 1 document left with conflicts"))
    assert "Traceback" not in "\n".join(screen)
    assert any("clitic boundary" in line for line in screen)  # the panel
    assert any("alice:" in line for line in screen) and any("carol:" in line for line in screen)
    tmux.keys("2")  # bob's سوريا
    tmux.wait_for(showing("2 conflicts left here"))
    tmux.keys("1")  # alice's LOC on غويران
    tmux.wait_for(showing("1 conflict left here"))
    tmux.keys("x")  # bob's للعراق rejected
    tmux.wait_for(showing("0 conflicts left here · 0 documents left with conflicts"))
    tmux.keys("a")  # accepted: on to the document everyone agrees on
    tmux.wait_for(showing("2/2"))
    tmux.keys("a", "q")
    wait_until(lambda: status.exists() and status.read_text().strip() != "")
    assert status.read_text().strip() == "0"
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    full = {r["text"]: r for r in records if "text" in r}
    seed = full[TEXT]
    assert [(s["start"], s["end"], s["label"]) for s in seed["spans"]] == [
        *AGREED,
        (62, 67, "GPE"),
        (134, 140, "LOC"),
    ]
    assert seed["answer"] == "accept" and seed["_annotator_id"] == "lead"
    assert seed["_review_settled"] == [[61, 67], [134, 140], [184, 190]]
    assert [v["_annotator_id"] for v in seed["_review"]] == ["alice", "bob", "carol"]
    agreed = full[AGREED_TEXT]
    assert agreed["answer"] == "accept" and agreed["_review_settled"] == []
