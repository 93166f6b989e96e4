"""A search brings its match on screen, even where the rows drawn above it grow."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import search_for, settle

from reader.ui.widgets.article_view import ArticleView

# At a 20-cell column, ten 10-letter words take ten rows, one each (two do not
# fit with a space): the length alone (109 cells) makes 6, so each such
# paragraph grows by 4 rows when it is laid out.
TALL = " ".join(["ب" * 10] * 10)


async def test_a_match_in_the_last_row_is_on_screen_after_the_rows_above_it_are_drawn(
    make_app, tmp_path: Path
) -> None:
    article = tmp_path / "tall.txt"
    paragraphs = ["ا"] * 30 + [TALL] * 5 + ["زززززززززز"]  # the last row: the one match
    article.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    app = make_app("--width", "20", str(article))
    async with app.run_test(size=(40, 14)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await search_for(pilot, "زززززززززز")
        await settle(pilot)
        assert view.flow is not None and len(view.matches) == 1
        y = view.flow.y_of(view.matches[0][0])
        top, height = round(view.scroll_y), view.scrollable_content_region.height
        assert y == view.flow.total - 1  # the last row, its paragraph and those on screen exact
        assert top <= y < top + height, (top, y, height)
