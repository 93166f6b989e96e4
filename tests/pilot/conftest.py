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
    import textual._wait as wait

    monkeypatch.setattr(wait, "SLEEP_GRANULARITY", 0.005)
    monkeypatch.setattr(wait, "SLEEP_IDLE", 0.005 / 20)
