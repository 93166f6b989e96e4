"""Find the installed `hamish` command (the one beside this Python first)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


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
    env["LANG"] = "C.UTF-8"
    return env
