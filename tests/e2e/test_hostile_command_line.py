"""The installed `hamish` against hostile input: one line, exit code 2, no hang.

Endless and special files (``/dev/zero``, ``/dev/full``, a FIFO, a symlink to
a device in a folder), deep TOML, a patterns file with no usable pattern:
each is one line on standard error naming the file, and exit code 2, at once.
And bytes that are not UTF-8 typed into the terminal do not end the reader.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from e2e_helpers import SHOWN, one_line_error, records
from pty_terminal import PtyCommand
from test_annotation_durability import SEED, TOKENS

DEEP_TOML = "a = " + "[" * 5000 + "]" * 5000 + "\n"


def run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``argv`` run to its end (the timeout stands for a hang), its output as text."""
    return subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30
    )


@pytest.fixture
def env(clean_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return dict(clean_env, HAMISH_CONFIG=str(tmp_path / "config.toml"))


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.txt"
    os.mkfifo(path)
    return path


# -- hamish render ------------------------------------------------------------------


def test_render_refuses_dev_zero_at_once(hamish: str, env: dict[str, str]) -> None:
    line = one_line_error(run([hamish, "render", "/dev/zero"], env))
    assert line == "hamish render: /dev/zero: not a regular file (a character device)"


def test_render_refuses_a_fifo_without_waiting(
    hamish: str, env: dict[str, str], fifo: Path
) -> None:
    line = one_line_error(run([hamish, "render", str(fifo)], env))
    assert line == f"hamish render: {fifo}: not a regular file (a FIFO)"


def test_render_refuses_front_matter_nested_too_deeply(
    hamish: str, env: dict[str, str], tmp_path: Path
) -> None:
    article = tmp_path / "deep.txt"
    article.write_text("+++\n" + DEEP_TOML + "+++\nنص\n", encoding="utf-8")
    line = one_line_error(run([hamish, "render", str(article)], env))
    assert line == f"hamish render: {article}: bad front matter: nested too deeply"


# -- the reader's start ------------------------------------------------------------------


def test_an_output_that_is_dev_full_is_refused_and_not_locked(
    hamish: str, env: dict[str, str]
) -> None:
    line = one_line_error(run([hamish, "--labels", "PER", "--output", "/dev/full", SEED], env))
    assert line == (
        "hamish: /dev/full: not a regular file (a character device); "
        "hamish writes only regular files"
    )
    assert not os.path.exists("/dev/full.lock")


@pytest.mark.parametrize("option", ["--label-file", "--patterns"])
def test_a_label_or_patterns_file_that_is_dev_zero_is_refused(
    hamish: str, env: dict[str, str], tmp_path: Path, option: str
) -> None:
    argv = [hamish, "--labels", "PER", "--output", str(tmp_path / "o.jsonl")]
    if option == "--label-file":
        argv = [hamish, "--output", str(tmp_path / "o.jsonl")]
    line = one_line_error(run([*argv, option, "/dev/zero", SEED], env))
    assert line == "hamish: /dev/zero: not a regular file (a character device)"


def test_a_folder_of_special_files_is_listed_not_read(
    hamish: str, env: dict[str, str], tmp_path: Path, fifo: Path
) -> None:
    (tmp_path / "endless.txt").symlink_to("/dev/zero")
    done = run([hamish, str(tmp_path)], env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"hamish: {tmp_path / 'endless.txt'}: not a regular file (a character device)",
        f"hamish: {fifo}: not a regular file (a FIFO)",
    ]


def test_a_patterns_file_with_no_usable_pattern_is_refused_at_start(
    hamish: str, env: dict[str, str], tmp_path: Path
) -> None:
    patterns = tmp_path / "places.jsonl"
    patterns.write_text('{"label": "LOC", "pattern": "بغداد"}\n', encoding="utf-8")
    argv = [hamish, "--labels", "PER,ORG,GPE", "--output", str(tmp_path / "o.jsonl")]
    line = one_line_error(run([*argv, "--patterns", str(patterns), SEED], env))
    problem = 'no usable pattern: label "LOC" is not one of PER, ORG, GPE'
    assert line == f"hamish: {patterns}:1: {problem}"


def test_a_label_file_giving_one_picker_key_twice_is_refused_at_start(
    hamish: str, env: dict[str, str], tmp_path: Path
) -> None:
    labels = tmp_path / "labels.jsonl"
    lines = ['{"label": "GPE", "key": "g"}', '{"label": "مدينة", "key": "g"}']
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = [hamish, "--label-file", str(labels), "--output", str(tmp_path / "o.jsonl"), SEED]
    line = one_line_error(run(argv, env))
    assert line == f'hamish: {labels}:2: label "مدينة": key "g" is already used by "GPE"'
    assert not (tmp_path / "o.jsonl").exists()


# -- the terminal ------------------------------------------------------------------------


def test_bytes_that_are_not_utf8_typed_into_the_terminal_are_survived(
    hamish: str, env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    child = PtyCommand([hamish, "--labels", "PER,ORG,GPE", "--output", str(out), SEED], env)
    try:
        assert child.wait_for(SHOWN), child.tail()
        child.pump(0.3)
        for garbage in (b"\x9b", b"\xff\xfe"):  # an 8-bit CSI; bytes never in UTF-8
            child.send(garbage)
            child.pump(0.3)
            assert child.poll() is None, child.tail()
        child.send(b"1")  # keys still work: label the first token ...
        assert child.wait_for(b"1 span", timeout=10), child.tail()
        # A sequence cut short fails with the read after it: that key is lost, not the app.
        child.send(b"\xc3")
        child.pump(0.3)
        child.send(b"j")
        child.pump(0.3)
        assert child.poll() is None, child.tail()
        child.send(b"q")  # ... and quit
        assert child.wait_exit() == 0, child.tail()
    finally:
        child.close()
    assert b"Traceback" not in child.out and b"UnicodeDecodeError" not in child.out
    first = TOKENS[0]
    assert [(s["start"], s["end"]) for s in records(out)[-1]["spans"]] == [(first.start, first.end)]
    json.dumps(records(out))  # what was saved is JSON through and through
