"""Every measure of `hamish agree` over a corpus, as one JSON-ready object.

The terminal table (:mod:`reader.agreement.table`) is drawn from this same
object, so the two outputs never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from reader.agreement.kappa import AlphaTally, CohenTally, FleissTally
from reader.agreement.matching import MODES
from reader.agreement.pairing import Corpus, Document
from reader.agreement.spans_f1 import KINDS, PRF, PairResult, Tally, compare
from reader.agreement.units import document_tags
from reader.formats.model import SourceSpan

O_NOTE = (
    "Token-level measures count every token, and most tokens are outside every span (O): "
    "agreement on that mass of O tokens inflates kappa and alpha.  Span F1 has no such bias."
)


@dataclass
class _Tokens:
    """Running counts for the token-level measures."""

    pairs: dict[tuple[str, str], CohenTally] = field(default_factory=dict)
    fleiss: FleissTally = field(default_factory=FleissTally)
    fleiss_documents: int = 0
    alpha: AlphaTally = field(default_factory=AlphaTally)
    units: int = 0
    outside: int = 0
    tags: int = 0


def measure(corpus: Corpus, worst: int = 10) -> dict[str, Any]:
    """The agreement of ``corpus``'s annotators: counts, span F1, kappa, alpha, worst documents."""
    names = corpus.annotators
    compared = corpus.compared()
    pairs = {pair: PairResult() for pair in combinations(names, 2)}
    tokens = _Tokens(pairs={pair: CohenTally() for pair in pairs})
    per_document = []
    for doc in compared:
        result = PairResult()
        for a, b in combinations([n for n in names if n in doc.versions], 2):
            found = compare(doc, doc.versions[a].spans, doc.versions[b].spans)
            pairs[a, b].add(found)
            result.add(found)
        per_document.append((doc, result))
        _gather_tags(doc, names, tokens)
    return {
        "documents": len(compared),
        "annotators": names,
        "documents_one_annotator": len(corpus.documents) - len(compared),
        "documents_per_annotator": _documents_per_annotator(corpus),
        "spans": _spans_per_annotator(corpus),
        "pairs": [_pair_entry(a, b, r, compared) for (a, b), r in pairs.items()],
        "per_label": _per_label(pairs.values()),
        **_token_measures(names, tokens),
        "worst_documents": _worst(per_document, worst),
        "not_comparable": [
            {
                "id": n.doc_id,
                "reason": n.reason,
                "annotators": list(n.annotators),
                "where": list(n.where),
            }
            for n in corpus.not_comparable
        ],
    }


def _gather_tags(doc: Document, names: Sequence[str], tokens: _Tokens) -> None:
    tags = document_tags(doc)
    for (a, b), tally in tokens.pairs.items():
        if a in tags and b in tags:
            tally.add(tags[a], tags[b])
    for row in tags.values():
        tokens.outside += row.count(None)
        tokens.tags += len(row)
    # Alike tokens (the same tag from each annotator) are counted once, with their number.
    alike = Counter(zip(*tags.values(), strict=True))
    tokens.units += len(next(iter(tags.values())))
    for unit, times in alike.items():
        tokens.alpha.add(unit, times)
        if len(tags) == len(names):
            tokens.fleiss.add(unit, times)
    if len(tags) == len(names):
        tokens.fleiss_documents += 1


def _token_measures(names: Sequence[str], tokens: _Tokens) -> dict[str, Any]:
    out: dict[str, Any] = {
        "cohen_kappa": [
            {"a": a, "b": b, "kappa": tally.kappa(), "tokens": tally.items}
            for (a, b), tally in tokens.pairs.items()
        ],
    }
    if len(names) >= 3:
        out["fleiss_kappa"] = tokens.fleiss.kappa()
    out["krippendorff_alpha"] = tokens.alpha.alpha()
    out["tokens"] = {
        "tokens": tokens.units,
        "fleiss_tokens": tokens.fleiss.items,
        "fleiss_documents": tokens.fleiss_documents,
        "outside_share": tokens.outside / tokens.tags if tokens.tags else None,
        "note": O_NOTE,
    }
    return out


def _scores(tally: Tally) -> dict[str, Any]:
    out: dict[str, Any] = {mode: _prf(score) for mode, score in tally.scores().items()}
    out["spans_a"], out["spans_b"] = tally.a, tally.b
    out["matched"] = {mode: tally.matches[mode] for mode in MODES}
    return out


def _prf(score: PRF) -> dict[str, float]:
    return {"precision": score.precision, "recall": score.recall, "f1": score.f1}


def _pair_entry(a: str, b: str, result: PairResult, docs: Sequence[Document]) -> dict[str, Any]:
    both = sum(1 for d in docs if a in d.versions and b in d.versions)
    return {
        "a": a,
        "b": b,
        "documents": both,
        **_scores(result.overall),
        "disagreements": {kind: result.kinds[kind] for kind in KINDS},
        "per_label": {label: _scores(t) for label, t in sorted(result.per_label.items())},
    }


def _per_label(results: Iterable[PairResult]) -> dict[str, Any]:
    totals: dict[str, Tally] = {}
    for result in results:
        for label, tally in result.per_label.items():
            totals.setdefault(label, Tally()).add(tally)
    return {label: _scores(t) for label, t in sorted(totals.items())}


def _documents_per_annotator(corpus: Corpus) -> dict[str, int]:
    done: Counter[str] = Counter()
    for doc in corpus.documents:
        done.update(doc.versions.keys())
    return {who: done[who] for who in corpus.annotators}


def _spans_per_annotator(corpus: Corpus) -> dict[str, dict[str, int]]:
    out: dict[str, Counter[str]] = {who: Counter() for who in corpus.annotators}
    for doc in corpus.documents:
        for who, version in doc.versions.items():
            out[who].update(s.label for s in version.spans)
    return {who: dict(sorted(c.items())) for who, c in out.items()}


def _worst(found: list[tuple[Document, PairResult]], limit: int) -> list[dict[str, Any]]:
    """The documents with the lowest strict F1 over their pairs, that disagree at all."""
    rows = []
    for doc, result in found:
        real = sum(result.kinds[k] for k in KINDS if k != "clitic")
        if not real and not result.kinds["clitic"]:
            continue
        scores = result.overall.scores()
        rows.append((scores["strict"].f1, -real, doc.doc_id, doc, result, scores))
    rows.sort(key=lambda r: r[:3])
    return [
        {
            "id": doc.doc_id,
            "annotators": list(doc.versions),
            "where": [v.where for v in doc.versions.values()],
            **{mode: scores[mode].f1 for mode in MODES},
            "disagreements": {
                "clitic": result.kinds["clitic"],
                "boundary": result.kinds["boundary"],
                "label": result.kinds["label"],
                "only_one": result.kinds["only_a"] + result.kinds["only_b"],
            },
            "spans_not_shared": _not_shared(doc),
        }
        for _, _, _, doc, result, scores in rows[:limit]
    ]


def _not_shared(doc: Document) -> list[dict[str, Any]]:
    """Each span that not every annotator of ``doc`` made, with those who made it."""
    made: dict[SourceSpan, list[str]] = {}
    for who, version in doc.versions.items():
        for span in version.spans:
            made.setdefault(span, []).append(who)
    return [
        {
            "start": span.start,
            "end": span.end,
            "label": span.label,
            "text": doc.text[span.start : span.end],
            "annotators": names,
        }
        for span, names in sorted(made.items())
        if len(names) < len(doc.versions)
    ]
