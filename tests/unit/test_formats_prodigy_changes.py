"""Reading a hamish output with change lines: the latest state of each document wins."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.annotation.journal import Snapshot
from reader.annotation.spans import FROM_INPUT, Span
from reader.annotation.store import AnnotationStore
from reader.annotation.tokens import tokenize
from reader.formats.model import Report, SourceDoc
from reader.formats.prodigy import read_prodigy, task_of

TEXT = "سافر محمد إلى لبغداد أمس"
PER = Span(5, 9, "PER")
GPE = Span(15, 20, "GPE", FROM_INPUT)


def snap(doc: str, *spans: Span, answer: str | None = None, who: str = "amira") -> Snapshot:
    return Snapshot(TEXT, {}, doc, tuple(spans), answer, who, tokenize(TEXT), "news.jsonl")


def saved(tmp_path: Path, *lines: Snapshot) -> str:
    out = str(tmp_path / "out.jsonl")
    with AnnotationStore.open(out)[0] as store:
        for s in lines:
            store.append_full(s.record()) if s.full else store.append_change(s.change())
    return out


def triples(doc: SourceDoc) -> list[tuple[int, int, str, str | None]]:
    return [(s.start, s.end, s.label, s.origin) for s in doc.spans]


def test_a_change_applies_to_the_full_record_of_its_text(tmp_path: Path) -> None:
    out = saved(
        tmp_path,
        replace(snap("a", PER), full=True),
        snap("a", PER, GPE, answer="accept"),
    )
    report = Report()
    (doc,) = read_prodigy(out, report)
    assert doc.text == TEXT and doc.answer == "accept" and doc.where == f"{out}:2"
    assert triples(doc) == [(5, 9, "PER", None), (15, 20, "GPE", "input")]
    assert report.problems == []
    task = task_of(doc, doc.answer)  # what `hamish export --to prodigy` writes
    assert [t["text"] for t in task["tokens"]][3:5] == ["ل", "بغداد"]
    assert [s.get("origin") for s in task["spans"]] == [None, "input"]


def test_a_full_record_after_a_change_wins(tmp_path: Path) -> None:
    out = saved(
        tmp_path,
        replace(snap("a", PER), full=True),
        snap("a", PER, GPE),
        replace(snap("a", answer="reject"), full=True),
    )
    (doc,) = read_prodigy(out, Report())
    assert doc.spans == () and doc.answer == "reject"


def test_a_change_by_another_annotator_takes_the_text_of_anyones_full_record(
    tmp_path: Path,
) -> None:
    out = saved(tmp_path, replace(snap("a", PER), full=True), snap("a", GPE, who="bob"))
    docs = {d.annotator: d for d in read_prodigy(out, Report())}
    assert triples(docs["amira"]) == [(5, 9, "PER", None)]
    assert triples(docs["bob"]) == [(15, 20, "GPE", "input")] and docs["bob"].text == TEXT


def test_changes_with_no_full_record_of_their_text_are_reported_and_left_out(
    tmp_path: Path,
) -> None:
    other = replace(snap("a", PER), text="نص آخر تماما وأطول", tokens=[], full=True)
    out = saved(tmp_path, other, snap("a", GPE), replace(snap("b", PER), full=True))
    report = Report()
    docs = list(read_prodigy(out, report))
    assert [d.doc_id for d in docs] == ["b"]  # a's full record is of another text
    (problem,) = report.problems
    assert problem.line == 2 and "no full record of their text" in problem.problem
    assert report.skipped["documents saved as changes only"] == 1
