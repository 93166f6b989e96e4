"""Outside text on every surface: escapes as visible stand-ins, markup as it is written.

Each field of a hostile fixture carries terminal escapes (OSC title, clipboard,
hyperlink, DCS, CSI, 8-bit C1, BEL) and Rich/Textual markup.  The screen
must show ``␛]2;PWN2␇`` where the file has ESC ] 2 ; PWN2 BEL, and
``[bold]BOLD[/bold]`` where it has that markup.
"""

from __future__ import annotations

import json

import pytest
from hostile import (
    ESCAPES,
    MARKUP,
    NAME_PAYLOAD,
    NAME_PAYLOAD_SHOWN,
    PAYLOAD,
    PAYLOAD_SHOWN,
    STAND_INS,
    hostile_article,
    output_with_span,
)
from pilot_helpers import screen_lines, settle, write_jsonl
from textual.widgets import DataTable

from reader.config.paths import display_path
from reader.ui.widgets.entity_panel import EntityPanel

CONTROLS = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]} - {"\n"}


def raw_controls(text: str) -> set[str]:
    """The control characters (but newline) in ``text``."""
    return CONTROLS & set(text)


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]  # noqa: SLF001


def screen(app) -> str:
    return "\n".join(screen_lines(app))


def cell(table: DataTable, row: int, column: str) -> str:
    return table.get_cell(str(row), column).plain


async def test_the_library_shows_hostile_metadata_as_stand_ins(make_app, tmp_path) -> None:
    # The case: a date that set the terminal title, in one of two articles.
    hostile_article(tmp_path / "a.md")
    (tmp_path / "b.txt").write_text("نص\n", encoding="utf-8")
    app = make_app(str(tmp_path))
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert cell(table, 0, "date") == PAYLOAD_SHOWN
        assert cell(table, 0, "title").startswith("T\u241b]0;PWN0\u2407\u241b]2;PWN2\u2407")
        assert cell(table, 0, "source").startswith("S\u241b]0;PWN0\u2407")
        assert not raw_controls(screen(app))


async def test_an_unreadable_file_with_a_hostile_name_is_reported_inert(make_app, tmp_path) -> None:
    (tmp_path / f"{NAME_PAYLOAD}.txt").write_bytes(b"\x00binary")
    (tmp_path / f"ok{NAME_PAYLOAD}.txt").write_text("نص\n", encoding="utf-8")
    app = make_app(str(tmp_path))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        problem = "binary file (NUL byte at byte offset 0)"
        assert cell(table, 0, "title") == f"{NAME_PAYLOAD_SHOWN}.txt:1: {problem}"
        # The readable one: its name is its title and its source.
        assert cell(table, 1, "title").startswith("ok\u241b]0;PWN0\u2407")
        assert cell(table, 1, "source").startswith("ok\u241b]0;PWN0\u2407")
        assert not raw_controls(screen(app))
        await pilot.press("enter")  # the error row is highlighted: Enter says why
        await settle(pilot)
        said = [n for n in notices(app) if "binary file" in n]
        assert said == [f"{tmp_path}/{NAME_PAYLOAD_SHOWN}.txt:1: {problem}"]
        assert not raw_controls(screen(app))
        assert app.is_running  # [@click=app.quit] did nothing


async def test_the_article_header_shows_stand_ins_and_markup_as_written(make_app, tmp_path) -> None:
    article = hostile_article(tmp_path / "a.md")
    app = make_app("--width", "150", str(article))
    async with app.run_test(size=(170, 30)) as pilot:
        await settle(pilot)
        header = str(app.screen.query_one("#header").render())
        assert "T\u241b]0;PWN0\u2407\u241b]2;PWN2\u2407" in header
        assert "[bold]BOLD[/bold]" in header
        assert not raw_controls(header) and not raw_controls(screen(app))


async def test_markup_in_outside_text_is_shown_as_written(make_app, tmp_path) -> None:
    article = tmp_path / "a.md"
    article.write_text(f'+++\ntitle = "{MARKUP}"\nsource = "[b]S[/b]"\n+++\nbody\n', "utf-8")
    app = make_app("--width", "100", str(article))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert MARKUP in screen(app)
        assert "[b]S[/b]" in screen(app)


async def entity_panel_lines(pilot) -> list[str]:
    await pilot.press("e")
    await settle(pilot)
    panel = pilot.app.screen.query_one(EntityPanel)
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


LABEL = "L" + ESCAPES + "[bold]B"  # no commas: a label list is comma-separated
LABEL_SHOWN = "L" + STAND_INS + "[bold]B"


def one_article(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("بغداد عاصمة\n", encoding="utf-8")
    return article


@pytest.mark.parametrize("source", ["--labels", "--label-file"])
async def test_a_hostile_label_given_by_the_user_is_inert_in_the_entity_panel(
    make_app, tmp_path, source
) -> None:
    labels = tmp_path / "labels.txt"
    labels.write_text(f"PER\n{LABEL}\n", encoding="utf-8")
    given = f"PER,{LABEL}" if source == "--labels" else str(labels)
    out = tmp_path / "out.jsonl"
    app = make_app(source, given, "--output", str(out), str(one_article(tmp_path)))
    async with app.run_test(size=(300, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")  # the token under the cursor: بغداد
        await settle(pilot)
        lines = await entity_panel_lines(pilot)
        assert len(lines) == 1 and lines[0].startswith(LABEL_SHOWN)
        assert not raw_controls(screen(app))


async def test_a_hostile_label_in_an_existing_output_is_inert_in_the_entity_panel(
    make_app, tmp_path
) -> None:
    article = one_article(tmp_path)
    text = article.read_text(encoding="utf-8")
    out = output_with_span(tmp_path / "out.jsonl", article, text, (0, 5, "O" + PAYLOAD))
    app = make_app("--labels", "PER,ORG", "--output", str(out), str(article))
    async with app.run_test(size=(300, 30)) as pilot:
        await settle(pilot)
        lines = await entity_panel_lines(pilot)
        assert len(lines) == 1 and lines[0].startswith("O" + PAYLOAD_SHOWN)
        assert not raw_controls(screen(app))


async def test_a_hostile_label_from_a_patterns_file_is_inert(make_app, tmp_path) -> None:
    patterns = write_jsonl(tmp_path / "p.jsonl", [{"label": "P" + PAYLOAD, "pattern": "بغداد"}])
    out = tmp_path / "out.jsonl"
    article = one_article(tmp_path)
    # A pattern's label must be one in use (others are reported and skipped).
    labels = ",".join(["PER", "ORG", "P" + PAYLOAD])
    app = make_app(
        "--labels", labels, "--output", str(out), "--patterns", str(patterns), str(article)
    )
    async with app.run_test(size=(300, 30)) as pilot:
        await settle(pilot)
        status = str(app.screen.query_one("#status").render())
        assert "P\u241b]0;PWN0\u2407" in status  # "Enter: <label> بغداد" under the cursor
        await pilot.press("enter")  # take the suggestion
        await settle(pilot)
        lines = await entity_panel_lines(pilot)
        assert len(lines) == 1 and lines[0].startswith("P" + PAYLOAD_SHOWN)
        assert not raw_controls(screen(app))


async def test_a_hostile_theme_file_is_reported_inert(make_app, config_dir) -> None:
    themes = config_dir / "themes"
    themes.mkdir()
    key = "k" + ESCAPES + "[bold]B"
    theme = themes / f"{NAME_PAYLOAD}.toml"
    theme.write_text(f'name = "fine"\nprimary = "#123456"\n{json.dumps(key)} = 1\n', "utf-8")
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        said = [n for n in notices(app) if "unknown key" in n]
        where = display_path(themes) + "/" + NAME_PAYLOAD_SHOWN
        assert said == [f"{where}.toml: k{STAND_INS}[bold]B: unknown key"]
        assert not raw_controls(screen(app))


async def test_hostile_config_values_and_keys_are_reported_inert(make_app, config_dir) -> None:
    (config_dir / "config.toml").write_text(
        f"theme = {json.dumps(PAYLOAD)}\n"
        f"{json.dumps('x' + PAYLOAD)} = 1\n"
        f"direction = {json.dumps(PAYLOAD)}\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        said = notices(app)
        assert len(said) == 3, said
        assert not any(raw_controls(n) for n in said), said
        assert any("unknown key" in n and "PWNC1\ufffd2;PWNC1T\ufffd" in n for n in said)
        assert any("no theme named" in n for n in said)
        assert not raw_controls(screen(app))


async def test_a_hostile_key_remap_is_refused_and_never_drawn(
    make_app, config_dir, tmp_path
) -> None:
    # The case: it was accepted, and drawn raw in the footer.
    config = config_dir / "config.toml"
    config.write_text(
        "[keys]\n"
        'next-document = "ctrl+\\u001b]2;PWN\\u0007"\n'
        'previous-document = "\\u009b2J"\n'
        'search = "j"\n'  # j already scrolls a line down
        'toggle-harakat = "f6"\n'
        f'{json.dumps("no-such" + ESCAPES)} = "x"\n',
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("نص\n", encoding="utf-8")
    app = make_app(str(article))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        where = display_path(config)
        said = notices(app)
        assert said[:3] == [
            f'{where}: keys.next-document: unknown key "ctrl+\\u001b]2;PWN\\u0007"; ignored',
            f'{where}: keys.previous-document: unknown key "\ufffd2J"; ignored',
            f'{where}: keys.search: "j" is already bound to line-down; ignored',
        ]
        assert said[3].startswith(f'{where}: keys."no-such\\u001b]0;PWN0\\u0007\\u001b]2;')
        assert said[3].endswith(": no binding has this id") and len(said) == 4
        assert app.key_remaps == {"toggle-harakat": "f6"}
        text = screen(app)
        assert not raw_controls(text)
        assert "PWN" not in text.split("\n")[-1]  # the footer
        # Refused remaps keep their default keys: j scrolls, and / still searches.
        await pilot.press("j", "h")
        await settle(pilot)
        assert not app.screen.query_one("#search").display  # there from the start, hidden
        assert app.settings.harakat  # h no longer toggles harakat: f6 does
        await pilot.press("f6")
        await settle(pilot)
        assert not app.settings.harakat
