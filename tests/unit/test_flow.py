"""Flow: rows by number with lazy layout must equal the whole document's rows."""

from hypothesis import given
from hypothesis import strategies as st

from reader.layout import DocumentLayout
from reader.layout.flow import Flow, _Fenwick

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
