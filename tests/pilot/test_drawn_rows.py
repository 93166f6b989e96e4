"""A key that moves the cursor draws again only the rows it touched, and the
screen is what a whole redraw gives."""

from __future__ import annotations

from pilot_helpers import SEED, settle


def rows_drawn(view) -> list[list[tuple[str, object]]]:  # type: ignore[no-untyped-def]
    """Each row of the view as it draws it: its segments' text and style."""
    return [[(seg.text, seg.style) for seg in view.render_line(y)] for y in range(view.size.height)]


async def test_a_cursor_step_keeps_the_rows_it_did_not_touch(make_app, tmp_path) -> None:
    app = make_app("--labels", "PER,ORG", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        rows_drawn(view)
        last = view.size.height - 1
        far = view._strips.drawn(round(view.scroll_y) + last)  # noqa: SLF001
        assert far is not None
        await pilot.press("right")
        await settle(pilot)
        assert view._strips.drawn(round(view.scroll_y) + last) is far  # noqa: SLF001


async def test_rows_drawn_after_each_key_equal_a_whole_redraw(make_app, tmp_path) -> None:
    app = make_app("--labels", "PER,ORG", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.view
        keys = ["right", "right", "shift+right", "shift+right", "1", "down", "down", "left"]
        keys += ["shift+left", "2", "up", "ctrl+z", "escape", "end", "left", "1", "home"]
        seen = []
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
            step = rows_drawn(view)
            view._redraw()  # noqa: SLF001 - every row drawn afresh
            assert rows_drawn(view) == step, f"after {key}"
            if step not in seen:
                seen.append(step)
        assert len(seen) >= 8  # the keys changed what is drawn, again and again
