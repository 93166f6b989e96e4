"""`hamish compact FILE`, the installed command: one full record per document, and
never while a hamish is annotating into the file."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from e2e_helpers import one_line_error, records, shown
from record_schema import validate_record

from reader.annotation.tokens import tokenize
from reader.documents import load_article
from reader.files.bundled import sample_path

SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
TEXT = load_article(SEED).text
TOKENS = tokenize(TEXT)
LEFT = b"\x1b[D"


def compact(hamish: str, env: dict[str, str], path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [hamish, "compact", str(path)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_compact_refuses_a_file_in_use_then_keeps_one_full_record_per_document(
    hamish: str, run, clean_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    child = run([hamish, "--labels", "PER,ORG,GPE", "--output", str(out), SEED])
    assert shown(child) == 0
    child.send(b"1")
    child.send(LEFT)
    child.send(b"3")
    assert child.wait_for(b"2 spans"), child.tail()
    child.send(b"\x13")  # Ctrl+S
    assert child.wait_for(re.compile(rb"\bsaved \d\d:\d\d")), child.tail()
    tagging = records(out)
    assert tagging and all(r.get("_hamish_change") is True for r in tagging)

    refused = compact(hamish, clean_env, out)
    line = one_line_error(refused)
    assert line == f"hamish compact: {out}: in use by another hamish (pid {child.pid})"
    assert records(out) == tagging

    child.send(b"q")
    assert child.wait_exit() == 0, child.tail()
    before = out.read_bytes()
    assert len(records(out)) == len(tagging) + 1  # the session's end: the full record

    done = compact(hamish, clean_env, out)
    assert done.returncode == 0, done.stderr
    (said,) = done.stderr.splitlines()
    assert said.startswith(f"hamish compact: {out}: {len(tagging) + 1} lines,")
    assert said.endswith(f" → 1 document, {out.stat().st_size / 1000:.1f} KB")
    (record,) = records(out)
    assert out.stat().st_size < len(before)
    assert validate_record(record) == [] and record["text"] == TEXT
    expected = [(TOKENS[0].start, TOKENS[0].end, "PER"), (TOKENS[1].start, TOKENS[1].end, "GPE")]
    assert [(s["start"], s["end"], s["label"]) for s in record["spans"]] == expected
    assert list(tmp_path.glob(".out.jsonl.*")) == []


def test_compact_refuses_what_is_not_an_output(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.jsonl"
    assert one_line_error(compact(hamish, clean_env, missing)) == (
        f"hamish compact: {missing}: no such file"
    )
    assert not missing.exists()
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    line = one_line_error(compact(hamish, clean_env, notes))
    assert line.startswith(f"hamish compact: {notes}:1: not a hamish/Prodigy annotation record")
    assert notes.read_text(encoding="utf-8") == "my notes\n"
