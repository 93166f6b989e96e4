"""Screens ask the app by message; the app alone changes the screen stack."""

from __future__ import annotations

from collections.abc import Iterable

from pilot_helpers import settle
from textual.message import Message

from reader.library import Position
from reader.ui.messages import OpenDocument, ShowLibrary
from reader.ui.screens.library_screen import LibraryScreen
from reader.ui.screens.reader_screen import ReaderScreen


def _distinct(messages: Iterable[Message]) -> list[Message]:
    return list({id(m): m for m in messages}.values())


async def test_enter_posts_open_document_and_escape_posts_show_library(make_app) -> None:
    app = make_app()
    seen: list[Message] = []
    async with app.run_test(size=(110, 30), message_hook=seen.append) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await pilot.press(*"shafaq", "enter")
        await settle(pilot)
        # The hook sees a message at each node it reaches (the screen, then the app).
        opened = _distinct(m for m in seen if isinstance(m, OpenDocument))
        assert len(opened) == 1
        assert opened[0].position.record == 0
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.position == Position(opened[0].position.entry, 0)
        await pilot.press("escape")
        await settle(pilot)
        assert len(_distinct(m for m in seen if isinstance(m, ShowLibrary))) == 1
        assert app.screen is library
