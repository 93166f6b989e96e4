"""Label files (TOML, JSON Lines, names) and the picker's filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.annotation.labels import LabelInfo, filter_labels, parse_label_file
from reader.annotation.setup import choose_label_info
from reader.documents import InputError
from reader.safe_text import shown

DATA = Path(__file__).parent.parent / "data"


def test_a_toml_label_file_of_twelve_with_descriptions_colours_and_keys() -> None:
    labels = choose_label_info(None, str(DATA / "labels-12.toml"), [])
    assert len(labels) == 12
    assert labels[2] == LabelInfo("GPE", "countries, cities, states", "#1f6f9f", "g")
    assert labels[10] == LabelInfo("مدينة", "مدينة أو بلدة")


def test_json_lines_and_plain_names() -> None:
    jsonl = '{"label": "GPE", "description": "countries, cities, states", "key": "g"}\n\n'
    jsonl += '{"label": "PER", "color": "#abc"}\n'
    assert parse_label_file(jsonl, "labels.jsonl") == [
        LabelInfo("GPE", "countries, cities, states", None, "g"),
        LabelInfo("PER", "", "#abc", None),
    ]
    many = ",".join(f"L{n}" for n in range(21))  # Wojood's 21 types: no limit of nine
    assert [x.name for x in parse_label_file(many, "--labels")] == [f"L{n}" for n in range(21)]


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ('{"label": "GPE", "key": "gg"}\n', "l.jsonl", "l.jsonl:1: GPE: key must be one character"),
        ('{"label": ""}\n', "l.jsonl", 'l.jsonl:1: a label needs "label", a non-empty string'),
        (
            '{"label": "A", "colour": "red"}',
            "l.jsonl",
            'l.jsonl:1: A: colour must be like "#1f6f9f"',
        ),
        ('{"label": "A"}\n{"label": "A"}\n', "l.jsonl", "l.jsonl: a label is given twice"),
        ('{"label": "A", "size": 3}\n', "l.jsonl", "l.jsonl:1: unknown field 'size'"),
        ("[[label]]\nlabel = 3\n", "l.toml", 'l.toml:1: a label needs "label", a non-empty string'),
        ("labels = []\n", "l.toml", "l.toml: a TOML label file holds [[label]] tables only"),
        ('{"label": NaN}\n', "l.jsonl", "l.jsonl:1: bad JSON: NaN is not JSON"),
        ("# nothing\n", "l.txt", "l.txt: no labels"),
    ],
)
def test_bad_label_files_say_file_line_and_problem(text: str, where: str, problem: str) -> None:
    with pytest.raises(InputError) as err:
        parse_label_file(text, where)
    assert str(err.value) == problem


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        (
            "PER,\u202eLOC",  # reads as COL where a terminal or the engine obeys it
            "--labels",
            '--labels:1: label "⟨U+202E⟩LOC" holds U+202E RIGHT-TO-LEFT OVERRIDE,'
            " an invisible format character",
        ),
        (
            "PER\n# a comment\nLO\u200bC\n",
            "l.txt",
            'l.txt:3: label "LO⟨U+200B⟩C" holds U+200B ZERO WIDTH SPACE,'
            " an invisible format character",
        ),
        (
            '[[label]]\nlabel = "PER"\n[[label]]\nlabel = "\\u2067ORG\\u2069"\n',
            "l.toml",
            'l.toml:3: label "⟨U+2067⟩ORG⟨U+2069⟩" holds U+2067 RIGHT-TO-LEFT ISOLATE,'
            " an invisible format character",
        ),
        (
            '{"label": "GPE\\ufeff"}\n',
            "l.jsonl",
            'l.jsonl:1: label "GPE⟨U+FEFF⟩" holds U+FEFF ZERO WIDTH NO-BREAK SPACE,'
            " an invisible format character",
        ),
    ],
)
def test_a_label_name_with_an_invisible_format_character_is_refused(
    text: str, where: str, problem: str
) -> None:
    # It could pass for another label: "\u202eLOC" drawn in visual order is "COL".
    with pytest.raises(InputError) as err:
        parse_label_file(text, where)
    assert shown(str(err.value)) == problem  # as the one line on stderr shows it


GPE_AND_GEO = '[[label]]\nlabel = "GPE"\nkey = "g"\n\n# rivers\n[[label]]\nlabel = "GEO"\n'


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        (
            '{"label": "GPE", "key": "g"}\n{"label": "PER"}\n{"label": "GEO", "key": "g"}\n',
            "l.jsonl",
            'l.jsonl:3: label "GEO": key "g" is already used by "GPE"',
        ),
        (
            GPE_AND_GEO + 'key = "G"\n',  # one key to the filter, which ignores case
            "l.toml",
            'l.toml:6: label "GEO": key "G" is already used by "GPE"',
        ),
    ],
)
def test_a_picker_key_given_to_two_labels_is_refused(text: str, where: str, problem: str) -> None:
    with pytest.raises(InputError) as err:
        parse_label_file(text, where)
    assert str(err.value) == problem
    assert [x.key for x in parse_label_file(GPE_AND_GEO + 'key = "r"\n', "l.toml")] == ["g", "r"]


LABELS = [
    LabelInfo("PER", "people"),
    LabelInfo("GPE", "countries, cities", key="g"),
    LabelInfo("GEO", "rivers"),
    LabelInfo("مدينة", "مدينة أو بلدة"),
    LabelInfo("ORG", "groups such as GPE-backed militias"),
]


def test_the_filter_puts_the_key_first_then_names_then_descriptions() -> None:
    assert [x.name for x in filter_labels(LABELS, "")] == ["PER", "GPE", "GEO", "مدينة", "ORG"]
    assert [x.name for x in filter_labels(LABELS, "g")] == ["GPE", "GEO", "ORG"]
    assert [x.name for x in filter_labels(LABELS, "ge")] == ["GEO"]
    assert [x.name for x in filter_labels(LABELS, "gp")] == ["GPE", "ORG"]
    assert [x.name for x in filter_labels(LABELS, "river")] == ["GEO"]


def test_the_filter_folds_arabic_as_search_does() -> None:
    # ه for ة, and harakat typed or not.
    assert [x.name for x in filter_labels(LABELS, "مدينه")] == ["مدينة"]
    assert [x.name for x in filter_labels(LABELS, "مَدِينَة")] == ["مدينة"]
    assert [x.name for x in filter_labels(LABELS, "بلده")] == ["مدينة"]
