"""Flow: rows by number with lazy layout must equal the whole document's rows."""

from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st

from reader.layout import DocumentLayout, layout_paragraph, wrapping
from reader.layout.flow import Flow, _Fenwick
from reader.layout.shaping import cached_words, clear_cache

paragraphs = st.lists(st.text(alphabet="ab عربي ١٢ ", max_size=120), min_size=1, max_size=25).map(
    "\n".join
)


@given(paragraphs, st.integers(4, 30), st.lists(st.integers(0, 200), max_size=40))
def test_rows_in_any_order_equal_the_document_rows(text: str, width: int, looks: list[int]) -> None:
    whole = DocumentLayout(text, width)
    flow = Flow(DocumentLayout(text, width))
    for y in looks:  # scattered looks first, as a scrollbar drag makes
        flow.row(y)
    got = []
    y = 0
    while (r := flow.row(y)) is not None:
        got.append((r.start, r.end, r.row.visual, r.indent))
        y += 1
    assert got == [(r.start, r.end, r.visual, r.indent) for r in whole.rows]
    assert flow.total == len(whole.rows)


@given(paragraphs, st.integers(4, 30), st.data())
def test_offsets_map_to_the_same_cells(text: str, width: int, data: st.DataObject) -> None:
    """Row numbers depend on estimates above them; the row found and the
    column do not."""
    whole = DocumentLayout(text, width)
    flow = Flow(DocumentLayout(text, width))
    for offset in data.draw(st.lists(st.integers(0, max(0, len(text) - 1)), max_size=20)):
        if not text:
            continue
        y = flow.y_of(offset)
        r = flow.row(y)
        expected = whole.rows[whole.row_of(offset)]
        assert r is not None and (r.start, r.end) == (expected.start, expected.end)
        pos, want = flow.position(offset), whole.position(offset)
        assert (pos is None) == (want is None)
        if pos is not None and want is not None:
            assert pos == (y, want[1])


@given(st.lists(st.integers(0, 9), max_size=50), st.data())
def test_fenwick_prefix_and_find(values: list[int], data: st.DataObject) -> None:
    tree = _Fenwick(list(values))
    for i in range(len(values) + 1):
        assert tree.prefix(i) == sum(values[:i])
    total = sum(values)
    if total:
        y = data.draw(st.integers(0, total - 1))
        p = tree.find(y)
        assert sum(values[:p]) <= y < sum(values[: p + 1])


long_paragraphs = st.lists(
    st.sampled_from(
        ["ab", "عربي", "لا", "١٢", " ", " ", "  ", "\t", "\u2067x\u2069", "ااااااااااااا"]
    ),
    max_size=300,
).map("".join)


@given(long_paragraphs, st.integers(2, 30), st.lists(st.integers(0, 200), max_size=20))
def test_a_paragraph_laid_out_a_chunk_at_a_time_has_the_rows_of_one_laid_out_at_once(
    text: str, width: int, looks: list[int]
) -> None:
    layout_paragraph.cache_clear()
    whole = [
        (r.start, r.end, r.visual, r.indent, r.row.cells) for r in DocumentLayout(text, width).rows
    ]
    layout_paragraph.cache_clear()
    with patch.object(wrapping, "CHUNK", 5):  # a chunk ends at the first word after 5 characters
        flow = Flow(DocumentLayout(text, width))
        for y in looks:
            flow.row(y)
        got = []
        y = 0
        while (r := flow.row(y)) is not None:
            got.append((r.start, r.end, r.row.visual, r.indent, r.row.cells))
            y += 1
    layout_paragraph.cache_clear()
    assert got == whole
    assert flow.total == len(whole)


def test_the_first_screen_of_a_long_paragraph_shapes_only_what_it_shows() -> None:
    layout_paragraph.cache_clear()
    clear_cache()
    words = [f"كلمة{n:05d}" for n in range(20_000)]  # 20,000 words, none alike
    flow = Flow(DocumentLayout(" ".join(words) + "\n", 80))
    rows = [flow.row(y) for y in range(40)]
    assert all(r is not None for r in rows)
    assert cached_words() < 2_000  # not the whole paragraph's words
    assert flow.y_of(len(" ".join(words[:500]))) < 100  # nor to find a place near its start
    assert cached_words() < 2_000
    assert flow.total > 40  # an estimate, until the end is looked at
    flow.settle(0)
    assert flow.total == len(DocumentLayout(" ".join(words), 80).rows)
