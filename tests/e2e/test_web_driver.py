"""The reader under Textual's web driver (as textual-serve runs it) runs; on a
plain pipe it still says it needs a terminal."""

from __future__ import annotations

import subprocess

from web_session import WebSession

from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
NEEDS_A_TERMINAL = b"hamish: the reader needs a terminal; `hamish render FILE` prints rows\n"


def test_the_web_driver_gets_the_reader(hamish: str, clean_env: dict[str, str]) -> None:
    session = WebSession([hamish, SEED], clean_env)
    try:
        session.wait_for(b"Shafaq News")  # the seed's byline, drawn through the packets
        assert session.prelude == b"__GANGLION__\n"
        session.keys("q")
        code = session.process.wait(30)
        assert session.process.stderr is not None
        assert (code, session.process.stderr.read()) == (0, b"")
    finally:
        session.close()


def test_a_pipe_with_another_driver_is_still_no_terminal(
    hamish: str, clean_env: dict[str, str]
) -> None:
    env = dict(clean_env, TEXTUAL_DRIVER="textual.drivers.linux_driver:LinuxDriver")
    out = subprocess.run([hamish, SEED], env=env, capture_output=True, stdin=subprocess.PIPE)
    assert (out.returncode, out.stderr) == (2, NEEDS_A_TERMINAL)


def test_a_refused_session_says_why_in_the_browser(
    hamish: str, clean_env: dict[str, str], team_dsn: str
) -> None:
    # Served, stderr reaches only the server's log: the page says it as well.
    session = WebSession([hamish, "--store", team_dsn, "--annotator=alice"], clean_env, cols=200)
    try:
        session.wait_for(b"the queue has no document left for alice")
        session.keys("q")
        code = session.process.wait(30)
        assert session.process.stderr is not None
        err = session.process.stderr.read().decode()
        assert (code, err) == (2, f"hamish: {team_dsn}: the queue has no document left for alice\n")
    finally:
        session.close()
