"""`hamish serve` refuses, in one line and exit code 2, what it cannot serve."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from serve_process import free_port


def _serve(hamish: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [hamish, "serve", *args], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "hamish serve: no store: serving needs --store postgresql://…\n"),
        (
            ["--store", "out.jsonl"],
            "hamish serve: out.jsonl: serving needs --store postgresql://…\n",
        ),
        (
            ["--store", "postgresql://ann:s3cret@db.example/hamish"],
            "hamish serve: --store: a password in the store address is refused (the command "
            "line is visible to every user): put it in PGPASSFILE (~/.pgpass) or PGPASSWORD\n",
        ),
    ],
)
def test_no_team_store_no_server(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, args: list[str], expected: str
) -> None:
    env = dict(clean_env, HAMISH_CONFIG=str(tmp_path / "config.toml"))
    out = _serve(hamish, env, *args)
    assert (out.returncode, out.stderr, out.stdout) == (2, expected, "")


def test_a_store_out_of_reach_is_said_before_serving(
    hamish: str, clean_env: dict[str, str]
) -> None:
    store = f"postgresql://hamish@127.0.0.1:{free_port()}/team"
    out = _serve(hamish, clean_env, "--store", store)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith(f"hamish serve: {store}: ") and out.stderr.count("\n") == 1


def test_a_database_without_the_tables_is_said(
    hamish: str, clean_env: dict[str, str], pg_dsn: str
) -> None:
    out = _serve(hamish, clean_env, "--store", pg_dsn)
    assert (out.returncode, out.stdout) == (2, "")
    assert (
        out.stderr
        == f"hamish serve: {pg_dsn}: no hamish tables in the database: run hamish db init\n"
    )


def test_a_port_taken_is_one_line(hamish: str, clean_env: dict[str, str], team_dsn: str) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = _serve(hamish, clean_env, "--store", team_dsn, "--port", str(port))
    assert out.returncode == 2
    assert out.stderr.startswith(f"hamish serve: 127.0.0.1:{port}: ")
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
