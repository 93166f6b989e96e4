"""Each reader on small hand-made files, offsets counted by hand; and hostile files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.documents.errors import InputError
from reader.formats.brat import read_brat
from reader.formats.conll import read_conll
from reader.formats.detect import detect
from reader.formats.doccano import read_doccano
from reader.formats.labelstudio import read_labelstudio
from reader.formats.model import Report, SourceDoc
from reader.formats.prodigy import read_prodigy

DATA = Path(__file__).parents[1] / "data" / "formats"


def triples(doc: SourceDoc) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in doc.spans]


def write(path: Path, text: str) -> str:
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def test_doccano_utf16_offsets_become_code_points() -> None:
    report = Report()
    [doc] = read_doccano(str(DATA / "doccano_in.jsonl"), report)
    assert doc.text == "زار 😀 محمد بغداد"
    assert triples(doc) == [(6, 10, "PER"), (11, 16, "GPE")]  # UTF-16 7-11, 12-17
    assert doc.meta == {"id": 7}
    assert report.problems == [] and not report.skipped


def test_doccano_spans_that_do_not_fit_are_reported_by_line(tmp_path: Path) -> None:
    lines = [
        {"text": "😀ab", "label": [[1, 3, "X"]]},  # 1 is inside the emoji's pair
        {"text": "ab", "label": [[0, 10**30, "X"], [0, 1, ""], ["0", 1, "X"], [0, 1, "OK"]]},
        {"text": "ab", "label": [[True, 1, "X"], [0, 1]]},
        {"text": 5},
        [1, 2],
    ]
    body = (
        "\n".join(json.dumps(x) for x in lines) + '\n{"text": "a", "label": [[0, 1e999999, "X"]]}\n'
    )
    body += '{"text": "a", "label": [[0, ' + "9" * 5000 + ', "X"]]}\n{bad json\n'
    report = Report()
    docs = list(read_doccano(write(tmp_path / "d.jsonl", body), report))
    assert [triples(d) for d in docs] == [[], [(0, 1, "OK")], [], []]
    shown = [str(p) for p in report.problems]
    assert shown[0].startswith(f"{tmp_path / 'd.jsonl'}:1: span 0: 1-3 is not a UTF-16 offset")
    assert [s.split(": ")[0].rsplit(":", 1)[1] for s in shown] == [
        "1", "2", "2", "2", "3", "3", "4", "5", "6", "7", "8"
    ]  # fmt: skip
    assert (
        "0-1000000000000000000000000000000 is not a UTF-16 offset range of the text (0-2"
        in (shown[1])
    )
    assert "not whole numbers" in shown[3] and "not whole numbers" in shown[4]
    assert "bad JSON" in shown[-1] and "bad JSON" in shown[-2]
    assert report.skipped["spans that do not fit their text"] == 7


def test_prodigy_keeps_the_latest_save_of_each_document_and_annotator(tmp_path: Path) -> None:
    rows = [
        {"text": "ab cd", "_hamish_doc": "d1", "_annotator_id": "a", "answer": None,
         "spans": [{"start": 0, "end": 2, "label": "X"}]},
        {"text": "ab cd", "_hamish_doc": "d1", "_annotator_id": "b", "answer": "reject",
         "spans": []},
        {"text": "ab cd", "_hamish_doc": "d1", "_annotator_id": "a", "answer": "accept",
         "spans": [{"start": 3, "end": 5, "label": "Y", "text": "cd"}]},
    ]  # fmt: skip
    path = write(tmp_path / "out.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    report = Report()
    docs = list(read_prodigy(path, report))
    assert [(d.annotator, d.answer, triples(d)) for d in docs] == [
        ("a", "accept", [(3, 5, "Y")]),
        ("b", "reject", []),
    ]
    assert all(d.judged for d in docs)
    assert report.notes["earlier saves of a document, replaced by its latest"] == 1


def test_prodigy_span_whose_text_disagrees_is_skipped(tmp_path: Path) -> None:
    # Offsets counted in UTF-16, as if by another tool: 3-4 is "a" there, "b" here.
    row = {"text": "😀 ab", "spans": [{"start": 3, "end": 4, "label": "X", "text": "a"}]}
    report = Report()
    [doc] = read_prodigy(write(tmp_path / "p.jsonl", json.dumps(row)), report)
    assert doc.spans == () and not doc.judged
    assert "its text 'a' is not the text at 3-4" in str(report.problems[0])


def test_the_fixtures_latest_records_and_answers() -> None:
    docs = list(read_prodigy(str(DATA / "tricky.annotations.jsonl"), Report()))
    assert [(d.doc_id, d.answer) for d in docs] == [
        ("harakat-clitic-crlf", "accept"),
        ("tatweel-zwnj-cjk", "accept"),
        ("nested", "accept"),
        ("astral-letters", "accept"),
        ("unanswered", None),
        ("rejected", "reject"),
    ]
    first = docs[0]
    assert [first.text[s.start : s.end] for s in first.spans] == ["مُحَمَّدٌ", "بغداد", "العراق"]
    assert first.tokens is not None and (21, 26) in first.tokens  # بغداد cut from لبغداد


def test_label_studio_annotations_and_predictions() -> None:
    report = Report()
    docs = list(read_labelstudio(str(DATA / "labelstudio_in.json"), report))
    assert [(d.answer, d.annotator, triples(d)) for d in docs] == [
        ("accept", "2", [(6, 10, "PER"), (14, 17, "GPE")]),
        (None, "m1", [(0, 3, "PER")]),
    ]
    assert report.problems == []


def test_label_studio_with_wrong_types(tmp_path: Path) -> None:
    tasks = [
        {"id": 1, "data": {"text": "abc"}, "annotations": [{"result": [
            {"type": "labels", "value": {"start": "0", "end": 2, "labels": ["X"]}},
            {"type": "labels", "value": {"start": 0, "end": 2, "labels": [None]}},
            {"type": "choices", "value": {"choices": ["pos"]}},
            {"type": "labels", "value": {"start": 0, "end": 2, "text": "zz", "labels": ["X"]}},
            {"type": "labels", "value": {"start": 1, "end": 3, "labels": ["A", "B"]}},
        ]}]},
        {"id": 2, "data": ["not", "a", "dict"]},
        "a string",
        {"id": 3, "data": {"text": "x"}, "annotations": {"not": "a list"}},
        {"id": 4, "data": {"a": "one", "b": "two"}},
    ]  # fmt: skip
    report = Report()
    docs = list(read_labelstudio(write(tmp_path / "ls.json", json.dumps(tasks)), report))
    assert [triples(d) for d in docs] == [[(1, 3, "A"), (1, 3, "B")], []]
    shown = [str(p) for p in report.problems]
    assert len(shown) == 7
    assert "task 1 (id 1) annotation 1 result 1: offsets '0'-2 are not whole numbers" in shown[0]
    assert 'task 2 (id 2): no "data" object' in shown[3]
    assert report.skipped["Label Studio results that are not labelled text spans"] == 1


def test_label_studio_file_that_is_not_json(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="bad JSON"):
        list(read_labelstudio(write(tmp_path / "ls.json", "[{"), Report()))


def test_brat_reads_t_lines_and_counts_the_rest() -> None:
    report = Report()
    [doc] = read_brat(str(DATA / "brat_in"), report)
    assert doc.text == "🌍 مرحبا بغداد\nاليوم"
    assert triples(doc) == [(8, 13, "GPE")]
    assert report.skipped == {"discontinuous brat spans": 1, "brat relations (R lines)": 1}


def test_brat_with_bad_offsets(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "abc\r\ndef")
    ann = "T1\tX 0 99\tabc\nT2\tX -1 2\tab\nT3\tX 1 2\tzz\nT4\tX 3 6\t  d\n"
    ann += "T5 broken\nT6\tY 0 3\tabc\n"
    ann += "T7\tX 0 " + "9" * 400 + "\tabc\n"
    write(tmp_path / "a.ann", ann)
    report = Report()
    [doc] = read_brat(str(tmp_path / "a.txt"), report)
    assert triples(doc) == [(3, 6, "X"), (0, 3, "Y")]  # a CRLF in the text is two spaces
    lines = [p.line for p in report.problems]
    assert lines == [1, 2, 3, 5, 7]


def test_conll_iob1_iob2_biluo_and_docstart(tmp_path: Path) -> None:
    body = (
        "-DOCSTART- -X- O O\n\n"
        "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\nBritish JJ I-NP B-MISC\n\n"
        "-DOCSTART- -X- O O\n\n"
        "زار O\nجون B-PER\nبرينان I-PER\nبغداد U-GPE\nو O\nدبي B-GPE\nاليوم L-GPE\n"
    )
    report = Report()
    docs = list(read_conll(write(tmp_path / "x.conll", body), report))
    assert [d.text for d in docs] == [
        "EU rejects German British",
        "زار جون برينان بغداد و دبي اليوم",
    ]
    assert triples(docs[0]) == [(0, 2, "ORG"), (11, 17, "MISC"), (18, 25, "MISC")]
    assert triples(docs[1]) == [(4, 14, "PER"), (15, 20, "GPE"), (23, 32, "GPE")]
    assert report.problems == []


def test_conll_wojood_columns_are_nested_layers(tmp_path: Path) -> None:
    body = "محكمة B-ORG\nحكومة I-ORG B-ORG\nفلسطين I-ORG I-ORG B-GPE\nصادر O\n\nقال O\n"
    [doc] = read_conll(write(tmp_path / "w.txt", body), Report())
    assert doc.text == "محكمة حكومة فلسطين صادر\nقال"
    assert triples(doc) == [(0, 18, "ORG"), (6, 18, "ORG"), (12, 18, "GPE")]
    assert detect(str(tmp_path / "w.txt")) == "conll"


def test_conll_bad_tags_are_reported_and_read_as_o(tmp_path: Path) -> None:
    report = Report()
    [doc] = read_conll(write(tmp_path / "b.conll", "a X-PER\nb B-PER\nc\n"), report)
    assert triples(doc) == [(2, 3, "PER")]
    assert sorted((p.line, p.problem[:12]) for p in report.problems) == [
        (1, "tag 'X-PER' "),
        (3, "a token with"),
    ]


def test_detection_by_name_and_content(tmp_path: Path) -> None:
    assert detect(str(DATA / "doccano_in.jsonl")) == "doccano"
    assert detect(str(DATA / "tricky.annotations.jsonl")) == "prodigy"
    assert detect(str(DATA / "labelstudio_in.json")) == "labelstudio"
    assert detect(str(DATA / "brat_in")) == "brat"
    assert detect(str(DATA / "brat_in" / "news.txt")) == "brat"
    assert detect(write(tmp_path / "a.txt", "نص عادي.\n")) == "text"
    assert detect(write(tmp_path / "b.xml", '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI"/>')) == (
        "inception"
    )
    with pytest.raises(InputError, match="--from"):
        detect(write(tmp_path / "c.csv", "a,b\n"))
    with pytest.raises(InputError, match="no brat .ann, XMI .xmi or .jsonl record files"):
        detect(str(tmp_path))
