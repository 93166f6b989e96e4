"""Reading config.toml: defaults, every bad value of every key, bad TOML, unknown keys."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from reader.config import Settings, load_settings, save_settings, settings_problems


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config file path that messages show as ``config.toml``."""
    monkeypatch.chdir(tmp_path)
    return tmp_path / "config.toml"


def test_defaults() -> None:
    s = Settings()
    assert (s.theme, s.width, s.harakat, s.direction) == ("hamish-dark", None, True, "auto")
    assert (s.show_formatting, s.bidi, s.keys, s.labels) == (False, "app", {}, [])


def test_every_field_is_documented() -> None:
    source = Path(sys.modules[Settings.__module__].__file__ or "").read_text(encoding="utf-8")
    for f in dataclasses.fields(Settings):
        after = source.split(f"\n    {f.name}: ", 1)[1].split("\n", 2)[1]
        assert after.strip().startswith('"""'), f"{f.name} has no docstring"


def test_missing_file_gives_defaults_and_no_problems(config: Path) -> None:
    assert load_settings(config) == (Settings(), [])


def test_full_file(data_dir: Path) -> None:
    settings, problems = load_settings(data_dir / "config" / "full.toml")
    assert problems == []
    assert settings == Settings(
        theme="hamish-light",
        width=72,
        harakat=False,
        direction="rtl",
        show_formatting=True,
        bidi="terminal",
        keys={"search": "ctrl+f", "quit": "q,ctrl+q"},
        labels=["PER", "LOC", "ORG", "شخص"],
    )


BAD_VALUES = [
    ("theme", '""', 'must be a non-empty string, not ""'),
    ("theme", "3", "must be a non-empty string, not 3"),
    ("width", '"wide"', 'must be a whole number from 20 to 1000, not "wide"'),
    ("width", "19", "must be a whole number from 20 to 1000, not 19"),
    ("width", "1001", "must be a whole number from 20 to 1000, not 1001"),
    ("width", "72.5", "must be a whole number from 20 to 1000, not 72.5"),
    ("width", "true", "must be a whole number from 20 to 1000, not true"),
    ("harakat", '"yes"', 'must be true or false, not "yes"'),
    ("harakat", "1", "must be true or false, not 1"),
    ("direction", '"RTL"', 'must be "auto", "rtl" or "ltr", not "RTL"'),
    ("direction", "[]", 'must be "auto", "rtl" or "ltr", not a list of 0'),
    ("show_formatting", '"no"', 'must be true or false, not "no"'),
    ("bidi", '"both"', 'must be "app" or "terminal", not "both"'),
    ("keys", '"ctrl+f"', 'must be a table of binding id = "key", not "ctrl+f"'),
    ("labels", '"PER"', 'must be a list of label names, not "PER"'),
    ("labels", '["PER", ""]', 'each label must be a non-empty string without commas, not ""'),
    ("labels", '["PER", "A,B"]', 'each label must be a non-empty string without commas, not "A,B"'),
    ("labels", '["PER", 3]', "each label must be a non-empty string without commas, not 3"),
    ("labels", '["PER", "PER"]', '"PER" is listed twice'),
    (
        "labels",
        '["PER", "\\u202eLOC"]',  # it would read COL: it could pass for another label
        '"⟨U+202E⟩LOC" holds U+202E RIGHT-TO-LEFT OVERRIDE, an invisible format character',
    ),
    (
        "labels",
        '["PER", "O\\u200bRG"]',
        '"O⟨U+200B⟩RG" holds U+200B ZERO WIDTH SPACE, an invisible format character',
    ),
]


@pytest.mark.parametrize(("key", "toml", "message"), BAD_VALUES)
def test_bad_value_falls_back_and_the_rest_is_kept(
    config: Path, key: str, toml: str, message: str
) -> None:
    other = "width = 50" if key != "width" else 'theme = "mine"'
    config.write_text(f"{other}\n{key} = {toml}\n", encoding="utf-8")
    settings, problems = load_settings(config)
    assert problems == [f"config.toml: {key}: {message}"]
    assert getattr(settings, key) == getattr(Settings(), key)
    assert (settings.width, settings.theme) == (
        (50, "hamish-dark") if key != "width" else (None, "mine")
    )


def test_bad_key_binding_drops_only_that_binding(config: Path) -> None:
    config.write_text(
        '[keys]\nsearch = "ctrl+f"\nquit = ""\n"next label" = 3\nhelp = { key = "f1" }\n',
        encoding="utf-8",
    )
    settings, problems = load_settings(config)
    assert settings.keys == {"search": "ctrl+f"}
    hint = 'must be a key such as "ctrl+f" (or "ctrl+f,f3"), not'
    assert problems == [
        f'config.toml: keys.quit: {hint} ""',
        f'config.toml: keys."next label": {hint} 3',
        f"config.toml: keys.help: {hint} a table",
    ]


def test_bad_value_message_stays_on_one_line(config: Path) -> None:
    config.write_text('theme = 1\ndirection = """up\ndown"""\n', encoding="utf-8")
    _, problems = load_settings(config)
    assert problems[1] == 'config.toml: direction: must be "auto", "rtl" or "ltr", not "up\\ndown"'


def test_unknown_keys_are_reported_and_ignored(config: Path) -> None:
    config.write_text('them = "x"\ncolour = "red"\nharakat = false\n', encoding="utf-8")
    settings, problems = load_settings(config)
    assert settings == Settings(harakat=False)
    assert problems == [
        'config.toml: them: unknown key, ignored; did you mean "theme"?',
        "config.toml: colour: unknown key, ignored",
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('theme = "hamish-light"\nwidth = \n', 2),
        ('theme = "hamish-light"\n\n\nwidth = 80 80\n', 4),
    ],
)
def test_bad_toml_gives_defaults_and_one_problem_with_the_line(
    config: Path, text: str, line: int
) -> None:
    config.write_text(text, encoding="utf-8")
    settings, problems = load_settings(config)
    assert settings == Settings()
    assert len(problems) == 1
    assert problems[0].startswith(f"config.toml:{line}: not valid TOML: ")
    assert "(at line" not in problems[0]


def test_bad_toml_at_the_end_says_so(config: Path) -> None:
    config.write_text('labels = ["PER"\n', encoding="utf-8")
    problems = load_settings(config)[1]
    assert problems == ["config.toml: not valid TOML: Unclosed array (at the end of the file)"]


def test_not_utf8(config: Path) -> None:
    config.write_bytes(b'theme = "x"\ndirection = "\xff"\n')
    assert load_settings(config) == (Settings(), ["config.toml:2: not UTF-8: byte 0xff"])


def test_unreadable_file_is_a_problem_not_a_crash(config: Path) -> None:
    config.mkdir()
    settings, problems = load_settings(config)
    assert settings == Settings()
    assert problems == ["config.toml: is a directory"]


def test_bom_is_accepted(config: Path) -> None:
    config.write_bytes(b"\xef\xbb\xbfwidth = 40\n")
    assert load_settings(config) == (Settings(width=40), [])


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"width": 10}, "width: must be a whole number from 20 to 1000, not 10"),
        ({"direction": "up"}, 'direction: must be "auto", "rtl" or "ltr", not "up"'),
        (
            {"labels": ["a,b"]},
            'labels: each label must be a non-empty string without commas, not "a,b"',
        ),
        (
            {"keys": {"search": ""}},
            'keys.search: must be a key such as "ctrl+f" (or "ctrl+f,f3"), not ""',
        ),
        ({"harakat": "yes"}, 'harakat: must be true or false, not "yes"'),
    ],
)
def test_settings_made_in_code_are_checked_not_refused(
    changes: dict[str, object], problem: str
) -> None:
    settings = Settings(**changes)  # type: ignore[arg-type]
    assert settings_problems(settings) == [problem]


def test_good_settings_have_no_problems(data_dir: Path) -> None:
    assert settings_problems(Settings()) == []
    assert settings_problems(load_settings(data_dir / "config" / "full.toml")[0]) == []


def test_a_bad_value_saved_is_reported_on_load(config: Path) -> None:
    save_settings(Settings(width=10, theme="mine"), config)
    settings, problems = load_settings(config)
    assert settings == Settings(theme="mine")
    assert problems == ["config.toml: width: must be a whole number from 20 to 1000, not 10"]


@pytest.mark.parametrize("module", ["reader.config", "reader.config.settings"])
def test_config_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports textual: {result.stderr}"
