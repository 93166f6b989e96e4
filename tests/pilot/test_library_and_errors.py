"""The library, bad files, bad config and hostile articles."""

from __future__ import annotations

import json

from pilot_helpers import (
    body_lines,
    burst,
    fill_focused,
    letters,
    screen_lines,
    settle,
    write_jsonl,
)
from textual.widgets import DataTable, Input

from reader.ui.widgets.article_view import ArticleView


async def test_no_arguments_lists_the_bundled_samples_and_enter_opens(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 7
        # library.tcss is loaded though the library is the first screen.
        assert app.screen.query_one("#filter").styles.margin.left == 1
        shown = "\n".join(screen_lines(app))
        assert "Shafaq News" in shown and "Progress" in shown
        await pilot.press(*"shafaq")  # the filter has focus from the start
        await settle(pilot)
        assert table.row_count == 1
        await fill_focused(pilot, "غويران")  # an Arabic word of the title filters too
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReaderScreen"
        assert "ﺶﻋﺍﺩ" in "\n".join(body_lines(app))
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"


async def test_letters_always_filter_and_ctrl_q_quits(make_app) -> None:
    """After Escape, a click on the list or Tab, the filter still has the keys:
    q is a letter there, and Ctrl+Q quits."""
    app = make_app()
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        box = app.screen.query_one("#filter Input", Input)
        await pilot.press(*"Shafaq")
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("escape")
        await settle(pilot)
        assert box.value == "" and table.row_count == 7
        await pilot.press(*"qu")  # of Qur'an: in no title of the samples
        await settle(pilot)
        assert app.is_running and box.value == "qu" and table.row_count == 0
        await pilot.press("escape")
        await pilot.click("#entries", offset=(5, 3))
        await pilot.press("q")
        await pilot.press("tab")
        await pilot.press("u")
        await settle(pilot)
        assert app.is_running and app.focused is box and box.value == "qu"
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_value == 0


async def test_letters_that_reach_the_library_before_its_filter_are_not_lost(make_app) -> None:
    """Keys typed before the screen is up reach the screen itself, nothing
    having the focus yet: they filter all the same, and Enter opens."""
    app = make_app()
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        app.screen.set_focus(None)  # as before the screen's start
        burst(app, *letters("shafaq"), ("enter", "\r"))
        await settle(pilot)
        assert type(app.screen).__name__ == "ReaderScreen"
        assert "Shafaq News" in "\n".join(screen_lines(app))


async def test_bad_files_are_entries_with_one_line_errors(make_app, tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("نص جيد\n", encoding="utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"text": "الأول"}, ensure_ascii=False)
        + "\n{not json\n"
        + json.dumps({"text": "third [b]x[/b]"})
        + "\n",
        encoding="utf-8",
    )
    binary = tmp_path / "data.bin"
    binary.write_bytes(b"\x00\x01\x02")
    app = make_app(str(good), str(tmp_path / "missing.txt"), str(records), str(binary))
    async with app.run_test(size=(134, 30)) as pilot:
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "missing.txt: no such file" in shown
        assert "data.bin:1: binary file (NUL byte at byte offset 0)" in shown
        table = app.screen.query_one(DataTable)
        assert table.row_count == 4
        # The record file was read through in the background: its bad line is
        # reported before anyone reaches it, and counted in the list.
        notices = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert any(n.startswith(f"{records}:2: bad JSON") for n in notices), notices
        assert "3 records, 1 bad" in "\n".join(screen_lines(app))
        app._notifications.clear()  # noqa: SLF001
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert "ﻝﻭﻷﺍ" in "".join(body_lines(app))
        await pilot.press("right_square_bracket")
        await settle(pilot)
        notices = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert any(f"{records}:2: bad JSON" in n for n in notices), notices
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "[b]x[/b]" in "".join(body_lines(app))


async def test_hostile_article_is_shown_literally(make_app, tmp_path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(
        '+++\ntitle = "[red]T[/red] \\u001b]0;PWNED\\u0007"\nsource = "[link=http://x]s[/link]"\n+++\n'
        "a [b]bold[/b] \x1b]0;PWNED\x07 \x1b[2J \x9b31m \x1b]8;;http://evil.invalid\x1b\\link\n",
        encoding="utf-8",
    )
    app = make_app(str(article))
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert (
            "[b]bold[/b]" in shown
            and "[red]T[/red]" in shown
            and "[link=http://x]s[/link]" in shown
        )
        assert "\u241b]0;PWNED\u2407" in shown and "\u241b[2J" in shown
        for raw in ("\x1b", "\x07", "\x9b"):
            assert raw not in shown


async def test_bad_config_value_falls_back_and_is_named(make_app, config_dir) -> None:
    (config_dir / "config.toml").write_text('width = "wide"\nharakat = false\n', encoding="utf-8")
    from reader.files.bundled import sample_path

    app = make_app(str(sample_path("ar-vowelled.txt")))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notices = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert any("width" in n and "wide" in n for n in notices), notices
        view = app.screen.query_one(ArticleView)
        assert view.column_width() == 80  # the default, not "wide"
        assert view.options.harakat is False  # the good key is kept


async def test_broken_theme_file_is_named_and_the_default_used(make_app, config_dir) -> None:
    themes = config_dir / "themes"
    themes.mkdir()
    (themes / "mine.toml").write_text('name = "mine"\nprimary = "blu"\n', encoding="utf-8")
    (config_dir / "config.toml").write_text('theme = "mine"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notices = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert any("mine.toml" in n and "primary" in n for n in notices), notices
        assert app.theme == "hamish-dark"


async def test_a_missing_theme_is_for_this_run_and_the_config_is_left_alone(
    make_app, config_dir
) -> None:
    original = '# my settings\ntheme = "nonexistent"\nwidth = 72\n'
    (config_dir / "config.toml").write_text(original, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "hamish-dark"
        notices = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert any("nonexistent" in n for n in notices), notices
    assert (config_dir / "config.toml").read_text(encoding="utf-8") == original


async def test_filter_shows_an_arabic_query_shaped(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await fill_focused(pilot, "غويران")
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "\ufee5\ufe8d\ufeae\ufef3\ufeee\ufecf" in shown  # ﻥﺍﺮﻳﻮﻏ: joined, right to left


async def test_reading_place_is_kept_within_a_session(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"Shafaq", "enter")
        await settle(pilot)
        for _ in range(12):
            await pilot.press("j")
        await settle(pilot)
        place = app.screen.query_one(ArticleView).top_offset
        assert place > 0
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(ArticleView).top_offset == place


async def test_one_file_opens_as_the_first_screen_and_escape_brings_the_library(
    make_app, tmp_path
) -> None:
    lines = [{"text": f"الخبر رقم {n}", "meta": {"source": f"s{n}"}} for n in (1, 2, 3)]
    records = write_jsonl(tmp_path / "records.jsonl", lines)
    app = make_app(str(records))

    def stack() -> list[str]:
        return [type(s).__name__ for s in app.screen_stack]

    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        # The reader is the first screen: no blank screen is drawn under it.
        assert stack() == ["ReaderScreen"]
        reader = app.screen
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "s2" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        await settle(pilot)
        assert stack() == ["ReaderScreen", "LibraryScreen"]
        await pilot.press(*"records")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await settle(pilot)
        # The reader under the library reads what the library opened: the
        # record last read in that file.
        assert stack() == ["ReaderScreen"] and app.screen is reader
        shown = "\n".join(screen_lines(app))
        assert "s2" in shown and "s1" not in shown
        await pilot.press("escape")
        await settle(pilot)
        # The same library, with its filter, comes back over the reader.
        assert stack() == ["ReaderScreen", "LibraryScreen"]
        assert app.screen.query_one(DataTable) is table
        assert app.screen.query_one(Input).value == "records"
