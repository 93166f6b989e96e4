"""Which records are the same document, and each annotator's version of it.

* An annotator is a record's ``_annotator_id`` (any non-empty name the file
  gives), else the name of the file it came from.
* Records are paired by their text: the ``_input_hash`` hamish and Prodigy
  write is a hash of it, and only the same text can be compared offset by
  offset.  A tool's own ``_input_hash`` differs from another tool's for the
  same text, so the text itself is the key.
* Of one annotator's records of a text, the latest counts: the one with the
  later ``_timestamp``, else the one read later.
* Records that claim to be the same document but have different texts are
  not comparable: the same ``_input_hash``, or the same document id (one the
  file gives: ``_hamish_doc``, ``meta.id``, ``id``, ``_task_hash``, a brat or
  XMI file name; not one made from a record's place in a file, since two
  files may hold the same documents in other orders).  Every text of such a
  group is left out, and the group listed with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from reader.annotation.tokens import Token, tokenize
from reader.formats.model import SourceDoc, SourceSpan

_PLACE_ID = re.compile(r"#\d+\Z")


@dataclass(frozen=True)
class Version:
    """One annotator's spans on a document, and where they were read."""

    annotator: str
    spans: tuple[SourceSpan, ...]
    where: str
    tokens: tuple[tuple[int, int], ...] | None = None
    answer: str | None = None


@dataclass
class Document:
    """A text and every annotator's latest version of it, in annotator order."""

    doc_id: str
    text: str
    versions: dict[str, Version] = field(default_factory=dict)

    @cached_property
    def tokens(self) -> list[Token]:
        """hamish's tokens of the text (clitics not split off), as ``t`` and ``T`` use them."""
        return tokenize(self.text)


@dataclass(frozen=True)
class NotComparable:
    """Records that claim to be one document but have different texts."""

    doc_id: str
    reason: str
    annotators: tuple[str, ...]
    where: tuple[str, ...]


@dataclass
class Corpus:
    """The documents to compare, the annotators in order of appearance, what was left out."""

    annotators: list[str]
    documents: list[Document]
    not_comparable: list[NotComparable]

    def compared(self) -> list[Document]:
        """The documents that two or more annotators did."""
        return [d for d in self.documents if len(d.versions) >= 2]


def annotator_of(doc: SourceDoc, file_name: str) -> str:
    """The record's annotator, or ``file_name`` when the record names none."""
    return doc.annotator if doc.annotator else file_name


def _newer(new: SourceDoc, old: SourceDoc) -> bool:
    """Whether ``new`` (read after ``old``) replaces it: not older by timestamp."""
    if new.timestamp is None or old.timestamp is None:
        return True
    return new.timestamp >= old.timestamp


def gather(records: Iterable[tuple[SourceDoc, str]]) -> Corpus:
    """Group ``(record, annotator)`` pairs, in reading order, into documents."""
    annotators: list[str] = []
    texts: dict[str, int] = {}  # text -> its node
    latest: list[dict[str, SourceDoc]] = []  # node -> annotator -> record
    for doc, who in records:
        if who not in annotators:
            annotators.append(who)
        node = texts.setdefault(doc.text, len(texts))
        if node == len(latest):
            latest.append({})
        old = latest[node].get(who)
        if old is None or _newer(doc, old):
            latest[node][who] = doc
    groups, reasons = _claims(latest)
    out = Corpus(annotators, [], [])
    for node, by_annotator in enumerate(latest):
        root = groups.find(node)
        if root in reasons:
            continue
        first = next(iter(by_annotator.values()))
        document = Document(first.doc_id, first.text)
        for who in annotators:
            if who in by_annotator:
                rec = by_annotator[who]
                spans = tuple(sorted(set(rec.spans)))
                document.versions[who] = Version(who, spans, rec.where, rec.tokens, rec.answer)
        out.documents.append(document)
    out.not_comparable = _left_out(latest, groups, reasons, annotators)
    return out


def _claims(latest: list[dict[str, SourceDoc]]) -> tuple[_UnionFind, dict[int, str]]:
    """Texts joined by a shared ``_input_hash`` or document id; the reason of each group."""
    groups = _UnionFind(len(latest))
    seen: dict[tuple[str, object], int] = {}
    why: dict[int, str] = {}
    for node, by_annotator in enumerate(latest):
        for rec in by_annotator.values():
            claims: list[tuple[str, object]] = []
            if rec.input_hash is not None:
                claims.append(("_input_hash", rec.input_hash))
            if not _PLACE_ID.search(rec.doc_id):
                claims.append(("id", rec.doc_id))
            for claim in claims:
                other = seen.setdefault(claim, node)
                if other != node:
                    groups.union(other, node)
                    kind, value = claim
                    why.setdefault(node, f"same {kind} {value} as another record, different text")
    reasons: dict[int, str] = {}
    for node, reason in why.items():
        reasons.setdefault(groups.find(node), reason)
    return groups, reasons


def _left_out(
    latest: list[dict[str, SourceDoc]],
    groups: _UnionFind,
    reasons: dict[int, str],
    annotators: list[str],
) -> list[NotComparable]:
    """One entry per group of texts that could not be compared."""
    members: dict[int, list[tuple[str, SourceDoc]]] = {}
    for node, by_annotator in enumerate(latest):
        root = groups.find(node)
        if root in reasons:
            members.setdefault(root, []).extend(by_annotator.items())
    out = []
    for root, recs in members.items():
        who = {name for name, _ in recs}
        names = tuple(a for a in annotators if a in who)
        where = tuple(rec.where for _, rec in recs)
        out.append(NotComparable(recs[0][1].doc_id, reasons[root], names, where))
    return out


class _UnionFind:
    """Disjoint sets of ``0..n-1``, with path halving."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
