"""CoNLL-style column files: a token and its tags per line, blank lines between sentences.

Reading takes the token from the first column and the tag from the last,
in IOB1, IOB2, BIOES or BILUO (read alike: ``B``/``S``/``U`` start a span,
``I``/``E``/``L`` of another label too, ``E``/``L`` end one).  When every
column after the token holds a tag, as in Wojood's nested files
(``فلسطين I-ORG I-ORG B-GPE``), each column is a nesting layer, outermost
first, a missing column meaning ``O``.  ``-DOCSTART-`` lines separate
documents.  CoNLL keeps tokens but not the spaces between them: the text is
rebuilt from the tokens with single spaces, one line per sentence.

Writing puts each word token on a line (hamish's tokens are cut at span
edges, so no span starts or ends inside one), a blank line at each line
break of the text that no span crosses, and ``-DOCSTART- -X- O O`` before
each document, as spaCy's ``conll_ner_to_docs`` expects.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from reader.documents.reading import read_text
from reader.formats.layers import flat, nested
from reader.formats.model import Report, SourceDoc, SourceSpan
from reader.formats.sniff import DOCSTART, TAG
from reader.formats.tokens import doc_saved_tokens
from reader.formats.writing import TextOutput

Scheme = Literal["iob2", "bilou"]
_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


@dataclass
class _Doc:
    """A document being read: its sentences of (token, tags, line)."""

    line: int
    sentences: list[list[tuple[str, list[str], int]]] = field(default_factory=lambda: [[]])


def read_conll(path: str, report: Report) -> Iterator[SourceDoc]:
    """The documents of a CoNLL-style file (see the module docstring)."""
    rows = [(n, line.rstrip("\r").split()) for n, line in enumerate(read_text(path).split("\n"), 1)]
    layered = all(all(TAG.match(c) for c in cols[1:]) for _, cols in rows if _is_row(cols))
    docs: list[_Doc] = [_Doc(1)]
    for number, cols in rows:
        if not cols:
            if docs[-1].sentences[-1]:
                docs[-1].sentences.append([])
        elif cols[0] == DOCSTART:
            docs.append(_Doc(number))
        elif len(cols) < 2:
            if not cols[0].startswith("#"):
                report.problem(path, "a token without a tag; read as O", number)
                docs[-1].sentences[-1].append((cols[0], ["O"], number))
        elif TAG.match(cols[-1]) or not cols[0].startswith("#"):
            tags = cols[1:] if layered else cols[-1:]
            docs[-1].sentences[-1].append((cols[0], tags, number))
    name = os.path.basename(path)
    for index, doc in enumerate(d for d in docs if any(d.sentences)):
        yield _document(path, f"{name}#{index}", doc, report)


def _is_row(cols: list[str]) -> bool:
    """Whether a line's columns are a token and tags (not blank, -DOCSTART- or a comment)."""
    return len(cols) >= 2 and cols[0] != DOCSTART and not cols[0].startswith("#")


def _document(path: str, doc_id: str, doc: _Doc, report: Report) -> SourceDoc:
    """One document's text, rebuilt with single spaces, and its spans."""
    pieces: list[str] = []
    tokens: list[tuple[int, int]] = []
    spans: list[SourceSpan] = []
    pos = 0
    for sentence in (s for s in doc.sentences if s):
        if pieces:
            pieces.append("\n")
            pos += 1
        first = len(tokens)
        for i, (token, _, _) in enumerate(sentence):
            if i:
                pieces.append(" ")
                pos += 1
            pieces.append(token)
            tokens.append((pos, pos + len(token)))
            pos += len(token)
        depth = max(len(tags) for _, tags, _ in sentence)
        for layer in range(depth):
            column = [(tags[layer] if layer < len(tags) else "O", n) for _, tags, n in sentence]
            for a, b, label in _decode(path, column, report):
                spans.append(SourceSpan(tokens[first + a][0], tokens[first + b - 1][1], label))
    return SourceDoc(
        text="".join(pieces),
        spans=tuple(sorted(spans)),
        path=path,
        where=f"{path}:{doc.line}",
        doc_id=doc_id,
        tokens=tuple(tokens),
    )


def _decode(
    path: str, column: list[tuple[str, int]], report: Report
) -> Iterator[tuple[int, int, str]]:
    """``(first token, past the last token, label)`` of each span of one tag column."""
    start: int | None = None
    label = ""
    for i, (tag, number) in enumerate(column):
        if tag != "O" and not TAG.match(tag):
            report.problem(
                path,
                f"tag {tag!r} is not O or B-, I-, E-, S-, L-, U- and a label; read as O",
                number,
            )
            tag = "O"
        prefix, _, name = tag.partition("-")
        continues = prefix in "IEL" and start is not None and name == label
        if start is not None and not continues:
            yield start, i, label
            start = None
        if prefix == "O":
            continue
        if start is None:
            start, label = i, name
        if prefix in "ESLU":
            yield start, i + 1, label
            start = None
    if start is not None:
        yield start, len(column), label


def write_conll(
    docs: Iterable[SourceDoc],
    output: str,
    report: Report,
    scheme: Scheme = "iob2",
    nest: bool = False,
) -> int:
    """Write the documents as a CoNLL file; the number written.

    Without ``nest`` one tag column holds the spans that do not overlap
    (longer first), and the others are left out and counted; with it, one
    column per nesting depth, outermost first, padded with ``O``.
    """
    count = 0
    with TextOutput(output) as out:
        for doc in docs:
            out.write(f"{DOCSTART} -X- O O\n\n")
            out.write(_conll_document(doc, report, scheme, nest))
            count += 1
    report.note("documents whose spacing CoNLL does not keep", count)
    return count


def _conll_document(doc: SourceDoc, report: Report, scheme: Scheme, nest: bool) -> str:
    """One document's lines: a token and its tags each, blank lines between sentences."""
    spans = [s for s in doc.spans if not any(c.isspace() for c in s.label)]
    report.skip(
        "spans whose label has whitespace (a CoNLL tag cannot)", len(doc.spans) - len(spans)
    )
    saved = doc_saved_tokens(doc, spans)
    words = [i for i, t in enumerate(saved) if not t["text"].isspace()]
    word_at = {i: n for n, i in enumerate(words)}
    first = {t["start"]: i for i, t in enumerate(saved)}
    last = {t["end"]: i for i, t in enumerate(saved)}
    ranges = []
    for span in spans:
        covered = range(first[span.start], last[span.end] + 1)
        inside = [word_at[i] for i in covered if i in word_at]
        if not inside:
            report.skip("spans of whitespace only (CoNLL has no whitespace tokens)")
            continue
        if (
            saved[words[inside[0]]]["start"] != span.start
            or saved[words[inside[-1]]]["end"] != span.end
        ):
            report.note("spans trimmed of the whitespace at their edges")
        ranges.append(_Range(inside[0], inside[-1] + 1, span.label))
    if nest:
        layers = nested(ranges)
    else:
        kept, dropped = flat(ranges)
        report.skip("nested or overlapping spans (write them with --nested)", len(dropped))
        layers = [kept]
    columns = [_encode(layer, len(words), scheme) for layer in layers] or [["O"] * len(words)]
    breaks = _sentence_breaks(saved, words, ranges)
    lines = []
    for n, i in enumerate(words):
        if n in breaks:
            lines.append("\n")
        tags = " ".join(column[n] for column in columns)
        lines.append(f"{saved[i]['text']} {tags}\n")
    return "".join(lines) + "\n"


@dataclass(frozen=True)
class _Range:
    """A span over word tokens ``start`` to ``end`` (exclusive)."""

    start: int
    end: int
    label: str


def _sentence_breaks(
    saved: list[dict[str, Any]], words: list[int], ranges: list[_Range]
) -> set[int]:
    """The word numbers before which a line break of the text ends a sentence.

    A line break inside a span does not: the span would be cut in two.
    """
    inside = {n for r in ranges for n in range(r.start + 1, r.end)}
    breaks = set()
    for n in range(1, len(words)):
        gap = saved[words[n - 1] + 1 : words[n]]
        if n not in inside and any(_LINE_BREAK.search(t["text"]) for t in gap):
            breaks.add(n)
    return breaks


def _encode(layer: list[_Range], length: int, scheme: Scheme) -> list[str]:
    """One tag column for the non-overlapping ``layer`` over ``length`` words."""
    tags = ["O"] * length
    for r in layer:
        for n in range(r.start, r.end):
            tags[n] = f"I-{r.label}"
        if scheme == "bilou" and r.end - r.start == 1:
            tags[r.start] = f"U-{r.label}"
            continue
        tags[r.start] = f"B-{r.label}"
        if scheme == "bilou":
            tags[r.end - 1] = f"L-{r.label}"
    return tags
