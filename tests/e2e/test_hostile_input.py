"""Every byte hamish writes while every surface shows hostile outside text.

Article metadata, file names, an unreadable file, labels from the command
line and from an existing output and a patterns file, a theme file and a
config with hostile keys, values and key remaps: each carries terminal
escapes (OSC 0/2/8/52, DCS, CSI 2J, CSI ?1049h, 8-bit C1, BEL) and markup.
The library, the toasts, the article header, the status line, the entity
panel, the help, the command palette and the CLI's error lines are shown in
turn; no payload byte may reach the terminal.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hostile import (
    ESCAPES,
    MARKUP,
    NAME_PAYLOAD,
    PAYLOAD,
    foreign_controls,
    hostile_article,
    leaks,
    output_with_span,
)
from pty_terminal import PtyCommand
from test_reader_tmux import Tmux, wait_until

ESC_SHOWN = "\u241b".encode()  # ␛
TEXT = f"بغداد عاصمة marker-a {MARKUP}\n"


def hostile_world(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """The fixture set: (command-line arguments, environment additions)."""
    lib = tmp_path / "lib"
    lib.mkdir()
    article = hostile_article(lib / "a.md", TEXT.rstrip("\n"))
    (lib / f"ok{NAME_PAYLOAD}.txt").write_text("marker-b\n", encoding="utf-8")
    (lib / f"{NAME_PAYLOAD}.txt").write_bytes(b"\x00 not text")  # the unreadable one
    records = lib / f"r{NAME_PAYLOAD}.jsonl"
    records.write_text(json.dumps({"text": "marker-c", "meta": {"x": PAYLOAD}}) + "\n{bad\n")
    # An existing output: a span with a hostile label on عاصمة.
    text = article.read_text(encoding="utf-8").split("+++\n")[-1]
    out = output_with_span(tmp_path / "out.jsonl", article, text, (6, 11, "O" + PAYLOAD))
    patterns = tmp_path / "patterns.jsonl"
    patterns.write_text(json.dumps({"label": "P" + PAYLOAD, "pattern": "بغداد"}) + "\n")
    config = tmp_path / "config" / "config.toml"
    (config.parent / "themes").mkdir(parents=True)
    config.write_text(
        f"theme = {json.dumps(PAYLOAD)}\n"
        f"{json.dumps('x' + PAYLOAD)} = 1\n"
        "[keys]\n"
        'next-document = "ctrl+\\u001b]2;PWN\\u0007"\n'
        'previous-document = "\\u009b2J\\u009d0;PWN\\u009c"\n'
        '"id\\u001b]2;PWN\\u0007[b]x" = "x"\n'
        'toggle-harakat = "f6"\n',
        encoding="utf-8",
    )
    theme = config.parent / "themes" / f"{NAME_PAYLOAD}.toml"
    theme.write_text(f'name = "t"\nprimary = "#123456"\n{json.dumps("k" + ESCAPES)} = 1\n')
    label = "L" + ESCAPES + "[bold]B"
    # A pattern's label must be one in use (others are reported and skipped).
    labels = f"--labels=PER,{label},P{PAYLOAD}"
    argv = [labels, "--output", str(out), "--patterns", str(patterns), str(lib)]
    return argv, {"HAMISH_CONFIG": str(config)}


def test_no_payload_byte_reaches_the_terminal_from_any_surface(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    argv, env = hostile_world(tmp_path)
    env = dict(clean_env, TERM="xterm-256color", **env)
    app = PtyCommand([hamish, *argv], env, rows=40, cols=160)
    # The library, with the config's, the theme's and the record file's notices
    # (toasts on the right for ten seconds: its left-hand column is not under them).
    assert app.wait_for(b"Title"), app.tail()
    assert app.wait_for(b"bad"), app.tail()  # the record file's bad line, counted in its row
    # The unreadable file's row comes first: Enter says why it cannot be opened.
    mark = app.send(b"\r")
    assert app.wait_for(b"binary", since=mark), app.tail()
    # The article: its header, the suggestion under the cursor in the status line.
    mark = app.send(b"\x1b[B\r")
    assert app.wait_for(b"marker-a", since=mark), app.tail()
    assert app.wait_for(b"Enter: P", since=mark), app.tail()
    # Take the suggestion, label the token with the hostile label, list the spans.
    mark = app.send(b"\r")
    assert app.wait_for(b"2 spans", since=mark), app.tail()
    mark = app.send(b"e")  # the list of spans: the saved span's label
    assert app.wait_for(b"O" + ESC_SHOWN + b"]0;PWN0", since=mark), app.tail()
    mark = app.send(b"e")
    assert app.wait_for(b"Entities", since=mark), app.tail()
    mark = app.send(b"2")
    assert app.wait_for(b"replaced", since=mark), app.tail()
    mark = app.send(b"e")
    assert app.wait_for(b"L" + ESC_SHOWN + b"]0;PWN0", since=mark), app.tail()
    app.send(b"e")
    # The help, the command palette.
    mark = app.send(b"?")
    assert app.wait_for(b"Binding id", since=mark), app.tail()
    mark = app.send(b"q")
    assert app.wait_for(b"Entities", since=mark), app.tail()
    mark = app.send(b"\x10")  # ctrl+p
    assert app.wait_for(b"Search for commands", since=mark), app.tail()
    mark = app.send(b"theme")
    assert app.wait_for(b"Switch the colour theme", since=mark), app.tail()
    mark = app.send(b"\x1b")
    assert app.wait_for(b"Entities", since=mark), app.tail()
    app.send(b"q")
    assert app.wait_exit() == 0
    out = bytes(app.out)
    assert leaks(out) == []
    assert foreign_controls(out) == b""
    # What was there was shown, as stand-ins.
    for shown in ("␛]2;PWN2␇", "PWNCLS␛[2J", "␛[?1049hPWNALT", "\ufffd31mPWNC1"):
        assert shown.encode() in out, shown
    for notice in (b"no binding", b"unknown key", b"no theme named"):
        assert notice in out


def no_control_bytes(line: bytes) -> bool:
    return not any(b < 0x20 or b == 0x7F for b in line) and b"\xc2\x9b" not in line


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["{missing}"], id="a missing file"),
        pytest.param(["{unreadable}"], id="an unreadable file"),
        pytest.param(["--label-file", "{missing}", "x.txt"], id="label file"),
        pytest.param(["--labels", "PER", "--patterns", "{missing}", "x.txt"], id="patterns"),
        pytest.param(["--output", "{dir}/", "--labels", "PER", "x.txt"], id="output"),
        pytest.param(["--bogus" + NAME_PAYLOAD], id="an unknown option"),
        pytest.param(["--width", PAYLOAD], id="a bad width"),
        pytest.param(["render", "{missing}"], id="render a missing file"),
        pytest.param(["render", "{missing}.jsonl"], id="render a record file"),
        pytest.param(["render", "--direction", PAYLOAD, "x"], id="render a bad choice"),
    ],
)
def test_an_error_line_on_stderr_carries_no_escape(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, args: list[str]
) -> None:
    missing = str(tmp_path / f"{NAME_PAYLOAD}.txt")
    unreadable = tmp_path / f"u{NAME_PAYLOAD}.txt"
    unreadable.write_bytes(b"\x00")
    folder = tmp_path / f"d{NAME_PAYLOAD}"
    folder.mkdir()
    places = {"{missing}": missing, "{unreadable}": str(unreadable), "{dir}": str(folder)}
    argv = []
    for arg in args:
        for place, path in places.items():
            arg = arg.replace(place, path)
        argv.append(arg)
    result = subprocess.run(
        [hamish, *argv], env=clean_env, cwd=tmp_path, capture_output=True, timeout=30
    )
    err = result.stderr
    assert result.returncode == 2, err
    assert err.startswith(b"hamish") and err.endswith(b"\n") and err.count(b"\n") == 1, err
    assert no_control_bytes(err[:-1]), err
    assert leaks(err) == []


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)")
def has(screen: list[str], text: str) -> bool:
    """Whether a row of ``screen`` shows ``text``."""
    return any(text in line for line in screen)


def test_a_real_terminal_keeps_its_title_and_shows_markup_as_written(
    hamish: str, tmp_path: Path
) -> None:
    argv, env = hostile_world(tmp_path)
    tmux = Tmux(tmp_path)
    status = tmp_path / "status"
    try:
        tmux.start(
            f"env HAMISH_CONFIG='{env['HAMISH_CONFIG']}' TERM=xterm-256color LANG=C.UTF-8 "
            f"'{hamish}' '{argv[-1]}'; echo $? > '{status}'; sleep 30",
            160,
            40,
        )
        title = tmux.run("display", "-p", "-t", "t", "#{pane_title}")
        # Each wait is for the whole state, not for a part of it and then an
        # assertion on the rest: under load a capture may catch a half-drawn frame.
        shown = "T␛]0;PWN0␇␛]2;PWN2␇"
        # The library's Title column (toasts cover the right-hand side for ten seconds).
        tmux.wait_for(lambda s: has(s, "Title") and has(s, shown), timeout=60)
        tmux.keys("Enter")  # the unreadable file: a notice quoting its name
        tmux.wait_for(lambda s: has(s, "binary file"), timeout=60)
        tmux.keys("Down", "Enter")
        written = (
            "marker-a",
            shown,
            "[@click=app.quit]CLICK[/]",
            "[link=http://evil.invalid]LINK[/link]",
        )
        # The header, and the article's markup as written (the body is drawn by the engine).
        tmux.wait_for(lambda s: all(has(s, w) for w in written), timeout=60)
        assert tmux.run("display", "-p", "-t", "t", "#{pane_title}") == title
        assert "PWN" not in title
        tmux.keys("q")
        # `echo $? > status` makes the file before it writes the code: wait for the code.
        wait_until(lambda: status.exists() and status.read_text().strip() != "", timeout=60)
        assert status.read_text().strip() == "0"
    finally:
        tmux.close()
