"""Annotating the seed in a real terminal, as issue 13's new user does: the Arabic
layout active, NO_COLOR=1, a 12-label file with descriptions, the ten entities of
tests/data/seed_entities.json (two inside clitics).  Labels show in the gutter,
the saved offsets are exact, and the document reopens where it was left."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_reader_tmux import SEED, Tmux, read, wait_until

from reader.documents import load_article

TEXT = load_article(SEED).text
DATA = Path(__file__).parent.parent / "data"
ENTITIES = json.loads((DATA / "seed_entities.json").read_text(encoding="utf-8"))
# What the Arabic (PC 101) layout sends for the keys the plan presses.
ARABIC = {"t": "ف", "slash": "ظ", "a": "ش", "q": "ض", "g": "ل", "k": "ن"}


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    t = Tmux(tmp_path)
    yield t
    t.close()


def start(tmux: Tmux, hamish: str, tmp_path: Path) -> Path:
    """hamish on the seed, under NO_COLOR, with the 12-label file; its status file."""
    status = tmp_path / "status"
    status.unlink(missing_ok=True)
    tmux.start(
        f"env NO_COLOR=1 HAMISH_CONFIG={tmp_path / 'config.toml'} TERM=xterm-256color "
        f"XDG_DATA_HOME={tmp_path / 'data'} LANG=C.UTF-8 '{hamish}' "
        f"--label-file '{DATA / 'labels-12.toml'}' --output '{tmp_path / 'out.jsonl'}' "
        f"--width 70 '{SEED}'; echo $? > '{status}'; sleep 5",
        120,
        40,
    )
    tmux.wait_for(lambda s: any("spans" in line for line in s))
    return status


def press(tmux: Tmux, key: str) -> None:
    """One key as the Arabic layout sends it (Shift+Left and digits are the same)."""
    if key == "shift+left":
        tmux.keys("S-Left")
    else:
        tmux.type(ARABIC.get(key, key))


def test_ten_entities_on_the_arabic_layout_under_no_color(
    hamish: str, tmux: Tmux, tmp_path: Path
) -> None:
    status = start(tmux, hamish, tmp_path)
    press(tmux, "k")  # at the top: moves nothing, and says the layout once
    tmux.wait_for(lambda s: any("keyboard layout: Arabic; keys" in x for x in s))
    for n, entity in enumerate(ENTITIES, 1):
        press(tmux, "slash")
        tmux.wait_for(lambda s: any("search: Enter finds" in line for line in s))
        tmux.type(entity["query"])  # typed into the box as it is: never remapped
        tmux.keys("Enter")
        tmux.wait_for(lambda s: any(": match " in line for line in s))
        for key in entity["keys"]:
            press(tmux, key)
        said = f"{n} span{'s' if n != 1 else ''} ·"
        tmux.wait_for(lambda s, said=said: any(x.lstrip().startswith(said) for x in s))
    press(tmux, "g")  # the top
    screen = tmux.wait_for(lambda s: any(x.lstrip().startswith("ORG ORG") for x in s))
    column = (119 - 70) // 2
    # The gutter names the labels starting on each row, in reading order, left of
    # the column: the first row has شفق نيوز, التحالف الدولي, داعش (ORG), العراق
    # and سوريا (GPE); the next, سجن غويران (FAC).
    gutters = [line[:column].split() for line in screen]
    first = gutters.index(["ORG", "ORG", "ORG", "GPE", "GPE"])
    assert gutters[first + 1] == ["FAC"]
    press(tmux, "a")  # accept: saved (the last document, so it stays)
    press(tmux, "q")
    wait_until(lambda: read(status).strip() == "0")
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    expected = []
    for entity in ENTITIES:
        at = TEXT.index(entity["unique"]) + entity["offset"]
        expected.append((at, at + len(entity["text"]), entity["label"], entity["text"]))
    assert record["answer"] == "accept"
    assert [(s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]] == sorted(
        expected
    )
    # Reopened: the cursor is back on the last entity tagged, داعش in لداعش.
    again = Tmux(tmp_path)
    try:
        start(again, hamish, tmp_path)
        again.wait_for(
            lambda s: any("10 spans" in x and "ORG \ufeb6\ufecb\ufe8d\ufea9" in x for x in s)
        )
    finally:
        again.close()
