"""Where the config file and user themes are: $HAMISH_CONFIG, then XDG, then ~/.config."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import config_path, display_path, user_themes_dir


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake home with neither HAMISH_CONFIG nor XDG_CONFIG_HOME set."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("HAMISH_CONFIG", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return tmp_path


def test_default_is_dot_config(home: Path) -> None:
    assert config_path() == home / ".config" / "hamish" / "config.toml"
    assert user_themes_dir() == home / ".config" / "hamish" / "themes"


def test_xdg_config_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg"))
    assert config_path() == home / "xdg" / "hamish" / "config.toml"
    assert user_themes_dir() == home / "xdg" / "hamish" / "themes"


@pytest.mark.parametrize("value", ["", "relative/dir"])
def test_empty_or_relative_xdg_config_home_is_ignored(
    home: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", value)
    assert config_path() == home / ".config" / "hamish" / "config.toml"


def test_hamish_config_beats_xdg(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg"))
    monkeypatch.setenv("HAMISH_CONFIG", str(home / "elsewhere" / "my.toml"))
    assert config_path() == home / "elsewhere" / "my.toml"
    assert user_themes_dir() == home / "elsewhere" / "themes"


def test_hamish_config_expands_tilde(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMISH_CONFIG", "~/h.toml")
    assert config_path() == home / "h.toml"


def test_display_path(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = home / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert display_path(config_path()) == "~/.config/hamish/config.toml"
    assert display_path(work / "themes" / "mine.toml") == "themes/mine.toml"
    assert display_path(Path("/nowhere/x.toml")) == "/nowhere/x.toml"
    monkeypatch.chdir(home)  # from home itself, still ~/…
    assert display_path(config_path()) == "~/.config/hamish/config.toml"
