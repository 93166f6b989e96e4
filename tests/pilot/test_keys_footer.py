"""The footer rebuilds its keys only when the keys it shows change."""

from __future__ import annotations

from pilot_helpers import SEED, settle
from textual.widgets._footer import FooterKey


def footer_keys(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(key.key, key.description) for key in app.screen.query(FooterKey)]


async def test_bindings_refreshed_unchanged_keep_the_same_keys(make_app) -> None:
    app = make_app(SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = list(app.screen.query(FooterKey))
        assert ("slash", "Search") in footer_keys(app)
        app.screen.refresh_bindings()
        app.screen.refresh_bindings()
        await settle(pilot)
        after = list(app.screen.query(FooterKey))
        assert [id(key) for key in after] == [id(key) for key in before]  # not rebuilt


async def test_keys_follow_the_focus_into_the_search_box_and_back(make_app) -> None:
    app = make_app(SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        reading = footer_keys(app)
        await pilot.press("slash")
        await settle(pilot)
        assert footer_keys(app) == [("ctrl+p", "Commands")]
        await pilot.press("escape")
        await settle(pilot)
        assert footer_keys(app) == reading
        assert ("q", "Quit") in reading
