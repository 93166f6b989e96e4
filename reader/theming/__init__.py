"""Themes: files validated into `ThemeSpec`s here (no Textual), converted in `textual_themes`."""

from reader.theming.spec import (
    COLOUR_KEYS,
    DEFAULT_LABEL_PALETTE,
    LABEL_COUNT,
    ThemeError,
    ThemeSpec,
    load_theme_file,
    load_themes,
)

__all__ = [
    "COLOUR_KEYS",
    "DEFAULT_LABEL_PALETTE",
    "LABEL_COUNT",
    "ThemeError",
    "ThemeSpec",
    "load_theme_file",
    "load_themes",
]
