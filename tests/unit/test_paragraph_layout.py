"""Whole rows for hand-worked paragraphs: wrapping, alignment, mirroring, traps."""

from bidi import get_display
from rich.cells import cell_len

from reader.layout import DocumentLayout, LayoutOptions


def rows(text: str, width: int, **options: object) -> list[str]:
    return [r.visual for r in DocumentLayout(text, width, LayoutOptions(**options)).rows]


def test_brackets_inside_arabic_are_mirrored() -> None:
    # Known trap 1: get_display leaves ")ISIS(".
    assert get_display("قال (ISIS) أمس") == "سمأ )ISIS( لاق"
    assert rows("قال (ISIS) أمس", 40, shaping=False) == ["سمأ (ISIS) لاق"]
    assert rows("قال (ISIS) أمس", 40) == ["\ufeb2\ufee3\ufe83 (ISIS) \ufedd\ufe8e\ufed7"]


def test_marks_follow_their_base_in_visual_order() -> None:
    # Known trap 2: get_display puts the fatha before its beh.
    assert get_display("بَت") == "تَب"
    assert rows("بَت", 10, shaping=False) == ["تبَ"]
    assert rows("بَت", 10) == ["\ufe96\ufe91\u064e"]


def test_rows_are_reordered_with_the_paragraph_levels() -> None:
    # Known trap 3: alone, the second row would be read as LTR and its "!"
    # put at the right; in an RTL paragraph it belongs at the left.
    text = "قال المتحدث Brennan said hello!"
    layout = DocumentLayout(text, 13, LayoutOptions(shaping=False))
    assert [r.visual for r in layout.rows] == ["ثدحتملا لاق", "Brennan said", "!hello"]
    assert get_display("hello!") == "hello!"
    assert [r.direction for r in layout.rows] == ["rtl", "rtl", "rtl"]
    assert [r.indent for r in layout.rows] == [2, 1, 7]


def test_numbers_read_left_to_right_inside_arabic() -> None:
    assert rows("في عام 2022 قتل 23", 40, shaping=False) == ["23 لتق 2022 ماع يف"]


def test_ltr_paragraph_with_arabic_inside() -> None:
    assert rows("The word سلام means peace.", 40, shaping=False) == ["The word مالس means peace."]


def test_wrapping_breaks_at_spaces_and_hangs_them() -> None:
    layout = DocumentLayout("aaa bbb ccc", 7)
    assert [(r.visual, r.start, r.end) for r in layout.rows] == [("aaa bbb", 0, 8), ("ccc", 8, 11)]


def test_a_word_longer_than_the_row_is_broken_inside() -> None:
    url = "https://example.org/" + "x" * 30
    layout = DocumentLayout("see " + url, 20)
    assert [r.visual for r in layout.rows] == ["see", url[:20], url[20:40], url[40:]]


def test_rtl_rows_are_right_aligned() -> None:
    layout = DocumentLayout("سلام عليكم", 20)
    row = layout.rows[0]
    assert row.indent == 20 - row.row.width == 11
    assert row.line() == " " * 11 + row.visual


def test_wide_characters_take_two_cells() -> None:
    layout = DocumentLayout("中文 😀 ok", 6)
    assert [r.visual for r in layout.rows] == ["中文", "😀 ok"]
    assert all(cell_len(r.visual) == r.row.width <= 6 for r in layout.rows)


def test_tabs_expand_to_the_next_stop() -> None:
    layout = DocumentLayout("a\tbc\td", 40, LayoutOptions(tab_size=4))
    assert layout.rows[0].visual == "a   bc  d"
    assert layout.position(1) == (0, 1)
    assert layout.cell_range(0, 3) == (1, 2)


def test_empty_and_neutral_paragraphs_take_the_document_direction() -> None:
    layout = DocumentLayout("عربي\n\n123 ...\nabc", 10)
    assert [r.direction for r in layout.rows] == ["rtl", "rtl", "rtl", "ltr"]
    assert layout.rows[1].visual == ""


def test_forced_direction() -> None:
    layout = DocumentLayout("abc عربي", 20, LayoutOptions(direction="rtl", shaping=False))
    assert layout.rows[0].visual == "يبرع abc"
    assert layout.rows[0].indent == 12


def test_terminal_mode_keeps_logical_order_unshaped() -> None:
    assert rows("قال (ISIS) 2022", 40, bidi="terminal") == ["قال (ISIS) 2022"]
    assert DocumentLayout("عربي", 20, LayoutOptions(bidi="terminal")).rows[0].indent == 0


def test_crlf_and_paragraph_separator_end_paragraphs_and_are_not_drawn() -> None:
    text = "abc\r\nعربي\u2029x"
    layout = DocumentLayout(text, 10)
    assert [(r.start, r.end) for r in layout.rows] == [(0, 3), (5, 9), (10, 11)]
    assert layout.position(3) is None and layout.position(4) is None
    assert layout.position(9) is None


def test_hidden_formatting_is_obeyed() -> None:
    # RLO forces "abc" right to left; the override itself is not drawn.
    assert rows("\u202eabc\u202c", 10) == ["cba"]
    # Drawn, the override and its PDF sit outside the run they reverse.
    assert rows("\u202eabc\u202c", 10, show_formatting=True) == ["\u21dacba\u21d3"]


def test_no_control_character_reaches_the_rows() -> None:
    text = "x\x1b]0;pwned\x07\x1b[2J\x9b31m\x00y"
    (visual,) = rows(text, 80)
    assert visual == "x\u241b]0;pwned\u2407\u241b[2J\ufffd31m\u2400y"


def test_maps_through_ligatures_and_hidden_harakat() -> None:
    text = "السَّلامُ"
    for harakat in (True, False):
        layout = DocumentLayout(text, 20, LayoutOptions(harakat=harakat))
        # ا ل س ّ َ ل ا م ُ: lam (5) and alef (6) share the ligature's
        # cell; the shadda and fatha (3, 4) the seen's (2); the damma (8)
        # the meem's (7).
        assert layout.position(5) == layout.position(6)
        assert layout.position(1) != layout.position(5)
        assert layout.position(2) == layout.position(3) == layout.position(4)
        assert layout.cell_range(*layout.position(5)) == (5, 7)
        assert layout.cell_range(*layout.position(8)) == (7, 9)


def test_a_span_in_mixed_text_can_be_several_runs_on_one_row() -> None:
    text = "قال ISIS والتحالف"
    layout = DocumentLayout(text, 40, LayoutOptions(shaping=False))
    (visual,) = [r.visual for r in layout.rows]
    assert visual == "فلاحتلاو ISIS لاق"
    # "ل IS": the lam and the space after it at the right, "IS" in the middle.
    runs = layout.span_runs(2, 6)
    indent = layout.rows[0].indent
    assert [(r.col - indent, r.width) for r in runs] == [(9, 2), (13, 2)]


def test_a_paragraph_is_sliced_once_not_on_every_row_looked_up(monkeypatch) -> None:
    # Slicing afresh copies (and the layout cache hashes) the whole paragraph:
    # on a long one that was the cost of every row drawn.
    from reader.layout import document

    texts: list[str] = []
    real = document.layout_paragraph

    def spy(text: str, *rest: object) -> object:
        texts.append(text)
        return real(text, *rest)

    monkeypatch.setattr(document, "layout_paragraph", spy)
    layout = DocumentLayout("قال " * 1000 + "\nabc", 40)
    for _ in range(3):
        layout.paragraph(0)
    assert len(texts) == 3 and texts[0] is texts[1] is texts[2]
