"""The file errors are one kind: ``path[:line]: problem`` on one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.annotation.store_files import StoreError
from reader.config.toml_io import TomlFileError
from reader.documents.errors import InputError
from reader.files.errors import PathProblem


@pytest.mark.parametrize("kind", [InputError, StoreError])
def test_input_and_store_errors_say_path_line_problem(kind: type[PathProblem]) -> None:
    err = kind("notes/a.jsonl", "not JSON", 7)
    assert isinstance(err, PathProblem)
    assert str(err) == "notes/a.jsonl:7: not JSON"
    assert str(kind("a.txt", "not UTF-8")) == "a.txt: not UTF-8"


def test_a_toml_error_shows_its_path_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    err = TomlFileError(tmp_path / "themes" / "x.toml", "bad value", 3)
    assert isinstance(err, PathProblem)
    assert str(err) == "themes/x.toml:3: bad value"
    assert (err.path, err.problem, err.line) == (tmp_path / "themes" / "x.toml", "bad value", 3)
