"""Reading places survive a restart: by path and content hash, token cursor too."""

from __future__ import annotations

import shutil
from pathlib import Path

from pilot_helpers import SEED, settle

from reader.ui.widgets.article_view import ArticleView

SIZE = (80, 24)


def copy_of_seed(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    shutil.copy(SEED, path)
    return path


async def read_to_the_middle_and_quit(make_app, *argv: str) -> int:  # type: ignore[no-untyped-def]
    app = make_app(*argv)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        anchor = app.screen.query_one(ArticleView).top_offset
        assert anchor > 0
        await pilot.press("q")
    return anchor


async def anchor_on_reopening(make_app, *argv: str) -> int:  # type: ignore[no-untyped-def]
    app = make_app(*argv)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        return app.screen.query_one(ArticleView).top_offset


async def test_a_file_reopens_where_it_was_left(make_app, tmp_path: Path) -> None:
    path = copy_of_seed(tmp_path)
    left_at = await read_to_the_middle_and_quit(make_app, str(path))
    assert await anchor_on_reopening(make_app, str(path)) == left_at


async def test_a_changed_file_starts_at_the_top(make_app, tmp_path: Path) -> None:
    path = copy_of_seed(tmp_path)
    await read_to_the_middle_and_quit(make_app, str(path))
    path.write_text(path.read_text(encoding="utf-8") + "\nفقرة جديدة\n", encoding="utf-8")
    assert await anchor_on_reopening(make_app, str(path)) == 0


async def test_the_token_cursor_comes_back_too(make_app, tmp_path: Path) -> None:
    path = copy_of_seed(tmp_path)
    argv = ("--labels", "PER,ORG", "--output", str(tmp_path / "out.jsonl"), str(path))
    app = make_app(*argv)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*["left"] * 7)
        await settle(pilot)
        session = app.screen.session
        assert session.cursor == 7
        await pilot.press("q")
    app = make_app(*argv)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.session.cursor == 7


async def test_annotation_reopens_with_cursor_and_scroll_as_left(make_app, tmp_path: Path) -> None:
    from pilot_helpers import search_for

    path = copy_of_seed(tmp_path)
    argv = ("--labels", "PER,ORG", "--output", str(tmp_path / "out.jsonl"), str(path))
    app = make_app(*argv)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "الضربات")  # far down: the view scrolls
        await pilot.press("left", "left", "pagedown")
        await settle(pilot)
        session, view = app.screen.session, app.screen.query_one(ArticleView)
        cursor, top = session.cursor, view.top_offset
        assert cursor > 100 and top > 0
        # Out to the library and back in: the same cursor and scroll.
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.session.cursor == cursor
        assert app.screen.query_one(ArticleView).top_offset == top
        await pilot.press("q")
    app = make_app(*argv)  # and in the next session
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.session.cursor == cursor
        assert app.screen.query_one(ArticleView).top_offset == top


async def test_a_place_near_the_end_is_drawn_there_on_reopening(make_app, tmp_path: Path) -> None:
    # The view is laid out before the screen's last rows settle: a top row near
    # the end is too near it for the first height, and must still come back (not
    # the document's start, nor a row short).
    from pilot_helpers import body_lines

    path = copy_of_seed(tmp_path)
    argv = ("--labels", "PER,ORG", "--output", str(tmp_path / "out.jsonl"), str(path))
    app = make_app(*argv)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*["j"] * 18)  # the top row well past the estimate's reach
        await settle(pilot)
        left = body_lines(app)
        assert app.screen.view.scroll_y > 0
        await pilot.press("q")
    app = make_app(*argv)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert body_lines(app) == left
