"""The seed article's rows at two widths, against rows made by GNU FriBidi.

tests/data/seed_rows_w40.tsv and seed_rows_w72.tsv were made by
tests/data/make_seed_rows.py with `fribidi --nopad --nobreak --reordernsm`
(FriBidi 1.0.8), not by hamish: greedy wrapping by words measured on
FriBidi's own output, each row shaped and reordered by FriBidi.  They were
also read by eye against the article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.documents import load_article
from reader.layout import DocumentLayout

DATA = Path(__file__).parents[1] / "data"

# arabic-reshaper draws the lone hamza as ARABIC LETTER HAMZA ISOLATED FORM;
# FriBidi leaves it as ARABIC LETTER HAMZA.  Both are the same glyph.
SAME_GLYPH = str.maketrans({"\ufe80": "\u0621"})


def seed_text() -> str:
    from reader.files.bundled import sample_path

    return load_article(str(sample_path("shafaq-news-ghwayran-2022.txt"))).text


@pytest.mark.parametrize("width", [40, 72])
def test_seed_rows_match_fribidi(width: int) -> None:
    expected = [
        tuple(line.split("\t"))
        for line in (DATA / f"seed_rows_w{width}.tsv").read_text(encoding="utf-8").splitlines()
    ]
    layout = DocumentLayout(seed_text(), width)
    got = [(str(r.start), str(r.end), r.visual.translate(SAME_GLYPH)) for r in layout.rows]
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=False):
        assert g == e
    # Every row is right-aligned to the width, as FriBidi pads by default.
    assert all(r.indent + r.row.width == width for r in layout.rows if r.visual)
