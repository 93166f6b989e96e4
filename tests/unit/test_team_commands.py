"""`hamish db import/status`, and export and agree straight from a shared store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import psycopg

from reader.annotation.hashing import input_hash
from reader.team.connection import connect
from reader.team.queue import claim_batch
from reader.team.store import TeamStore


def hamish(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    rows = [
        {"text": "زار محمد بغداد", "meta": {"id": "a"}},
        {"text": "وصل علي إلى البصرة", "meta": {"id": "b"}},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return path


def annotate(dsn: str, who: str, spans: dict[str, list[tuple[int, int, str]]]) -> None:
    """``who`` claims both documents and answers them with ``spans`` (by text's first word)."""
    with connect(dsn) as conn:
        records = claim_batch(conn, who, 2)
    store, _ = TeamStore.open(dsn, who)
    for record in records:
        mine = spans[record["text"].split()[0]]
        store.append_full(
            {
                **record,
                "_hamish_doc": f"_task_hash={record['_task_hash']}",
                "_input_hash": input_hash(record["text"]),
                "spans": [{"start": a, "end": b, "label": lab} for a, b, lab in mine],
                "answer": "accept",
                "_annotator_id": who,
            }
        )
    store.close()


def test_import_then_status(team_dsn: str, tmp_path: Path) -> None:
    path = corpus(tmp_path)
    done = hamish("db", "import", str(path), "--store", team_dsn, "--per-task", "2")
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith(f"{path}: 2 documents added, 0 there already\n")
    again = hamish("db", "import", str(path), "--store", team_dsn)
    assert "0 documents added, 2 there already" in again.stderr
    annotate(team_dsn, "amira", {"زار": [(4, 8, "PER")], "وصل": []})
    status = hamish("db", "status", "--store", team_dsn)
    assert status.returncode == 0, status.stderr
    lines = status.stdout.splitlines()
    assert lines[0].endswith(
        "2 documents: 0 done, 0 in progress, 2 left; 0 agreement-ready (answered by two or more)"
    )
    assert lines[1].split() == ["annotator", "answered", "in", "progress", "agreement-ready"]
    assert lines[2].split() == ["amira", "2", "0", "0"]
    bad = hamish("db", "import", str(path), "--store", team_dsn, "--per-task", "0")
    assert bad.returncode == 2 and "--per-task" in bad.stderr


def test_export_and_agree_read_the_store(team_dsn: str, tmp_path: Path) -> None:
    assert hamish("db", "import", str(corpus(tmp_path)), "--store", team_dsn, "--per-task", "2")
    annotate(team_dsn, "amira", {"زار": [(4, 8, "PER"), (9, 14, "GPE")], "وصل": [(4, 7, "PER")]})
    annotate(team_dsn, "bilal", {"زار": [(4, 8, "PER")], "وصل": [(4, 7, "PER")]})
    out = tmp_path / "all.jsonl"
    done = hamish("export", "--store", team_dsn, "--to", "prodigy", "--output", str(out))
    assert done.returncode == 0, done.stderr
    got = sorted(
        (r["_annotator_id"], r["text"], [(s["start"], s["end"], s["label"]) for s in r["spans"]])
        for r in map(json.loads, out.read_text().splitlines())
    )
    assert got == [
        ("amira", "زار محمد بغداد", [(4, 8, "PER"), (9, 14, "GPE")]),
        ("amira", "وصل علي إلى البصرة", [(4, 7, "PER")]),
        ("bilal", "زار محمد بغداد", [(4, 8, "PER")]),
        ("bilal", "وصل علي إلى البصرة", [(4, 7, "PER")]),
    ]
    agree = hamish("agree", team_dsn, "--json")
    assert agree.returncode == 0, agree.stderr
    result = json.loads(agree.stdout)
    assert sorted(result["annotators"]) == ["amira", "bilal"]
    # 2 of amira's 3 spans are bilal's 2: strict F1 = 2*2/(3+2) = 0.8
    (pair,) = result["pairs"]
    assert abs(pair["strict"]["f1"] - 0.8) < 1e-9


def test_the_config_store_is_read_when_no_input_is_given(team_dsn: str, tmp_path: Path) -> None:
    import os

    assert hamish("db", "import", str(corpus(tmp_path)), "--store", team_dsn).returncode == 0
    annotate(team_dsn, "amira", {"زار": [(4, 8, "PER")], "وصل": []})
    config = tmp_path / "config.toml"
    config.write_text(f'store = "{team_dsn}"\n')
    env = dict(os.environ, HAMISH_CONFIG=str(config))
    done = hamish("export", "--to", "prodigy", "--output", "-", env=env)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2
    status = hamish("db", "status", env=env)
    assert status.returncode == 0 and "2 documents" in status.stdout


def test_an_unreachable_store_or_one_without_tables_is_one_line(pg_dsn: str) -> None:
    from pg_server import free_port

    for url in (f"postgresql://x@127.0.0.1:{free_port()}/none", pg_dsn):
        done = hamish("export", "--store", url, "--to", "prodigy", "--output", "-")
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert "Traceback" not in done.stderr
    with psycopg.connect(pg_dsn) as conn:
        assert conn.execute("SELECT to_regclass('tasks')").fetchone() == (None,)


def test_the_reader_on_an_empty_queue_or_an_unreachable_store_says_so_in_one_line(
    team_dsn: str,
) -> None:
    from pg_server import free_port

    empty = hamish("--store", team_dsn, "--annotator", "amira", "--labels", "PER")
    assert empty.returncode == 2
    assert empty.stderr.endswith("the queue has no document left for amira\n"), empty.stderr
    assert empty.stderr.count("\n") == 1
    gone = hamish("--store", f"postgresql://x@127.0.0.1:{free_port()}/t", "--labels", "PER")
    assert gone.returncode == 2 and gone.stderr.count("\n") == 1, gone.stderr
    assert "Traceback" not in gone.stderr
    both = hamish("--store", team_dsn, "--output", "x.jsonl", "--labels", "PER")
    assert both.returncode == 2 and "not both" in both.stderr


def test_review_reads_the_config_store_when_no_file_is_given(team_dsn: str, tmp_path: Path) -> None:
    import os

    imported = hamish("db", "import", str(corpus(tmp_path)), "--store", team_dsn, "--per-task", "2")
    assert imported.returncode == 0, imported.stderr
    for who in ("amira", "bob"):  # they agree: everything can be accepted unseen
        annotate(team_dsn, who, {"زار": [(4, 8, "PER")], "وصل": [(4, 7, "PER")]})
    config = tmp_path / "config.toml"
    config.write_text(f'store = "{team_dsn}"\n')
    env = dict(os.environ, HAMISH_CONFIG=str(config))
    gold = tmp_path / "gold.jsonl"
    to_file = hamish("review", "--labels", "PER", "--auto-accept", "--output", str(gold), env=env)
    assert to_file.returncode == 0, to_file.stderr
    assert "accepted 2 documents every annotator agrees on, unseen" in to_file.stderr
    assert len(gold.read_text(encoding="utf-8").splitlines()) == 2
    into_store = hamish("review", "--labels", "PER", "--auto-accept", env=env)
    assert into_store.returncode == 0, into_store.stderr
    assert "accepted 2 documents" in into_store.stderr
    with psycopg.connect(team_dsn) as conn:
        reviewed = conn.execute("SELECT count(*) FROM changes WHERE record ? '_review'").fetchone()
    assert reviewed == (2,)
    no_config = dict(os.environ, HAMISH_CONFIG=str(tmp_path / "none.toml"))
    refused = hamish("review", "--labels", "PER", "--auto-accept", env=no_config)
    assert refused.returncode == 2 and "give --output GOLD.jsonl or --store URL" in refused.stderr
