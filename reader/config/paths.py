"""Where hamish keeps its files: the one module that knows these paths.

``$HAMISH_CONFIG`` names the config file outright (handy in tests and for
trying a second config); otherwise it is ``hamish/config.toml`` in the XDG
config directory.  User themes sit in ``themes/`` beside the config file, so
pointing ``$HAMISH_CONFIG`` somewhere else moves them too.  Crash reports go
in the XDG state directory; the library's state (feeds, entries, reading
places) in the XDG data directory, or ``$HAMISH_DATA``.
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_ENV = "HAMISH_CONFIG"
"""Environment variable that overrides the config file's path."""


def config_path() -> Path:
    """The config file: ``$HAMISH_CONFIG``, else ``$XDG_CONFIG_HOME/hamish/config.toml``.

    ``XDG_CONFIG_HOME`` counts only when it is an absolute path (the XDG spec
    says relative ones are invalid); without it the file is
    ``~/.config/hamish/config.toml``.
    """
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".config"
    return base / "hamish" / "config.toml"


def state_dir() -> Path:
    """Where hamish keeps what it writes for itself, such as crash reports:
    ``$XDG_STATE_HOME/hamish``, else ``~/.local/state/hamish``."""
    xdg = os.environ.get("XDG_STATE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "state"
    return base / "hamish"


DATA_ENV = "HAMISH_DATA"
"""Environment variable that overrides the folder of the library's state."""


def data_dir() -> Path:
    """The folder of hamish's database: ``$HAMISH_DATA``, else
    ``$XDG_DATA_HOME/hamish``, else ``~/.local/share/hamish``."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "hamish"


def user_themes_dir() -> Path:
    """The folder of the user's theme files: ``themes/`` beside the config file."""
    return config_path().parent / "themes"


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working folder, else ``~/…``, else whole.

    The working folder is used only when it is not the home folder itself, so
    the config file reads ``~/.config/hamish/config.toml`` from anywhere.
    """
    absolute = Path(os.path.abspath(path))
    try:
        home, cwd = Path.home(), Path.cwd()
    except (OSError, RuntimeError):  # no home, or the working folder was deleted
        return str(absolute)
    if cwd != home and absolute.is_relative_to(cwd):
        return str(absolute.relative_to(cwd))
    if absolute.is_relative_to(home):
        return str(Path("~") / absolute.relative_to(home))
    return str(absolute)
