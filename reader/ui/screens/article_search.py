"""Search in the article on screen: the box, n and N, and where a match is drawn.

A base of the reader screen (and so of annotation and review): the screen
keeps the article and the box, this class what a search does with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.screen import Screen

from reader.documents import Article
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.query_input import QueryInput
from reader.ui.widgets.visual import isolate

if TYPE_CHECKING:
    from textual.widgets import Input

    from reader.search import SearchIndex


class ArticleSearch(Screen[None]):
    """Searching the screen's article (its BINDINGS stay with the screen that shows them)."""

    article: Article | None
    search_box: QueryInput
    _index: SearchIndex | None  # built at the first search
    _query: str
    matches_put_away = False
    """The last query's matches were taken off (a label does): n and N still
    go by the query, but no document draws its matches again."""

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def cursor_offset(self) -> int | None:
        """Where n and N go on from when no match is current (None: the top row)."""
        return None

    def _say(self, message: str) -> None:
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the search box, / is a letter of the query.  (Screen.focused, not
        # has_focus: that one changes only when the box has handled its Focus
        # event, after keys already queued behind the first /.)
        return not (action == "search" and self.focused is self.search_box.input)

    def action_search(self) -> None:
        # A priority binding: this runs as the app takes the / from its queue,
        # and the focus moves at once (Widget.focus would move it later), so
        # the keys queued behind the /, Enter included, go to the box in order.
        search = self.search_box
        search.display = True
        search.input.value = ""  # a new search; n and N go on with the last one
        self.set_focus(search.input)

    def _close_search(self) -> None:
        self.search_box.display = False
        self.set_focus(self.view)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.parent is self.search_box:
            self._search_for(event.value)

    def on_paste(self, event: events.Paste) -> None:
        """A paste outside the search box (the box takes its own) searches
        for its first line, a leading / dropped; a line break after it runs
        the search, as the same keys typed would.  Its letters are never keys."""
        lines = event.text.splitlines(keepends=True)
        if not lines:
            return
        line = lines[0].splitlines()[0]
        query = line.removeprefix("/")
        if line == lines[0]:  # no line break: the query waits in the box
            self.action_search()
            self.search_box.input.insert_text_at_cursor(query)
        else:
            self._search_for(query)

    def _search_for(self, query: str) -> None:
        self._query = query
        self.matches_put_away = False
        self._close_search()
        self._run_search(query, jump=True)

    def _search_index(self) -> SearchIndex | None:
        if self._index is None and self.article is not None:
            from reader.search import SearchIndex

            self._index = SearchIndex(self.article.text)
        return self._index

    def _run_search(self, query: str, *, jump: bool) -> None:
        index = self._search_index()
        if index is None:
            return
        matches = tuple(index.find(query))
        self.view.matches = matches
        if not matches:
            # Only of a search the user ran: the last query's matches are drawn
            # again on the next document without a word where it has none.
            if jump:
                self._say(f"not found: {isolate(query)}" if query.strip() else "")
            return
        if jump:
            self._go_to_match(index.find_from(query, self.view.top_offset))

    def _go_to_match(self, match: tuple[int, int] | None, *, stepping: bool = False) -> None:
        if match is None:
            return
        matches = self.view.matches
        index = matches.index(match) if match in matches else None
        before = self.view.current_match if stepping else None
        self.view.current_match = index
        self.view.scroll_to_offset(match[0])
        if index is not None:
            wrapped = ""
            if before is not None and index < before and index == 0:
                wrapped = " (from the top again)"
            elif before is not None and index > before and index == len(matches) - 1:
                wrapped = " (from the end again)"
            self._say(f"{isolate(self._query)}: match {index + 1} of {len(matches)}{wrapped}")

    def _current_match(self) -> tuple[int, int] | None:
        """The match the view shows as current, if any (a label taken clears the
        highlights and keeps the query, for n to go on from the cursor)."""
        current = self.view.current_match
        return self.view.matches[current] if current is not None else None

    def action_next_match(self) -> None:
        if self._index is not None and self._query:
            current = self._current_match()
            here = current[0] if current is not None else self.cursor_offset()
            start = here + 1 if here is not None else self.view.top_offset
            self._go_to_match(self._index.find_from(self._query, start), stepping=True)

    def action_previous_match(self) -> None:
        if self._index is not None and self._query:
            current = self._current_match()
            here = current[0] if current is not None else self.cursor_offset()
            start = here if here is not None else self.view.top_offset
            self._go_to_match(
                self._index.find_from(self._query, start, backwards=True), stepping=True
            )
