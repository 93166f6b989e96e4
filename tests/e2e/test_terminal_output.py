"""Every byte hamish writes to a real terminal (a pty) while showing a hostile article.

Article text may carry escape sequences: set the title, clear the screen,
make a hyperlink, write the clipboard, ring the bell.  None may reach the
terminal raw.  And in app mode the terminal's own bidi is switched off with
BDSM (CSI 8 l) at the start and given back (CSI 8 h) at the end.
"""

from __future__ import annotations

import re
from pathlib import Path

from pty_terminal import PtyCommand

HOSTILE = (
    "+++\n"
    'title = "\\u001b]0;TITLEPWN\\u0007 [b]T[/b]"\n'
    "+++\n"
    "ok-marker \x1b]0;PWNED\x07 \x1b[2J \x1b]52;c;cGF5bG9hZA==\x07 "
    "\x1b]8;;http://evil.invalid\x1b\\link\x1b]8;;\x1b\\ \x9b31m \x90q\x9c bell\x07 "
    "\x1bP1$r\x1b\\ نص عربي\n"
)


def run_in_pty(argv: list[str], env: dict[str, str], keys: bytes, until: bytes) -> bytes:
    """Every byte ``argv`` writes on a 30 x 100 pty; ``keys`` are typed once ``until`` is shown."""
    session = PtyCommand(argv, env, rows=30, cols=100)
    try:
        assert session.wait_for(until), session.tail()
        session.send(keys)
        assert session.wait_exit() is not None, session.tail()
        return bytes(session.out)
    finally:
        session.close()


def test_no_hostile_byte_reaches_the_terminal(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    env = dict(clean_env, TERM="xterm-256color", HAMISH_CONFIG=str(tmp_path / "c.toml"))
    out = run_in_pty([hamish, str(article)], env, b"q", until=b"ok-marker")
    assert b"ok-marker" in out, out[-2000:]
    # The sequences from the article never appear raw ...
    for raw in (
        b"\x1b]0;PWNED",
        b"\x1b]0;TITLEPWN",
        b"\x1b[2J \x1b]52",
        b"\x1b]52;c;",
        b"\x1b]8;;http://evil",
        b"\x1bP1$r",
    ):
        assert raw not in out
    # ... but as visible stand-ins, ␛ and ␇ (styled apart, so their bytes
    # are not next to the text they stand before).
    assert "\u241b".encode() in out and "\u2407".encode() in out and b"]0;PWNED" in out
    assert b"[b]T[/b]" in out
    # No BEL but the one ending Textual's own pointer-shape sequence (OSC 22),
    # and no C1 control at all (Textual writes 7-bit sequences only).
    assert b"\x07" not in re.sub(rb"\x1b\]22;[a-z-]*\x07", b"", out)
    assert not re.search(rb"\xc2[\x80-\x9f]", out)
    # The terminal's bidi is off while hamish draws, and given back at exit.
    assert out.index(b"\x1b[8l") < out.index(b"ok-marker") < out.rindex(b"\x1b[8h")
    assert out.rindex(b"\x1b[8h") > out.rindex(b"\x1b[?1049l")  # after leaving the alternate screen
