"""`hamish render` as installed, driven as a user would from a shell."""

from __future__ import annotations

import json
import os
import random
import select
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

import pytest
from rich.cells import cell_len

DATA = Path(__file__).parents[1] / "data"
SEED = "shafaq-news-ghwayran-2022.txt"
SAME_GLYPH = str.maketrans({"\ufe80": "\u0621"})  # see reference/test_seed_rows_fribidi.py


def run(
    cmd: list[str], env: dict[str, str], stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(cmd, input=stdin, capture_output=True, env=env, timeout=60)


def seed_path() -> Path:
    from reader.files.bundled import sample_path

    return sample_path(SEED)


def seed_file() -> str:
    return str(seed_path())


def test_render_json_matches_fribidi_rows(hamish: str, clean_env: dict[str, str]) -> None:
    out = run([hamish, "render", seed_file(), "--width", "40", "--json"], clean_env)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    expected = [
        line.split("\t")
        for line in (DATA / "seed_rows_w40.tsv").read_text(encoding="utf-8").splitlines()
    ]
    assert [(str(r["start"]), str(r["end"]), r["visual"].translate(SAME_GLYPH)) for r in rows] == [
        tuple(e) for e in expected
    ]
    assert {r["direction"] for r in rows} == {"rtl"}
    assert [r["row"] for r in rows] == list(range(len(rows)))


def test_render_pads_rtl_rows_to_the_right(hamish: str, clean_env: dict[str, str]) -> None:
    out = run([hamish, "render", seed_file(), "--width", "72"], clean_env)
    assert out.returncode == 0
    lines = out.stdout.decode().splitlines()
    expected = [
        line.split("\t")[2]
        for line in (DATA / "seed_rows_w72.tsv").read_text(encoding="utf-8").splitlines()
    ]
    assert [line.lstrip(" ").translate(SAME_GLYPH) for line in lines] == expected
    assert all(cell_len(line) == 72 for line in lines)


def test_python_dash_m_reader_works_the_same(hamish: str, clean_env: dict[str, str]) -> None:
    a = run([hamish, "render", seed_file(), "--width", "50"], clean_env)
    b = run([sys.executable, "-m", "reader", "render", seed_file(), "--width", "50"], clean_env)
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout


def test_stdin_with_bom_and_crlf(hamish: str, clean_env: dict[str, str]) -> None:
    data = "\ufeffقال (ISIS)\r\nabc".encode()
    out = run(
        [hamish, "render", "-", "--width", "20", "--json", "--shaping", "off"], clean_env, data
    )
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [(r["visual"], r["start"], r["end"], r["direction"]) for r in rows] == [
        ("(ISIS) لاق", 0, 10, "rtl"),
        ("abc", 12, 15, "ltr"),
    ]


def test_terminal_mode_prints_logical_order_unshaped(
    hamish: str, clean_env: dict[str, str]
) -> None:
    out = run([hamish, "render", "-", "--bidi", "terminal"], clean_env, "قال (ISIS) 2022".encode())
    assert out.stdout.decode() == "قال (ISIS) 2022\n"


def test_harakat_hidden(hamish: str, clean_env: dict[str, str]) -> None:
    out = run(
        [hamish, "render", "-", "--harakat", "hide", "--shaping", "off"], clean_env, "بَيْتٌ".encode()
    )
    assert out.stdout.decode().strip() == "تيب"


def test_hostile_text_reaches_stdout_only_as_stand_ins(
    hamish: str, clean_env: dict[str, str]
) -> None:
    hostile = b"title\x1b]0;pwned\x07 \x1b[2J\x1b[31mred \x9b\xc2\x9b1m \x1bP+q\x1b\\ [b]bold[/b]"
    hostile = hostile.replace(b"\x9b\xc2", b"\xc2")  # keep it valid UTF-8
    out = run([hamish, "render", "-"], clean_env, hostile)
    assert out.returncode == 0
    for byte in (b"\x1b", b"\x07", b"\xc2\x9b", b"\x9b\x31"):
        assert byte not in out.stdout
    text = out.stdout.decode()
    assert "\u241b]0;pwned\u2407" in text and "[b]bold[/b]" in text


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: str(d / "missing.txt"), "missing.txt: no such file"),
        (lambda d: str(d), ": is a directory"),
        (
            lambda d: _write(d / "latin1.txt", "caf\xe9\n".encode("latin-1")),
            "latin1.txt:1: not UTF-8: byte 0xe9 at byte offset 3",
        ),
        (
            lambda d: _write(d / "img.bin", b"GIF89a\x00\x01"),
            "img.bin:1: binary file (NUL byte at byte offset 6)",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, make, message: str
) -> None:
    out = run([hamish, "render", make(tmp_path)], clean_env)
    assert out.returncode == 2
    err = out.stderr.decode()
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert out.stdout == b""


def test_usage_errors_are_one_line_and_exit_2(hamish: str, clean_env: dict[str, str]) -> None:
    for args in (
        ["--width", "1", "x"],
        ["--width", "1000000000", "x"],
        ["--direction", "up", "x"],
        [],
        ["x", "--harakat", "maybe"],
    ):
        out = run([hamish, "render", *args], clean_env)
        assert out.returncode == 2, args
        err = out.stderr.decode()
        assert err.count("\n") == 1 and err.startswith("hamish render: "), err


@pytest.mark.parametrize("cells", ["1", "10001", "1000000000"])
def test_render_width_has_bounds(hamish: str, clean_env: dict[str, str], cells: str) -> None:
    out = run([hamish, "render", "-", "--width", cells], clean_env, "مرحبا".encode())
    assert out.returncode == 2 and out.stdout == b""
    assert out.stderr.decode() == (
        f"hamish render: argument --width: must be from 2 to 10000, not {cells}"
        " (see hamish render --help)\n"
    )


def test_render_at_the_widest_width(hamish: str, clean_env: dict[str, str]) -> None:
    out = run([hamish, "render", "-", "--width", "10000"], clean_env, "مرحبا\nabc".encode())
    assert out.returncode == 0
    rtl, ltr = out.stdout.decode().splitlines()
    assert cell_len(rtl) == 10000 and rtl.endswith("\ufe8e\ufe92\ufea3\ufeae\ufee3")
    assert ltr == "abc"


def test_a_closed_pipe_is_not_an_error(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(("سطر طويل من النص العربي " * 20 + "\n") * 3000, encoding="utf-8")
    out = subprocess.run(
        f"'{hamish}' render '{big}' | head -1",
        shell=True,
        capture_output=True,
        env=clean_env,
        timeout=60,
    )
    assert out.returncode == 0
    assert out.stdout.count(b"\n") == 1
    assert b"Traceback" not in out.stderr and b"BrokenPipe" not in out.stderr


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_render_refuses_record_files_in_one_line(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text('{"text": "x"}\n', encoding="utf-8")
    out = run([hamish, "render", str(records)], clean_env)
    assert out.returncode == 2
    assert out.stderr.decode().count("\n") == 1 and "in.jsonl: a record file" in out.stderr.decode()


def test_reader_with_nothing_readable_exits_2(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    out = run([hamish, str(tmp_path / "missing.txt"), str(tmp_path)], clean_env)
    assert out.returncode == 2
    lines = out.stderr.decode().splitlines()
    assert any(line.endswith("missing.txt: no such file") for line in lines)
    assert "Traceback" not in out.stderr.decode()


def test_reader_without_a_terminal_says_so(hamish: str, clean_env: dict[str, str]) -> None:
    out = run([hamish], clean_env)  # stdin and stdout are pipes here
    assert out.returncode == 2
    assert (
        out.stderr.decode()
        == "hamish: the reader needs a terminal; `hamish render FILE` prints rows\n"
    )


@pytest.mark.parametrize("cells", ["10", "0", "-3", "1001"])
def test_reader_width_is_checked_like_the_config(
    hamish: str, clean_env: dict[str, str], cells: str
) -> None:
    # One rule, whatever the number: not render's "at least 2" for the small ones.
    out = run([hamish, "--width", cells], clean_env)
    assert out.returncode == 2
    assert (
        out.stderr.decode()
        == f"hamish: argument --width: must be from 20 to 1000, not {cells} (see hamish --help)\n"
    )


def _line_within(stream: IO[bytes], seconds: float) -> bytes:
    """The next line the child prints, waiting at most ``seconds`` for it."""
    ready, _, _ = select.select([stream], [], [], seconds)
    assert ready, f"nothing printed within {seconds} s"
    return stream.readline()


def test_render_prints_each_paragraph_as_soon_as_it_is_read(
    hamish: str, clean_env: dict[str, str]
) -> None:
    child = subprocess.Popen(
        [hamish, "render", "-", "--width", "20", "--shaping", "off"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=clean_env,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write("قال\n".encode())
        child.stdin.flush()
        # Standard input is still open: the row comes now, not at its end.
        assert _line_within(child.stdout, 10).decode() == " " * 17 + "لاق\n"
        child.stdin.write(b"abc\n")
        child.stdin.flush()
        assert _line_within(child.stdout, 10) == b"abc\n"
        child.stdin.close()
        assert child.wait(timeout=10) == 0
    finally:
        child.kill()


def test_render_refuses_special_files_in_one_line(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    out = run([hamish, "render", "/dev/zero"], clean_env)
    assert out.returncode == 2 and out.stdout == b""
    assert (
        out.stderr.decode() == "hamish render: /dev/zero: not a regular file (a character device)\n"
    )
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    out = run([hamish, "render", str(fifo)], clean_env)  # no writer: it must not wait for one
    assert out.returncode == 2
    assert out.stderr.decode() == f"hamish render: {fifo}: not a regular file (a FIFO)\n"


def _peak_rss(argv: list[str], env: dict[str, str], data: bytes) -> int:
    """The child's peak resident set in KiB, ``data`` on its standard input."""
    with tempfile.TemporaryFile() as stdin:
        stdin.write(data)
        stdin.seek(0)
        child = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_maxrss


def _distinct_paragraphs(size: int) -> bytes:
    """About ``size`` bytes of the seed's paragraphs, each with its words shuffled."""
    words = seed_path().read_text(encoding="utf-8").split()
    rng = random.Random(3)
    out = []
    total = 0
    while total < size:
        out.append(" ".join(rng.sample(words, 60)).encode() + b"\n")
        total += len(out[-1])
    return b"".join(out)


def test_render_memory_does_not_grow_with_the_input(hamish: str, clean_env: dict[str, str]) -> None:
    argv = [hamish, "render", "-", "--width", "80", "--json"]
    small = _peak_rss(argv, clean_env, _distinct_paragraphs(500_000))
    assert _peak_rss(argv, clean_env, _distinct_paragraphs(6_000_000)) <= 1.5 * small
