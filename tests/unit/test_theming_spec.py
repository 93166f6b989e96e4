"""Theme files: the bundled ones, broken ones named by file and key, user overrides."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.files.bundled import themes_dir
from reader.theming import (
    DEFAULT_LABEL_PALETTE,
    LABEL_COUNT,
    ThemeError,
    ThemeSpec,
    load_theme_file,
    load_themes,
)
from reader.theming.colours import normal_colour, readable_text

BUNDLED = ["hamish-dark", "hamish-high-contrast", "hamish-light"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder, so messages name files as ``mine.toml``."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_themes_load() -> None:
    specs, problems = load_themes([themes_dir()])
    assert problems == []
    assert [s.name for s in specs] == BUNDLED
    for spec in specs:
        assert set(spec.colours) >= {"primary", "background", "foreground", "surface", "panel"}
        assert len(spec.label_palette) == LABEL_COUNT
    assert [s.dark for s in specs] == [True, True, False]


def test_good_user_theme(data_dir: Path) -> None:
    spec = load_theme_file(data_dir / "themes" / "sepia.toml")
    assert spec.name == "sepia"
    assert spec.dark is False
    assert spec.colours == {"primary": "saddlebrown", "background": "#f4ecd8", "foreground": "#432"}
    assert spec.label_palette == ["firebrick", "#2e7d32", "steelblue"]
    assert spec.label_colours == ["firebrick", "#2e7d32", "steelblue"] * 3


def test_missing_labels_use_the_default_palette(here: Path) -> None:
    spec = load_theme_file(write(here, "min.toml", 'name = "min"\nprimary = "#123456"\n'))
    assert spec == ThemeSpec(
        name="min",
        dark=True,
        colours={"primary": "#123456"},
        label_palette=list(DEFAULT_LABEL_PALETTE),
        path=here / "min.toml",
    )
    assert load_theme_file(write(here, "t.toml", 'name = "t"\nprimary = "red"\n[labels]\n'))


BROKEN = [
    ('primary = "blu"', "primary", 'not a colour: "blu" (use #rgb, #rrggbb or a CSS colour name)'),
    ('primary = "#12345"', "primary", 'not a colour: "#12345"'),
    ("primary = 0x123456", "primary", "not a colour: 1193046"),
    ('primary = "#123"\nsurface = "rgb(1,2,3)"', "surface", 'not a colour: "rgb(1,2,3)"'),
    ('primary = "#123"\nsurface = "grey50"', "surface", 'not a colour: "grey50"'),
    ('primary = "#123"\nboost = "transparent"', "boost", 'not a colour: "transparent"'),
    ('secondary = "#123"', "primary", "missing (Textual needs a primary colour)"),
    ('primary = "#123"\ndark = "yes"', "dark", 'must be true or false, not "yes"'),
    (
        'primary = "#123"\nbackgrond = "#000"',
        "backgrond",
        'unknown key; did you mean "background"?',
    ),
    ('primary = "#123"\nlabels = ["red"]', "labels", "must be a table, not a list of 1"),
    ('primary = "#123"\n[labels]\ncolours = []', "labels.colours", "unknown key"),
    ('primary = "#123"\n[labels]\npalette = []', "labels.palette", "must be a list of 1 to 9"),
    (
        'primary = "#123"\n[labels]\npalette = "red"',
        "labels.palette",
        'must be a list of 1 to 9 colours, not "red"',
    ),
    (
        'primary = "#123"\n[labels]\npalette = ["red", "blu"]',
        "labels.palette[2]",
        'not a colour: "blu"',
    ),
    (
        'primary = "#123"\n[labels]\npalette = [' + ", ".join(['"red"'] * 10) + "]",
        "labels.palette",
        "must be a list of 1 to 9 colours, not a list of 10",
    ),
]


@pytest.mark.parametrize(("body", "key", "problem"), BROKEN)
def test_broken_theme_names_file_and_key(here: Path, body: str, key: str, problem: str) -> None:
    path = write(here, "mine.toml", f'name = "mine"\n{body}\n')
    with pytest.raises(ThemeError) as err:
        load_theme_file(path)
    assert (err.value.path, err.value.key) == (path, key)
    assert str(err.value).startswith(f"mine.toml: {key}: {problem}")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        (None, "name: missing (every theme needs a name)"),
        ('""', 'name: must be letters, digits, "-", "_" or ".", not ""'),
        ('"my theme"', 'name: must be letters, digits, "-", "_" or ".", not "my theme"'),
        ('"a,b"', 'name: must be letters, digits, "-", "_" or ".", not "a,b"'),
        ("7", 'name: must be letters, digits, "-", "_" or ".", not 7'),
    ],
)
def test_bad_names(here: Path, name: str | None, problem: str) -> None:
    line = "" if name is None else f"name = {name}\n"
    with pytest.raises(ThemeError) as err:
        load_theme_file(write(here, "mine.toml", f'{line}primary = "#fff"\n'))
    assert str(err.value) == f"mine.toml: {problem}"


def test_arabic_name_is_fine(here: Path) -> None:
    spec = load_theme_file(write(here, "ar.toml", 'name = "هامش-ليلي"\nprimary = "#fff"\n'))
    assert spec.name == "هامش-ليلي"


def test_not_toml_names_the_line(data_dir: Path) -> None:
    with pytest.raises(ThemeError) as err:
        load_theme_file(data_dir / "themes" / "not-toml.toml")
    assert err.value.key is None and err.value.line == 3
    assert "not-toml.toml:3: not valid TOML: " in str(err.value)


def test_broken_files_are_problems_and_the_rest_load(data_dir: Path) -> None:
    specs, problems = load_themes([themes_dir(), data_dir / "themes"])
    assert [s.name for s in specs] == [*BUNDLED, "sepia"]
    assert len(problems) == 3
    bad_colour, no_name, not_toml = problems  # files in name order
    assert bad_colour.endswith(
        'bad-colour.toml: primary: not a colour: "blu" (use #rgb, #rrggbb or a CSS colour name)'
    )
    assert no_name.endswith("no-name.toml: name: missing (every theme needs a name)")
    assert "not-toml.toml:3: not valid TOML: " in not_toml


def test_user_theme_replaces_bundled_by_name(tmp_path: Path) -> None:
    write(tmp_path, "my-dark.toml", 'name = "hamish-dark"\nprimary = "#ff0000"\n')
    specs, problems = load_themes([themes_dir(), tmp_path])
    assert problems == []
    assert [s.name for s in specs] == BUNDLED  # same place in the list
    assert specs[0].colours == {"primary": "#ff0000"}
    assert specs[0].path == tmp_path / "my-dark.toml"


def test_same_name_twice_in_one_folder_is_reported(here: Path) -> None:
    write(here, "a.toml", 'name = "x"\nprimary = "#111"\n')
    write(here, "b.toml", 'name = "x"\nprimary = "#222"\n')
    specs, problems = load_themes([here])
    assert [s.colours["primary"] for s in specs] == ["#222"]
    assert problems == ['b.toml: name: "x" is also the name in a.toml; this file wins']


def test_missing_folder_is_skipped(tmp_path: Path) -> None:
    specs, problems = load_themes([themes_dir(), tmp_path / "no-such-folder"])
    assert [s.name for s in specs] == BUNDLED and problems == []


@pytest.mark.parametrize(
    ("text", "colour"),
    [
        ("#ABC", "#abc"),
        ("#A0b1C2", "#a0b1c2"),
        (" Red ", "red"),
        ("RebeccaPurple", "rebeccapurple"),
    ],
)
def test_colour_forms(text: str, colour: str) -> None:
    assert normal_colour(text) == colour


@pytest.mark.parametrize("text", ["", "#", "#abcd", "#gggggg", "blu", "bright_red", "#12345678"])
def test_not_colours(text: str) -> None:
    assert normal_colour(text) is None


@pytest.mark.parametrize(
    ("rgb", "text"),
    [
        ((0, 0, 0), "#ffffff"),
        ((255, 255, 255), "#000000"),
        ((255, 255, 0), "#000000"),
        ((0, 0, 255), "#ffffff"),
        ((190, 80, 70), "#ffffff"),
        ((117, 117, 117), "#ffffff"),  # WCAG crossover: luminance about 0.18
        ((118, 118, 118), "#000000"),
    ],
)
def test_readable_text(rgb: tuple[int, int, int], text: str) -> None:
    assert readable_text(*rgb) == text


@pytest.mark.parametrize("module", ["reader.theming", "reader.theming.spec"])
def test_theming_core_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports textual: {result.stderr}"
