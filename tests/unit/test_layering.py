"""The engine and data model never import Textual: only the interface may.

Every module of the package is found by walking it, so a new core module is
covered without anyone listing it.  Only the interface (``reader.ui``) may load
Textual; the command line (``reader.cli``) loads it only when the reader runs.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import reader

UI = "reader.ui"


def _modules() -> list[str]:
    found = [reader.__name__]
    for info in pkgutil.walk_packages(reader.__path__, prefix="reader."):
        found.append(info.name)
    return sorted(found)


ALL = _modules()
CORE = [m for m in ALL if m != UI and not m.startswith(UI + ".") and m != "reader.__main__"]


def test_the_walk_finds_the_core_and_the_interface() -> None:
    # A walk that found nothing would make every test below pass vacuously.
    for expected in ("reader.layout.paragraph", "reader.annotation.store", "reader.cli.main"):
        assert expected in CORE
    assert "reader.ui.app" in ALL and "reader.ui.app" not in CORE


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports textual: {result.stderr}"
