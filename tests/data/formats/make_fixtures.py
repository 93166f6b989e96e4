"""Write tricky.annotations.jsonl: a hamish output file for the format round trips.

Run from this folder: python make_fixtures.py.  Span offsets are found with
str.find on the texts below, not by the code under test.  The texts mix
Arabic with harakat, tatweel, ZWNJ and RLM, astral characters (emoji, a flag,
mathematical letters), CJK, CRLF line ends, and spans inside words (clitics),
nested and overlapping spans.
"""

from __future__ import annotations

import json

from reader.annotation.spans import Span
from reader.annotation.tasks import task_record
from reader.annotation.tokens import tokenize

DOCS = [
    (
        "harakat-clitic-crlf",
        "قَالَ مُحَمَّدٌ إنّ لبغداد 😀 تاريخاً طويلاً\r\nوفي العراق\u200f كثير.",
        [("مُحَمَّدٌ", "PER", 0), ("بغداد", "GPE", 0), ("العراق", "GPE", 0)],
    ),
    (
        "tatweel-zwnj-cjk",
        "الـــعـــراق 🇮🇶 بلد؛ زار 習近平 بغداد وأبو\u200cظبي.",
        [("الـــعـــراق", "GPE", 0), ("習近平", "PER", 0), ("أبو\u200cظبي", "GPE", 0)],
    ),
    (
        "nested",
        "درس في جامعة بغداد 🎓 ثم في جامعة القاهرة\n\nوعاد.",
        [
            ("جامعة بغداد", "ORG", 0),
            ("بغداد", "GPE", 0),
            ("جامعة القاهرة", "ORG", 0),
            ("القاهرة", "GPE", 0),
        ],
    ),
    (
        "astral-letters",
        "𝔸𝔹 كتب 🙂 عن ﷺ وعن 𝔹𝔸 مرتين: 𝔹𝔸.",
        [("𝔹𝔸", "MISC", 0), ("𝔹𝔸", "MISC", 1), ("كتب", "X", 0)],
    ),
]


def spans_of(text: str, wanted: list[tuple[str, str, int]]) -> list[Span]:
    """The spans named by (text, label, which occurrence)."""
    out = []
    for piece, label, nth in wanted:
        at = -1
        for _ in range(nth + 1):
            at = text.find(piece, at + 1)
            assert at >= 0, piece
        out.append(Span(at, at + len(piece), label))
    return out


def record(doc_id: str, text: str, spans: list[Span], answer: str | None, stamp: int) -> str:
    task = task_record(
        text=text,
        meta={"source": doc_id},
        doc_id=doc_id,
        spans=spans,
        answer=answer,
        annotator="amira",
        tokens=tokenize(text),
        timestamp=stamp,
    )
    return json.dumps(task, ensure_ascii=False) + "\n"


def main() -> None:
    lines = []
    first_id, first_text, _ = DOCS[0]
    lines.append(record(first_id, first_text, [], None, 1))  # an earlier save, replaced
    for doc_id, text, wanted in DOCS:
        lines.append(record(doc_id, text, spans_of(text, wanted), "accept", 2))
    waiting = "زار الرئيس بغداد."
    lines.append(record("unanswered", waiting, spans_of(waiting, [("بغداد", "GPE", 0)]), None, 3))
    lines.append(record("rejected", "نص مرفوض.", [], "reject", 4))
    with open("tricky.annotations.jsonl", "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)


if __name__ == "__main__":
    main()
