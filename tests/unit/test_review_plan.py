"""A whole review: documents paired, ids that last, accepting unseen, resuming."""

from __future__ import annotations

import json
from pathlib import Path

from review_data import SHORT as TEXT

from reader.annotation.changes import merged_record
from reader.annotation.hashing import input_hash
from reader.annotation.spans import Annotations, Span
from reader.annotation.store import AnnotationStore
from reader.formats.model import SourceDoc, SourceSpan
from reader.review.plan import build_review

AGREED = "بغداد عاصمة"  # بغداد 0-5


def record(
    who: str, text: str, spans: list[tuple[int, int, str]], doc_id: str
) -> tuple[SourceDoc, str]:
    doc = SourceDoc(
        text=text,
        spans=tuple(SourceSpan(*s) for s in spans),
        path=f"in/{who}.jsonl",
        where=f"in/{who}.jsonl:1",
        doc_id=doc_id,
        meta={"title": "t"},
        answer="accept",
        annotator=who,
    )
    return doc, who


def records() -> list[tuple[SourceDoc, str]]:
    return [
        record("a", TEXT, [(4, 11, "GPE")], "news.jsonl#0"),
        record("a", AGREED, [(0, 5, "GPE")], "news.jsonl#1"),
        record("b", AGREED, [(0, 5, "GPE")], "b.jsonl#0"),
        record("b", TEXT, [(5, 11, "GPE")], "b.jsonl#1"),
    ]


def test_documents_pair_by_text_and_a_place_in_a_file_is_no_id() -> None:
    review = build_review(records())
    assert review.annotators == ["a", "b"]
    assert [item.text for item in review.items] == [TEXT, AGREED]
    # "news.jsonl#0" would change with the order of the inputs: the text names it.
    assert review.items[0].doc_id == f"review:{input_hash(TEXT) & 0xFFFFFFFF:08x}"
    assert review.left == {review.items[0].doc_id: 1, review.items[1].doc_id: 0}
    assert review.documents_left() == 1
    named = build_review([record("a", TEXT, [], "article.txt"), record("b", TEXT, [], "x")])
    assert named.items[0].doc_id == "article.txt"


def test_auto_accept_saves_what_everyone_agrees_on_once(tmp_path: Path) -> None:
    out = str(tmp_path / "gold.jsonl")
    review = build_review([*records(), record("a", "نص", [(0, 2, "ORG")], "alone.txt")])
    with AnnotationStore.open(out)[0] as store:
        assert review.auto_accept(store, "rev") == 1
    # The one only a did is shown all the same: nobody else looked at it.
    assert [item.text for item in review.items] == [TEXT, "نص"]
    lines = [json.loads(line) for line in Path(out).read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1
    gold = lines[0]
    assert gold["text"] == AGREED and gold["answer"] == "accept"
    assert gold["_annotator_id"] == "rev" and gold["meta"] == {"title": "t"}
    assert [(s["start"], s["end"], s["label"]) for s in gold["spans"]] == [(0, 5, "GPE")]
    assert gold["_review_settled"] == []
    assert [v["_annotator_id"] for v in gold["_review"]] == ["a", "b"]
    again = build_review(records())
    with AnnotationStore.open(out)[0] as store:
        store.load()
        assert again.auto_accept(store, "rev") == 0  # saved already: not twice
    assert len(Path(out).read_text(encoding="utf-8").splitlines()) == 1


def test_reopening_the_gold_file_resumes_what_was_settled(tmp_path: Path) -> None:
    out = str(tmp_path / "gold.jsonl")
    review = build_review(records())
    item = review.items[0]
    with AnnotationStore.open(out)[0] as store:
        store.append_change(item.snapshot([Span(5, 11, "GPE")], None, "rev", [0]).change())
    again = build_review(records())
    with AnnotationStore.open(out)[0] as store:
        store.load()
        again.resume(store)
    assert again.left[item.doc_id] == 0 and again.documents_left() == 0


def test_a_change_line_gives_its_review_fields_to_the_full_record() -> None:
    review = build_review(records())
    item = review.items[0]
    base = item.snapshot([], None, "rev", [], full=True).record()
    change = item.snapshot([Span(4, 11, "GPE")], "accept", "rev", [0]).change()
    merged = merged_record(base, change, [Span(4, 11, "GPE")])
    assert merged["_review_settled"] == [[4, 11]] and merged["answer"] == "accept"
    assert merged["_review"] == base["_review"]


def test_the_header_counts_and_the_gold_version_opened() -> None:
    review = build_review(records())
    assert review.progress(1) == ["1 conflict left here", "1 document left with conflicts"]
    review.left[review.items[0].doc_id] = 0
    assert review.progress(2) == ["2 conflicts left here", "0 documents left with conflicts"]
    item = review.items[0]
    fresh = item.gold(None, None, overlap=False)
    assert fresh.spans == () and fresh.answer is None and fresh.left() == [0]
    saved = {"_review_settled": [[4, 11]]}
    started = Annotations([Span(4, 11, "GPE"), Span(5, 11, "GPE")], "accept", overlap=True)
    resumed = item.gold(started, saved, overlap=False)  # saved overlapping: kept so
    assert resumed.overlap and resumed.settled == {0} and resumed.answer == "accept"
    assert resumed.spans == (Span(4, 11, "GPE"), Span(5, 11, "GPE"))
