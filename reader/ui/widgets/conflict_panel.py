"""ConflictPanel: a document's conflicts in reading order, every annotator's version of each.

The panel shows the conflicts from the one before the cursor's, as many as
fit its height: drawing it costs what the panel holds, not what the
document does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from rich.text import Text
from textual import events
from textual.widgets import Static

from reader.review.conflicts import NO_SPAN, Differences
from reader.safe_text import shown
from reader.ui.widgets.visual import isolate, visual_line

CONFLICT = "article-view--conflict"
CURRENT = "article-view--conflict-current"
SETTLED_MARK = "✓"
OPEN_MARK = "●"
CURRENT_MARK = "▶"  # the conflict the keys act on: a shape, not only a colour
UNLAID_HEIGHT = 30  # rows to fill before the panel has a size


def conflict_lines(
    differences: Differences, text: str, index: int, settled: bool, current: bool = False
) -> Text:
    """Conflict ``index`` as the panel shows it: what kind it is, then one line per
    annotator: the key that takes it, who, and each span's label and text.  The
    ``current`` one (the cursor's) is marked ▶ and its first line reversed."""
    c = differences.conflicts[index]
    mark = CURRENT_MARK if current else SETTLED_MARK if settled else OPEN_MARK
    out = Text(f"{mark} {index + 1}/{len(differences.conflicts)} ", style="bold")
    if current and settled:
        out.append(f"{SETTLED_MARK} settled · ", style="bold")
    out.append(", ".join(c.kinds), style="italic")
    if current:
        out.stylize("reverse", 0, len(out))
    for n, (who, version) in enumerate(zip(differences.annotators, c.versions, strict=True), 1):
        out.append("\n")
        out.append(f" {n} " if n <= 9 else "   ", style="reverse")
        out.append(f" {shown(who)}: ")
        if not version:
            out.append(NO_SPAN, style="dim")
        for k, span in enumerate(version):
            if k:
                out.append(" · ")
            out.append(f"{shown(span.label)} ", style="bold")
            out.append(visual_line(isolate(text[span.start : span.end])))
    return out


def conflict_note(differences: Differences, index: int, settled: bool) -> str:
    """The status line's word on conflict ``index``, the cursor's: which it is
    and the keys that act on it."""
    names, total = len(differences.annotators), len(differences.conflicts)
    keys = "1 takes" if names == 1 else f"1-{min(names, 9)} take"
    state = ", settled" if settled else ""
    return f"conflict {index + 1}/{total}{state} under the cursor: {keys} · x reject · Tab next"


def conflict_marks(
    differences: Differences, left: Iterable[int], number: Mapping[str, int]
) -> list[tuple[int, int, str]]:
    """The article view's marks of the conflicts ``left``: each one's stretch, and
    every version's spans underlined in the colour of its label (``number``: a
    label's colour number).  The one under the cursor is marked on a layer of its own."""
    marks = []
    for i in left:
        c = differences.conflicts[i]
        marks.append((c.start, c.end, CONFLICT))
        for version in c.versions:
            marks.extend(
                (x.start, x.end, f"article-view--suggestion-{number.get(x.label, 9)}")
                for x in version
            )
    return marks


class ConflictPanel(Static):
    """Lists conflicts, the one under the cursor first after the one before it.

    Names, labels and span texts are untrusted: through the boundary and the
    engine into plain Text, never markup.  It never takes the focus: the keys
    stay with the article.
    """

    can_focus = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Differences, str, frozenset[int], int, int | None] | None = None

    def show_conflicts(
        self,
        differences: Differences,
        text: str,
        settled: Collection[int],
        near: int,
        current: int | None,
    ) -> None:
        """Show the conflicts of ``differences`` (on ``text``) from the one before
        ``near``, the ``settled`` ones marked, ``current`` (the cursor's) picked out."""
        self._shown = (differences, text, frozenset(settled), near, current)
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        self._draw()

    def _draw(self) -> None:
        if self._shown is None:
            return
        differences, text, settled, near, current = self._shown
        total = len(differences.conflicts)
        if not total:
            self.update(Text("no conflicts: the annotators agree"))
            return
        room = self.content_region.height or UNLAID_HEIGHT
        first = max(0, near - 1)
        out = Text(f"↑ {first} before\n" if first else "", style="dim")
        used = 1 if first else 0
        i = first
        while i < total and used < room:
            out.append_text(conflict_lines(differences, text, i, i in settled, i == current))
            out.append("\n\n")
            used += len(differences.annotators) + 2
            i += 1
        if i < total:
            out.append(f"↓ {total - i} more", style="dim")
        out.rstrip()
        self.update(out)
