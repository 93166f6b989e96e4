"""ConflictPanel: a document's conflicts in reading order, every annotator's version of each."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.review.conflicts import NO_SPAN, Differences
from reader.safe_text import shown
from reader.ui.widgets.visual import isolate, visual_line

CONFLICT = "article-view--conflict"
CURRENT = "article-view--conflict-current"
SETTLED_MARK = "✓"
OPEN_MARK = "●"


def conflict_lines(differences: Differences, text: str, index: int, settled: bool) -> Text:
    """Conflict ``index`` as the panel shows it: what kind it is, then one line per
    annotator: the key that takes it, who, and each span's label and text."""
    c = differences.conflicts[index]
    mark = SETTLED_MARK if settled else OPEN_MARK
    out = Text(f"{mark} {index + 1}/{len(differences.conflicts)} ", style="bold")
    out.append(", ".join(c.kinds), style="italic")
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


def conflict_marks(
    differences: Differences, left: Iterable[int], current: int | None, number: Mapping[str, int]
) -> list[tuple[int, int, str]]:
    """The article view's marks of the conflicts ``left``: each one's stretch (the one
    under the cursor, ``current``, apart), and every version's spans underlined in
    the colour of its label (``number``: a label's colour number)."""
    marks = []
    for i in left:
        c = differences.conflicts[i]
        marks.append((c.start, c.end, CURRENT if i == current else CONFLICT))
        for version in c.versions:
            marks.extend(
                (x.start, x.end, f"article-view--suggestion-{number.get(x.label, 9)}")
                for x in version
            )
    return marks


class ConflictPanel(OptionList):
    """Lists conflicts; choosing one posts OptionSelected with the conflict's index as id.

    Names, labels and span texts are untrusted: through the boundary and the
    engine into plain Text, never markup.  It never takes the focus: the keys
    stay with the article.
    """

    can_focus = False

    def show_conflicts(self, differences: Differences, text: str, settled: Collection[int]) -> None:
        """List every conflict of ``differences`` (on ``text``), the settled ones marked."""
        self.clear_options()
        options: Sequence[Option] = [
            Option(conflict_lines(differences, text, i, i in settled), id=str(i))
            for i in range(len(differences.conflicts))
        ]
        if options:
            self.add_options(options)
        else:
            self.add_option(Option(Text("no conflicts: the annotators agree"), disabled=True))

    def point_at(self, index: int | None) -> None:
        """Highlight conflict ``index`` (None: none)."""
        if index is None or index >= self.option_count:
            self.highlighted = None
        else:
            self.highlighted = index
