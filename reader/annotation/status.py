"""What the annotation status line says about the cursor and the selection.

Plain strings in logical order (the screen shapes them for drawing); text
from the document is wrapped in bidi isolates so it cannot reorder the words
around it.  Nothing here imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.annotation.session import Session
    from reader.annotation.spans import Annotations, Span

__all__ = [
    "moved_spans",
    "quoted",
    "selection_status",
    "transliterated",
    "trim_cycle",
    "under_cursor",
]


def quoted(text: str) -> str:
    """``text`` in a first-strong isolate (FSI … PDI)."""
    return f"\u2068{text}\u2069"


def selection_status(session: Session) -> str:
    """``selection: العراق (from والعراق)`` for a trimmed selection, ``selection:
    جون برينان`` for a whole one, ``""`` with none: what the next label takes."""
    selection = session.selection()
    whole = session.whole_selection()
    if selection is None or whole is None:
        return ""
    shown = f"selection: {quoted(session.text[selection[0] : selection[1]])}"
    if selection != whole:
        shown += f" (from {quoted(session.text[whole[0] : whole[1]])})"
    return shown


def trim_cycle(session: Session, *, at_start: bool) -> str:
    """The order ``t`` or ``T`` goes round, whole token first: ``t: والعراق › العراق › عراق``."""
    choices = session.trim_choices(at_start=at_start)
    if len(choices) < 2:
        return f"{'t' if at_start else 'T'}: nothing to trim here"
    words = " › ".join(quoted(session.text[s:e]) for s, e in choices)
    return f"{'t' if at_start else 'T'}: {words}"


def under_cursor(session: Session) -> str:
    """The spans on the cursor's token (label and text), else what Enter would take."""
    if session.empty:
        return ""
    start, end = session.token_range(session.cursor)
    spans = [x for x in session.annotations.spans if x.start < end and x.end > start]
    if spans:
        return " ".join(f"{x.label} {quoted(session.text[x.start : x.end])}" for x in spans)
    suggestion = session.suggestion_here()
    if suggestion is not None:
        words = session.text[suggestion.start : suggestion.end]
        return f"Enter: {suggestion.label} {quoted(words)}"
    return ""


def transliterated(session: Session, scheme: str) -> str:
    """``Buckwalter: wAlErAq``: the selection transliterated, else the span under
    the cursor, else the cursor's token."""
    if session.empty:
        return ""
    from reader.annotation.transliteration import transliterate

    start, end = session.token_range(session.cursor)
    spans = [x for x in session.annotations.spans if x.start < end and x.end > start]
    target = session.selection() or ((spans[0].start, spans[0].end) if spans else (start, end))
    return f"{scheme}: {transliterate(session.text[target[0] : target[1]], scheme)}"


def moved_spans(
    text: str, before: set[Span], answer: str | None, notes: Annotations, most: int = 3
) -> str:
    """What an undo or redo did to ``notes`` (``before`` and ``answer`` its state
    until then): ``PER «x» gone, ORG «y» back``, counted beyond ``most`` spans."""

    def listed(spans: set[Span], how: str) -> list[str]:
        if len(spans) > most:
            return [f"{len(spans)} spans {how}"]
        return [f"{x.label} {quoted(text[x.start : x.end])} {how}" for x in sorted(spans)]

    after = set(notes.spans)
    parts = [*listed(before - after, "gone"), *listed(after - before, "back")]
    if notes.answer != answer:
        parts.append(f"answer {notes.answer or 'none'}")
    return ", ".join(parts) or "nothing changed"
