"""ThemeSpec -> textual.theme.Theme, and a real App switching between the themes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.app import App
from textual.color import Color
from textual.theme import Theme

from reader.files.bundled import themes_dir
from reader.theming import LABEL_COUNT, load_themes
from reader.theming.colours import CSS_COLOUR_NAMES, relative_luminance
from reader.ui.themes import (
    label_variable_defaults,
    to_textual_theme,
    to_textual_themes,
)

LABEL_VARIABLES = [f"label-{n}{part}" for n in range(1, LABEL_COUNT + 1) for part in ("", "-text")]


def all_themes(data_dir: Path) -> list[Theme]:
    specs, _ = load_themes([themes_dir(), data_dir / "themes"])
    return to_textual_themes(specs)


def test_bundled_themes_convert() -> None:
    specs, _ = load_themes([themes_dir()])
    for spec in specs:
        theme = to_textual_theme(spec)
        assert (theme.name, theme.dark) == (spec.name, spec.dark)
        for key, colour in spec.colours.items():
            assert getattr(theme, key) == colour
        assert sorted(theme.variables) == sorted(LABEL_VARIABLES)
        assert theme.variables["label-1"] == spec.label_palette[0]
        theme.to_color_system().generate()  # Textual accepts every colour


def contrast(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio."""
    la, lb = sorted((relative_luminance(*a.rgb), relative_luminance(*b.rgb)))
    return (lb + 0.05) / (la + 0.05)


def test_label_text_is_black_or_white_and_reads_well(data_dir: Path) -> None:
    for theme in all_themes(data_dir):
        for n in range(1, LABEL_COUNT + 1):
            label = Color.parse(theme.variables[f"label-{n}"])
            text = theme.variables[f"label-{n}-text"]
            assert text in ("#000000", "#ffffff")
            other = "#ffffff" if text == "#000000" else "#000000"
            assert contrast(label, Color.parse(text)) >= contrast(label, Color.parse(other))
            assert contrast(label, Color.parse(text)) >= 4.5  # WCAG AA for normal text


def test_short_palette_still_defines_nine_labels(data_dir: Path) -> None:
    sepia = next(t for t in all_themes(data_dir) if t.name == "sepia")
    assert [sepia.variables[f"label-{n}"] for n in (1, 4, 7, 9)] == ["firebrick"] * 3 + [
        "steelblue"
    ]


@pytest.mark.parametrize("colour", sorted(CSS_COLOUR_NAMES) + ["#abc", "#A0B1C2"])
def test_every_colour_a_theme_file_may_use_is_one_textual_parses(colour: str) -> None:
    Color.parse(colour.lower())


class LabelApp(App[None]):
    """An app whose CSS uses a label variable, as hamish's .tcss will."""

    CSS = "Screen { background: $label-1; color: $label-1-text; }"

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return label_variable_defaults()


def test_app_switches_to_every_theme(data_dir: Path) -> None:
    themes = all_themes(data_dir)
    seen: dict[str, tuple[str | None, Color]] = {}

    async def run() -> None:
        app = LabelApp()
        for theme in themes:
            app.register_theme(theme)
        async with app.run_test() as pilot:
            for theme in themes:
                app.theme = theme.name
                await pilot.pause()
                background = app.screen.styles.background
                seen[app.theme] = (app.theme_variables.get("label-1"), background)
                assert "label-9-text" in app.get_css_variables()

    asyncio.run(run())
    assert list(seen) == [t.name for t in themes]
    for theme in themes:
        label_1 = theme.variables["label-1"]
        assert seen[theme.name] == (label_1, Color.parse(label_1))


def test_textual_builtin_theme_gets_default_labels() -> None:
    async def run() -> tuple[str | None, Color]:
        app = LabelApp()
        async with app.run_test() as pilot:
            app.theme = "nord"
            await pilot.pause()
            return app.theme_variables.get("label-1"), app.screen.styles.background

    label_1, background = asyncio.run(run())
    assert label_1 == label_variable_defaults()["label-1"]
    assert background == Color.parse(label_1)
