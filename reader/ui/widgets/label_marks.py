"""Label marks that need no colour: the gutter names the labels that start on
a row; inline tags (a toggle) show each span's label after it.

Both decorate a row already drawn (a Strip), so the text rows and their
offset maps stay as they are: the gutter writes into the blank margin left
of the reading column; an inline tag is put into a copy of the row's cells
after the span's last cell in reading order (left of it in a right-to-left
row), pushing the rest of the row along, into :attr:`LabelMarks.room` cells
the view keeps free right of the column.  A row whose tags need more than
the cells right of it has its tags shortened to fit, never its text cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.annotation.projection import LabelIndex
from reader.annotation.spans import Span
from reader.layout.document import DocumentRow
from reader.ui.widgets.row_paint import StyleOf
from reader.ui.widgets.visual import visual_line

GUTTER = "article-view--gutter"  # the component class the tags are drawn in
GUTTER_GAP = 1  # blank cells between the gutter's tags and the text
TAGS_KEPT = 3  # inline tags of the widest label that fit right of the column
MIN_TAG = 5  # cells of the shortest tag room is kept for (‹PER›)
GUTTER_KEPT = 12  # cells of labels the gutter keeps room for, at most (more shorten)
SHORTEST = 3  # cells of a tag cut to the bone (‹…›)


def fit(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` cells, an ellipsis marking the cut."""
    if cell_len(text) <= cells:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells - 1:
            break
        out += ch
    return out + "…" if cells > 0 else ""


class LabelMarks:
    """The gutter (and, if ``inline``, the inline tags) of the given spans."""

    def __init__(self, spans: Sequence[Span], *, inline: bool, labels: Sequence[str] = ()) -> None:
        self.index = LabelIndex(spans)
        self.inline = inline
        self._shown: dict[str, str] = {}
        widest = max((cell_len(self._tag(x)) for x in labels), default=0)
        self.room = TAGS_KEPT * max(widest, MIN_TAG) if inline else 0
        named = max((cell_len(self._label(x)) for x in labels), default=0)
        self.gutter = min(GUTTER_KEPT, 2 * named + 1) + GUTTER_GAP if named else 0
        """Cells kept left of the column, where a centred column leaves fewer: two
        names of the widest label (up to :data:`GUTTER_KEPT` cells) and the gap."""
        """Cells kept right of the column for inline tags: :data:`TAGS_KEPT` of the
        widest of ``labels`` (the labels in use, so it never changes with a span)."""

    def _label(self, label: str) -> str:
        """A label as drawn: through the boundary, shaped (labels may be Arabic)."""
        shown = self._shown.get(label)
        if shown is None:
            shown = self._shown[label] = visual_line(label)
        return shown

    def _tag(self, label: str) -> str:
        return f"‹{self._label(label)}›"

    def decorate(
        self, r: DocumentRow, strip: Strip, margin: int, width: int, style_of: StyleOf
    ) -> Strip:
        """``strip`` (row ``r`` drawn ``width`` cells wide, the column ``margin``
        cells in) with its gutter tags and, if on, its inline tags, in the
        style of ``article-view--gutter``."""
        style = style_of(GUTTER)
        if self.inline:
            strip = self._inline(r, strip, margin, width, style)
        labels = self.index.starting(r.start, r.end)
        room = margin - GUTTER_GAP
        if not labels or room < 1:
            return strip
        tags = fit(" ".join(self._label(x) for x in labels), room)
        gutter = " " * (room - cell_len(tags)) + tags
        rest = strip.crop(room, width)
        return Strip.join([Strip([Segment(gutter, style)], room), rest])

    def _inline(self, r: DocumentRow, strip: Strip, margin: int, width: int, style: Style) -> Strip:
        row = r.row
        cuts: list[tuple[int, str]] = []  # (screen column, tag)
        for span in self.index.ending(r.start, r.end):
            cells = [
                i
                for i, (cs, ce) in enumerate(zip(row.starts, row.ends, strict=True))
                if cs + r.offset < span.end and ce + r.offset > span.start
            ]
            if not cells:
                continue
            i = min(cells) if row.direction == "rtl" else max(cells)
            col = margin + r.indent + row.cols[i] + (0 if row.direction == "rtl" else row.widths[i])
            cuts.append((col, self._tag(span.label)))
        if not cuts:
            return strip
        cuts.sort()
        end = (
            margin
            + r.indent
            + max((c + w for c, w in zip(row.cols, row.widths, strict=True)), default=0)
        )
        cuts = _shortened(cuts, max(0, width - end))
        pieces = strip.divide(
            [*(min(col, strip.cell_length) for col, _ in cuts), strip.cell_length]
        )
        out: list[Strip] = [pieces[0]]
        for (_, tag), piece in zip(cuts, pieces[1:], strict=True):
            out.append(Strip([Segment(tag, style)], cell_len(tag)))
            out.append(piece)
        return Strip.join(out).crop(0, width)


def _shortened(cuts: list[tuple[int, str]], room: int) -> list[tuple[int, str]]:
    """``cuts``' tags, each cut (an ellipsis marking it) to a fair share of
    ``room`` cells when together they need more; never below ``‹…›``, so when
    even those do not fit, only the first that do are kept: the text is never
    pushed out of the view."""
    if sum(cell_len(tag) for _, tag in cuts) <= room:
        return cuts
    cuts = cuts[: room // SHORTEST]
    if not cuts:
        return []
    share = max(SHORTEST, room // len(cuts))
    return [(col, tag if cell_len(tag) <= share else fit(tag[:-1], share - 1) + "›")
            for col, tag in cuts]  # fmt: skip
