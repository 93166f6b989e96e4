"""Which records are one document, whose they are, and the tokens agreement counts."""

from __future__ import annotations

from reader.agreement.pairing import Document, Version, annotator_of, gather
from reader.agreement.units import document_tags, tags_of, units_of
from reader.cli.inputs import file_names
from reader.formats.model import SourceDoc, SourceSpan

TEXT = "زار والعراق أمس"  # زار 0-3, والعراق 4-11, أمس 12-15


def record(
    text: str = TEXT,
    spans: tuple[tuple[int, int, str], ...] = (),
    doc_id: str = "article.txt",
    annotator: str | None = None,
    **fields: object,
) -> SourceDoc:
    return SourceDoc(
        text=text,
        spans=tuple(SourceSpan(*s) for s in spans),
        path="f.jsonl",
        where="f.jsonl:1",
        doc_id=doc_id,
        annotator=annotator,
        **fields,  # type: ignore[arg-type]
    )


def test_annotators_come_from_the_record_else_the_file_name() -> None:
    assert annotator_of(record(annotator="lina"), "alice") == "lina"
    assert annotator_of(record(annotator=None), "alice") == "alice"
    assert annotator_of(record(annotator=""), "alice") == "alice"  # hamish writes "" unnamed
    assert file_names(["ann/alice.jsonl", "bob.conll", "brat/carol/"]) == ["alice", "bob", "carol"]
    # Two files named alike: their paths tell them apart.
    assert file_names(["a/x.jsonl", "b/x.jsonl", "y.jsonl"]) == ["a/x.jsonl", "b/x.jsonl", "y"]


def test_documents_are_paired_by_text_and_the_latest_record_counts() -> None:
    corpus = gather(
        [
            (record(spans=((4, 11, "GPE"),), doc_id="_task_hash=1", timestamp=10), "alice"),
            (record(spans=((5, 11, "GPE"),), doc_id="id=7", timestamp=20), "bob"),
            (record(spans=((0, 3, "PER"),), timestamp=30), "alice"),  # alice's later save
            (record(spans=((12, 15, "PER"),), timestamp=5), "alice"),  # an older one, read last
            (record(text="نص آخر", doc_id="other.txt"), "bob"),  # bob alone did this one
        ]
    )
    assert corpus.annotators == ["alice", "bob"]
    assert [len(d.versions) for d in corpus.documents] == [2, 1]
    [shared] = corpus.compared()
    assert shared.versions["alice"].spans == (SourceSpan(0, 3, "PER"),)
    assert shared.versions["bob"].spans == (SourceSpan(5, 11, "GPE"),)
    assert corpus.not_comparable == []


def test_the_same_input_hash_or_id_on_other_text_is_not_comparable() -> None:
    corpus = gather(
        [
            (record(input_hash=99), "alice"),
            (record(text=TEXT + ".", input_hash=99, doc_id="other"), "bob"),
            (record(text="نص", doc_id="meta.id=5"), "alice"),
            (record(text="نص آخر", doc_id="meta.id=5"), "carol"),
            # Ids made from a place in a file say nothing: these two are two documents.
            (record(text="أول", doc_id="x.jsonl#0"), "alice"),
            (record(text="ثان", doc_id="x.jsonl#0"), "bob"),
        ]
    )
    assert [d.text for d in corpus.documents] == ["أول", "ثان"]
    reasons = {(n.doc_id, n.reason, n.annotators) for n in corpus.not_comparable}
    assert reasons == {
        ("article.txt", "same _input_hash 99 as another record, different text", ("alice", "bob")),
        ("meta.id=5", "same id meta.id=5 as another record, different text", ("alice", "carol")),
    }


def test_units_are_cut_at_every_annotators_boundaries() -> None:
    doc = Document("d", TEXT)
    doc.versions["a"] = Version("a", (SourceSpan(5, 11, "GPE"),), "a:1")  # العراق
    doc.versions["b"] = Version("b", (SourceSpan(4, 11, "GPE"),), "b:1")  # والعراق
    # b's own saved tokens cut أمس after its first letter (as another tool might).
    doc.versions["c"] = Version("c", (), "c:1", tokens=((0, 3), (4, 11), (12, 13), (13, 15)))
    assert units_of(doc) == [(0, 3), (4, 5), (5, 11), (12, 13), (13, 15)]
    tags = document_tags(doc)
    assert tags == {
        "a": [None, None, "GPE", None, None],
        "b": [None, "GPE", "GPE", None, None],
        "c": [None] * 5,
    }


def test_the_outermost_span_tags_a_unit() -> None:
    units = [(0, 3), (4, 5), (5, 11), (12, 15)]
    nested = [SourceSpan(0, 15, "ORG"), SourceSpan(5, 11, "GPE")]
    assert tags_of(units, nested) == ["ORG"] * 4
    # Overlapping: the one that starts first wins where both are; each alone elsewhere.
    crossing = [SourceSpan(4, 11, "GPE"), SourceSpan(5, 15, "LOC")]
    assert tags_of(units, crossing) == [None, "GPE", "GPE", "LOC"]
    # The same offsets twice: the label first in alphabetical order.
    twice = [SourceSpan(0, 3, "PER"), SourceSpan(0, 3, "GPE")]
    assert tags_of(units, twice) == ["GPE", None, None, None]
