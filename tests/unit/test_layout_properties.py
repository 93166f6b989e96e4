"""Properties of every layout, over random mixed text at random widths.

The text mixes Arabic letters (lam and alef often, for ligatures), harakat,
tatweel, ASCII and Arabic-Indic digits, Latin, Hebrew, brackets,
punctuation, spaces, tabs, line breaks, controls, bidi formatting, joiners,
CJK and emoji.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.layout import DocumentLayout, LayoutOptions
from reader.layout.chars import BIDI_FORMAT, CONTROL, HARAKAH, INVISIBLE, kind

PIECES = (
    list("ابتجدرسعفقكلمنهوي")
    + ["ل", "ا", "لا", "ال", "أ", "إ", "آ", "ة", "ى"] * 3
    + ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0640"]
    + list("0123456789٠١٢٣")
    + list("abcXYZ")
    + ["ISIS", "2022"]
    + list("אבג")
    + list("()[]{}«»<>\"'.,:;!?%-/،؛")
    + [" "] * 12
    + ["\t", "\n", "\r\n"]
    + ["\x00", "\x1b", "\x1b[31m", "\x07", "\x7f", "\x85", "\r"]
    + ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
    + ["\u2066", "\u2067", "\u2068", "\u2069", "\u200c", "\u200d", "\u200b"]
    + ["中", "文", "😀", "👍🏽", "\u0301"]
)
texts = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
options = st.builds(
    LayoutOptions,
    direction=st.sampled_from(["auto", "rtl", "ltr"]),
    harakat=st.booleans(),
    shaping=st.booleans(),
    bidi=st.sampled_from(["app", "app", "terminal"]),
    show_formatting=st.booleans(),
    tab_size=st.integers(1, 8),
)
widths = st.integers(2, 24)
BREAKS = "\n\u2029"
HIDDEN = "\u200c\u200d\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def coverage(layout: DocumentLayout) -> list[int]:
    """How many cells show each offset."""
    count = [0] * len(layout.text)
    for r in layout.rows:
        for s, e in zip(r.row.starts, r.row.ends, strict=False):
            for o in range(r.offset + s, r.offset + e):
                count[o] += 1
    return count


def invisible(ch: str, opts: LayoutOptions) -> bool:
    k = kind(ch)
    return (
        k == INVISIBLE
        or (k == BIDI_FORMAT and not opts.show_formatting)
        or (k == HARAKAH and not opts.harakat)
    )


def unshown_is_allowed(layout: DocumentLayout, o: int) -> bool:
    """An offset with no cell: a line break, a space hanging at a row's end,
    or an invisible character in a word with nothing visible."""
    text = layout.text
    ch = text[o]
    if ch in BREAKS or (ch == "\r" and text[o + 1 : o + 2] == "\n"):
        return True
    row = layout.rows[layout.row_of(o)]
    if ch == " ":
        return text[o : row.end].strip(" ") == ""
    if invisible(ch, layout.options):
        a = o
        while a > 0 and text[a - 1] not in " \t\n\r\u2029":
            a -= 1
        b = o
        while b < len(text) and text[b] not in " \t\n\r\u2029":
            b += 1
        return all(invisible(c, layout.options) for c in text[a:b])
    return False


@given(texts, widths, options)
def test_every_offset_round_trips_or_is_rightly_unshown(
    text: str, width: int, opts: LayoutOptions
) -> None:
    layout = DocumentLayout(text, width, opts)
    count = coverage(layout)
    for o in range(len(text)):
        pos = layout.position(o)
        if count[o] == 0:
            assert pos is None
            assert unshown_is_allowed(layout, o), (o, text[o])
            continue
        assert count[o] == 1, f"offset {o} ({text[o]!r}) is shown {count[o]} times"
        assert pos is not None
        start, end = layout.cell_range(*pos)
        assert start <= o < end


@given(texts, widths, options)
def test_rows_fit_the_width_and_match_their_cells(
    text: str, width: int, opts: LayoutOptions
) -> None:
    layout = DocumentLayout(text, width, opts)
    previous_end = 0
    for r in layout.rows:
        row = r.row
        assert r.indent + row.width <= width
        assert cell_len(r.visual) == row.width
        # The row's string, joined from its words, is its cells' glyphs.
        assert r.visual == "".join(row.glyphs) and row.width == sum(row.widths)
        assert row.cols == tuple(sum(row.widths[:i]) for i in range(len(row.widths)))
        assert all(w > 0 for w in row.widths)
        for i, col in enumerate(row.cols):
            for k in range(row.widths[i]):
                assert layout.cell_range(r.y, r.indent + col + k) == (
                    r.offset + row.starts[i],
                    r.offset + row.ends[i],
                )
        # Rows cover the text in order; only line breaks fall between them.
        assert r.start >= previous_end
        assert text[previous_end : r.start] in ("", "\n", "\r\n", "\u2029")
        previous_end = r.end
    assert previous_end == len(text) or text[previous_end:] in ("\n", "\r\n", "\u2029")


@given(texts, widths, options)
def test_no_control_or_hidden_character_reaches_the_screen(
    text: str, width: int, opts: LayoutOptions
) -> None:
    for line in DocumentLayout(text, width, opts).lines():
        for ch in line:
            assert unicodedata.category(ch) not in ("Cc", "Cs"), repr(line)
            assert ch not in HIDDEN
            if not opts.harakat:
                assert kind(ch) != HARAKAH


@given(texts, widths, options, st.data())
def test_span_runs_show_exactly_the_span(
    text: str, width: int, opts: LayoutOptions, data: st.DataObject
) -> None:
    layout = DocumentLayout(text, width, opts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    runs = layout.span_runs(start, end)
    shown: set[int] = set()
    for run in runs:
        assert run.col >= 0 and run.col + run.width <= width
        for col in range(run.col, run.col + run.width):
            s, e = layout.cell_range(run.row, col)
            assert s < end and e > start, "a cell outside the span"
            shown.update(range(s, e))
    count = coverage(layout)
    for o in range(start, end):
        if count[o]:
            assert o in shown, f"offset {o} of the span is not in its runs"
    # Runs on one row never touch or overlap: each is a maximal run.
    by_row: dict[int, list[tuple[int, int]]] = {}
    for run in runs:
        by_row.setdefault(run.row, []).append((run.col, run.col + run.width))
    for spans in by_row.values():
        spans.sort()
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))


@given(texts, widths)
def test_unshaped_cells_show_their_own_characters(text: str, width: int) -> None:
    """With shaping off, each cell draws the characters it maps to."""
    opts = LayoutOptions(shaping=False, show_formatting=False, tab_size=4)
    layout = DocumentLayout(text, width, opts)
    pairs = {
        "(": ")",
        ")": "(",
        "[": "]",
        "]": "[",
        "{": "}",
        "}": "{",
        "«": "»",
        "»": "«",
        "<": ">",
        ">": "<",
    }
    for r in layout.rows:
        for s, e, glyph in zip(r.row.starts, r.row.ends, r.row.glyphs, strict=False):
            source = text[r.offset + s : r.offset + e]
            if source == "\t":
                assert glyph.strip(" ") == ""
                continue
            drawn = [c for c in source if not invisible(c, opts)]
            expected = "".join(drawn)
            if glyph.startswith("\u25cc"):
                glyph = glyph[1:]  # a mark with no base sits on a dotted circle
            if kind(expected[0]) == CONTROL:  # its stand-in, then any marks after it
                assert unicodedata.category(glyph[0]) == "So" or glyph[0] == "\ufffd"
                assert glyph[1:] == expected[1:]
                continue
            assert glyph == expected or glyph == pairs.get(expected[0], "") + expected[1:], (
                glyph,
                source,
            )
