"""The documents and spans that every reader yields and every writer takes.

Offsets are Python ``str`` indices (code points) into ``text``, end
exclusive, whatever unit the file counted in.  Nothing here imports Textual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.annotation.spans import FROM_INPUT
from reader.documents.errors import InputError

__all__ = ["FROM_INPUT", "Report", "SourceDoc", "SourceSpan"]


@dataclass(frozen=True, order=True)
class SourceSpan:
    """``text[start:end]`` labelled ``label``, read from a file.

    ``origin`` is :data:`FROM_INPUT` for a span a hamish output marks as one
    its input came with (``"origin": "input"``), and None otherwise: a span of
    another tool's file is that file's own.  (Opened in hamish, every span of
    an input file is marked as coming from the input.)
    """

    start: int
    end: int
    label: str
    origin: str | None = field(default=None, compare=False)


@dataclass
class SourceDoc:
    """One document read from another tool's file.

    ``where`` says where it came from for messages (``file:line``, or file and
    task id).  ``judged`` is whether the file records answers at all (hamish,
    Prodigy and Label Studio do; doccano, brat, CoNLL, XMI and spaCy do not):
    the ``--answers`` filter applies only to judged documents.  ``tokens`` are
    the file's own word tokens (no whitespace inside), kept so that
    token-based formats are never re-tokenised; None when the file has none.
    ``input_hash`` is the record's own ``_input_hash`` (hamish and Prodigy
    write one), None when it has none.
    """

    text: str
    spans: tuple[SourceSpan, ...]
    path: str
    where: str
    doc_id: str
    meta: dict[str, Any] = field(default_factory=dict)
    answer: str | None = None
    judged: bool = False
    annotator: str | None = None
    tokens: tuple[tuple[int, int], ...] | None = None
    timestamp: int | None = None
    input_hash: int | None = None


@dataclass
class Report:
    """What the readers and writers could not carry over.

    ``problems`` are one-line errors about single items (a bad line, a span
    that does not fit its text); ``skipped`` counts what was left out, by
    kind (``"discontinuous brat spans"``), and ``notes`` counts what changed
    without being lost (``"documents whose spacing CoNLL rebuilt"``).
    """

    problems: list[InputError] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)

    def problem(self, path: str, problem: str, line: int | None = None) -> None:
        """Note a one-line problem with one item of ``path``."""
        self.problems.append(InputError(path, problem, line))

    def skip(self, what: str, count: int = 1) -> None:
        """Count ``count`` things of kind ``what`` that were left out."""
        if count:
            self.skipped[what] += count

    def note(self, what: str, count: int = 1) -> None:
        """Count ``count`` things of kind ``what`` that changed but were kept."""
        if count:
            self.notes[what] += count


def is_int(value: object) -> bool:
    """Whether ``value`` is a JSON integer (a bool is not one)."""
    return isinstance(value, int) and not isinstance(value, bool)


def make_span(text: str, start: object, end: object, label: object) -> SourceSpan | str:
    """``(start, end, label)`` as a span of ``text``, or what keeps it from being one."""
    if not (isinstance(start, int) and isinstance(end, int)) or is_bool(start, end):
        return f"offsets {short(start)}-{short(end)} are not whole numbers"
    if not isinstance(label, str) or not label.strip():
        return f"label {short(label)} is not a non-empty string"
    if not 0 <= start < end <= len(text):
        return f"{start}-{end} does not fit the text (0-{len(text)})"
    return SourceSpan(start, end, label)


def text_problem(text: str, span: SourceSpan, claimed: object) -> str | None:
    """What is wrong when a file's own copy of a span's text is not ``text[start:end]``."""
    if claimed == text[span.start : span.end]:
        return None
    return f"its text {short(claimed)} is not the text at {span.start}-{span.end}"


def is_bool(*values: object) -> bool:
    """Whether any of ``values`` is a bool (which Python counts as an int)."""
    return any(isinstance(v, bool) for v in values)


def short(value: object) -> str:
    """``repr(value)``, cut to 40 characters for one-line messages."""
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def sorted_spans(spans: Sequence[SourceSpan]) -> tuple[SourceSpan, ...]:
    """``spans`` in order, each once."""
    return tuple(sorted(set(spans)))
