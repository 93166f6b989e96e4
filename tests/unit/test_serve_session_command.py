"""`hamish serve`'s session command: the token's annotator, and nothing else, names it."""

from __future__ import annotations

import shlex
import sys

import pytest

from reader.cli.serve_main import serve_parser, session_command

HOSTILE = ["alice", "-x", "a b", "x; touch /tmp/pwned", "$(id)", "`id`", "o'neil", "--store=evil"]


@pytest.mark.parametrize("name", HOSTILE)
def test_the_annotator_is_one_word_and_the_last(name: str) -> None:
    args = serve_parser().parse_args(["--store", "postgresql://db/hamish", "--labels", "PER,ORG"])
    argv = shlex.split(session_command(args)(name))
    assert argv == [
        sys.executable,
        "-m",
        "reader",
        "--store",
        "postgresql://db/hamish",
        "--labels",
        "PER,ORG",
        f"--annotator={name}",
    ]


def test_files_are_given_to_sessions_by_absolute_path() -> None:
    args = serve_parser().parse_args(
        ["--store", "postgresql://db/h", "--label-file", "labels.txt", "--overlap"]
    )
    argv = shlex.split(session_command(args)("bob"))
    at = argv.index("--label-file")
    assert argv[at + 1].startswith("/") and argv[at + 1].endswith("/labels.txt")
    assert "--overlap" in argv


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_a_bad_port_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        serve_parser().parse_args(["--store", "postgresql://db/h", "--port", port])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("hamish serve: argument --port: ") and err.count("\n") == 1
