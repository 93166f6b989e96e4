"""Keystrokes to tag the ten entities of the seed article, and how many trims were blind.

    python benchmarks/annotation_keystrokes.py [--before TREE]

Drives the real app in-process (``App.run_test``) through one plan: for each
of ten entities of ``sample_articles/shafaq-news-ghwayran-2022.txt`` (two of
them inside clitics: سوريا in وسوريا, داعش in لداعش; listed in
``tests/data/seed_entities.json``), ``/``, the query's
letters, Enter, then the keys that select, trim and label it.  Every key is
counted (a letter of a query is a key).  A trim is *blind* when, right after
it, the status line does not show the text the next label would take.  At
the end the saved spans are checked against the expected offsets exactly.

``--before TREE`` runs the same plan on another checkout of ``reader/`` too
(say ``git archive <commit> reader | tar -x -C TREE``), in a subprocess with
``PYTHONPATH=TREE``, and prints both.  The labels are the first nine of
``tests/data/labels-12.toml`` given by ``--labels`` (an older hamish takes
at most nine, and no label file with descriptions).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample_articles" / "shafaq-news-ghwayran-2022.txt"
LABELS = "PER,ORG,GPE,LOC,FAC,NORP,DATE,TIME,EVENT"

# For each entity, in reading order: the query, the keys after the search,
# a unique string the entity is in and its offset there, its text and label.
PLAN = json.loads((ROOT / "tests" / "data" / "seed_entities.json").read_text(encoding="utf-8"))


async def run_plan() -> dict[str, object]:
    from reader.cli.app_main import create_app
    from reader.documents import load_article

    text = load_article(str(SEED)).text
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HAMISH_CONFIG"] = os.path.join(tmp, "config.toml")
        out = Path(tmp) / "out.jsonl"
        app = create_app(["--labels", LABELS, "--output", str(out), str(SEED)])
        keys = blind = trims = 0
        async with app.run_test(size=(110, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            for entity in PLAN:
                query, after = entity["query"], entity["keys"]
                await pilot.press("slash", *query, "enter")
                await app.workers.wait_for_complete()
                keys += len(query) + 2
                for key in after:
                    await pilot.press(key)
                    keys += 1
                    if key == "t":
                        trims += 1
                        blind += not _trim_shown(app)
            await pilot.press("ctrl+s")
            keys += 1
            await app.workers.wait_for_complete()
            await pilot.pause()
        record = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    saved = sorted((s["start"], s["end"], s["label"]) for s in record["spans"])
    expected = sorted(_expected(text))
    return {"keys": keys, "trims": trims, "blind": blind, "exact": saved == expected}


def _trim_shown(app: object) -> bool:
    """Whether the status line shows the selection the next label takes."""
    from reader.ui.widgets.visual import visual_line

    screen = app.screen  # type: ignore[attr-defined]
    selection = screen.session.selection()
    if selection is None:
        return False
    status = str(screen.query_one("#status").render())
    return visual_line(screen.session.text[selection[0] : selection[1]]) in status


def _expected(text: str) -> list[tuple[int, int, str]]:
    """Each entity's offsets, from its unique string (checked to be unique)."""
    spans = []
    for entity in PLAN:
        unique, offset, words = entity["unique"], entity["offset"], entity["text"]
        assert text.count(unique) == 1, unique
        start = text.index(unique) + offset
        assert text[start : start + len(words)] == words
        spans.append((start, start + len(words), entity["label"]))
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", help="a checkout of reader/ to measure too")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    now = asyncio.run(run_plan())
    if args.json:
        print(json.dumps(now))
        return
    rows = [("this tree", now)]
    if args.before:
        env = dict(os.environ, PYTHONPATH=args.before)
        done = subprocess.run(
            [sys.executable, __file__, "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        rows.insert(0, ("before", json.loads(done.stdout.splitlines()[-1])))
    for name, r in rows:
        print(
            f"{name}: {r['keys']} keys for 10 entities; {r['trims']} trims, {r['blind']} blind; "
            f"saved spans exact: {r['exact']}"
        )


if __name__ == "__main__":
    main()
