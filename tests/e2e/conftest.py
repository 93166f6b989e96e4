"""Find the installed `hamish` command (the one beside this Python first)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pty_terminal import PtyCommand


@pytest.fixture(scope="session")
def hamish() -> str:
    beside = Path(sys.executable).parent / "hamish"
    if beside.exists():
        return str(beside)
    found = shutil.which("hamish")
    if not found:
        pytest.skip("the hamish command is not installed: run `pip install .` first")
    return found


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """An environment with no user config, a plain locale and a known terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAMISH_", "XDG_"))}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_STATE_HOME"] = str(tmp_path / "state")  # crash reports
    env["XDG_DATA_HOME"] = str(tmp_path / "data")  # reading places, feeds
    env["LANG"] = "C.UTF-8"
    return env


@pytest.fixture
def run(clean_env: dict[str, str], tmp_path: Path) -> Iterator[Callable[[list[str]], PtyCommand]]:
    """Start hamish on a pty with its config in ``tmp_path``; all are killed at the end."""
    env = dict(clean_env, TERM="xterm-256color", HAMISH_CONFIG=str(tmp_path / "config.toml"))
    started: list[PtyCommand] = []

    def start(argv: list[str]) -> PtyCommand:
        child = PtyCommand(argv, env)
        started.append(child)
        return child

    yield start
    for child in started:
        child.close()
