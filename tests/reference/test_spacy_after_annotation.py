"""A session's output, change lines and all, exported to ``.spacy``, loads in spaCy
with every span of every document's latest state, at its exact characters."""

from __future__ import annotations

from dataclasses import replace
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest

from reader.annotation.journal import Journal, Snapshot
from reader.annotation.spans import FROM_INPUT, Span
from reader.annotation.store import AnnotationStore
from reader.annotation.tokens import tokenize
from reader.cli.export_main import export_main
from reader.documents import load_article
from reader.files.bundled import sample_path

# Looked for, not imported: spaCy takes most of a second to import, which every
# xdist worker would pay while collecting; the tests that use it import it.
if find_spec("spacy") is None:
    pytest.skip("spaCy is not installed (it is in the test extra)", allow_module_level=True)

SAMPLE = "shafaq-news-ghwayran-2022.txt"


def spans_in(text: str) -> dict[str, list[Span]]:
    """Three states of one document: as it came, while tagging, as it was left."""
    daesh = text.find("لداعش") + 1  # داعش after the preposition ل, inside one word
    john = text.find("جون برينان")
    ghwayran = text.find("غويران")
    came = [Span(ghwayran, ghwayran + len("غويران"), "FAC", FROM_INPUT)]
    tagging = [*came, Span(john, john + len("جون"), "PER")]
    left = [*came, Span(john, john + len("جون برينان"), "PER"), Span(daesh, daesh + 4, "ORG")]
    return {"came": came, "tagging": tagging, "left": left}


def test_every_span_of_the_latest_state_loads_in_spacy(tmp_path: Path) -> None:
    text = load_article(str(sample_path(SAMPLE))).text
    states = spans_in(text)
    out = tmp_path / "out.jsonl"
    with AnnotationStore.open(str(out))[0] as store:
        journal = Journal(store)
        snap = Snapshot(text, {}, SAMPLE, (), None, "amira", tokenize(text), SAMPLE)
        for name in ("came", "tagging", "left"):
            journal.take(replace(snap, spans=tuple(states[name])))
            for item in journal.due():
                journal.write(*item)
        # Accepted on the spot, before any full record: the session's end writes it.
        journal.take(replace(snap, spans=tuple(states["left"]), answer="accept"))
        journal.settle_all()
        for item in journal.due():
            journal.write(*item)
        other = replace(
            snap, doc_id="other.txt", text="زار محمد بغداد", tokens=tokenize("زار محمد بغداد")
        )
        store.append_full(replace(other, spans=(Span(4, 8, "PER"),), answer="accept").record())
        store.append_change(replace(other, spans=(Span(9, 14, "GPE"),), answer="accept").change())
    kinds = [b'"_hamish_change":true' in line for line in out.read_bytes().splitlines()]
    assert kinds == [True, True, True, False, False, True]

    target = tmp_path / "train.spacy"
    assert export_main([str(out), "--to", "spacy", "--output", str(target)]) == 0
    import spacy
    from spacy.tokens import DocBin

    nlp: Any = spacy.blank("xx")
    docs = {doc.text: doc for doc in DocBin().from_disk(target).get_docs(nlp.vocab)}
    assert set(docs) == {text, "زار محمد بغداد"}

    def found(doc: Any) -> list[tuple[int, int, str]]:
        return sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"])

    expected = sorted((s.start, s.end, s.label) for s in states["left"])
    assert found(docs[text]) == expected
    assert sorted((e.start_char, e.end_char, e.label_) for e in docs[text].ents) == expected
    assert found(docs["زار محمد بغداد"]) == [(9, 14, "GPE")]
