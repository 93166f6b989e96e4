"""`ThemeSpec` to `textual.theme.Theme`: the one theming module that imports Textual.

Label colours become theme variables ``label-1`` … ``label-9``, each with a
``label-N-text`` partner (black or white, whichever reads better on it), so
``.tcss`` files can say ``background: $label-3; color: $label-3-text;``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.style import Style
from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader.theming.colours import readable_text
from reader.theming.spec import ThemeSpec


def theme_style(variables: Mapping[str, str], name: str, bold: bool = False) -> Style:
    """A Rich style in the theme's colour ``name`` (``success``, ``error``, …), for
    text drawn in Python: ``variables`` is `App.theme_variables`.  Draw it again on
    a theme switch (`App.theme_changed_signal`) to follow the new colours."""
    try:
        colour = Color.parse(variables[name]).rich_color
    except (KeyError, ColorParseError):
        colour = None
    return Style(color=colour, bold=bold)


def label_variables(spec: ThemeSpec) -> dict[str, str]:
    """``label-N`` and ``label-N-text`` for N = 1…9."""
    variables: dict[str, str] = {}
    for n, colour in enumerate(spec.label_colours, 1):
        variables[f"label-{n}"] = colour
        variables[f"label-{n}-text"] = readable_text(*Color.parse(colour).rgb)
    return variables


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """The Textual theme for `spec`, ready for `App.register_theme`."""
    c = spec.colours
    return Theme(
        name=spec.name,
        primary=c["primary"],
        secondary=c.get("secondary"),
        accent=c.get("accent"),
        foreground=c.get("foreground"),
        background=c.get("background"),
        surface=c.get("surface"),
        panel=c.get("panel"),
        success=c.get("success"),
        warning=c.get("warning"),
        error=c.get("error"),
        boost=c.get("boost"),
        dark=spec.dark,
        variables=label_variables(spec),
    )


def to_textual_themes(specs: Iterable[ThemeSpec]) -> list[Theme]:
    """`to_textual_theme` for each spec, in order."""
    return [to_textual_theme(spec) for spec in specs]


def label_variable_defaults() -> dict[str, str]:
    """``label-N`` variables from the default palette, for `App.get_theme_variable_defaults`.

    Textual parses the app's CSS before a hamish theme is chosen, and with any
    theme that is not a hamish one (``nord``, ``textual-light``, …), so an app
    whose CSS says ``$label-1`` must return these from
    ``get_theme_variable_defaults`` or its stylesheet fails to parse.
    """
    return label_variables(ThemeSpec(name="defaults", colours={"primary": "#000000"}))
