"""Reading the seed article: the rows on screen are the engine's rows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pilot_helpers import SEED, body_lines, screen_lines, settle, wait_until
from textual import events

from reader.documents import load_article
from reader.layout import DocumentLayout
from reader.ui.widgets.article_view import ArticleView

DATA = Path(__file__).parents[1] / "data"
SAME_GLYPH = str.maketrans({"\ufe80": "\u0621"})  # see reference/test_seed_rows_fribidi.py


def engine_lines(text: str, width: int, margin: int) -> list[str]:
    return [(" " * margin + line).rstrip() for line in DocumentLayout(text, width).lines()]


@pytest.mark.parametrize(
    ("size", "argv", "column"), [((100, 40), ["--width", "60"], 60), ((70, 30), [], 69)]
)
async def test_body_rows_are_the_engine_rows(make_app, size, argv, column) -> None:
    app = make_app(*argv, SEED)
    text = load_article(SEED).text
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.column_width() == column
        margin = (view.scrollable_content_region.width - column) // 2
        shown = body_lines(app)
        assert shown == engine_lines(text, column, margin)[: len(shown)]
        assert any(line.strip() for line in shown)


async def test_body_rows_match_fribidi_at_width_40(make_app) -> None:
    expected = [
        line.split("\t")[2]
        for line in (DATA / "seed_rows_w40.tsv").read_text(encoding="utf-8").splitlines()
    ]
    app = make_app("--width", "40", SEED)
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        shown = [line.strip().translate(SAME_GLYPH) for line in body_lines(app)]
        assert shown == expected[: len(shown)]


async def test_paging_and_jumps(make_app) -> None:
    app = make_app("--width", "60", SEED)
    text = load_article(SEED).text
    async with app.run_test(size=(100, 20)) as pilot:  # 65 rows, pages of 15
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        height = view.scrollable_content_region.height
        margin = (view.scrollable_content_region.width - 60) // 2
        rows = engine_lines(text, 60, margin)
        await pilot.press("space")
        await settle(pilot)
        assert body_lines(app)[0] == rows[height]
        await pilot.press("k", "k", "up")
        await settle(pilot)
        assert body_lines(app)[0] == rows[height - 3]
        await pilot.press("j", "down")
        await settle(pilot)
        assert body_lines(app)[0] == rows[height - 1]
        await pilot.press("G")
        await settle(pilot)
        shown = body_lines(app)
        assert shown[-1] == rows[-1] and shown[0] == rows[len(rows) - height]
        await pilot.press("g")
        await settle(pilot)
        assert body_lines(app)[0] == rows[0]
        await pilot.press("pagedown", "pageup")
        await settle(pilot)
        assert body_lines(app)[0] == rows[0]


async def test_resize_keeps_the_top_word(make_app) -> None:
    app = make_app(SEED)
    text = load_article(SEED).text
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        for _ in range(25):
            await pilot.press("j")
        await settle(pilot)
        anchor = view.top_offset
        assert anchor > 0
        top = body_lines(app)[0].strip()
        await pilot.resize_terminal(60, 30)
        await settle(pilot)
        assert view.column_width() == 59
        layout = DocumentLayout(text, 59)
        row = layout.rows[layout.row_of(anchor)]
        assert body_lines(app)[0].strip() == row.visual
        # The word that was first on the top row is still on the top row.
        first_word = text[anchor:].split(" ", 1)[0]
        assert row.start <= anchor < row.end and first_word
        assert top != row.visual  # the rows did reflow


async def test_mouse_wheel_scrolls(make_app) -> None:
    app = make_app("--width", "60", SEED)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        before = view.scroll_y
        for _ in range(3):
            view.post_message(events.MouseScrollDown(view, 10, 10, 0, 1, 0, False, False, False))
        await settle(pilot)
        assert view.scroll_y > before


@pytest.mark.parametrize("labels", [[], ["--labels", "PER,ORG"]])
async def test_the_footer_shows_the_keys_from_the_start(make_app, tmp_path, labels) -> None:
    out = ["--output", str(tmp_path / "out.jsonl")] if labels else []
    app = make_app(*labels, *out, SEED)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "/ Search" in screen_lines(app)[-1], 5)
        footer = screen_lines(app)[-1]
        assert "/ Search" in footer and "] Next" in footer, footer


async def test_output_flushed_while_the_app_runs_does_not_break_it(make_app) -> None:
    """Textual captures stdout and stderr while it runs and calls the app's
    flush hook on every flush: a library printing a warning must not crash hamish."""
    app = make_app("--width", "60", SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        print("a warning from some library", flush=True)
        print("and another", file=sys.stderr, flush=True)
        await pilot.press("j")
        await settle(pilot)
        assert app.is_running and app.screen.query_one(ArticleView).top_offset > 0


async def test_a_quit_before_the_footer_is_mounted_is_no_crash(make_app) -> None:
    # Under load (served in a browser, several sessions at once) q came before
    # the footer's mount after the first refresh, which then met a screen gone.
    app = make_app(SEED)
    async with app.run_test() as pilot:
        await pilot.press("q")
    assert (app.return_code, app.crash_report()) == (0, "")
