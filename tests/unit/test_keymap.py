"""Key remaps from the config: names Textual knows, and no key doing two things."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from reader.ui.keymap import check_keymap, key_name


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("ctrl+f", "ctrl+f"),
        ("?", "question_mark"),
        ("question_mark", "question_mark"),
        ("/", "slash"),
        ("plus", "plus"),
        ("N", "N"),
        ("ق", "ق"),
        (" f3 ", "f3"),
        ("ctrl+shift+pageup", "ctrl+shift+pageup"),
        ("ctrl+\x1b]2;PWN\x07", None),
        ("\x9b2J", None),
        ("\x1b", None),
        ("Escape", None),  # Textual names it "escape"
        ("latin_small_letter_a", None),  # a key press "a" is named "a"
        ("ctrl+ctrl+a", None),
        ("cmd+a", None),
        ("ctrl+", None),
        ("", None),
    ],
)
def test_key_names_are_those_textual_gives_key_presses(key: str, name: str | None) -> None:
    assert key_name(key) == name


class Everywhere:
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit"),  # no id, as Textual's own
        Binding("tab", "focus_next", "Next"),
    ]


class Reading:
    BINDINGS = [
        Binding("slash", "search", "Search", id="search"),
        Binding("n", "next_match", "Next match", id="next-match"),
        Binding("j", "line_down", "Down", id="line-down"),
    ]


class Library:
    BINDINGS = [Binding("slash", "filter", "Filter", id="filter")]


CONTEXTS = [[Everywhere, Reading], [Everywhere, Library]]


def check(**remaps: str) -> tuple[dict[str, str], list[str]]:
    return check_keymap({k.replace("_", "-"): v for k, v in remaps.items()}, CONTEXTS, "c.toml")


def test_good_remaps_are_taken_with_textual_key_names() -> None:
    assert check(search="ctrl+f,?", quit="q,ctrl+q") == (
        {"search": "ctrl+f,question_mark", "quit": "q,ctrl+q"},
        [],
    )


def test_an_unknown_key_is_reported_by_config_key_and_left_out() -> None:
    assert check(search="ctrl+f,ctrl+\x1b]2;PWN\x07") == (
        {},
        ['c.toml: keys.search: unknown key "ctrl+\\u001b]2;PWN\\u0007"; ignored'],
    )


def test_an_unknown_binding_id_is_reported() -> None:
    assert check_keymap({"jump around": "x"}, CONTEXTS, "c.toml") == (
        {},
        ['c.toml: keys."jump around": no binding has this id'],
    )


def test_a_key_that_does_something_else_in_the_same_place_is_refused() -> None:
    assert check(search="j") == (
        {},
        ['c.toml: keys.search: "j" is already bound to line-down; ignored'],
    )
    # Bindings without an id are named by their action; ctrl+i is tab.
    assert check(search="ctrl+i")[1] == [
        'c.toml: keys.search: "ctrl+i" is already bound to focus_next; ignored'
    ]


def test_the_same_key_may_do_different_things_in_different_places() -> None:
    assert check(filter="j") == ({"filter": "j"}, [])


def test_a_key_another_remap_gives_up_is_free() -> None:
    assert check(search="n", next_match="m") == ({"search": "n", "next-match": "m"}, [])


def test_when_two_remaps_want_one_key_the_first_keeps_it() -> None:
    assert check(search="ctrl+f", next_match="ctrl+f") == (
        {"search": "ctrl+f"},
        ['c.toml: keys.next-match: "ctrl+f" is already bound to search; ignored'],
    )


def test_a_remap_that_keeps_its_default_key_keeps_it() -> None:
    assert check(search="n", next_match="n,m") == (
        {"next-match": "n,m"},
        ['c.toml: keys.search: "n" is already bound to next-match; ignored'],
    )


def test_problems_come_in_the_order_of_the_file() -> None:
    _, problems = check(search="j", line_down="\x07", next_match="x")
    assert [p.split(":")[1] for p in problems] == [" keys.search", " keys.line-down"]
