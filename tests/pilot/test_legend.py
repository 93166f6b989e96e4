"""The annotation legend is drawn in the theme's label colours, and follows a switch."""

from __future__ import annotations

import sys

from pilot_helpers import SEED, settle, wait_until
from rich.color import Color
from rich.text import Text

from reader.files.bundled import themes_dir
from reader.ui.widgets.legend import Legend

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def palette(file: str) -> list[Color]:
    """A bundled theme's label colours, read from its file."""
    with (themes_dir() / file).open("rb") as f:
        return [Color.parse(c) for c in tomllib.load(f)["labels"]["palette"]]


def label_backgrounds(legend: Legend) -> list[Color | None]:
    content = legend.content
    assert isinstance(content, Text)
    return [
        span.style.bgcolor
        for span in content.spans
        if not isinstance(span.style, str) and span.style.bgcolor is not None
    ]


async def test_the_legend_follows_a_theme_switch(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        app.theme = "hamish-dark"
        await settle(pilot)
        legend = app.screen.query_one(Legend)
        dark, light = palette("dark.toml")[:3], palette("light.toml")[:3]
        assert dark != light
        assert await wait_until(pilot, lambda: label_backgrounds(legend) == dark, 5)
        app.theme = "hamish-light"
        assert await wait_until(pilot, lambda: label_backgrounds(legend) == light, 5)
