"""Bidi controls in labels never reach a real terminal (a pty) raw.

A bidi-aware terminal obeys U+202E (RIGHT-TO-LEFT OVERRIDE) and its kin, and
would turn round a row hamish has already put in visual order: a label
``<RLO>LOC`` would read ``COL``.  Labels from the input are drawn with
stand-ins (``⇚LOC``); a label file may not name such a label at all.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from e2e_helpers import SHOWN, one_line_error
from hostile import BIDI_CONTROLS, REVERSER, SCRAMBLER_SHOWN, doccano_with_bidi_labels
from pty_terminal import PtyCommand


def test_labels_with_bidi_controls_reach_the_terminal_as_stand_ins(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    source = doccano_with_bidi_labels(tmp_path / "export.jsonl")  # its labels come in
    env = dict(clean_env, TERM="xterm-256color", HAMISH_CONFIG=str(tmp_path / "c.toml"))
    argv = [hamish, "--labels", "PER,ORG", "--output", str(tmp_path / "o.jsonl"), str(source)]
    session = PtyCommand(argv, env, rows=30, cols=120)
    try:
        assert session.wait_for(SHOWN), session.tail()
        mark = session.send(b"e")  # the entity panel, which drew the label raw first
        assert session.wait_for(b"LOC", since=mark), session.tail()
        session.pump(0.3)
        session.send(b"\x1b")  # back to the text, then quit
        session.pump(0.3)
        session.send(b"q")
        assert session.wait_exit() is not None, session.tail()
        out = bytes(session.out)
    finally:
        session.close()
    assert [ch for ch in BIDI_CONTROLS if ch.encode() in out] == []
    assert b"cba" in out  # the article's own RLO is obeyed, and not written
    assert SCRAMBLER_SHOWN.encode() in out  # ⇚ where the RLO was; the C1 CSI as �


def test_a_label_file_naming_a_label_with_a_bidi_control_is_refused(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    labels = tmp_path / "labels.txt"
    labels.write_text(f"PER\nLOC\n{REVERSER}\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    argv = [hamish, "--label-file", str(labels), "--output", str(out), str(tmp_path / "a.txt")]
    (tmp_path / "a.txt").write_text("بغداد\n", encoding="utf-8")
    done = subprocess.run(
        argv, env=clean_env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30
    )
    line = one_line_error(done)
    problem = (
        'label "⟨U+202E⟩LOC" holds U+202E RIGHT-TO-LEFT OVERRIDE, an invisible format character'
    )
    assert line == f"hamish: {labels}:3: {problem}"
    assert "\u202e" not in done.stderr
    assert not out.exists()
