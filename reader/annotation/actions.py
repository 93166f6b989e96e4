"""The annotation keys: one table from a binding id to a session operation.

The annotation screen builds its bindings from :data:`ACTIONS` and runs a
key through :func:`perform`; the session tests run random key ids through the
same function, so what is tested is what the keys do.  Nothing here imports
Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.annotation.navigation import Navigator
from reader.annotation.session import Session
from reader.annotation.status import moved_spans, quoted, trim_cycle
from reader.plural import counted

__all__ = [
    "ACTIONS",
    "QUICK_LABELS",
    "SCREEN_KEYS",
    "Operation",
    "Outcome",
    "accept_all",
    "label_by_number",
    "perform",
    "visit_suggestion",
]

QUICK_LABELS = 9
"""Keys 1-9 label with the first nine labels; the picker (``l``) takes any."""


@dataclass(frozen=True)
class Outcome:
    """What a key did: ``changed`` when the spans or answer changed (save), and
    a passing message for the user (may be empty)."""

    changed: bool = False
    said: str = ""


@dataclass(frozen=True)
class Operation:
    """One key: its default key, what it does (for the help), and the call."""

    key: str
    description: str
    run: Callable[[Session, Navigator], Outcome]
    show: bool = False  # in the footer


def _moved(step: Callable[[Session, Navigator], object]) -> Callable[[Session, Navigator], Outcome]:
    def run(session: Session, nav: Navigator) -> Outcome:
        step(session, nav)
        return Outcome()

    return run


def label_by_number(session: Session, number: int) -> Outcome:
    """Label the selection (or the cursor's token) with label ``number`` (1-based)."""
    if not 1 <= number <= len(session.labels):
        keys = min(len(session.labels), QUICK_LABELS)
        if not keys:
            return Outcome(said="no labels: give them with --labels (the input has none)")
        return Outcome(said=f"no label {number}: the labels are 1-{keys} (l picks any)")
    before = set(session.annotations.spans)
    if session.label(number) is None:
        return Outcome()
    replaced = sorted(before - set(session.annotations.spans))
    said = ""
    if replaced:
        gone = ", ".join(f"{x.label} {quoted(session.text[x.start : x.end])}" for x in replaced)
        said = f"replaced {gone} (Ctrl+Z brings it back)"
    return Outcome(changed=True, said=said)


def _trim(at_start: bool) -> Callable[[Session, Navigator], Outcome]:
    def run(session: Session, nav: Navigator) -> Outcome:
        if at_start:
            session.trim_start()
        else:
            session.trim_end()
        return Outcome(said=trim_cycle(session, at_start=at_start))

    return run


def _changed_if(done: Callable[[Session], object]) -> Callable[[Session, Navigator], Outcome]:
    def run(session: Session, nav: Navigator) -> Outcome:
        return Outcome(changed=bool(done(session)))

    return run


def _undo_step(redo: bool) -> Callable[[Session, Navigator], Outcome]:
    """Undo (or redo), saying what the step did: its name, or the spans it moved."""

    def run(session: Session, nav: Navigator) -> Outcome:
        notes = session.annotations
        before, answer = set(notes.spans), notes.answer
        if not (notes.redo() if redo else notes.undo()):
            return Outcome(said="nothing to redo" if redo else "nothing to undo")
        what = notes.moved or moved_spans(session.text, before, answer, notes)
        return Outcome(changed=True, said=f"{'redid' if redo else 'undid'}: {what}")

    return run


def _take_suggestion(session: Session, nav: Navigator) -> Outcome:
    if session.accept_suggestion() is not None:
        return Outcome(changed=True)
    return Outcome(said="no suggestion under the cursor")


def accept_all(session: Session) -> Outcome:
    """Every suggestion in the document becomes a span, as one undo step."""
    taken = session.accept_all_suggestions()
    return Outcome(
        bool(taken), f"took {counted(len(taken), 'suggestion')} (Ctrl+Z takes them back)"
    )


def visit_suggestion(session: Session, step: int) -> Outcome:
    """``n`` / ``N`` with no search: the cursor to the next or previous suggestion."""
    found = session.visit_suggestion(step)
    return Outcome(said="" if found is not None else "no search and no suggestions")


def _label_key(n: int) -> Callable[[Session, Navigator], Outcome]:
    return lambda session, nav: label_by_number(session, n)


ACTIONS: dict[str, Operation] = {
    "token-left": Operation("left", "Left", _moved(lambda s, n: s.move(n, -1))),
    "token-right": Operation("right", "Right", _moved(lambda s, n: s.move(n, 1))),
    "token-up": Operation("up", "Up", _moved(lambda s, n: s.move_vertical(n, -1))),
    "token-down": Operation("down", "Down", _moved(lambda s, n: s.move_vertical(n, 1))),
    "select-left": Operation("shift+left", "Select left", _moved(lambda s, n: s.extend(n, -1))),
    "select-right": Operation("shift+right", "Select right", _moved(lambda s, n: s.extend(n, 1))),
    **{
        f"label-{n}": Operation(str(n), f"Label {n}", _label_key(n))
        for n in range(1, QUICK_LABELS + 1)
    },
    "trim-start": Operation("t", "Trim proclitic", _trim(True), show=True),
    "trim-end": Operation("T", "Trim suffix", _trim(False)),
    "remove-span": Operation("backspace,delete", "Remove span", _changed_if(Session.remove_here)),
    "undo": Operation("ctrl+z", "Undo", _undo_step(redo=False), show=True),
    "redo": Operation("ctrl+y", "Redo", _undo_step(redo=True)),
    "take-suggestion": Operation("enter", "Take suggestion", _take_suggestion),
}


SCREEN_KEYS: tuple[tuple[str, str, str, str, bool], ...] = (
    # (key, screen action, description, binding id, in the footer): the keys
    # that act on the screen rather than on the session alone.
    ("ctrl+s", "save", "Save", "save", False),
    ("a", "answer('accept')", "Accept", "accept", True),
    ("x", "answer('reject')", "Reject", "reject", True),
    ("i", "answer('ignore')", "Ignore", "ignore", True),
    ("e", "entities", "Entities", "entities", True),
    ("l", "pick_label", "Labels", "pick-label", True),
    ("r", "transliterate", "Transliteration", "transliterate", False),
    ("L", "inline_tags", "Label tags inline", "inline-tags", False),
    ("right_curly_bracket", "unanswered(1)", "Next unanswered", "next-unanswered", True),
    ("left_curly_bracket", "unanswered(-1)", "Previous unanswered", "previous-unanswered", False),
)


def perform(action_id: str, session: Session, nav: Navigator) -> Outcome:
    """Run the key ``action_id`` (a key of :data:`ACTIONS`) on ``session``."""
    return ACTIONS[action_id].run(session, nav)
