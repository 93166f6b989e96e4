"""Any number of labels: the `l` picker with Arabic-aware filtering, and the help
listing the labels in use by name with their descriptions (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import SEED, burst, letters, screen_lines, search_for, settle, wait_until

from reader.documents import load_article
from reader.ui.widgets.visual import visual_line

TEXT = load_article(SEED).text
LABELS = str(Path(__file__).parent.parent / "data" / "labels-12.toml")


async def pick(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    """``l``, type ``typed`` into the filter (never remapped), Enter."""
    app = pilot.app
    screen = app.screen
    await pilot.press("l")
    assert await wait_until(pilot, lambda: type(app.screen).__name__ == "LabelPicker", 5)
    await pilot.press(*typed)
    assert app.screen.filter.input.value == typed
    await pilot.press("enter")
    assert await wait_until(pilot, lambda: app.screen is screen, 5)
    await settle(pilot)


async def test_twelve_labels_and_the_picker_takes_any_of_them(make_app, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--label-file", LABELS, "--output", str(out), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "غويران")
        await pilot.press("shift+left")  # غويران السوري (Left goes forward)
        await pick(pilot, "مدينه")  # the eleventh label, by a spelling folded as search folds
        await search_for(pilot, "جون برينان")
        await pilot.press("shift+left")
        await pick(pilot, "occup")  # OCC, found by its description
        await search_for(pilot, "للعراق او للمنطقة")  # the first of three للعراق
        await pilot.press("t", "t")
        await pick(pilot, "g")  # GPE, by its key
        await pilot.press("ctrl+s")
        await settle(pilot)
    prison = TEXT.index("غويران السوري")
    john, iraq = TEXT.index("جون برينان"), TEXT.index("للعراق او للمنطقة") + 2
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    assert sorted((s["start"], s["end"], s["label"]) for s in record["spans"]) == sorted(
        [(prison, prison + 13, "مدينة"), (john, john + 10, "OCC"), (iraq, iraq + 4, "GPE")]
    )


async def test_escape_in_the_picker_labels_nothing(make_app, tmp_path) -> None:
    app = make_app("--label-file", LABELS, "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("l")
        assert await wait_until(pilot, lambda: app.screen is not screen, 5)
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: app.screen is screen, 5)
        assert screen.session.annotations.spans == ()


async def test_help_lists_the_labels_in_use_by_name_with_descriptions(make_app, tmp_path) -> None:
    """The Labels section names each label; its quick key is named there once, under
    its binding id, not as "Label 1" to "Label 9" in the Annotating section too."""
    app = make_app("--label-file", LABELS, "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(130, 120)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", 5)
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert "GPE: countries, cities, states" in text
        assert "OCC: occupations and titles" in text
        # The table reads left to right: the name, then its description, each shaped.
        assert f"{visual_line('مدينة')}: {visual_line('مدينة أو بلدة')}" in text
        assert "Label 1" not in text.split("Labels")[1].split("Everywhere")[0]
    assert "Annotating" in text
    assert not any(f"Label {n}" in text for n in range(1, 10))
    rows = [" ".join(line.split()) for line in text.splitlines() if "label-1" in line.split()]
    assert len(rows) == 1 and "1 PER: people, by name label-1" in rows[0]


async def test_a_label_files_colour_is_drawn_in_the_view_and_the_legend(make_app, tmp_path) -> None:
    app = make_app("--label-file", LABELS, "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "العراق")
        await pilot.press("3")  # GPE: colour = "#1f6f9f" in the label file
        await settle(pilot)
        view = app.screen.view
        iraq = TEXT.index("العراق")
        row = next(r for r in view.flow.layout.rows if r.start <= iraq < r.end)
        strip = view.render_line(row.y - round(view.scroll_y))
        colours = {seg.style.bgcolor.name for seg in strip if seg.style and seg.style.bgcolor}
        assert "#1f6f9f" in colours
        legend = app.screen.query_one("Legend").content  # a rich Text (legend.py)
        gpe = [s for s in legend.spans if "GPE" in legend.plain[s.start : s.end]]
        assert gpe[0].style.bgcolor.name == "#1f6f9f"
        per = [s for s in legend.spans if "PER" in legend.plain[s.start : s.end]]
        assert per[0].style.bgcolor.name != "#1f6f9f"  # no colour given: the theme's


async def test_enters_posted_at_once_close_the_picker_once(make_app, tmp_path) -> None:
    """Three Enters at once after a filter (posted before the app is idle, as the
    terminal sends them): the picker takes OCC and closes once; the other Enters
    never pop the annotate screen, nor crash on an empty stack."""
    app = make_app("--label-file", LABELS, "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("l")
        assert await wait_until(pilot, lambda: type(app.screen).__name__ == "LabelPicker", 5)
        await pilot.press(*"OCC")
        burst(app, ("enter", "\r"), ("enter", "\r"), ("enter", "\r"))
        assert await wait_until(pilot, lambda: app.screen is screen, 5)
        await settle(pilot)
        assert app.screen is screen
        assert [s.label for s in screen.session.annotations.spans] == ["OCC"]


async def test_the_entity_panel_draws_rtl_labels_and_transliterations_as_the_legend_does(
    make_app, tmp_path
) -> None:
    """An Arabic label name and a Hebrew word's transliteration (Hebrew letters
    are not transliterated) on the panel: shaped and in visual order, never logical."""
    hebrew = str(Path(SEED).parent / "he-hebrew.txt")
    app = make_app("--label-file", LABELS, "--output", str(tmp_path / "o.jsonl"), hebrew)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "חוקרים")
        await pick(pilot, "مدينه")
        await pilot.press("r", "e")
        await settle(pilot)
        prompt = str(app.screen.query_one("#entities").get_option_at_index(0).prompt)
    assert visual_line("مدينة") in prompt and "مدينة" not in prompt
    assert prompt.count(visual_line("חוקרים")) == 2 and "חוקרים" not in prompt


async def open_between_two(pilot) -> None:  # type: ignore[no-untyped-def]
    """From the library, open SEED, which has a document before it and one after."""
    app = pilot.app
    await settle(pilot)
    at = [e.path for e in app.library.entries].index(SEED)
    assert 0 < at < len(app.library.entries) - 1
    await pilot.press(*["down"] * at, "enter")
    assert await wait_until(pilot, lambda: getattr(app.screen, "article", None) is not None, 5)
    await settle(pilot)


async def test_keys_sent_with_l_are_the_filters_in_order(make_app, tmp_path) -> None:
    """``l g Enter`` and ``l مدين Enter`` in one terminal write each (posted at once,
    as the driver posts them): the letters after ``l`` are the filter's, never keys
    of the document below (on the Arabic layout د is ``]``, ج is ``[``), and Enter
    takes what they filter out, not the first label."""
    out = tmp_path / "out.jsonl"
    around = [str(Path(SEED).parent / name) for name in ("ar-mixed-news.txt", "he-hebrew.txt")]
    app = make_app("--label-file", LABELS, "--output", str(out), around[0], SEED, around[1])
    async with app.run_test(size=(110, 36)) as pilot:
        await open_between_two(pilot)
        screen = app.screen
        await search_for(pilot, "جون برينان")
        await pilot.press("shift+left")
        burst(app, ("l", "l"), ("g", "g"), ("enter", "\r"))
        labels = lambda: [s.label for s in screen.session.annotations.spans]  # noqa: E731
        assert await wait_until(pilot, lambda: labels() == ["GPE"], 5)
        await search_for(pilot, "غويران")
        await pilot.press("shift+left")
        burst(app, ("l", "l"), *letters("مدين"), ("enter", "\r"))
        assert await wait_until(pilot, lambda: sorted(labels()) == ["GPE", "مدينة"], 5)
        await settle(pilot)
        assert app.screen is screen and screen.article.text == TEXT
        # No label holds جون: the picker stays open with it, and nothing moved below.
        burst(app, ("l", "l"), *letters("جون"), ("enter", "\r"))
        picker = "LabelPicker"
        assert await wait_until(pilot, lambda: type(app.screen).__name__ == picker, 5)
        assert await wait_until(pilot, lambda: app.screen.filter.input.value == "جون", 5)
        await settle(pilot)
        assert type(app.screen).__name__ == picker
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: app.screen is screen, 5)
        assert screen.article.text == TEXT
        await pilot.press("ctrl+s")
        await settle(pilot)
    john, prison = TEXT.index("جون برينان"), TEXT.index("غويران السوري")
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    assert record["text"] == TEXT
    assert sorted((s["start"], s["end"], s["label"]) for s in record["spans"]) == sorted(
        [(john, john + 10, "GPE"), (prison, prison + 13, "مدينة")]
    )


async def test_a_key_before_l_in_one_burst_runs_before_the_picker_opens(make_app, tmp_path) -> None:
    # "a l" in one write: the accept (a binding the app runs as the key bubbles
    # up) comes first, then the picker; the picker's opening once overtook it,
    # and the accept was lost.
    import json

    out = tmp_path / "o.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        burst(app, ("a", "a"), ("l", "l"))
        await settle(pilot)
        assert type(app.screen).__name__ == "LabelPicker"
        await pilot.press("escape", "q")
    answers = [json.loads(line).get("answer") for line in out.read_text("utf-8").splitlines()]
    assert "accept" in answers


async def test_keys_after_the_pickers_enter_in_one_burst_are_the_documents(
    make_app, tmp_path
) -> None:
    """``l g Enter a`` in one write: g filters, Enter takes GPE, and a (after the
    Enter) answers the document below, instead of landing in the filter."""
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        burst(app, ("l", "l"), ("g", "g"), ("enter", "\r"), ("a", "a"))
        assert await wait_until(pilot, lambda: screen.session.annotations.answer == "accept", 5)
        assert app.screen is screen
        assert [(s.start, s.end, s.label) for s in screen.session.annotations.spans] == [
            (0, 3, "GPE")
        ]
