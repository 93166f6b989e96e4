"""Pilot tests: the app built by its factory, driven with App.run_test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.cli.app_main import create_app
from reader.ui.app import HamishApp


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty config directory of its own for each test."""
    home = tmp_path / "config" / "hamish"
    home.mkdir(parents=True)
    monkeypatch.setenv("HAMISH_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return home


@pytest.fixture
def make_app(config_dir: Path) -> Callable[..., HamishApp]:
    def make(*argv: str) -> HamishApp:
        app = create_app(list(argv))
        assert isinstance(app, HamishApp)
        return app

    return make


@pytest.fixture(autouse=True)
def _finer_idle_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's wait for idle in 5 ms slices instead of 20 ms.

    Every ``pilot.press`` and ``pilot.pause()`` waits until a slice passes
    with almost no CPU used (a twentieth of it), at least one slice, twice
    per key.  The same rule in finer slices still waits for the app to be
    idle, and took the pilot tier from 51 s to 36 s under ``-n 4``.  A
    private module: if it moves, the waits are Textual's own again.
    """
    import textual._wait as wait

    monkeypatch.setattr(wait, "SLEEP_GRANULARITY", 0.005, raising=False)
    monkeypatch.setattr(wait, "SLEEP_IDLE", 0.005 / 20, raising=False)
