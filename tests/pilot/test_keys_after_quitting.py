"""Keys typed after q in one burst (the terminal hands them over in one read)
open nothing on an app that is closing: it quits cleanly, its work saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pilot_helpers import SEED, burst, settle

from reader.annotation.tokens import tokenize
from reader.documents import load_article

TOKENS = tokenize(load_article(SEED).text)


@pytest.mark.parametrize(
    "after",
    [
        [("question_mark", "?"), ("j", "j")],  # help, then scroll it
        [("l", "l")],  # the label picker
        [("question_mark", "?"), ("ت", "ت")],  # the same on the Arabic layout
    ],
    ids=["help", "picker", "arabic-layout"],
)
async def test_keys_after_q_in_one_burst_open_nothing(
    make_app, tmp_path: Path, after: list[tuple[str, str]]
) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        burst(app, ("q", "q"), *after)
        await pilot.pause()
    assert app.return_code == 0
    last = json.loads(out.read_text("utf-8").splitlines()[-1])
    assert [(s["start"], s["end"], s["label"]) for s in last["spans"]] == [
        (TOKENS[0].start, TOKENS[0].end, "PER")
    ]
