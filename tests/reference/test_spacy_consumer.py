"""spaCy reads hamish's records as they are: every span is a strict ``char_span``.

spaCy is a test-only dependency (the ``test`` extra).  ``spacy.blank("xx")``
is its multi-language tokenizer: no model, no download, no network.
"""

from __future__ import annotations

import json
from importlib.util import find_spec
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from record_schema import validate_record

from reader.annotation.spans import Span
from reader.annotation.tasks import task_record
from reader.annotation.tokens import tokenize
from reader.documents import load_article
from reader.files.bundled import sample_path

# Looked for, not imported: spaCy takes most of a second to import, which every
# xdist worker would pay while collecting; the tests that use it import it.
if find_spec("spacy") is None:
    pytest.skip("spaCy is not installed (it is in the test extra)", allow_module_level=True)

SAMPLE = "shafaq-news-ghwayran-2022.txt"


@pytest.fixture(scope="module")
def nlp() -> Any:
    import spacy

    return spacy.blank("xx")


@pytest.fixture(scope="module")
def saved() -> dict[str, Any]:
    """A saved record of the Shafaq News sample, through JSON as it is written."""
    article = load_article(str(sample_path(SAMPLE)))
    text = article.text
    clitic = text.find("لداعش") + 1  # داعش after the preposition ل, inside one word
    person = text.find("جون برينان")
    spans = [
        Span(clitic, clitic + len("داعش"), "ORG"),
        Span(person, person + len("جون برينان"), "PER"),
        Span(text.find("غويران"), text.find("غويران") + len("غويران"), "FAC"),
    ]
    assert clitic > 0 and person >= 0
    record = task_record(
        text=text,
        meta=article.meta,
        doc_id=SAMPLE,
        spans=spans,
        answer="accept",
        annotator="test",
        tokens=tokenize(text),
        timestamp=0,
    )
    result: dict[str, Any] = json.loads(json.dumps(record, ensure_ascii=False))
    return result


def test_the_record_is_sound(saved: dict[str, Any]) -> None:
    assert validate_record(saved) == []
    assert [s["text"] for s in saved["spans"]] == ["غويران", "جون برينان", "داعش"]


def test_a_doc_from_the_saved_tokens_has_every_span(nlp: Any, saved: dict[str, Any]) -> None:
    from spacy.tokens import Doc

    text = saved["text"]
    doc = Doc(
        nlp.vocab,
        words=[t["text"] for t in saved["tokens"]],
        spaces=[t["ws"] for t in saved["tokens"]],
    )
    assert doc.text == text
    assert len(doc) == len(saved["tokens"])
    for span in saved["spans"]:
        found = doc.char_span(
            span["start"], span["end"], label=span["label"], alignment_mode="strict"
        )
        assert found is not None, span
        assert found.text == span["text"] == text[span["start"] : span["end"]]
        assert (found.start, found.end - 1) == (span["token_start"], span["token_end"])
        assert found.label_ == span["label"]
    doc.ents = [
        doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="strict")
        for s in saved["spans"]
    ]
    assert [e.text for e in doc.ents] == ["غويران", "جون برينان", "داعش"]


def test_spacys_own_tokens_miss_the_span_inside_a_word(nlp: Any, saved: dict[str, Any]) -> None:
    """Why the saved tokens are cut at span boundaries: spaCy keeps لداعش whole."""
    doc = nlp(saved["text"])
    assert doc.text == saved["text"]
    clitic = next(s for s in saved["spans"] if s["label"] == "ORG")
    assert doc.char_span(clitic["start"], clitic["end"], alignment_mode="strict") is None
    person = next(s for s in saved["spans"] if s["label"] == "PER")
    assert doc.char_span(person["start"], person["end"], alignment_mode="strict") is not None


PIECES = st.sampled_from(
    ["لبغداد", "وبالكتاب", "كتابهم", "داعش", "Obama's", "COVID-19", "45%", "٣٫٥", "،", ".", "«"]
    + [" ", " ", " ", "  ", "\n", "\r\n", "\t", "\u00a0", " \n "]
)


@given(st.lists(PIECES, max_size=20), st.data())
def test_any_saved_record_reads_back_in_spacy(
    nlp: Any, pieces: list[str], data: st.DataObject
) -> None:
    text = "".join(pieces)
    spans = []
    if text:
        for _ in range(data.draw(st.integers(0, 3))):
            a = data.draw(st.integers(0, len(text)))
            b = data.draw(st.integers(0, len(text)))
            if a != b:
                spans.append(Span(min(a, b), max(a, b), "X"))
    record = task_record(
        text=text,
        meta={},
        doc_id="x",
        spans=spans,
        answer="accept",
        annotator="test",
        tokens=tokenize(text),
    )
    from spacy.tokens import Doc

    tokens = record["tokens"]
    doc = Doc(nlp.vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
    assert doc.text == text
    for span in record["spans"]:
        found = doc.char_span(span["start"], span["end"], alignment_mode="strict")
        assert found is not None and found.text == span["text"]
