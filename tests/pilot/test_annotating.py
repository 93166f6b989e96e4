"""Annotating the seed article by keyboard and mouse; the saved file is checked."""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import SEED, search_for, settle

from reader.documents import load_article
from reader.files.bundled import sample_path
from reader.layout import DocumentLayout

TEXT = load_article(SEED).text


def saved(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def latest_spans(path: Path) -> list[tuple[int, int, str, str]]:
    record = saved(path)[-1]
    return [(s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]]


async def find(pilot, word: str) -> None:
    await search_for(pilot, word)


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_keyboard_annotation_of_the_seed(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), "--annotator", "tester", SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        # A two-token PER: find جون, extend over برينان (Left goes forward in RTL), label 1.
        await find(pilot, "جون برينان")
        await pilot.press("shift+left", "1")
        # An ORG inside a clitic: داعش in لداعش, by t (past ل) then 2.
        await find(pilot, "لداعش")
        await pilot.press("t", "2")
        # A GPE in a later paragraph: سوريا in "نفذ في سوريا".
        await find(pilot, "نفذ في سوريا")
        await pilot.press("left", "left", "3")
        await save(pilot)
    john = TEXT.index("جون برينان")
    daesh = TEXT.index("لداعش") + 1
    syria = TEXT.index("نفذ في سوريا") + len("نفذ في ")
    record = saved(out)[-1]
    assert record["_annotator_id"] == "tester" and record["_view_id"] == "ner_manual"
    assert record["text"] == TEXT
    assert sorted(latest_spans(out)) == sorted(
        [
            (john, john + len("جون برينان"), "PER", "جون برينان"),
            (daesh, daesh + 4, "ORG", "داعش"),
            (syria, syria + 5, "GPE", "سوريا"),
        ]
    )
    # Tokens are split at the clitic: ل and داعش are separate tokens.
    tokens = {(t["start"], t["end"]) for t in record["tokens"]}
    assert (daesh - 1, daesh) in tokens and (daesh, daesh + 4) in tokens


async def test_undo_redo_and_overlap_replacement(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG", "--output", str(out), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await find(pilot, "جون برينان")
        await pilot.press("shift+left", "1")  # PER over two tokens
        await pilot.press("2")  # ORG on the cursor's token (برينان) replaces it
        session = app.screen.session
        brennan = TEXT.index("جون برينان") + 4
        assert [(s.start, s.end, s.label) for s in session.annotations.spans] == [
            (brennan, brennan + 6, "ORG")
        ]
        await pilot.press("ctrl+z")
        assert [s.label for s in session.annotations.spans] == ["PER"]
        await pilot.press("ctrl+z")
        assert session.annotations.spans == ()
        await pilot.press("ctrl+y", "ctrl+y")
        assert [s.label for s in session.annotations.spans] == ["ORG"]
        await pilot.press("backspace")
        assert session.annotations.spans == ()
        await save(pilot)
    assert latest_spans(out) == []


async def test_answers_next_document_and_resume(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    samples = str(sample_path("shafaq-news-ghwayran-2022.txt").parent)
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), samples)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press(*"Shafaq", "enter")
        await settle(pilot)
        await find(pilot, "جون برينان")
        await pilot.press("shift+left", "1", "a")  # accept: saved, and on to the next document
        await settle(pilot)
        assert app.screen.article.path != SEED
        await pilot.press("x")  # reject the next one
        await settle(pilot)
    answers = {(r["_hamish_file"], r["answer"]) for r in saved(out)}
    assert ("shafaq-news-ghwayran-2022.txt", "accept") in answers
    assert any(answer == "reject" for _, answer in answers)

    again = make_app("--labels", "PER,ORG,GPE", "--output", str(out), samples)
    async with again.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        progress = "\n".join(
            str(again.screen.query_one("DataTable").get_row_at(i)) for i in range(7)
        )
        assert "✓1" in progress and "✗1" in progress
        await pilot.press(*"Shafaq", "enter")
        await settle(pilot)
        session = again.screen.session
        john = TEXT.index("جون برينان")
        assert [(s.start, s.end, s.label) for s in session.annotations.spans] == [
            (john, john + 10, "PER")
        ]
        assert session.annotations.answer == "accept"


async def test_mouse_click_and_drag_select_tokens(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), "--width", "60", SEED)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        view = app.screen.view
        flow = view.flow
        # The cells showing التحالف الدولي (first paragraph, first row).
        start = TEXT.index("التحالف الدولي")
        end = start + len("التحالف الدولي")
        y0, c0 = flow.position(start)  # the first letter: its rightmost cell (RTL)
        y1, c1 = flow.position(end - 1)  # the last letter: leftmost
        margin = view.margin()
        region = view.region
        await pilot.mouse_down(view, offset=(margin + c0, y0 - round(view.scroll_y)))
        await pilot.hover(view, offset=(margin + c1, y1 - round(view.scroll_y)))
        await pilot.mouse_up(view, offset=(margin + c1, y1 - round(view.scroll_y)))
        await settle(pilot)
        assert app.screen.session.selection() == (start, end)
        await pilot.press("3")
        await pilot.click(view, offset=(margin + c0, y0 - round(view.scroll_y)))
        await settle(pilot)
        assert region is not None
        await save(pilot)
    assert latest_spans(out) == [(start, end, "GPE", "التحالف الدولي")]


async def test_pattern_suggestions_see_through_clitics_and_enter_takes_one(
    make_app, tmp_path
) -> None:
    out = tmp_path / "out.jsonl"
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text(
        '{"label": "ORG", "pattern": "داعش"}\n{"label": "GPE", "pattern": [{"lower": "سوريا"}]}\n'
        "{not json\n",
        encoding="utf-8",
    )
    app = make_app(
        "--labels", "PER,ORG,GPE", "--output", str(out), "--patterns", str(patterns), SEED
    )
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        notices = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert any(n.startswith(f"{patterns}:3: ") for n in notices), notices
        session = app.screen.session
        daesh = TEXT.index("لداعش") + 1
        # داعش inside لداعش is suggested on داعش alone, past the proclitic.
        assert (daesh, daesh + 4, "ORG") in {(s.start, s.end, s.label) for s in session.suggestions}
        await find(pilot, "لداعش")
        await pilot.press("enter")
        await save(pilot)
    assert (daesh, daesh + 4, "ORG", "داعش") in latest_spans(out)


async def test_a_changed_input_is_reported_and_its_old_spans_not_applied(
    make_app, tmp_path
) -> None:
    article = tmp_path / "news.txt"
    article.write_text("وصل جون برينان إلى بغداد أمس\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,GPE", "--output", str(out), str(article))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await find(pilot, "جون برينان")
        await pilot.press("shift+left", "1")
        await save(pilot)
    assert latest_spans(out) == [(4, 14, "PER", "جون برينان")]
    article.write_text("قال جون برينان في بغداد أمس\n", encoding="utf-8")  # the text changed
    again = make_app("--labels", "PER,GPE", "--output", str(out), str(article))
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notices = [str(n.message) for n in again._notifications]  # noqa: SLF001
        assert any("the text changed since it was annotated" in n for n in notices), notices
        assert again.screen.session.annotations.spans == ()


async def test_the_label_shows_under_the_cursor_and_the_search(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), "--width", "60", SEED)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await find(pilot, "التحالف الدولي")
        await pilot.press("shift+left", "2")
        await settle(pilot)
        view = app.screen.view
        assert view.matches == ()  # labelling clears the search's highlights
        start = TEXT.index("التحالف الدولي")
        end = start + len("التحالف الدولي")
        label = view.get_component_rich_style("article-view--label-2").bgcolor
        # The label has a colour of its own (annotate.tcss is loaded for the first screen).
        assert label is not None and label != view.rich_style.bgcolor
        for run in DocumentLayout(TEXT, 60).span_runs(start, end):
            strip = view.render_line(run.row - round(view.scroll_y))
            cells = [seg.style.bgcolor for seg in strip for _ in range(seg.cell_length)]
            shown = cells[view.margin() + run.col : view.margin() + run.col + run.width]
            # Every cell of the span keeps its label colour, the cursor's token too.
            assert shown == [label] * run.width
        status = str(app.screen.query_one("#status").render())
        assert "ORG" in status
        # A new span over it replaces it, and says so.
        await pilot.press("1")
        await settle(pilot)
        assert "replaced ORG" in str(app.screen.query_one("#message").render())


async def test_the_entity_panel_lists_spans_in_reading_order_and_jumps(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await find(pilot, "جون برينان")
        await pilot.press("shift+left", "1")
        await find(pilot, "التحالف الدولي")
        await pilot.press("shift+left", "2")
        await pilot.press("e")
        await settle(pilot)
        panel = app.screen.query_one("#entities")
        assert panel.option_count == 2
        first = str(panel.get_option_at_index(0).prompt)
        assert (
            first.startswith("ORG") and "\ufecf\ufe98\ufedf\ufe8d" not in first[:3]
        )  # التحالف comes first
        await pilot.press("down", "down", "enter")  # the second: جون برينان
        await settle(pilot)
        session = app.screen.session
        john = TEXT.index("جون برينان")
        assert session.tokens[session.cursor].start == john
        if not panel.display:
            await pilot.press("e")
            await settle(pilot)
        # Escape closes the panel first; then it goes to the library.
        await pilot.press("escape")
        await settle(pilot)
        assert not panel.display and type(app.screen).__name__ == "AnnotateScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"
