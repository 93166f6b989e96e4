"""Each writer on small hand-made documents; the export filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.formats.brat import write_brat
from reader.formats.conll import write_conll
from reader.formats.doccano import write_doccano
from reader.formats.labelstudio import write_labelstudio
from reader.formats.layers import flat, nested
from reader.formats.model import Report, SourceDoc, SourceSpan
from reader.formats.prodigy import write_prodigy
from reader.formats.select import parse_answers, select
from reader.formats.writing import FileNames

TEXT = "زار 😀 جامعة بغداد\nاليوم"  # 😀 is code point 4; جامعة 6-11, بغداد 12-17, اليوم 18-23


def doc(*spans: tuple[int, int, str], **kw: object) -> SourceDoc:
    fields: dict = {"text": TEXT, "path": "in", "where": "in:1", "doc_id": "d1"}
    fields.update(kw)
    return SourceDoc(spans=tuple(SourceSpan(*s) for s in spans), **fields)


NESTED = doc((6, 17, "ORG"), (12, 17, "GPE"))


def test_doccano_offsets_in_utf16_and_in_code_points(tmp_path: Path) -> None:
    for units, expected in (("utf16", [[13, 18, "GPE"]]), ("codepoint", [[12, 17, "GPE"]])):
        out = tmp_path / f"{units}.jsonl"
        assert write_doccano([doc((12, 17, "GPE"))], str(out), Report(), units) == 1  # type: ignore[arg-type]
        assert json.loads(out.read_text(encoding="utf-8"))["label"] == expected


def test_conll_iob2_nested_dropped_without_nested(tmp_path: Path) -> None:
    out = tmp_path / "x.conll"
    report = Report()
    write_conll([NESTED], str(out), report)
    assert out.read_text(encoding="utf-8") == (
        "-DOCSTART- -X- O O\n\nزار O\n😀 O\nجامعة B-ORG\nبغداد I-ORG\n\nاليوم O\n\n"
    )
    assert report.skipped == {"nested or overlapping spans (write them with --nested)": 1}


def test_conll_nested_and_bilou(tmp_path: Path) -> None:
    out = tmp_path / "x.conll"
    report = Report()
    write_conll([NESTED], str(out), report, "bilou", nest=True)
    assert out.read_text(encoding="utf-8") == (
        "-DOCSTART- -X- O O\n\nزار O O\n😀 O O\nجامعة B-ORG O\nبغداد L-ORG U-GPE\n\nاليوم O O\n\n"
    )
    assert not report.skipped


def test_conll_keeps_a_sentence_whole_when_a_span_crosses_its_line_break(tmp_path: Path) -> None:
    out = tmp_path / "x.conll"
    write_conll([doc((12, 23, "DATE"))], str(out), Report())
    assert out.read_text(encoding="utf-8").endswith("بغداد B-DATE\nاليوم I-DATE\n\n")


def test_conll_trims_whitespace_edges_and_cuts_words_at_span_edges(tmp_path: Path) -> None:
    text = "قال لبغداد "
    out = tmp_path / "x.conll"
    report = Report()
    write_conll([doc((5, 11, "GPE"), text=text)], str(out), report)
    assert out.read_text(encoding="utf-8").endswith("قال O\nل O\nبغداد B-GPE\n\n")
    assert report.notes["spans trimmed of the whitespace at their edges"] == 1


def test_label_studio_tasks(tmp_path: Path) -> None:
    out = tmp_path / "ls.json"
    docs = [doc((12, 17, "GPE"), annotator="amira"), doc(answer="ignore", judged=True)]
    write_labelstudio(docs, str(out), Report(), "predictions", "ner", "body")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["id"] for t in tasks] == [1, 2]
    assert tasks[0]["data"]["body"] == TEXT
    [prediction] = tasks[0]["predictions"]
    assert prediction["model_version"] == "amira"
    [result] = prediction["result"]
    assert (result["from_name"], result["to_name"], result["type"]) == ("ner", "body", "labels")
    assert result["value"] | {} == {"start": 12, "end": 17, "text": "بغداد", "labels": ["GPE"]}
    write_labelstudio(docs, str(out), Report())
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert [t["annotations"][0]["was_cancelled"] for t in tasks] == [False, True]


def test_brat_pairs_and_conf(tmp_path: Path) -> None:
    report = Report()
    docs = [doc((12, 23, "GPE"), (6, 11, "MY LABEL")), doc(doc_id="d1")]
    assert write_brat(docs, str(tmp_path / "b"), report) == 2
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        "annotation.conf", "d1-2.ann", "d1-2.txt", "d1.ann", "d1.txt",
    ]  # fmt: skip
    assert (tmp_path / "b" / "d1.txt").read_text(encoding="utf-8") == TEXT
    assert (tmp_path / "b" / "d1.ann").read_text(encoding="utf-8") == "T1\tGPE 12 23\tبغداد اليوم\n"
    assert report.skipped == {"spans whose label has whitespace (brat types cannot)": 1}
    assert (tmp_path / "b" / "annotation.conf").read_text().startswith("[entities]\nGPE\n[rel")


def test_prodigy_writes_accept_for_formats_without_answers(tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    write_prodigy([doc((12, 17, "GPE")), doc(doc_id="d2", answer=None, judged=True)], str(out),
                  Report())  # fmt: skip
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["answer"] for r in records] == ["accept", None]
    assert records[0]["spans"][0] | {} == {
        "start": 12, "end": 17, "label": "GPE", "text": "بغداد", "token_start": 3, "token_end": 3,
    }  # fmt: skip


def test_a_document_json_cannot_hold_is_reported_and_left_out(tmp_path: Path) -> None:
    out = tmp_path / "p.jsonl"
    out.write_text("old\n")
    bad = doc(text="\ud800 lone surrogate")
    report = Report()
    assert write_prodigy([bad], str(out), report) == 0
    assert "cannot be written" in str(report.problems[0])
    assert out.read_text() == ""
    assert [p.name for p in tmp_path.iterdir()] == ["p.jsonl"]


def test_layers() -> None:
    spans = [SourceSpan(0, 10, "A"), SourceSpan(2, 5, "B"), SourceSpan(4, 12, "C")]
    assert flat(spans) == (
        [SourceSpan(0, 10, "A")],
        [SourceSpan(2, 5, "B"), SourceSpan(4, 12, "C")],
    )
    assert nested(spans) == [
        [SourceSpan(0, 10, "A")],
        [SourceSpan(2, 5, "B")],
        [SourceSpan(4, 12, "C")],
    ]


def test_file_names_from_document_ids() -> None:
    names = FileNames()
    ids = ("a.txt", "corpus.jsonl#3", 'meta.id="x/y"', "a.txt", "")
    assert [names.name_for(i) for i in ids] == [
        "a", "corpus_jsonl_3", "x_y", "a-2", "doc",
    ]  # fmt: skip


def test_answers_option() -> None:
    assert parse_answers("accept") == {"accept"}
    assert parse_answers("accept, none") == {"accept", None}
    assert parse_answers("all") is None
    with pytest.raises(ValueError, match="'maybe' is not"):
        parse_answers("accept,maybe")


def test_select_by_answer_annotator_and_label() -> None:
    docs = [
        doc((6, 11, "ORG"), (12, 17, "GPE"), answer="accept", judged=True, annotator="a"),
        doc((12, 17, "GPE"), answer=None, judged=True, annotator="a"),
        doc(answer="reject", judged=True, annotator="b"),
        doc((0, 3, "X")),  # from a format without answers: passes --answers
    ]
    chosen = select(docs, frozenset({"accept"}), None, frozenset({"GPE"}))
    assert [(d.answer, [s.label for s in d.spans]) for d in chosen.docs] == [
        ("accept", ["GPE"]),
        (None, []),
    ]
    assert chosen.unanswered_with_spans == 1
    assert chosen.left_out == {
        "documents answered none (see --answers)": 1,
        "documents answered reject (see --answers)": 1,
        "spans with other labels (see --labels)": 2,
    }
    assert len(select(docs, None, "a").docs) == 2
