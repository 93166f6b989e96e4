"""Choosing what to export: by answer, by annotator, by label."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from reader.annotation.tasks import ANSWERS
from reader.formats.model import SourceDoc

NO_ANSWER = "none"
"""How ``--answers`` names a document saved while tagging, with no answer yet."""


def parse_answers(value: str) -> frozenset[str | None] | None:
    """``--answers``: ``all`` (None: keep every answer) or a comma list of answers.

    Raises ValueError naming a word that is not ``accept``, ``reject``,
    ``ignore`` or ``none``.
    """
    words = [w.strip().lower() for w in value.split(",") if w.strip()]
    if words == ["all"]:
        return None
    chosen: set[str | None] = set()
    for word in words:
        if word == NO_ANSWER:
            chosen.add(None)
        elif word in ANSWERS:
            chosen.add(word)
        else:
            raise ValueError(f"{word!r} is not all, or a list of accept, reject, ignore, none")
    if not chosen:
        raise ValueError("no answer given: use all, or a list such as accept,none")
    return frozenset(chosen)


@dataclass
class Selection:
    """The documents chosen, and what the filters left out, by kind."""

    docs: list[SourceDoc] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)
    unanswered_with_spans: int = 0


def select(
    docs: Iterable[SourceDoc],
    answers: frozenset[str | None] | None = frozenset({"accept"}),
    annotator: str | None = None,
    labels: frozenset[str] | None = None,
) -> Selection:
    """The documents that pass the filters, with only the spans of ``labels``.

    ``answers`` applies to documents from files that record answers (hamish,
    Prodigy, Label Studio); documents from other formats all pass it.
    """
    out = Selection()
    for doc in docs:
        if doc.judged and doc.answer is None and doc.spans:
            out.unanswered_with_spans += 1
        if answers is not None and doc.judged and doc.answer not in answers:
            out.left_out[f"documents answered {doc.answer or NO_ANSWER} (see --answers)"] += 1
            continue
        if annotator is not None and doc.annotator != annotator:
            out.left_out["documents by other annotators (see --annotator)"] += 1
            continue
        if labels is not None:
            kept = tuple(s for s in doc.spans if s.label in labels)
            if len(kept) != len(doc.spans):
                out.left_out["spans with other labels (see --labels)"] += len(doc.spans) - len(kept)
                doc = replace(doc, spans=kept)
        out.docs.append(doc)
    return out
