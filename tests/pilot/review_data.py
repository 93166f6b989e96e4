"""Three annotators' files on the seed article, for `hamish review`'s tests.

Offsets in the seed's text (checked in :func:`check_offsets`):
شفق نيوز 0-8, التحالف الدولي 15-29, العراق 54-60, وسوريا 61-67 (سوريا 62-67),
غويران 134-140, للعراق 184-190.  The seed has no والعراق: its clitic boundary
conflict is the same and-prefix on وسوريا against سوريا.
"""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import SEED, write_jsonl

from reader.documents import load_article

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
        paths.append(str(write_jsonl(folder / f"{who}.jsonl", records)))
    return paths


def review_versions(text_spans: dict[str, Spans]) -> list[dict[str, object]]:
    """``_review`` as a gold record should hold it: each annotator, answer, spans."""
    return [
        {"_annotator_id": who, "answer": "accept", "spans": as_json(spans)}
        for who, spans in text_spans.items()
    ]
