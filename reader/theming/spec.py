"""Theme files (``themes/*.toml``) read into a plain, validated `ThemeSpec`.

A theme file looks like::

    name = "hamish-dark"
    dark = true
    primary = "#5fa8d3"         # required; the other colours are optional
    background = "#1b1d22"
    [labels]
    palette = ["#e06c75", "#7fb069"]   # colours of annotation labels 1-9

Colours are ``#rgb``, ``#rrggbb`` or CSS colour names.  A broken file raises
`ThemeError`, one line naming the file and the key; `load_themes` collects
those lines and goes on with the other files.  No Textual here: see
`reader.ui.themes` for the conversion.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.config.toml_io import TomlFileError, describe, read_toml, toml_string
from reader.theming.colours import normal_colour

COLOUR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "success",
    "warning",
    "error",
    "boost",
)
"""The Textual theme colours a file may set; only ``primary`` is required."""

LABEL_COUNT = 9
"""Annotation labels that get a colour of their own (keys 1-9)."""

DEFAULT_LABEL_PALETTE = (
    "#e69f00",
    "#56b4e9",
    "#009e73",
    "#f0e442",
    "#0072b2",
    "#d55e00",
    "#cc79a7",
    "#999999",
    "#882255",
)
"""Label colours for a theme without ``[labels]``: Okabe-Ito (colour-blind safe), then two more."""

_NAME = re.compile(r"\w[\w.-]*")


@dataclass(frozen=True)
class ThemeSpec:
    """A theme as its file gives it, validated; colours are lower-case."""

    name: str
    """Unique name, as `App.theme` and the config's ``theme`` use it."""

    dark: bool = True
    """Whether it is a dark theme (Textual derives shades from this)."""

    colours: dict[str, str] = field(default_factory=dict)
    """Textual theme colours by key (see `COLOUR_KEYS`); ``primary`` is always there."""

    label_palette: list[str] = field(default_factory=lambda: list(DEFAULT_LABEL_PALETTE))
    """Colours of labels 1, 2, ... as given: 1 to 9 of them."""

    path: Path | None = None
    """The file it came from, if any."""

    @property
    def label_colours(self) -> list[str]:
        """Exactly `LABEL_COUNT` label colours: the palette, repeated if it is shorter."""
        palette = self.label_palette
        return [palette[i % len(palette)] for i in range(LABEL_COUNT)]


class ThemeError(TomlFileError):
    """A theme file that cannot be used, said in one line: ``path[:line]: [key: ]problem``."""

    def __init__(self, path: Path, key: str | None, problem: str, line: int | None = None) -> None:
        self.key = key
        super().__init__(path, problem if key is None else f"{key}: {problem}", line)


def load_theme_file(path: Path) -> ThemeSpec:
    """The theme in one TOML file; raises `ThemeError` if it cannot be used."""
    try:
        raw = read_toml(path)
    except FileNotFoundError:
        raise ThemeError(path, None, "no such file") from None
    except TomlFileError as err:
        raise ThemeError(path, None, err.problem, err.line) from None
    return theme_from_dict(raw, path)


def theme_from_dict(raw: dict[str, Any], path: Path) -> ThemeSpec:
    """A `ThemeSpec` from parsed TOML; `path` is named in any `ThemeError`."""
    for key in raw:
        if key not in ("name", "dark", "labels", *COLOUR_KEYS):
            raise ThemeError(path, key, _unknown(key, ["name", "dark", "labels", *COLOUR_KEYS]))
    name = raw.get("name")
    if name is None:
        raise ThemeError(path, "name", "missing (every theme needs a name)")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ThemeError(
            path, "name", f'must be letters, digits, "-", "_" or ".", not {describe(name)}'
        )
    dark = raw.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError(path, "dark", f"must be true or false, not {describe(dark)}")
    if "primary" not in raw:
        raise ThemeError(path, "primary", "missing (Textual needs a primary colour)")
    colours = {key: _colour(path, key, raw[key]) for key in COLOUR_KEYS if key in raw}
    palette = _palette(path, raw.get("labels", {}))
    return ThemeSpec(name=name, dark=dark, colours=colours, label_palette=palette, path=path)


def load_themes(dirs: Iterable[Path]) -> tuple[list[ThemeSpec], list[str]]:
    """Every ``*.toml`` theme in `dirs`, in order, and one line per file that failed.

    Give the bundled folder first and the user's after it: a theme whose name
    was already loaded replaces the earlier one (keeping its place in the
    list).  A folder that does not exist is skipped quietly.
    """
    themes: dict[str, ThemeSpec] = {}
    problems: list[str] = []
    for folder in dirs:
        here: dict[str, Path] = {}
        for path in sorted(folder.glob("*.toml")):
            try:
                spec = load_theme_file(path)
            except ThemeError as err:
                problems.append(str(err))
                continue
            if spec.name in here:
                clash = f"{toml_string(spec.name)} is also the name in {here[spec.name].name}"
                problems.append(str(ThemeError(path, "name", f"{clash}; this file wins")))
            here[spec.name] = path
            themes[spec.name] = spec
    return list(themes.values()), problems


def _colour(path: Path, key: str, value: object) -> str:
    colour = normal_colour(value) if isinstance(value, str) else None
    if colour is None:
        hint = "(use #rgb, #rrggbb or a CSS colour name)"
        raise ThemeError(path, key, f"not a colour: {describe(value)} {hint}")
    return colour


def _palette(path: Path, labels: object) -> list[str]:
    if not isinstance(labels, dict):
        raise ThemeError(path, "labels", f"must be a table, not {describe(labels)}")
    for key in labels:
        if key != "palette":
            raise ThemeError(path, f"labels.{key}", _unknown(key, ["palette"]))
    palette = labels.get("palette")
    if palette is None:
        return list(DEFAULT_LABEL_PALETTE)
    if not isinstance(palette, list) or not 1 <= len(palette) <= LABEL_COUNT:
        problem = f"must be a list of 1 to {LABEL_COUNT} colours, not {describe(palette)}"
        raise ThemeError(path, "labels.palette", problem)
    return [_colour(path, f"labels.palette[{n}]", c) for n, c in enumerate(palette, 1)]


def _unknown(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f'unknown key; did you mean "{close[0]}"?' if close else "unknown key"
