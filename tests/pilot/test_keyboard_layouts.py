"""A whole annotation session typed on the Arabic layout (issue 13: keys on any layout)."""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import SEED, burst, document_number, open_first_document, settle, wait_until

from reader.documents import load_article

TEXT = load_article(SEED).text


def message(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#message").render())


async def search_typed(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    """ظ (the / key on the Arabic layout) opens the search; the query's own letters
    (ش ت ن ...) are typed into the box as they are, then Enter."""
    app = pilot.app
    await pilot.press("ظ")
    assert await wait_until(pilot, lambda: app.screen.search_box.display, 5)
    await pilot.press(*query)
    assert app.screen.search_box.input.value == query  # never remapped in the box
    await pilot.press("enter")
    await settle(pilot)


async def test_a_session_typed_in_arabic_layout_letters(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        view = app.screen.view
        await pilot.press("ت")  # j: a row down
        assert await wait_until(pilot, lambda: view.scroll_y == 1, 5)
        said = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert said.count("keyboard layout: Arabic; keys still work") == 1
        await pilot.press("ن")  # k: back up
        assert await wait_until(pilot, lambda: view.scroll_y == 0, 5)
        # ORG inside a clitic: find لداعش, ف (t) trims past ل, 2 labels it.
        await search_typed(pilot, "لداعش")
        await pilot.press("ف")
        said = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert said.count("keyboard layout: Arabic; keys still work") == 1  # once, not per key
        daesh = TEXT.index("لداعش") + 1
        assert app.screen.session.selection() == (daesh, daesh + 4)
        await pilot.press("2")
        # PER over two tokens: select with Shift+Left, label 1.
        await search_typed(pilot, "جون برينان")
        await pilot.press("shift+left", "1")
        # GPE inside a clitic: لبغداد is not in the seed; للعراق is: two trims.
        await search_typed(pilot, "للعراق او للمنطقة")
        await pilot.press("ف", "ف", "3")
        await pilot.press("ش")  # a: accept (the last document: stays, saved)
        await settle(pilot)
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    john = TEXT.index("جون برينان")
    iraq = TEXT.index("للعراق او للمنطقة") + 2
    assert record["answer"] == "accept"
    assert [(s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]] == [
        (iraq, iraq + 4, "GPE", "عراق"),
        (john, john + 10, "PER", "جون برينان"),
        (daesh, daesh + 4, "ORG", "داعش"),
    ]


async def test_a_remapped_binding_follows_its_physical_key(make_app, tmp_path, config_dir) -> None:
    (config_dir / "config.toml").write_text('[keys]\naccept = "z"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER", "--output", str(out), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("1", "ئ")  # ئ is z on the Arabic layout: accept, as remapped
        await settle(pilot)
        assert app.screen.session.annotations.answer == "accept"


async def test_reading_keys_work_on_the_persian_layout_too(make_app) -> None:
    app = make_app(SEED)  # reading, no labels
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        view = app.screen.view
        await pilot.press("ت", "ت")  # j j on the Persian layout as on the Arabic one
        assert await wait_until(pilot, lambda: view.scroll_y == 2, 5)
        await pilot.press("ل")  # g: the top
        assert await wait_until(pilot, lambda: view.scroll_y == 0, 5)
        await pilot.press("ی")  # d on the Persian layout: the direction cycles
        assert await wait_until(pilot, lambda: app.settings.direction == "rtl", 5)
        said = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert "keyboard layout: Persian; keys still work" in said


async def test_shifted_brackets_of_the_arabic_layout_go_to_unanswered_documents(
    make_app, tmp_path
) -> None:
    # Shift+] and Shift+[ send > and < on the Arabic layout: } and { (which
    # hamish binds) never arrive, and > and < (which it does not) stand in.
    library = str(Path(SEED).parent)
    app = make_app("--labels", "PER", "--output", str(tmp_path / "o.jsonl"), library)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_first_document(pilot)

        def number() -> int:
            return document_number(app)

        await pilot.press("ش")  # a: accept the first, on to the second
        assert await wait_until(pilot, lambda: number() == 2, 5)
        await pilot.press("greater_than_sign")  # } : the next unanswered, the third
        assert await wait_until(pilot, lambda: number() == 3, 5)
        await pilot.press("less_than_sign")  # { : back to the second, over nothing answered
        assert await wait_until(pilot, lambda: number() == 2, 5)
        await pilot.press("less_than_sign")  # the first is answered: none before
        await settle(pilot)
        assert number() == 2


async def test_the_hebrew_slash_key_searches_once_hebrew_was_seen(make_app) -> None:
    app = make_app(SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ח")  # j on the Hebrew layout: says the layout
        assert await wait_until(pilot, lambda: app.screen.view.scroll_y == 1, 5)
        await pilot.press("full_stop")  # what the / key sends there
        assert await wait_until(pilot, lambda: app.screen.search_box.display, 5)


async def test_help_scrolls_and_closes_on_the_arabic_layout(make_app, tmp_path) -> None:
    from reader.ui.screens.help_screen import HelpScreen

    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        # Shift+/ on the Arabic layout (posted: the pilot sends ؟ with no character)
        burst(app, ("arabic_question_mark", "؟"))
        assert await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), 5)
        body = app.screen.query_one("#help-body")
        await pilot.press("ت", "ت")  # j j: two rows down
        assert await wait_until(pilot, lambda: body.scroll_y == 2, 5)
        await pilot.press("ن")  # k: one back up
        assert await wait_until(pilot, lambda: body.scroll_y == 1, 5)
        await pilot.press("ض")  # q: closes the help (not the app)
        assert await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen), 5)
        assert app.is_running
        said = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert said.count("keyboard layout: Arabic; keys still work") == 1  # the help's own
        burst(app, ("arabic_question_mark", "؟"))  # again: the help knows the layout now
        assert await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), 5)
        await pilot.press("ت")
        assert await wait_until(pilot, lambda: app.screen.query_one("#help-body").scroll_y == 1, 5)
        said = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert said.count("keyboard layout: Arabic; keys still work") == 1


def persian_and_hebrew(make_app, tmp_path, labels: str):  # type: ignore[no-untyped-def]
    """The app annotating the Persian and the Hebrew samples with ``labels``."""
    samples = Path(SEED).parent
    persian, hebrew = str(samples / "fa-persian.txt"), str(samples / "he-hebrew.txt")
    return make_app("--labels", labels, "--output", str(tmp_path / "o.jsonl"), persian, hebrew)


async def test_persian_letters_typed_in_the_search_make_persian_the_guess(
    make_app, tmp_path
) -> None:
    """کتاب typed in the search box (ک is Persian's own) is evidence of the Persian
    layout: د then runs ``n`` (the Persian key), not ``]`` (the Arabic one)."""
    app = persian_and_hebrew(make_app, tmp_path, "PER,ORG,GPE")
    async with app.run_test(size=(110, 36)) as pilot:
        await open_first_document(pilot)
        screen = app.screen
        await pilot.press("slash")
        assert await wait_until(pilot, lambda: screen.search_box.display, 5)
        await pilot.press(*"کتاب")
        assert screen.search_box.input.value == "کتاب"  # never remapped in the box
        await pilot.press("enter")
        await settle(pilot)
        first = screen.view.current_match
        await pilot.press("د")  # n on the Persian layout: the next match
        assert await wait_until(pilot, lambda: screen.view.current_match == first + 1, 5)
        assert app.screen is screen and document_number(app) == 1
        said = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert "keyboard layout: Persian; keys still work" in said
        assert "keyboard layout: Arabic; keys still work" not in said


async def test_persian_letters_typed_in_the_label_filter_make_persian_the_guess(
    make_app, tmp_path
) -> None:
    app = persian_and_hebrew(make_app, tmp_path, "گروه,PER")
    async with app.run_test(size=(110, 36)) as pilot:
        await open_first_document(pilot)
        screen = app.screen
        await pilot.press("l")
        assert await wait_until(pilot, lambda: app.screen is not screen, 5)
        await pilot.press(*"گر", "enter")
        assert await wait_until(pilot, lambda: app.screen is screen, 5)
        await pilot.press("د")  # n on the Persian layout (no search: a suggestion, or none)
        await settle(pilot)
        assert app.screen is screen and document_number(app) == 1
        said = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert "keyboard layout: Persian; keys still work" in said
