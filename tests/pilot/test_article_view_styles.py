"""ArticleView brings its own styles: in an app with no stylesheet it is styled."""

from __future__ import annotations

from textual.app import App, ComposeResult

from reader.ui.widgets.article_view import ArticleView


class Bare(App[None]):
    """An app with no CSS of its own: only the widget's DEFAULT_CSS applies."""

    def compose(self) -> ComposeResult:
        yield ArticleView("بغداد عاصمة العراق. " * 200, column=30)


async def test_article_view_is_styled_without_the_screens_css() -> None:
    app = Bare()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.styles.overflow_x == "hidden"
        assert view.styles.scrollbar_gutter == "stable"
        assert view.styles.scrollbar_size_vertical == 1
        assert view.size.height == 20  # height: 1fr of the screen
        match = view.get_component_rich_style("article-view--current-match")
        assert match.bold and match.bgcolor is not None
