"""Counts say 1 in the singular: the helper, and the messages that go through it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli.export_main import export_main
from reader.plural import counted, have_spans


@pytest.mark.parametrize(
    ("n", "one", "many", "expected"),
    [
        (0, "feed", "", "0 feeds"),
        (1, "feed", "", "1 feed"),
        (2, "feed", "", "2 feeds"),
        (1, "new entry", "new entries", "1 new entry"),
        (3, "new entry", "new entries", "3 new entries"),
    ],
)
def test_counted(n: int, one: str, many: str, expected: str) -> None:
    assert counted(n, one, many) == expected


def test_counted_grouped_and_have_spans() -> None:
    assert counted(12345, "line", grouped=True) == "12,345 lines"
    assert counted(1, "line", grouped=True) == "1 line"
    assert have_spans(1) == "1 document has spans"
    assert have_spans(2) == "2 documents have spans"


def test_export_of_one_document_with_one_span_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = {
        "text": "John Smith",
        "spans": [{"start": 0, "end": 4, "label": "PER"}],
        "answer": "accept",
    }
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert export_main([str(source), "--to", "doccano", "-o", str(out)]) == 0
    said = capsys.readouterr().err
    assert f"wrote 1 of 1 document (1 span) to {out} as doccano" in said, said
