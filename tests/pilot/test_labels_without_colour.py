"""Labels without colour (issue 13): under NO_COLOR every label keeps a mark of its own."""

from __future__ import annotations

import pytest
from pilot_helpers import SEED, search_for, settle, wait_until, write_jsonl

from reader.annotation.hashing import doc_id_for
from reader.annotation.spans import Span
from reader.annotation.tasks import task_record
from reader.annotation.tokens import tokenize
from reader.documents import load_article
from reader.layout import DocumentLayout

TEXT = load_article(SEED).text
WORDS = ["التحالف", "داعش", "العراق", "سوريا", "الحسكة", "غويران", "بيان", "الخميس", "اليوم"]
LABELS = ",".join(f"L{n}" for n in range(1, 10))


def attributes(style) -> tuple:  # type: ignore[no-untyped-def]
    return tuple(
        bool(getattr(style, a))
        for a in ("bold", "dim", "italic", "underline", "underline2", "overline", "strike")
    )


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


def run_cells(app, run) -> list:  # type: ignore[no-untyped-def]
    """The styles of a run's cells as the screen gets them (the app's line
    filters applied: under NO_COLOR, no colour, as the whole row shows); the
    run's row is in view."""
    view = app.screen.view
    strip = view.render_line(run.row - round(view.scroll_y))
    for line_filter in app.get_line_filters():
        strip = strip.apply_filter(line_filter, view.background_colors[1])
    cells = [seg.style for seg in strip for _ in range(seg.cell_length)]
    assert all(s.color is None or len(set(s.color.triplet or (0,))) == 1 for s in cells)
    col = view.margin() + run.col
    return cells[col : col + run.width]


async def looks(pilot) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    """Each span's label and the text attributes its cells are drawn with, as the
    screen gets them (the app's line filters applied: under NO_COLOR, no colour)."""
    app = pilot.app
    await search_for(pilot, "نيوز")  # the cursor, off every span (it draws over)
    view = app.screen.view
    layout = DocumentLayout(TEXT, view.column_width())
    seen = {}
    for span in app.screen.session.annotations.spans:
        runs = layout.span_runs(span.start, span.end)
        view.scroll_to_offset(span.start)
        await settle(pilot)
        styles = {attributes(s) for s in run_cells(app, runs[0])}
        assert len(styles) == 1, span  # the whole span in one style
        seen[span.label] = styles.pop()
    return seen


def saved_labels(tmp_path, words: list[str]):  # type: ignore[no-untyped-def]
    """An output holding the seed with ``words`` (their first places) labelled
    L1, L2, ... in order: how labels draw is tested here, tagging elsewhere."""
    spans = []
    for n, word in enumerate(words, 1):
        start = TEXT.index(word)
        spans.append(Span(start, start + len(word), f"L{n}"))
    record = task_record(
        text=TEXT,
        meta={},
        doc_id=doc_id_for(SEED),
        spans=spans,
        answer=None,
        annotator="someone",
        tokens=tokenize(TEXT),
    )
    return write_jsonl(tmp_path / "o.jsonl", [record])


async def test_under_no_color_nine_labels_draw_nine_ways(make_app, tmp_path, no_color) -> None:
    out = saved_labels(tmp_path, WORDS)
    app = make_app("--labels", LABELS, "--output", str(out), "--width", "60", SEED)
    async with app.run_test(size=(100, 40)) as pilot:
        assert app.no_color
        await settle(pilot)
        seen = await looks(pilot)
        assert len(seen) == 9
        assert len(set(seen.values())) == 9, seen  # nine labels, nine looks


async def test_under_no_color_wojoods_21_labels_draw_21_ways(make_app, tmp_path, no_color) -> None:
    from pilot_helpers import screen_lines

    more = ["اعلن", "الدولي", "لمحاربة", "تنظيم", "الاحد", "موقفا", "رسميا", "محاولة"]
    more += ["تهريب", "عناصره", "السوري", "مؤكدا"]
    labels = ",".join(f"L{n}" for n in range(1, 22))
    out = saved_labels(tmp_path, WORDS + more)
    app = make_app("--labels", labels, "--output", str(out), "--width", "60", SEED)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        seen = await looks(pilot)
        assert sorted(seen) == sorted(f"L{n}" for n in range(1, 22))
        assert len(set(seen.values())) == 21, seen  # 21 labels, 21 looks
        plain = attributes(app.screen.view.rich_style)
        assert plain not in seen.values()  # and none looks like text with no label
        view = app.screen.view
        view.scroll_to(y=0, animate=False)
        await settle(pilot)
        gutter = " ".join(line[: view.margin()] for line in screen_lines(app))
        assert {f"L{n}" for n in range(10, 22)} & set(gutter.split())  # named there too


async def tag_two_orgs(pilot) -> None:  # type: ignore[no-untyped-def]
    """التحالف الدولي and داعش, both on the seed's first row, tagged ORG."""
    await search_for(pilot, "التحالف الدولي")
    await pilot.press("shift+left", "2")
    await search_for(pilot, "داعش")
    await pilot.press("2")


def first_row_gutter(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The labels the gutter names left of the seed's first row, in reading order."""
    from pilot_helpers import screen_lines

    view = app.screen.view
    layout_row = DocumentLayout(TEXT, view.column_width()).rows[0]
    first = next(line for line in screen_lines(app) if layout_row.visual in line)
    return first[: view.margin()].split()


async def test_the_gutter_names_labels_and_l_toggles_inline_tags(
    make_app, tmp_path, no_color
) -> None:
    from pilot_helpers import screen_lines

    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await tag_two_orgs(pilot)
        await search_for(pilot, "العراق")
        await pilot.press("3")
        await settle(pilot)
        view = app.screen.view
        layout_row = DocumentLayout(TEXT, view.column_width()).rows[0]
        # The labels starting on the first row, in reading order, left of the column.
        assert first_row_gutter(app) == ["ORG", "ORG", "GPE"]
        await pilot.press("L")
        await settle(pilot)
        lines = "\n".join(screen_lines(app))
        assert "‹ORG›" in lines and "‹GPE›" in lines
        assert layout_row.visual not in lines  # the drawn row has tags in it now
        # ... on a copy: the view's own laid-out rows are as they were.
        assert view.flow.row(0).row.visual == layout_row.visual
        await pilot.press("L")
        await settle(pilot)
        assert "‹ORG›" not in "\n".join(screen_lines(app))


async def tags_beside_the_panel(pilot, tagged):  # type: ignore[no-untyped-def]
    """Label each (word, key) of ``tagged``, open the entity panel, then the tags:
    the view and the panel."""
    app = pilot.app
    await settle(pilot)
    for word, key in tagged:
        await search_for(pilot, word)
        await pilot.press(key)
    await pilot.press("e", "L")
    await settle(pilot)
    return app.screen.view, app.screen.query_one("#entities")


async def test_inline_tags_stay_in_the_text_beside_the_entity_panel(make_app, tmp_path) -> None:
    from pilot_helpers import screen_lines

    from reader.ui.widgets.visual import visual_line

    tagged = [("التحالف", "2"), ("داعش", "2"), ("العراق", "3"), ("سوريا", "3")]
    tagged += [("غويران", "3"), ("بيان", "2"), ("الخميس", "1")]
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        view, panel = await tags_beside_the_panel(pilot, tagged)
        view.scroll_to(y=0, animate=False)
        await settle(pilot)
        rows = screen_lines(app)[view.region.y : view.region.bottom]
        text = [row[: panel.region.x] for row in rows]
        beside = [row[panel.region.x :] for row in rows]
        assert not any("‹" in part or "›" in part for part in beside)
        labels = dict(zip("123", ("PER", "ORG", "GPE"), strict=True))
        for word, key in tagged:  # each tag, and the whole word it follows (right to left)
            assert any(f"‹{labels[key]}›{visual_line(word)}" in row for row in text), word


def looks_of(style) -> tuple:  # type: ignore[no-untyped-def]
    """A cell's text attributes, reverse (the selection's) among them."""
    return (*attributes(style), bool(style.reverse))


def cells_of(pilot, start: int, end: int) -> list[tuple]:  # type: ignore[no-untyped-def]
    """The looks of each cell that shows ``TEXT[start:end]`` (its rows in view)."""
    layout = DocumentLayout(TEXT, pilot.app.screen.view.column_width())
    return [looks_of(s) for run in layout.span_runs(start, end) for s in run_cells(pilot.app, run)]


async def test_under_no_color_a_trim_shows_in_the_text(make_app, tmp_path, no_color) -> None:
    """``t`` on وسوريا (found by a search, its match still drawn) selects سوريا:
    its cells look unlike the trimmed-off و's, though the cursor and the current
    match cover the whole token."""
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "وسوريا")
        await pilot.press("t")
        await settle(pilot)
        at = TEXT.index("وسوريا")
        assert app.screen.session.selection() == (at + 1, at + 6)
        clitic = cells_of(pilot, at, at + 1)
        selected = cells_of(pilot, at + 1, at + 6)
        assert len(set(selected)) == 1
        assert set(clitic).isdisjoint(selected)
        assert all(look[-1] for look in selected)  # reverse: the selection's own style


async def test_under_no_color_every_token_of_a_selection_is_marked(
    make_app, tmp_path, no_color
) -> None:
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "جون برينان")
        await pilot.press("escape", "shift+left")  # no search match under the selection
        await settle(pilot)
        john = TEXT.index("جون برينان")
        assert app.screen.session.selection() == (john, john + 10)
        for start, end in ((john, john + 3), (john + 4, john + 10)):
            assert all(look[-1] for look in cells_of(pilot, start, end)), (start, end)


@pytest.mark.parametrize(("width", "tags_fit"), [(60, True), (46, False)])
async def test_a_narrow_window_keeps_the_column_and_gives_the_tags_room_up(
    make_app, tmp_path, width, tags_fit
) -> None:
    """A narrow window with the entity panel and inline tags: the column keeps its
    minimum (20 cells), so words stay whole; the tags give way, shortened at
    60x20, gone at 46x20 (where the status says so)."""
    from pilot_helpers import cell_slice, screen_lines, status

    from reader.ui.widgets.row_decor import MIN_TEXT

    tagged = [("التحالف", "2"), ("داعش", "2"), ("العراق", "3")]
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(width, 20)) as pilot:
        view, panel = await tags_beside_the_panel(pilot, tagged)
        assert MIN_TEXT == 20 and view.column_width() >= MIN_TEXT
        view.scroll_to(y=0, animate=False)
        await settle(pilot)
        rows = screen_lines(app)[view.region.y : view.region.bottom]
        text = "\n".join(cell_slice(row, view.region.x, panel.region.x) for row in rows)
        layout = DocumentLayout(TEXT, view.column_width())
        for r in layout.rows[: view.region.height]:  # every row's words, whole
            for word in r.row.visual.split():
                assert word in text, word
        assert ("‹" in text) is tags_fit
        assert ("inline tags: no room" in status(app)) is not tags_fit


async def test_the_no_room_note_follows_the_window(make_app, tmp_path) -> None:
    """Tags on at 60x20, then the window narrows to 46: the status says the tags
    found no room; wide again, it no longer says so."""
    from pilot_helpers import status

    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(60, 20)) as pilot:
        await tags_beside_the_panel(pilot, [("داعش", "2")])
        assert "inline tags: no room" not in status(app)
        await pilot.resize_terminal(46, 20)
        assert await wait_until(pilot, lambda: "inline tags: no room" in status(app), 5)
        await pilot.resize_terminal(60, 20)
        assert await wait_until(pilot, lambda: "inline tags: no room" not in status(app), 5)


async def test_the_gutter_stays_when_the_entity_panel_takes_the_margin(
    make_app, tmp_path, no_color
) -> None:
    # At 120 columns the panel leaves the view about 80 cells: a centred column
    # of 80 would leave no margin, and the labels of each row nowhere to show.
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await tag_two_orgs(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#entities").display
        assert app.screen.view.margin() >= len("ORG ")
        assert first_row_gutter(app) == ["ORG", "ORG"]
