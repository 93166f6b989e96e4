"""The annotator's hands (issue 13): trims seen before they land, Escape's order,
n/N over suggestions, accepting every suggestion at once, unanswered documents."""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import (
    SEED,
    document_number,
    open_first_document,
    screen_lines,
    search_for,
    settle,
    status,
    wait_until,
)

from reader.documents import load_article
from reader.files.bundled import sample_path
from reader.ui.widgets.visual import visual_line

TEXT = load_article(SEED).text
LIBRARY = str(sample_path("shafaq-news-ghwayran-2022.txt").parent)


def latest_spans(path: Path) -> list[tuple[int, int, str, str]]:
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    return [(s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]]


def message(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#message").render())


async def run_command(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+P, type ``typed``, Enter: the palette's best match runs."""
    app = pilot.app
    screen = app.screen
    await pilot.press("ctrl+p")
    await pilot.press(*typed)
    assert await wait_until(pilot, lambda: app.screen is not screen, 5)
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: app.screen is screen, 5)
    await settle(pilot)


def with_suggestions(make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An app annotating the seed (output ``o.jsonl``) with suggestions from
    patterns for داعش (ORG) and سوريا (GPE)."""
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text(
        '{"label": "ORG", "pattern": "داعش"}\n{"label": "GPE", "pattern": "سوريا"}\n',
        encoding="utf-8",
    )
    return make_app(
        "--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"),
        "--patterns", str(patterns), SEED,
    )  # fmt: skip


async def test_each_trim_shows_before_the_label_takes_it(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "للعراق")
        iraq = TEXT.index("للعراق")
        # No selection: t takes the token under the cursor and shows its first trim.
        await pilot.press("t")
        assert app.screen.session.selection() == (iraq + 1, iraq + 6)
        assert visual_line("selection: \u2068لعراق\u2069 (from \u2068للعراق\u2069)") in status(app)
        # The cycle order, the whole token first.
        assert visual_line("t: \u2068للعراق\u2069 › \u2068لعراق\u2069 › \u2068عراق\u2069") in (
            message(app)
        )
        await pilot.press("t")
        assert visual_line("selection: \u2068عراق\u2069 (from \u2068للعراق\u2069)") in status(app)
        await pilot.press("3", "ctrl+s")  # the label takes exactly what is shown
        await settle(pilot)
    assert latest_spans(out) == [(iraq + 2, iraq + 6, "GPE", "عراق")]


async def test_a_name_starting_with_a_clitic_letter_shows_the_whole_token_first(
    make_app, tmp_path
) -> None:
    app = make_app("--labels", "PER", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "برينان")
        await pilot.press("t")
        assert visual_line("t: \u2068برينان\u2069 › \u2068رينان\u2069") in message(app)
        await pilot.press("t")  # round again to the whole name
        brennan = TEXT.index("برينان")
        assert app.screen.session.selection() == (brennan, brennan + 6)
        assert visual_line("selection: \u2068برينان\u2069") in status(app)


async def test_escape_drops_the_selection_then_the_search_then_the_panel_then_leaves(
    make_app, tmp_path
) -> None:
    app = make_app("--labels", "PER,ORG", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "جون برينان")
        await pilot.press("shift+left", "e")
        await settle(pilot)
        screen = app.screen
        panel = screen.query_one("#entities")
        assert screen.session.selection() is not None and screen.view.matches and panel.display
        await pilot.press("escape")
        assert screen.session.selection() is None and screen.view.matches and panel.display
        await pilot.press("escape")
        assert screen.view.matches == () and panel.display
        await pilot.press("escape")
        assert not panel.display and app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"


async def test_n_and_shift_n_visit_suggestions_when_there_is_no_search(make_app, tmp_path) -> None:
    app = with_suggestions(make_app, tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        session = app.screen.session
        starts = sorted(s.start for s in session.suggestions)
        assert len(starts) > 3

        def on(start: int) -> bool:
            token = session.tokens[session.cursor]
            return token.start <= start < token.end

        await pilot.press("n")
        assert on(starts[0])
        await pilot.press("n")
        assert on(starts[1]) and not on(starts[0])
        await pilot.press("N", "N")
        assert on(starts[-1])  # round the start to the last


async def test_accept_all_suggestions_from_the_palette_is_one_undo_step(make_app, tmp_path) -> None:
    out = tmp_path / "o.jsonl"
    app = with_suggestions(make_app, tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        expected = sorted((s.start, s.end, s.label) for s in screen.session.suggestions)
        await run_command(pilot, "accept all")
        spans = screen.session.annotations.spans
        assert sorted((s.start, s.end, s.label) for s in spans) == expected
        assert screen.session.suggestions == []
        await pilot.press("ctrl+z")
        assert screen.session.annotations.spans == ()
        await pilot.press("ctrl+y", "ctrl+s")
        await settle(pilot)
    daesh = TEXT.index("داعش")
    assert (daesh, daesh + 4, "ORG", "داعش") in latest_spans(out)
    assert len(latest_spans(out)) == len(expected)


async def test_braces_go_to_the_next_and_previous_unanswered_document(make_app, tmp_path) -> None:
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), LIBRARY)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_first_document(pilot)

        def number() -> int:
            return document_number(app)

        assert number() == 1
        await pilot.press("right_square_bracket")  # skip the second: left unanswered
        await settle(pilot)
        await pilot.press("a")  # accept the second, on to the third
        await settle(pilot)
        await pilot.press("a")  # accept the third, on to the fourth
        await settle(pilot)
        assert number() == 4
        await pilot.press("left_curly_bracket")  # back over the answered 3 and 2
        assert await wait_until(pilot, lambda: number() == 1, 5)
        await pilot.press("right_curly_bracket")  # on over them again
        assert await wait_until(pilot, lambda: number() == 4, 5)


async def test_r_shows_the_transliteration_in_the_status_and_the_entity_panel(
    make_app, tmp_path
) -> None:
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "جون برينان")
        await pilot.press("shift+left", "1", "r")
        assert "Buckwalter: jwn brynAn" in status(app)
        await pilot.press("e")
        await settle(pilot)
        panel = app.screen.query_one("#entities")
        assert "jwn brynAn" in str(panel.get_option_at_index(0).prompt)
        await pilot.press("escape")  # the panel closes
        await run_command(pilot, "DIN 31635")
        assert "DIN 31635: ǧwn brynān" in status(app)
        await pilot.press("r")  # off
        assert "DIN 31635" not in status(app)


async def test_escape_drops_the_search_so_n_visits_suggestions_again(make_app, tmp_path) -> None:
    # A tester's crash: search, n, Escape, n raised IndexError (the current
    # match outlived the highlights), and n kept searching the dropped query.
    app = with_suggestions(make_app, tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        session = app.screen.session
        await search_for(pilot, "الحسكة")
        await pilot.press("n")
        here = session.tokens[session.cursor].start
        assert TEXT.startswith("الحسكة", here)
        following = min(s.start for s in session.suggestions if s.start > here)
        assert not TEXT.startswith("الحسكة", following)
        await pilot.press("escape")  # the search's highlights, and the search, go
        await pilot.press("n")  # the next suggestion, not the next الحسكة
        token = session.tokens[session.cursor]
        assert token.start <= following < token.end
        assert app.is_running


async def test_n_after_a_label_goes_on_with_the_search(make_app, tmp_path) -> None:
    # A label clears the highlights but keeps the query: n goes to the next match.
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        session = app.screen.session
        starts = [i for i in range(len(TEXT)) if TEXT.startswith("داعش", i)]
        await search_for(pilot, "داعش")
        await pilot.press("n", "3")  # the second match, labelled
        labelled = session.tokens[session.cursor].start
        assert labelled == starts[1]
        await pilot.press("n")
        assert session.tokens[session.cursor].start == starts[2] and app.is_running


async def test_reading_n_after_escape_is_no_crash(make_app) -> None:
    app = make_app(SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "الحسكة")
        await pilot.press("n", "escape", "n", "N")
        await settle(pilot)
        assert app.is_running and app.screen.view.matches == ()


async def test_a_not_found_message_stays_with_its_document(make_app, tmp_path) -> None:
    library = str(Path(SEED).parent)
    app = make_app("--labels", "PER", "--output", str(tmp_path / "o.jsonl"), library)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_first_document(pilot)
        await search_for(pilot, "qqqq")
        assert "not found" in message(app)
        await pilot.press("right_curly_bracket")  # the next unanswered document
        assert await wait_until(pilot, lambda: document_number(app) == 2, 5)
        await settle(pilot)
        assert "not found" not in message(app)


async def test_inline_tags_from_the_palette(make_app, tmp_path) -> None:
    # On the Arabic layout Shift+L sends "/", which opens search: the palette
    # (Ctrl+P, the same on every layout) shows and hides the tags too.
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "داعش")
        await pilot.press("2")
        await run_command(pilot, "inline label tags: show")
        assert "‹ORG›" in "\n".join(screen_lines(app))
        await run_command(pilot, "inline label tags: hide")
        assert "‹ORG›" not in "\n".join(screen_lines(app))


async def test_matches_a_label_put_away_stay_away_after_a_trip_to_the_library(
    make_app, tmp_path
) -> None:
    """/ لداعش, t, 2: the label takes the search's highlights off.  Escape to the
    library and Enter back: they are not drawn again (they were, over the ل the
    trim cut off, until a restart)."""
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await search_for(pilot, "لداعش")
        assert app.screen.view.matches
        await pilot.press("t", "2")
        await settle(pilot)
        assert app.screen.view.matches == ()
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "AnnotateScreen"
        assert [s.label for s in app.screen.session.annotations.spans] == ["ORG"]
        assert app.screen.view.matches == ()
