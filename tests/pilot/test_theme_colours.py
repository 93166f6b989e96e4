"""Colours drawn in Python are the theme's, and follow a theme switch: the
annotation legend's label colours, the library's progress column."""

from __future__ import annotations

import json
import sys

from pilot_helpers import SEED, settle, wait_until
from rich.color import Color
from rich.text import Text

from reader.annotation.tasks import task_record
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


def theme_colours(app, theme: str) -> list[Color]:  # type: ignore[no-untyped-def]
    """``success`` and ``error`` as Textual works them out for ``theme``."""
    variables = app.get_theme(theme).to_color_system().generate()
    return [Color.parse(variables["success"]), Color.parse(variables["error"])]


def progress_colours(app) -> list[Color | None]:  # type: ignore[no-untyped-def]
    cell = app.screen.query_one("DataTable").get_row_at(0)[-1]
    assert isinstance(cell, Text) and "✓1" in cell.plain
    return [span.style.color for span in cell.spans if not isinstance(span.style, str)][:2]


async def test_the_progress_column_follows_a_theme_switch(make_app, tmp_path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("سافر جون برينان إلى بغداد.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    record = task_record(
        text=doc.read_text(encoding="utf-8"),
        meta={},
        doc_id="d",
        spans=[],
        answer="accept",
        annotator="t",
        tokens=[],
    )
    record["_hamish_file"] = "doc.txt"
    out.write_text(json.dumps(record) + "\n", encoding="utf-8")
    app = make_app("--labels", "PER,ORG", "--output", str(out), str(tmp_path / "doc.txt"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        app.theme = "hamish-dark"
        await settle(pilot)
        await pilot.press("escape")  # the library
        await settle(pilot)
        dark, light = theme_colours(app, "hamish-dark"), theme_colours(app, "hamish-light")
        assert dark != light
        assert await wait_until(pilot, lambda: progress_colours(app) == dark, 5)
        app.theme = "hamish-light"
        assert await wait_until(pilot, lambda: progress_colours(app) == light, 5)
