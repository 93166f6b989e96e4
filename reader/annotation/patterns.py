"""Pre-annotation from Prodigy-style JSONL patterns.

Each line of a patterns file is one JSON object with a ``label`` and a
``pattern``: a phrase (``{"label": "GPE", "pattern": "بغداد"}``) or a list of
token objects with one of ``lower``, ``text`` or ``orth`` each
(``{"label": "ORG", "pattern": [{"lower": "world"}, {"lower": "bank"}]}``).

Matching uses the folding of :mod:`reader.search`: spelling variants fold
to one letter, and harakat, tatweel, joiners and bidi marks are ignored.

* A phrase is split with :func:`~reader.annotation.tokens.tokenize` and
  matches a run of document tokens whose folded texts equal its tokens', Latin
  without regard to case.  Whitespace between the tokens is not compared.
* A token object matches one document token: ``lower`` without regard to
  case, ``text`` and ``orth`` (the same thing) with it.
* Either kind matches whole tokens only, except that the first document
  token may shed a proclitic at one of its
  :func:`~reader.annotation.clitics.start_cuts`: بغداد finds لبغداد and
  العراق finds والعراق, with the span after the proclitic.  So عراق matches
  العراق (the article is a proclitic) but never the inside of العراقيين.

Nothing here imports Textual.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reader.annotation.clitics import start_cuts
from reader.annotation.spans import Span
from reader.annotation.tokens import Token, tokenize
from reader.documents.errors import InputError
from reader.documents.json_input import JsonError, loads
from reader.documents.reading import PATTERNS_LIMIT, read_text
from reader.search import fold, strip_ignorables

__all__ = ["Pattern", "find_suggestions", "load_patterns"]

_TOKEN_KEYS = ("lower", "text", "orth")
# First letters of every proclitic start_cuts knows (alef and alef wasla for ال).
_PROCLITIC_LETTERS = frozenset("وفبكلسا\u0671")


@dataclass(frozen=True)
class Pattern:
    """One pattern line: a phrase or a tuple of token objects, never both.

    Token objects have exactly one key, ``lower``, ``text`` or ``orth``, in
    lower case.  ``line`` is the pattern's 1-based line in its file.
    """

    label: str
    phrase: str | None
    tokens: tuple[dict[str, str], ...] | None
    line: int


class _Problem(Exception):
    """Why one pattern line cannot be used."""


def _key(text: str) -> str:
    """``text`` as patterns compare it, case kept."""
    return strip_ignorables(fold(text))


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    """The folded, case-free texts of a phrase's tokens, empty ones left out."""
    keys = (_key(t.text_of(phrase)).casefold() for t in tokenize(phrase))
    return tuple(k for k in keys if k)


def _token_object(item: Any, n: int) -> dict[str, str]:
    if not isinstance(item, dict) or len(item) != 1:
        raise _Problem(f"token {n}: expected an object with one of lower, text, orth")
    ((name, value),) = item.items()
    if not isinstance(name, str) or name.lower() not in _TOKEN_KEYS:
        raise _Problem(f"token {n}: unsupported attribute {name!r} (use lower, text or orth)")
    if not isinstance(value, str) or not _key(value):
        raise _Problem(f"token {n}: {name} must be a non-empty string")
    return {name.lower(): value}


def _parse(raw: str, line: int, labels: Sequence[str] | None) -> Pattern:
    try:
        data = loads(raw)
    except JsonError as err:
        raise _Problem(err.problem) from None
    if not isinstance(data, dict):
        raise _Problem('expected an object like {"label": "GPE", "pattern": "..."}')
    label = data.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _Problem("missing label" if label is None else "label must be a non-empty string")
    if labels is not None and label not in labels:
        raise _Problem(f"label {_quoted(label)} is not one of {', '.join(labels)}")
    if "pattern" not in data:
        raise _Problem("missing pattern")
    pattern = data["pattern"]
    if isinstance(pattern, str):
        if not _phrase_keys(pattern):
            raise _Problem("empty pattern")
        return Pattern(label, pattern, None, line)
    if isinstance(pattern, list):
        if not pattern:
            raise _Problem("empty pattern")
        tokens = tuple(_token_object(item, n) for n, item in enumerate(pattern, 1))
        return Pattern(label, None, tokens, line)
    raise _Problem("pattern must be a string or a list of token objects")


def load_patterns(
    path: str, labels: Sequence[str] | None = None
) -> tuple[list[Pattern], list[str]]:
    """The usable patterns in the JSONL file ``path``, and one line per bad line.

    Blank lines are skipped.  A bad line, or with ``labels`` a pattern whose
    label is not one of them, is reported as ``path:line: problem`` and left
    out.  Raises :class:`~reader.documents.InputError` when the file cannot be
    used at all: missing, not a regular file, larger than 64 MiB, not UTF-8,
    or without a single usable pattern (naming its first bad line).
    """
    note = ", the most a patterns file may be"
    patterns: list[Pattern] = []
    problems: list[InputError] = []
    for number, raw in enumerate(read_text(path, PATTERNS_LIMIT, note).split("\n"), 1):
        if not raw.strip():
            continue
        try:
            patterns.append(_parse(raw, number, labels))
        except _Problem as problem:
            problems.append(InputError(path, str(problem), number))
    if not patterns:
        if not problems:
            raise InputError(path, "no patterns")
        first = problems[0]
        more = f" (and {len(problems) - 1} more bad lines)" if len(problems) > 1 else ""
        raise InputError(path, f"no usable pattern: {first.problem}{more}", first.line)
    return patterns, [str(problem) for problem in problems]


def _quoted(text: str) -> str:
    """``text`` as a JSON string: quoted, with quotes, backslashes and controls escaped."""
    return json.dumps(text, ensure_ascii=False)


# One compiled pattern: (order, label, ((key, casefold), ...)).
_Compiled = tuple[int, str, tuple[tuple[str, bool], ...]]


def _compile(order: int, pattern: Pattern) -> _Compiled:
    if pattern.phrase is not None:
        return order, pattern.label, tuple((k, True) for k in _phrase_keys(pattern.phrase))
    steps: list[tuple[str, bool]] = []
    for obj in pattern.tokens or ():
        ((name, value),) = obj.items()
        casefold = name == "lower"
        steps.append((_key(value).casefold() if casefold else _key(value), casefold))
    return order, pattern.label, tuple(steps)


class _Index:
    """Compiled patterns by their first step, case-free and exact."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self.by_lower: dict[str, list[_Compiled]] = {}
        self.by_exact: dict[str, list[_Compiled]] = {}
        for order, pattern in enumerate(patterns):
            compiled = _compile(order, pattern)
            if compiled[2]:
                key, casefold = compiled[2][0]
                by = self.by_lower if casefold else self.by_exact
                by.setdefault(key, []).append(compiled)

    def __bool__(self) -> bool:
        return bool(self.by_lower or self.by_exact)

    def knows(self, key: str) -> bool:
        """Whether a pattern may start with a token whose key is ``key``."""
        return key.casefold() in self.by_lower or key in self.by_exact

    def starting(self, key: str) -> list[_Compiled]:
        """The patterns whose first step matches a token whose key is ``key``."""
        return self.by_lower.get(key.casefold(), []) + self.by_exact.get(key, [])


# A candidate: (start, end, order, label, first token, last token + 1).
_Match = tuple[int, int, int, str, int, int]

# A proclitic has at most four letters (و + ب + ال).
_MOST_PROCLITIC_LETTERS = 4


class _Matcher:
    """One pass over a document's tokens, collecting every pattern match."""

    def __init__(self, text: str, tokens: Sequence[Token], index: _Index) -> None:
        self.text = text
        self.folded = fold(text)
        self.tokens = tokens
        self.index = index
        self.found: list[_Match] = []

    def key(self, start: int, end: int) -> str:
        return strip_ignorables(self.folded[start:end])

    def follows(self, i: int, steps: tuple[tuple[str, bool], ...]) -> bool:
        """Whether the tokens after ``i`` match ``steps[1:]``."""
        if i + len(steps) > len(self.tokens):
            return False
        for j, (want, casefold) in zip(range(i + 1, i + len(steps)), steps[1:], strict=True):
            key = self.key(self.tokens[j].start, self.tokens[j].end)
            if (key.casefold() if casefold else key) != want:
                return False
        return True

    def match_at(self, i: int, start: int, key: str) -> None:
        """Record the patterns that match from ``start`` in token ``i`` on."""
        for order, label, steps in self.index.starting(key):
            if self.follows(i, steps):
                last = i + len(steps)
                self.found.append((start, self.tokens[last - 1].end, order, label, i, last))

    def may_shed(self, key: str) -> bool:
        """Whether ``key`` less a proclitic's letters could start a pattern."""
        most = min(_MOST_PROCLITIC_LETTERS, len(key) - 2)
        return any(
            self.index.knows(key[drop:]) or self.index.knows("\u0627" + key[drop:])
            for drop in range(1, most + 1)
        )

    def run(self) -> list[_Match]:
        text, index = self.text, self.index
        for i, token in enumerate(self.tokens):
            start, end = token.start, token.end
            key = self.key(start, end)
            if index.knows(key):
                self.match_at(i, start, key)
            if text[start] in _PROCLITIC_LETTERS and self.may_shed(key):
                for cut in start_cuts(text[start:end]):
                    rest = self.key(start + cut, end)
                    if index.knows(rest):
                        self.match_at(i, start + cut, rest)
                    # لل: after the preposition ل the article's alef is not
                    # written (ل + العراق = للعراق), so العراق is sought as لعراق.
                    elided = "\u0627" + rest
                    if (
                        rest.startswith("\u0644")
                        and self.key(start, start + cut).endswith("\u0644")
                        and index.knows(elided)
                    ):
                        self.match_at(i, start + cut, elided)
        return self.found


def find_suggestions(text: str, tokens: Sequence[Token], patterns: Sequence[Pattern]) -> list[Span]:
    """Spans the patterns find in ``text``, non-overlapping, sorted by start.

    ``tokens`` are ``tokenize(text)``.  Where matches overlap the longest
    wins, then the earliest, then the pattern that comes first.
    """
    index = _Index(patterns)
    if not index or not tokens:
        return []
    taken = bytearray(len(tokens))
    chosen: list[Span] = []
    for start, end, _order, label, first, last in sorted(
        _Matcher(text, tokens, index).run(), key=lambda m: (m[0] - m[1], m[0], m[2])
    ):
        if any(taken[first:last]):
            continue
        taken[first:last] = b"\x01" * (last - first)
        chosen.append(Span(start, end, label))
    chosen.sort()
    return chosen
