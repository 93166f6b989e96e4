"""Annotating the seed in a real terminal under NO_COLOR, keys typed on the
Arabic layout (issue 13): labels show in the gutter, offsets saved exactly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_reader_tmux import SEED, Tmux, read, wait_until

from reader.documents import load_article

TEXT = load_article(SEED).text
LABELS = Path(__file__).parent.parent / "data" / "labels-12.toml"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    t = Tmux(tmp_path)
    yield t
    t.close()


def test_arabic_layout_and_no_color_label_the_seed(hamish: str, tmux: Tmux, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    status = tmp_path / "status"
    tmux.start(
        f"env NO_COLOR=1 HAMISH_CONFIG={tmp_path / 'config.toml'} TERM=xterm-256color "
        f"LANG=C.UTF-8 '{hamish}' --label-file '{LABELS}' --output '{out}' --width 70 "
        f"'{SEED}'; echo $? > '{status}'; sleep 5",
        120,
        40,
    )
    tmux.wait_for(lambda s: any("spans" in line for line in s))
    tmux.type("ن")  # k on the Arabic layout (at the top: no move), said once
    tmux.wait_for(lambda s: any("keyboard layout: Arabic; keys" in x for x in s))

    def find(query: str) -> None:
        tmux.type("ظ")  # the / key on the Arabic layout
        tmux.wait_for(lambda s: any("search: Enter finds" in line for line in s))
        tmux.type(query)
        tmux.keys("Enter")
        tmux.wait_for(lambda s: any(": match " in line for line in s))

    def spans(n: int) -> None:
        said = f"{n} span{'s' if n != 1 else ''} ·"
        tmux.wait_for(lambda s: any(line.lstrip().startswith(said) for line in s))

    find("التحالف الدولي")
    tmux.keys("S-Left")
    tmux.type("2")  # ORG
    spans(1)
    find("وسوريا")
    tmux.type("ف")  # t: past و
    tmux.type("3")  # GPE
    spans(2)
    find("لداعش")
    tmux.type("ف2")  # t, then ORG
    spans(3)
    tmux.type("ل")  # g: back to the top
    screen = tmux.wait_for(lambda s: any(line.lstrip().startswith("ORG GPE") for line in s))
    row = next(line for line in screen if line.lstrip().startswith("ORG GPE"))
    column = (119 - 70) // 2
    # The gutter names the labels starting on the row, left of the column.
    assert row[:column].split() == ["ORG", "GPE"]
    tmux.type("ش")  # a: accept (the last document: saved, stays)
    tmux.type("ض")  # q: quit
    wait_until(lambda: read(status).strip() == "0")
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    alliance = TEXT.index("اعلن التحالف") + 5
    syria = TEXT.index("وسوريا") + 1
    daesh = TEXT.index("لداعش") + 1
    assert record["answer"] == "accept"
    assert [(s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]] == [
        (alliance, alliance + 14, "ORG", "التحالف الدولي"),
        (syria, syria + 5, "GPE", "سوريا"),
        (daesh, daesh + 4, "ORG", "داعش"),
    ]
