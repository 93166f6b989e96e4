"""hamish's settings: a typed model, read from and written to ``config.toml``.

Reading never fails: a missing file gives the defaults, and a bad file or a
bad value gives a one-line problem naming the file and the key, while that
key keeps its default and the rest of the file still counts.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.config.paths import display_path
from reader.config.toml_io import (
    TomlFileError,
    describe,
    read_toml,
    toml_key,
    toml_string,
    toml_value,
    write_atomically,
)
from reader.safe_text import formats_marked, invisible_format

DIRECTIONS = ("auto", "rtl", "ltr")
"""Values of `Settings.direction`."""

BIDI_MODES = ("app", "terminal")
"""Values of `Settings.bidi`."""

MIN_WIDTH, MAX_WIDTH = 20, 1000
"""The range of `Settings.width`, in cells."""


@dataclass(frozen=True)
class Settings:
    """Everything a user can set in ``config.toml``; change it with `dataclasses.replace`.

    Construction does not check values (a ``--width 10`` from the command line
    must not crash the app); `settings_problems` does, and `load_settings`
    only ever returns good values.
    """

    theme: str = "hamish-dark"
    """Name of the theme to use: a bundled theme or one in the user themes folder."""

    width: int | None = None
    """Widest text column, in cells (20-1000); None means the lesser of 80 and the window."""

    harakat: bool = True
    """Show harakat (Arabic short-vowel marks); they stay in the text either way."""

    direction: str = "auto"
    """Paragraph direction: "auto" (from the first strong letter), "rtl" or "ltr"."""

    show_formatting: bool = False
    """Draw control and bidi formatting characters (such as RLM, LRI, ZWJ) visibly."""

    bidi: str = "app"
    """Who reorders right-to-left text: "app" (hamish) or "terminal" (a bidi-aware terminal)."""

    keys: dict[str, str] = field(default_factory=dict)
    """Key remaps: binding id -> key or comma-separated keys, e.g. {"search": "ctrl+f"}."""

    labels: list[str] = field(default_factory=list)
    """Annotation labels, in order: label N takes colour N of the theme's palette."""

    reviewer: str | None = None
    """Who `hamish review` saves as ``_annotator_id``; None means ``$USER``."""
    store: str | None = None
    """Where annotations are saved when no --output or --store is given: a
    ``postgresql://`` address of a team's shared store (its password from
    PGPASSFILE or PGPASSWORD), or an output file; None: the file beside the input."""


def settings_problems(settings: Settings) -> list[str]:
    """``key: problem`` for each value `load_settings` would not accept back."""
    return [f"{key}: {problem}" for key, problem in _check_fields(settings)]


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """The settings in the TOML file at `path`, and one line per problem found.

    A missing file gives the defaults and no problems; a file that cannot be
    read or parsed gives the defaults and one problem (with its line number).
    """
    try:
        raw = read_toml(path)
    except FileNotFoundError:
        return Settings(), []
    except TomlFileError as err:
        return Settings(), [str(err)]
    settings, problems = settings_from_dict(raw)
    where = display_path(path)
    return settings, [f"{where}: {problem}" for problem in problems]


def settings_from_dict(raw: Mapping[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from parsed TOML, and ``key: problem`` lines for what was left out."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        if key == "keys":
            values[key] = _keys_from(value, problems)
        elif key in _CHECKS:
            problem = _CHECKS[key](value)
            if problem is None:
                values[key] = value
            else:
                problems.append(f"{key}: {problem}")
        else:
            problems.append(f"{toml_key(key)}: {_unknown(key)}")
    return Settings(**values), problems


def save_settings(settings: Settings, path: Path) -> None:
    """Write `settings` to `path` as TOML, atomically, creating its folder.

    Every setting is written, so the file shows what can be set; a width of
    None is written as a comment.  Comments the user added are not kept.
    Values are written as they are: one `settings_problems` finds is reported
    by the next `load_settings`, which then uses that key's default.
    """
    write_atomically(path, settings_to_toml(settings))


def settings_to_toml(settings: Settings) -> str:
    """The text `save_settings` writes."""
    lines = ["# hamish settings.  hamish rewrites this file when settings change in the app,"]
    lines.append("# so comments added here are not kept.")
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        if f.name == "keys":
            continue
        if value is None:
            lines.append(_NOT_SET[f.name])
        else:
            lines.append(f"{f.name} = {toml_value(value)}")
    lines += ["", "[keys]", '# binding id = "key" or "key1,key2"']
    lines += [f"{toml_key(k)} = {toml_string(v)}" for k, v in settings.keys.items()]
    return "\n".join(lines) + "\n"


_NOT_SET = {
    "width": "# width = 80  (not set: the lesser of 80 cells and the window)",
    "reviewer": '# reviewer = "name"  (not set: $USER)',
    "store": '# store = "postgresql://server/hamish"  (not set: an output file beside the input)',
}
"""What the file says of a setting left unset."""


# Checks: each returns None for a good value, else the problem (after "key: ").


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    return f"must be a non-empty string, not {describe(value)}"


def _unset_or_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _width(value: object) -> str | None:
    if value is None:  # only from code: TOML has no null, an unset width is left out
        return None
    if isinstance(value, int) and not isinstance(value, bool) and MIN_WIDTH <= value <= MAX_WIDTH:
        return None
    return f"must be a whole number from {MIN_WIDTH} to {MAX_WIDTH}, not {describe(value)}"


def _store(value: object) -> str | None:
    return None if value is None else _text(value)


def _flag(value: object) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {describe(value)}"


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str | None]:
    quoted = [toml_string(c) for c in choices]
    allowed = ", ".join(quoted[:-1]) + " or " + quoted[-1]

    def check(value: object) -> str | None:
        return None if value in choices else f"must be {allowed}, not {describe(value)}"

    return check


def _labels(value: object) -> str | None:
    # One bad label rejects the list: dropping it would renumber the rest.
    if not isinstance(value, list):
        return f"must be a list of label names, not {describe(value)}"
    seen: set[str] = set()
    for label in value:
        if not isinstance(label, str) or not label.strip() or "," in label:
            return f"each label must be a non-empty string without commas, not {describe(label)}"
        if label in seen:
            return f"{describe(label)} is listed twice"
        hidden = invisible_format(label)
        if hidden is not None:  # it could pass for another label
            return (
                f"{describe(formats_marked(label))} holds {hidden}, an invisible format character"
            )
        seen.add(label)
    return None


def _key_binding(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    return f'must be a key such as "ctrl+f" (or "ctrl+f,f3"), not {describe(value)}'


_CHECKS: dict[str, Callable[[object], str | None]] = {
    "theme": _text,
    "width": _width,
    "harakat": _flag,
    "direction": _one_of(DIRECTIONS),
    "show_formatting": _flag,
    "bidi": _one_of(BIDI_MODES),
    "labels": _labels,
    "reviewer": _unset_or_text,
    "store": _store,
}


def _keys_from(value: object, problems: list[str]) -> dict[str, str]:
    """The good entries of a ``[keys]`` table; a problem for each bad one."""
    if not isinstance(value, dict):
        problems.append(f'keys: must be a table of binding id = "key", not {describe(value)}')
        return {}
    keys: dict[str, str] = {}
    for binding, key in value.items():
        problem = _key_binding(key)
        if problem is None:
            keys[binding] = key
        else:
            problems.append(f"keys.{toml_key(binding)}: {problem}")
    return keys


def _check_fields(settings: Settings) -> list[tuple[str, str]]:
    """(key, problem) for each bad value in a `Settings`."""
    found = [(key, check(getattr(settings, key))) for key, check in _CHECKS.items()]
    problems = [(key, problem) for key, problem in found if problem is not None]
    if not isinstance(settings.keys, dict):
        problems.append(("keys", f"must be a dict, not {describe(settings.keys)}"))
        return problems
    for binding, key in settings.keys.items():
        problem = _key_binding(key)
        if not isinstance(binding, str):
            problem = f"binding ids must be strings, not {describe(binding)}"
        if problem is not None:
            problems.append((f"keys.{binding}", problem))
    return problems


def _unknown(key: str) -> str:
    close = difflib.get_close_matches(key, [*_CHECKS, "keys"], n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f"unknown key, ignored{hint}"
