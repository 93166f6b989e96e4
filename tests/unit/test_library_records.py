"""Record files: lazily indexed JSONL, parsed JSON, and one-line errors per record."""

from __future__ import annotations

import io
import json
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.documents import InputError
from reader.library import RecordFile
from reader.library import record_files as records_module
from reader.library.record_files import TITLE_LENGTH, _index_lines, _json_values


def write_lines(path: Path, *lines: str) -> str:
    path.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))
    return str(path)


def test_prodigy_records_keep_meta_raw_and_titles(tmp_path: Path) -> None:
    p = write_lines(
        tmp_path / "news.jsonl",
        json.dumps(
            {
                "text": "قال محمد إن بغداد جميلة",
                "meta": {"source": "Shafaq News", "title": "عنوان"},
                "_input_hash": 123,
                "_task_hash": 456,
            },
            ensure_ascii=False,
        ),
        json.dumps({"text": "Second.\nMore", "meta": {"source": "x"}, "title": "Own title"}),
        json.dumps({"text": "  \nFirst real line here\nsecond", "meta": {"title": " "}}),
    )
    records = RecordFile(p)
    assert len(records) == 3
    first = records.record(0)
    assert first.text == "قال محمد إن بغداد جميلة"
    assert first.meta == {"source": "Shafaq News", "title": "عنوان"}
    assert first.title == "عنوان"
    assert first.raw["_input_hash"] == 123 and first.raw["_task_hash"] == 456
    assert (first.line, first.index) == (1, 0)
    # A top-level "title" wins over meta's; a blank meta title does not count.
    assert records.record(1).title == "Own title"
    assert records.record(2).title == "First real line here"
    assert records.record(2).line == 3


def test_doccano_record_without_meta(tmp_path: Path) -> None:
    row = {"id": 7, "text": "Ahmed went to Basra", "label": [[0, 5, "PER"], [14, 19, "LOC"]]}
    records = RecordFile(write_lines(tmp_path / "doccano.jsonl", json.dumps(row)))
    record = records.record(0)
    assert record.meta == {}
    assert record.title == "Ahmed went to Basra"
    assert record.raw == row
    spans = [record.text[start:end] for start, end, _ in record.raw["label"]]
    assert spans == ["Ahmed", "Basra"]


def test_blank_lines_are_not_records_but_count_as_lines(tmp_path: Path) -> None:
    p = tmp_path / "gaps.jsonl"
    # Lines: 1 empty, 2 record, 3 empty, 4 spaces and CR, 5 record (CRLF), 6 empty,
    # 7 record without a final newline.
    p.write_bytes(b'\n{"text": "a"}\n\n  \t\r\n{"text": "b"}\r\n\n{"text": "c"}')
    records = RecordFile(str(p))
    assert len(records) == 3
    assert [records.line_of(i) for i in range(3)] == [2, 5, 7]
    assert [records.record(i).text for i in range(3)] == ["a", "b", "c"]
    assert list(records.problems()) == []


def test_malformed_line_in_the_middle(tmp_path: Path) -> None:
    p = write_lines(
        tmp_path / "bad.jsonl",
        '{"text": "one"}',
        '{"text": "two"}',
        '{"text": "x",}',
        '{"text": "four"}',
    )
    records = RecordFile(p)
    assert len(records) == 4
    with pytest.raises(InputError) as err:
        records.record(2)
    assert str(err.value) == (
        f"{p}:3: bad JSON: Expecting property name enclosed in double quotes at column 14"
    )
    assert err.value.line == 3
    assert records.record(1).text == "two"
    assert records.record(3).text == "four"


def test_non_utf8_line(tmp_path: Path) -> None:
    p = tmp_path / "latin1.jsonl"
    p.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "fine"}\n')
    records = RecordFile(str(p))
    with pytest.raises(InputError) as err:
        records.record(1)
    # {"text": "caf is 13 bytes; the offset counts from the start of the line.
    assert str(err.value) == f"{p}:2: not UTF-8: byte 0xe9 at byte offset 13 in this line"
    assert records.record(2).text == "fine"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"meta": {"title": "t"}}', 'record has no "text"'),
        ('{"text": 5}', '"text" is a number, not a string'),
        ('{"text": null}', '"text" is null, not a string'),
        ("[1, 2]", "record is an array, not an object"),
        ('"just text"', "record is a string, not an object"),
        ('{"text": "a", "meta": [1]}', '"meta" is an array, not an object'),
        ('{"text": "a"} {"text": "b"}', "bad JSON: Extra data at column 15"),
        ('{"text": "ab', "bad JSON: Unterminated string starting at column 10"),
        ("[" * 100_000, "bad JSON: nested too deeply"),
    ],
)
def test_bad_records(tmp_path: Path, line: str, problem: str) -> None:
    p = write_lines(tmp_path / "r.jsonl", '{"text": "ok"}', line)
    with pytest.raises(InputError) as err:
        RecordFile(p).record(1)
    assert str(err.value) == f"{p}:2: {problem}"


def test_meta_null_is_no_meta(tmp_path: Path) -> None:
    p = write_lines(tmp_path / "r.jsonl", '{"text": "a", "meta": null}')
    assert RecordFile(p).record(0).meta == {}


def test_problems_lists_every_bad_record_in_order(tmp_path: Path) -> None:
    p = write_lines(
        tmp_path / "mixed.jsonl",
        '{"text": "one"}',
        "{oops",
        "",
        '{"text": 1}',
        '{"text": "five"}',
        "[]",
    )
    records = RecordFile(p)
    assert len(records) == 5
    found = [str(problem) for problem in records.problems()]
    assert found == [
        f"{p}:2: bad JSON: Expecting property name enclosed in double quotes at column 2",
        f'{p}:4: "text" is a number, not a string',
        f"{p}:6: record is an array, not an object",
    ]
    assert [e.line for e in records.problems(limit=2)] == [2, 4]
    assert list(records.problems(limit=0)) == []


def test_problems_in_a_worker_while_records_are_read(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"record {i}"}) for i in range(2000)]
    lines[1500] = '{"text": }'
    records = RecordFile(write_lines(tmp_path / "r.jsonl", *lines))
    found: list[InputError] = []
    worker = threading.Thread(target=lambda: found.extend(records.problems()))
    worker.start()
    texts = [records.record(i).text for i in range(0, 1500, 7)]
    worker.join()
    assert texts == [f"record {i}" for i in range(0, 1500, 7)]
    assert [e.line for e in found] == [1501]


def test_bom_at_the_start_is_skipped(tmp_path: Path) -> None:
    p = tmp_path / "bom.jsonl"
    p.write_bytes(b'\xef\xbb\xbf{"text": "a"}\n{"text": "b"}\n')
    records = RecordFile(str(p))
    assert [records.record(i).text for i in range(2)] == ["a", "b"]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'{"text": "a"}\n\x00\x01', "2: binary file (NUL byte at byte offset 14)"),
        (b"", None),
        (b"\n \n", None),
    ],
)
def test_whole_file_problems(tmp_path: Path, data: bytes, problem: str | None) -> None:
    p = tmp_path / "f.jsonl"
    p.write_bytes(data)
    if problem is None:
        assert len(RecordFile(str(p))) == 0
        return
    with pytest.raises(InputError) as err:
        RecordFile(str(p))
    assert str(err.value) == f"{p}:{problem}"


def test_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        RecordFile(str(tmp_path / "nope.jsonl"))
    assert str(err.value) == f"{tmp_path / 'nope.jsonl'}: no such file"
    with pytest.raises(InputError) as err:
        RecordFile(str(tmp_path))
    assert str(err.value) == f"{tmp_path}: is a directory"


def test_file_removed_after_indexing(tmp_path: Path) -> None:
    p = tmp_path / "gone.jsonl"
    records = RecordFile(write_lines(p, '{"text": "a"}'))
    p.unlink()
    with pytest.raises(InputError, match="no such file"):
        records.record(0)


def test_file_changed_after_indexing(tmp_path: Path) -> None:
    p = tmp_path / "grown.jsonl"
    records = RecordFile(write_lines(p, '{"text": "a"}', '{"text": "b"}'))
    p.write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        records.record(1)
    assert str(err.value) == f"{p}: the file changed since it was opened"
    with pytest.raises(InputError, match="changed"):
        list(records.problems())


def test_index_out_of_range(tmp_path: Path) -> None:
    records = RecordFile(write_lines(tmp_path / "r.jsonl", '{"text": "a"}'))
    with pytest.raises(IndexError):
        records.record(1)
    with pytest.raises(IndexError):
        records.line_of(-1)


# Titles


def title_of(tmp_path: Path, text: str) -> str:
    p = write_lines(tmp_path / "t.jsonl", json.dumps({"text": text}))
    return RecordFile(p).record(0).title


def test_title_is_the_first_line_cut_at_sixty(tmp_path: Path) -> None:
    assert TITLE_LENGTH == 60
    assert title_of(tmp_path, "x" * 60 + "\nrest") == "x" * 60
    assert title_of(tmp_path, "x" * 61) == "x" * 60 + "…"
    assert title_of(tmp_path, "ab " * 20 + "cd") == ("ab " * 20).rstrip() + "…"


def test_title_keeps_harakat_with_their_letter(tmp_path: Path) -> None:
    fatha, shadda = "\u064e", "\u0651"
    line = "ب" * 60 + shadda + fatha + "ت"
    assert title_of(tmp_path, line) == "ب" * 60 + shadda + fatha + "…"
    # Marks at the end are no reason for an ellipsis.
    assert title_of(tmp_path, "ب" * 60 + fatha) == "ب" * 60 + fatha


def test_title_of_an_empty_record(tmp_path: Path) -> None:
    p = write_lines(tmp_path / "t.jsonl", '{"text": "a"}', '{"text": " \\n "}')
    assert RecordFile(p).record(1).title == "record 2"


# .json files


def test_json_array(tmp_path: Path) -> None:
    p = tmp_path / "tasks.json"
    p.write_text(
        '[\n  {"text": "one"},\n  {"text": "two", "meta": {"title": "T"}},\n  {"nope": 1}\n]\n',
        encoding="utf-8",
    )
    records = RecordFile(str(p))
    assert len(records) == 3
    assert [records.line_of(i) for i in range(3)] == [2, 3, 4]
    assert records.record(0).text == "one"
    assert records.record(1).title == "T"
    with pytest.raises(InputError) as err:
        records.record(2)
    assert str(err.value) == f'{p}:4: record has no "text"'
    assert [str(e) for e in records.problems()] == [str(err.value)]


def test_json_single_object(tmp_path: Path) -> None:
    p = tmp_path / "one.json"
    p.write_text('{"text": "solo", "meta": {"source": "s"}}', encoding="utf-8")
    records = RecordFile(str(p))
    assert len(records) == 1
    assert records.record(0).meta == {"source": "s"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"title": "no text"}', '1: record has no "text"'),
        ("42", "1: not a record: expected an array of objects or one object"),
        ('[{"text": "a"} {"text": "b"}]', "1: bad JSON: Expecting ',' delimiter at column 16"),
        ('[\n {"text": "a"},\n {"text": "b"},\n]', "4: bad JSON: Expecting value at column 1"),
        ('[{"text": "a"}] []', "1: bad JSON: Extra data at column 17"),
        ("[", "1: bad JSON: Expecting value at column 2"),
    ],
)
def test_json_file_problems(tmp_path: Path, text: str, problem: str) -> None:
    p = tmp_path / "bad.json"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        RecordFile(str(p))
    assert str(err.value) == f"{p}:{problem}"


@given(st.recursive(st.none() | st.integers() | st.text(max_size=3), st.lists, max_leaves=8))
def test_json_walk_agrees_with_json_loads(value: Any) -> None:
    # Whatever json.loads makes of an array, the item walk finds the same items.
    text = json.dumps(value if isinstance(value, list) else [value], indent=1)
    is_array, found = _json_values(text)
    assert is_array
    assert [item for _, item in found] == json.loads(text)


# The index


def naive_index(data: bytes) -> tuple[list[int], list[int]]:
    """Offsets and line numbers of the non-blank lines, the obvious way."""
    starts, lines, offset = [], [], 0
    if data.startswith(b"\xef\xbb\xbf"):
        offset = 3
    for number, line in enumerate(data[offset:].split(b"\n"), 1):
        if line.strip(b" \t\r"):
            starts.append(offset)
            lines.append(number)
        offset += len(line) + 1
    return starts, lines


@given(
    st.lists(
        st.sampled_from([b"", b" ", b"\r", b"\t \r", b"{}", b" {} ", b"\xd8\xa8"]), max_size=30
    ),
    st.booleans(),
    st.integers(1, 9),
)
def test_index_agrees_with_splitting(parts: list[bytes], bom: bool, chunk_size: int) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + b"\n".join(parts)
    starts, lines = _index_lines(io.BytesIO(data), "f", chunk_size)
    assert (list(starts), list(lines)) == naive_index(data)


def test_hundred_thousand_records_are_indexed_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "big.jsonl"
    with p.open("w", encoding="utf-8") as f:
        for i in range(100_000):
            if i == 50_000:
                f.write("\n")  # one blank line: later records are a line further down
            row = {"text": f"السجل رقم {i} " + "ن" * 80, "meta": {"n": i}}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    calls = 0
    real_loads = records_module.json_loads

    def counting_loads(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return real_loads(*args, **kwargs)

    monkeypatch.setattr(records_module, "json_loads", counting_loads)
    tracemalloc.start()
    try:
        records = RecordFile(str(p))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert calls == 0
    assert len(records) == 100_000
    # The file is about 20 MB; the index holds two 8-byte numbers per record
    # and reads 1 MiB at a time.
    assert p.stat().st_size > 15_000_000
    assert peak < 6_000_000
    last = records.record(99_999)
    assert calls == 1
    assert last.text == "السجل رقم 99999 " + "ن" * 80
    assert last.meta == {"n": 99_999}
    assert last.line == 100_001
    assert records.record(49_999).line == 50_000
    assert records.record(50_000).line == 50_002
