"""Annotators' versions for `hamish review`'s tests, in every tier.

A short text with والعراق for the unit tests (:data:`SHORT`, :func:`document`),
and three annotators' files on the seed article for the pilot and e2e tests.

Offsets in the seed's text (checked in :func:`check_offsets`):
شفق نيوز 0-8, التحالف الدولي 15-29, العراق 54-60, وسوريا 61-67 (سوريا 62-67),
غويران 134-140, للعراق 184-190.  The seed has no والعراق: its clitic boundary
conflict is the same and-prefix on وسوريا against سوريا.
"""

from __future__ import annotations

import json
from pathlib import Path

from reader.agreement.pairing import Document, Version
from reader.documents import load_article
from reader.files.bundled import sample_path
from reader.formats.model import SourceSpan

# زار 0-3 | والعراق 4-11 | وسوريا 12-18 | مع 19-21 | بغداد 22-27 | أمس 28-31
SHORT = "زار والعراق وسوريا مع بغداد أمس"


def document(**spans: list[tuple[int, int, str]]) -> Document:
    """A document of SHORT with each annotator's spans, in keyword order."""
    doc = Document("d", SHORT)
    for who, found in spans.items():
        doc.versions[who] = Version(who, tuple(SourceSpan(*s) for s in found), f"{who}:1")
    return doc


SEED = str(sample_path("shafaq-news-ghwayran-2022.txt"))
TEXT = load_article(SEED).text
AGREED_TEXT = "بغداد عاصمة العراق"  # a second document, on which everyone agrees

Spans = list[tuple[int, int, str]]
AGREED: Spans = [(0, 8, "ORG"), (15, 29, "ORG"), (54, 60, "GPE")]
OWN: dict[str, Spans] = {
    "alice": [(61, 67, "GPE"), (134, 140, "LOC")],
    "bob": [(62, 67, "GPE"), (134, 140, "GPE"), (184, 190, "GPE")],
    "carol": [(62, 67, "GPE"), (134, 140, "LOC")],
}
LABELS = "PER,ORG,GPE,LOC"


def check_offsets() -> None:
    """The offsets above are the seed's."""
    words = {0: "شفق نيوز", 15: "التحالف الدولي", 54: "العراق", 61: "وسوريا", 134: "غويران"}
    for start, word in words.items():
        assert TEXT[start : start + len(word)] == word
    assert TEXT[184:190] == "للعراق"


def spans_of(who: str) -> Spans:
    """``who``'s spans on the seed, in order."""
    return sorted(AGREED + OWN[who])


def as_json(spans: Spans) -> list[dict[str, object]]:
    return [{"start": s, "end": e, "label": label} for s, e, label in spans]


def write_annotators(folder: Path) -> list[str]:
    """alice.jsonl, bob.jsonl, carol.jsonl in ``folder``: the seed, then the agreed one."""
    check_offsets()
    paths = []
    for who in OWN:
        records = [
            {
                "text": TEXT,
                "spans": as_json(spans_of(who)),
                "answer": "accept",
                "_annotator_id": who,
            },
            {
                "text": AGREED_TEXT,
                "spans": as_json([(0, 5, "GPE")]),
                "answer": "accept",
                "_annotator_id": who,
            },
        ]
        path = folder / f"{who}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
        paths.append(str(path))
    return paths


def review_versions(text_spans: dict[str, Spans]) -> list[dict[str, object]]:
    """``_review`` as a gold record should hold it: each annotator, answer, spans."""
    return [
        {"_annotator_id": who, "answer": "accept", "spans": as_json(spans)}
        for who, spans in text_spans.items()
    ]
