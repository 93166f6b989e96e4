"""What `hamish ARTICLE` does before its first paint, and what it leaves for later."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import reader.cli.app_main
from reader.cli.main import main
from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))


@pytest.fixture
def collecting() -> Iterator[None]:
    """Garbage collection on, as it was, after the test."""
    yield
    gc.enable()


def test_the_reader_starts_with_garbage_collection_off(
    monkeypatch: pytest.MonkeyPatch, collecting: None
) -> None:
    seen: list[bool] = []

    def app_main(argv: Sequence[str]) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(reader.cli.app_main, "app_main", app_main)
    assert main([SEED]) == 0
    assert seen == [False]


def test_other_commands_keep_garbage_collection_on(
    collecting: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--version"]) == 0
    assert gc.isenabled()
    assert capsys.readouterr().out.startswith("hamish ")


# Opens the seed as `hamish SEED` does up to running the app, then names the
# modules loaded that reading an article does not need.
LOADED = f"""
import sys
import reader.cli.app_main as m
m._checked_run = lambda app, paths: 0  # no terminal here: stop before running
assert m.app_main([{SEED!r}]) == 0
unneeded = ("reader.annotation.store", "reader.formats.record_spans", "reader.formats.model")
print(" ".join(name for name in unneeded if name in sys.modules))
"""


def test_opening_an_article_loads_neither_the_annotation_store_nor_the_formats(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, HAMISH_CONFIG=str(tmp_path / "config.toml"), XDG_DATA_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", LOADED], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == []
