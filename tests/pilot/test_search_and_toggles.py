"""Search, display toggles and themes, through the keys a reader presses."""

from __future__ import annotations

import sys

from pilot_helpers import body_lines, burst, letters, search_for, settle
from textual import events

from reader.documents import load_article
from reader.files.bundled import sample_path
from reader.layout import DocumentLayout, LayoutOptions
from reader.layout.chars import HARAKAH, kind
from reader.ui.widgets.article_view import ArticleView

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

VOWELLED = str(sample_path("ar-vowelled.txt"))
SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))


def styled_columns(view: ArticleView, screen_y: int, component: str) -> list[int]:
    """Columns of a view row drawn in a component class's style."""
    style = view.rich_style + view.get_component_rich_style(component)
    strip = view.render_line(screen_y)
    cols, x = [], 0
    for segment in strip:
        width = segment.cell_length
        if segment.style == style:
            cols.extend(range(x, x + width))
        x += width
    return cols


async def test_unvowelled_query_finds_vowelled_word_in_the_right_cells(make_app) -> None:
    app = make_app("--width", "50", VOWELLED)
    text = load_article(VOWELLED).text
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await search_for(pilot, "النهر")
        # النَّهْرُ (paragraph 1), النَّهْرَ, ...: every vowelled spelling is found.
        assert len(view.matches) >= 2
        start, end = view.matches[view.current_match]
        assert text[start:end].startswith("النَّهْر")
        # The current match is drawn on exactly the cells the engine maps it to.
        layout = DocumentLayout(text, 50)
        (run,) = layout.span_runs(start, end)
        margin = (view.scrollable_content_region.width - 50) // 2
        screen_y = run.row - round(view.scroll_y)
        cols = styled_columns(view, screen_y, "article-view--current-match")
        assert cols == list(range(margin + run.col, margin + run.col + run.width))
        first = view.current_match
        await pilot.press("n")
        await settle(pilot)
        assert view.current_match == (first + 1) % len(view.matches)
        await pilot.press("N", "N")
        await settle(pilot)
        assert view.current_match == (first - 1) % len(view.matches)


async def test_harakat_toggle_hides_marks_and_is_saved(make_app, config_dir) -> None:
    app = make_app("--width", "50", VOWELLED)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        assert any(kind(ch) == HARAKAH for line in body_lines(app) for ch in line)
        await pilot.press("h")
        await settle(pilot)
        assert not any(kind(ch) == HARAKAH for line in body_lines(app) for ch in line)
        assert "harakat hidden" in str(app.screen.query_one("#status").render())
    saved = tomllib.loads((config_dir / "config.toml").read_text(encoding="utf-8"))
    assert saved["harakat"] is False


async def test_a_command_line_width_is_never_saved(make_app, config_dir) -> None:
    """--width is for this run: a toggle saves the config's own width."""
    (config_dir / "config.toml").write_text("width = 72\n", encoding="utf-8")
    app = make_app("--width", "60", SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(ArticleView).column_width() == 60
        await pilot.press("h")
        await settle(pilot)
    saved = tomllib.loads((config_dir / "config.toml").read_text(encoding="utf-8"))
    assert saved["width"] == 72 and saved["harakat"] is False


async def test_direction_cycles_and_rows_follow(make_app, config_dir) -> None:
    app = make_app("--width", "60", SEED)
    text = load_article(SEED).text
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        margin = (view.scrollable_content_region.width - 60) // 2
        for direction in ("rtl", "ltr"):
            await pilot.press("d")
            await settle(pilot)
            assert view.options.direction == direction
            expected = DocumentLayout(text, 60, LayoutOptions(direction=direction)).lines()
            want = [(" " * margin + line).rstrip() for line in expected]
            shown = body_lines(app)
            assert shown == want[: len(shown)]
    saved = tomllib.loads((config_dir / "config.toml").read_text(encoding="utf-8"))
    assert saved["direction"] == "ltr"


async def test_bidi_terminal_mode_draws_logical_order(make_app) -> None:
    app = make_app("--width", "60", SEED)
    text = load_article(SEED).text
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        first = body_lines(app)[0].strip()
        assert text.startswith(first)  # unshaped, logical order


async def test_controls_toggle_shows_formatting_characters(make_app, tmp_path) -> None:
    article = tmp_path / "marks.txt"
    article.write_text("قال \u202babc\u202c اليوم\n", encoding="utf-8")
    app = make_app(str(article))
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        assert "\u21d0" not in "".join(body_lines(app))
        await pilot.press("c")
        await settle(pilot)
        assert "\u21d0" in "".join(body_lines(app))  # RLE drawn as ⇐


async def test_theme_from_the_command_palette_is_saved(make_app, config_dir) -> None:
    app = make_app(SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "hamish-dark"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"theme: hamish-light")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "hamish-light"
        assert str(app.screen.query_one(ArticleView).styles.background.hex).lower() == "#f7f4ec"
    saved = tomllib.loads((config_dir / "config.toml").read_text(encoding="utf-8"))
    assert saved["theme"] == "hamish-light"


async def test_help_lists_every_binding(make_app) -> None:
    from reader.ui.app import HamishApp
    from reader.ui.screens.library_screen import LibraryScreen
    from reader.ui.screens.reader_screen import ReaderScreen

    app = make_app(SEED)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        from pilot_helpers import screen_lines

        pages = []
        for _ in range(8):  # the help is longer than the screen: read it page by page
            pages.append("\n".join(screen_lines(app)))
            await pilot.press("pagedown")
            await settle(pilot)
        shown = "\n".join(pages)
        for owner in (HamishApp, ReaderScreen, ArticleView, LibraryScreen):
            for binding in owner.BINDINGS:
                assert binding.id in shown, binding.id
                assert binding.description in shown
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReaderScreen"


async def test_search_reports_on_the_message_line_and_wraps(make_app) -> None:
    app = make_app("--width", "60", SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "داعش")
        view = app.screen.query_one(ArticleView)
        total = len(view.matches)
        message = str(app.screen.query_one("#message").render())
        assert f"match 1 of {total}" in message and "\ufeb6\ufecb\ufe8d\ufea9" in message  # ﺶﻋﺍﺩ
        await pilot.press("N")
        await settle(pilot)
        assert f"match {total} of {total} (from the end again)" in str(
            app.screen.query_one("#message").render()
        )
        await pilot.press("n")
        await settle(pilot)
        assert "match 1 of" in str(app.screen.query_one("#message").render())


async def test_help_shows_keys_as_the_footer_does(make_app) -> None:
    app = make_app(SEED)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        from pilot_helpers import screen_lines

        shown = "\n".join(screen_lines(app))
        assert "question_mark" not in shown and "right_square_bracket" not in shown
        assert " ? " in shown or "? " in shown


async def test_letters_typed_right_after_slash_reach_the_search_not_the_bindings(make_app) -> None:
    """A paste: / and the query at once.  h and d are bindings (harakat,
    direction); here they are letters of the query."""
    app = make_app("--width", "60", str(sample_path("en-article.txt")))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, ("slash", "/"), *letters("hd"), ("slash", "/"), *letters("b"))
        await settle(pilot)
        box = app.screen.query_one("#search Input")
        assert box.value == "hd/b"  # in the box, / is a letter too
        assert (
            app.settings.harakat and app.settings.direction == "auto" and app.settings.bidi == "app"
        )


async def test_a_search_typed_in_one_burst_reaches_the_box_enter_included(make_app) -> None:
    """/, the query and Enter all queued before the app handles the first: the
    search runs, for the whole query."""
    app = make_app("--width", "60", SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, ("slash", "/"), *letters("داعش"), ("enter", "\r"))
        await settle(pilot)
        message = str(app.screen.query_one("#message").render())
        assert "match 1 of 19" in message, message
        assert not app.screen.query_one("#search").display


async def test_a_pasted_line_is_a_search_and_its_letters_are_not_keys(make_app) -> None:
    app = make_app("--width", "60", SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#search Input")
        app.post_message(events.Paste("hd داعش"))  # h and d would be toggles as keys
        await settle(pilot)
        assert box.has_focus and box.value == "hd داعش"
        assert app.settings.harakat and app.settings.direction == "auto"
        await pilot.press("escape")
        app.post_message(events.Paste("/داعش\r\nmore lines"))
        await settle(pilot)
        message = str(app.screen.query_one("#message").render())
        assert "match 1 of 19" in message, message
        assert not app.screen.query_one("#search").display


async def test_escape_clears_the_search_first_then_goes_to_the_library(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"Shafaq", "enter")
        await settle(pilot)
        await pilot.press("slash", *"داعش", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.matches
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReaderScreen" and view.matches == ()
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
