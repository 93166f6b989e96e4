"""JSON hamish did not write: huge integers, NaN, deep nesting, lone surrogates.

Records, outputs and patterns files all go through one loader; each of these
is a one-line problem naming the file and line, never a ValueError,
RecursionError or UnicodeEncodeError escaping, and what hamish writes is
strict JSON.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.annotation.hashing import doc_id_for, task_hash
from reader.annotation.patterns import load_patterns
from reader.annotation.store import AnnotationStore, StoreError
from reader.documents import InputError
from reader.library import RecordFile

HUGE = "1" * 5000  # more digits than int() takes from a string
DEEP = "[" * 100_000 + "]" * 100_000

# (a JSON value to put in a line, the problem reported for it)
BAD_VALUES = [
    ("NaN", "bad JSON: NaN is not JSON"),
    ("Infinity", "bad JSON: Infinity is not JSON"),
    ("-Infinity", "bad JSON: -Infinity is not JSON"),
    ("1e400", "bad JSON: the number 1e400 is too large"),
    (HUGE, "bad JSON: an integer of more than 4300 digits"),
]
DEEP_VALUE = (DEEP, "bad JSON: nested too deeply")  # records and outputs said so already


def write_lines(path: Path, *lines: str) -> str:
    path.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))
    return str(path)


# -- records -------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "problem"), BAD_VALUES)
def test_a_record_with_a_value_json_does_not_allow_is_that_record_s_error(
    tmp_path: Path, value: str, problem: str
) -> None:
    p = write_lines(tmp_path / "r.jsonl", '{"text": "a"}', f'{{"text": "b", "n": {value}}}')
    records = RecordFile(p)
    with pytest.raises(InputError) as err:
        records.record(1)
    assert str(err.value) == f"{p}:2: {problem}"
    # The library's background check meets it the same way, and goes on.
    assert [str(e) for e in records.problems()] == [f"{p}:2: {problem}"]
    assert records.record(0).text == "a"


@pytest.mark.parametrize(("value", "problem"), BAD_VALUES)
def test_a_json_file_names_the_record_s_line(tmp_path: Path, value: str, problem: str) -> None:
    p = tmp_path / "r.json"
    p.write_text(f'[\n  {{"text": "a"}},\n  {{"text": "b",\n   "n": {value}}}\n]\n')
    with pytest.raises(InputError) as err:
        RecordFile(str(p))
    assert str(err.value) == f"{p}:3: {problem}"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (r"\ud800", '"text" holds a lone surrogate (U+D800) at offset 0'),
        (r"abc \udfff", '"text" holds a lone surrogate (U+DFFF) at offset 4'),
    ],
)
def test_a_record_whose_text_holds_a_lone_surrogate_is_refused(
    tmp_path: Path, text: str, problem: str
) -> None:
    # No file can hold it as UTF-8: the record's first save would fail.
    p = write_lines(tmp_path / "r.jsonl", f'{{"text": "{text}"}}', r'{"text": "\ud83d\ude00 ok"}')
    records = RecordFile(p)
    with pytest.raises(InputError) as err:
        records.record(0)
    assert str(err.value) == f"{p}:1: {problem}"
    assert records.record(1).text == "\U0001f600 ok"  # a proper pair is one character


@pytest.mark.parametrize(
    ("meta", "problem"),
    [
        (r'{"source": "\udc80"}', '"meta": a string holds a lone surrogate (U+DC80)'),
        (r'{"\ud800": 1}', '"meta": a string holds a lone surrogate (U+D800)'),
        ('{"a": ' + "[" * 120 + "]" * 120 + "}", '"meta": nested more than 100 deep'),
    ],
)
def test_a_record_whose_meta_cannot_be_saved_is_refused(
    tmp_path: Path, meta: str, problem: str
) -> None:
    # The meta is written back with every save of the document.
    p = write_lines(tmp_path / "r.jsonl", f'{{"text": "a", "meta": {meta}}}')
    with pytest.raises(InputError) as err:
        RecordFile(p).record(0)
    assert str(err.value) == f"{p}:1: {problem}"


# -- patterns ------------------------------------------------------------------------------


def test_pattern_lines_json_does_not_allow_are_reported_and_skipped(tmp_path: Path) -> None:
    good = '{"label": "GPE", "pattern": "بغداد"}'
    cases = [*BAD_VALUES, DEEP_VALUE]
    bad = [f'{{"label": "GPE", "pattern": "x", "n": {value}}}' for value, _ in cases]
    p = write_lines(tmp_path / "p.jsonl", good, *bad)
    patterns, problems = load_patterns(p, ["GPE"])
    assert [x.phrase for x in patterns] == ["بغداد"]
    assert problems == [f"{p}:{n}: {problem}" for n, (_, problem) in enumerate(cases, 2)]


def test_a_pattern_whose_label_is_not_in_use_is_reported_and_skipped(tmp_path: Path) -> None:
    p = write_lines(
        tmp_path / "p.jsonl",
        '{"label": "GPE", "pattern": "بغداد"}',
        '{"label": "LOC", "pattern": "دجلة"}',
        '{"label": "gpe", "pattern": "الموصل"}',
    )
    patterns, problems = load_patterns(p, ["PER", "ORG", "GPE"])
    assert [(x.label, x.phrase) for x in patterns] == [("GPE", "بغداد")]
    assert problems == [
        f'{p}:2: label "LOC" is not one of PER, ORG, GPE',
        f'{p}:3: label "gpe" is not one of PER, ORG, GPE',
    ]


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        ([], ": no patterns"),
        (["", "  "], ": no patterns"),
        (
            ['{"label": "LOC", "pattern": "x"}'],
            ':1: no usable pattern: label "LOC" is not one of PER',
        ),
        (
            ["[", '{"label": "PER", "pattern": ""}', '{"label": "PER"}'],
            ":1: no usable pattern: bad JSON: Expecting value at column 2 (and 2 more bad lines)",
        ),
    ],
)
def test_a_patterns_file_with_no_usable_pattern_is_refused(
    tmp_path: Path, lines: list[str], problem: str
) -> None:
    p = write_lines(tmp_path / "p.jsonl", *lines)
    with pytest.raises(InputError) as err:
        load_patterns(p, ["PER"])
    assert str(err.value) == f"{p}{problem}"


# -- the output file ----------------------------------------------------------------------


def saved(task: int, **extra: object) -> str:
    return json.dumps({"text": "نص", "_task_hash": task, "answer": "accept", **extra})


@pytest.mark.parametrize(("value", "problem"), BAD_VALUES)
def test_an_output_line_json_does_not_allow_is_skipped_and_reported(
    tmp_path: Path, value: str, problem: str
) -> None:
    out = tmp_path / "out.jsonl"
    bad = saved(2)[:-1] + f', "n": {value}}}'
    write_lines(out, saved(1), bad, saved(3))
    store, problems = AnnotationStore.open(str(out))
    with store:
        assert problems == [f"{out}:2: {problem}; skipped"]
        assert 1 in store and 3 in store and 2 not in store


def test_the_line_of_each_latest_record_is_known(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    write_lines(out, saved(1), "", saved(2), saved(1, answer="reject"))
    store, _ = AnnotationStore.open(str(out))
    with store:
        assert store.latest_line(1) == (json.loads(saved(1, answer="reject")), 4)
        assert store.latest_line(2) == (json.loads(saved(2)), 3)
        store.append(json.loads(saved(2, answer="ignore")))
        assert store.latest_line(2) == (json.loads(saved(2, answer="ignore")), 5)
        assert store.latest_line(9) is None


def test_a_torn_last_line_does_not_count_as_a_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes((saved(1) + "\n" + saved(2)[:10]).encode())
    store, problems = AnnotationStore.open(str(out))
    with store:
        assert problems == [] and store.torn is not None and "torn last line" in store.torn
        store.set_torn_aside()
        store.append(json.loads(saved(3)))
        assert store.latest_line(3) == (json.loads(saved(3)), 2)


def test_a_record_after_a_torn_line_still_in_place_is_on_the_line_after_it(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes((saved(1) + "\n" + saved(2)[:10]).encode())
    store, _ = AnnotationStore.open(str(out))
    with store:
        store.append(json.loads(saved(3)))  # the torn line 2 stays until it is moved aside
        assert store.latest_line(3) == (json.loads(saved(3)), 3)
    assert json.loads(out.read_bytes().decode().split("\n")[2]) == json.loads(saved(3))


def test_nan_is_never_written(tmp_path: Path) -> None:
    store, _ = AnnotationStore.open(str(tmp_path / "out.jsonl"))
    with store, pytest.raises(ValueError, match="must be JSON"):
        store.append({"_task_hash": 1, "score": float("nan")})
    assert not (tmp_path / "out.jsonl").exists()  # made by this run, nothing written: removed


def test_a_lone_surrogate_is_saved_as_its_escape_and_read_back(tmp_path: Path) -> None:
    # A file name that is not UTF-8 reaches the record as a lone surrogate.
    out = tmp_path / "out.jsonl"
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    record = {"_task_hash": task_hash(doc_id_for(name)), "_hamish_file": name, "text": "x"}
    store, _ = AnnotationStore.open(str(out))
    with store:
        store.append(record)
    data = out.read_bytes()
    assert b'"_hamish_file":"caf\\udce9.txt"' in data
    data.decode("utf-8")  # strict UTF-8
    store, problems = AnnotationStore.open(str(out))
    with store:
        assert problems == [] and store.latest(record["_task_hash"]) == record


def test_a_special_output_file_is_refused_before_it_is_locked_or_read(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        AnnotationStore.open("/dev/full")
    assert str(err.value) == (
        "/dev/full: not a regular file (a character device); hamish writes only regular files"
    )
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="a FIFO"):
        AnnotationStore.open(str(fifo))
    assert not (tmp_path / "out.jsonl.lock").exists()
