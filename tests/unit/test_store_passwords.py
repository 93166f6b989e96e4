"""A shared store whose role must give a password (scram-sha-256): the password
comes from PGPASSFILE or PGPASSWORD, and never shows in a message.

``password_dsn`` (pg_fixtures.py) is such a store, with no password in its DSN.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from review_data import AGREED_TEXT, TEXT
from team_data import answer, import_corpus, write_corpus

from reader.cli.args import USAGE_ERROR


def hamish(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, "PGPASSFILE": "/nonexistent/pgpass", **env},
        stdin=subprocess.DEVNULL,
    )


def pgpass(tmp_path: Path, dsn: str, password: str) -> str:
    """A password file for ``dsn``'s role, readable by its owner only (libpq insists)."""
    parts = urlsplit(dsn)
    path = tmp_path / "pgpass"
    path.write_text(f"{parts.hostname}:{parts.port}:*:{parts.username}:{password}\n")
    path.chmod(0o600)
    return str(path)


def test_the_password_comes_from_pgpassfile_or_pgpassword(
    password_dsn: tuple[str, str], tmp_path: Path
) -> None:
    dsn, password = password_dsn
    from_file = hamish("db", "status", "--store", dsn, PGPASSFILE=pgpass(tmp_path, dsn, password))
    assert from_file.returncode == 0, from_file.stderr
    assert "left" in from_file.stdout
    from_env = hamish("db", "status", "--store", dsn, PGPASSWORD=password)
    assert from_env.returncode == 0, from_env.stderr
    assert from_env.stdout == from_file.stdout


def test_no_password_or_a_wrong_one_is_one_line_without_it(
    password_dsn: tuple[str, str], tmp_path: Path
) -> None:
    dsn, password = password_dsn
    wrong = password[::-1]
    runs = [
        (["db", "status"], {}),
        (["db", "status"], {"PGPASSWORD": wrong}),
        (["db", "status"], {"PGPASSFILE": pgpass(tmp_path, dsn, wrong)}),
        (["agree"], {"PGPASSWORD": wrong}),
        (["review", "--labels", "PER"], {}),
    ]
    for command, env in runs:
        done = hamish(*command, "--store", dsn, **env)
        assert done.returncode == USAGE_ERROR, (command, env, done.stderr)
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("hamish "), done.stderr
        assert "password" in lines[0]  # libpq's reason: none supplied, or it failed
        assert wrong not in done.stderr + done.stdout
        assert password not in done.stderr + done.stdout


def test_agree_and_review_read_the_store_with_the_password_from_the_environment(
    password_dsn: tuple[str, str], tmp_path: Path, monkeypatch
) -> None:
    dsn, password = password_dsn
    monkeypatch.setenv("PGPASSWORD", password)
    import_corpus(dsn, write_corpus(tmp_path / "news.jsonl", [TEXT, AGREED_TEXT]), None)
    for who in ("alice", "bob"):
        answer(dsn, who, lambda text: [(0, 8, "ORG")])
    agreed = hamish("agree", "--store", dsn, "--json", PGPASSWORD=password)
    assert agreed.returncode == 0, agreed.stderr
    assert '"annotators": [\n    "alice",\n    "bob"\n  ]' in agreed.stdout
    # Everyone agrees on both documents: nothing is left for review to show.
    done = hamish("review", "--store", dsn, "--labels", "ORG", "--auto-accept", PGPASSWORD=password)
    assert done.returncode == 0, done.stderr
    assert "accepted 2 documents every annotator agrees on, unseen" in done.stderr
    assert password not in done.stderr + done.stdout
