"""What the app must not do to files: replace a config that is a pipe or a device
when a toggle is saved, or move a torn line before it runs and can say so."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from pilot_helpers import SEED, settle

from reader.annotation.hashing import doc_id_for, task_hash


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]  # noqa: SLF001


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
async def test_a_toggle_never_replaces_a_config_that_is_a_pipe(make_app, config_dir) -> None:
    """``HAMISH_CONFIG`` at a character device once got the device replaced by a
    regular file when a toggle was saved.  (A pipe made once the app runs: at start
    it is not read, see the config tests, and no test here touches a real device.)"""
    config = config_dir / "config.toml"
    app = make_app(SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        os.mkfifo(config)
        await pilot.press("h")
        await settle(pilot)
        assert stat.S_ISFIFO(config.lstat().st_mode)
        assert (
            f"{config}: settings not saved: not a regular file (a FIFO); "
            "hamish writes only regular files"
        ) in notices(app), notices(app)
    assert sorted(p.name for p in config_dir.iterdir()) == ["config.toml"]


async def test_a_torn_line_is_moved_only_once_the_app_runs_and_says_so(
    make_app, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    record = {"text": "x", "_task_hash": task_hash(doc_id_for(SEED)) + 1, "answer": "accept"}
    good = (json.dumps(record) + "\n").encode()
    out.write_bytes(good + good[:-7])
    app = make_app("--labels", "PER", "--output", str(out), SEED)
    assert out.read_bytes() == good + good[:-7]  # built, not run: nothing moved yet
    assert not list(tmp_path.glob("out.jsonl.torn-*"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        (side,) = tmp_path.glob("out.jsonl.torn-*")
        said = f"{out}:2: torn last line (no newline at its end: a save cut short) moved to {side}"
        assert said in notices(app), notices(app)
        assert out.read_bytes() == good
        assert side.read_bytes() == good[:-7]
