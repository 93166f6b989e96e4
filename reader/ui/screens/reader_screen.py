"""ReaderScreen: one article at a time, with search and display toggles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from reader.config.settings import Settings
from reader.documents import Article, InputError
from reader.layout import LayoutOptions
from reader.library import Library, Position
from reader.safe_text import shown
from reader.ui.layout_keys import LayoutKeys
from reader.ui.messages import LibraryEnd, ShowLibrary
from reader.ui.screens.article_search import ArticleSearch
from reader.ui.screens.base import HamishScreen
from reader.ui.widgets.article_header import ArticleHeader
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.keys_footer import KeysFooter
from reader.ui.widgets.query_input import QueryInput
from reader.ui.widgets.visual import visual_line

if TYPE_CHECKING:
    from reader.search import SearchIndex
    from reader.state.places import Place

DIRECTIONS = ("auto", "rtl", "ltr")
SEARCH_PROMPT = "search: Enter finds, Escape closes"


def layout_options(settings: Settings, article: Article | None = None) -> LayoutOptions:
    """The engine's options for the reader's settings and the shown article: with
    the setting at ``auto``, the direction the article's source asks for (a feed's)."""
    direction = settings.direction
    if direction == "auto" and article is not None and article.direction in DIRECTIONS:
        direction = article.direction
    return LayoutOptions(
        direction=direction,
        harakat=settings.harakat,
        bidi=settings.bidi,
        show_formatting=settings.show_formatting,
    )


class ReaderScreen(LayoutKeys, ArticleSearch, HamishScreen):
    """Reads the library's documents, starting at ``position``."""

    # Styles: reader.tcss, loaded with the app's (see HamishApp.CSS_PATH).

    BINDINGS = [
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding("n", "next_match", "Next match", id="next-match", show=False),
        Binding("N", "previous_match", "Previous match", id="previous-match", show=False),
        Binding("right_square_bracket", "next_document", "Next", id="next-document"),
        Binding("left_square_bracket", "previous_document", "Prev", id="previous-document"),
        Binding("h", "toggle_harakat", "Harakat", id="toggle-harakat"),
        Binding("d", "cycle_direction", "Direction", id="cycle-direction"),
        Binding("c", "toggle_formatting", "Controls", id="toggle-formatting"),
        Binding("b", "toggle_bidi", "Bidi", id="toggle-bidi"),
        Binding("escape", "back", "Library (clears a search first)", id="back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        """A document was read (or failed to be) in a worker."""

        position: Position
        article: Article | None
        error: str | None
        prepared: object = None
        key: str = ""  # the document's place key (reader.state.places)
        saved: Place | None = None  # where it was left, in an earlier run too

    def __init__(
        self, library: Library, position: Position, preloaded: Article | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.position = position
        self._preloaded = preloaded
        self.article: Article | None = None
        self._index: SearchIndex | None = None  # built at the first search
        self._query = ""
        self._key = ""  # the shown document's place key
        # There from the start, hidden, so that / can give it the focus at once.
        self.search_box = QueryInput(SEARCH_PROMPT, id="search")

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        yield ArticleView(id="article")
        yield self.search_box  # hidden until /
        yield Static(id="message")
        yield Static(id="status")

    async def _mount_footer(self) -> None:
        if not self.is_attached:  # quit before the first refresh came round
            return
        await self.mount(KeysFooter())
        # A footer shows keys when told the bindings changed; mounted after
        # the screen's first focus, it would wait for the next one.
        self.refresh_bindings()

    def on_mount(self) -> None:
        settings: Settings = self.app.settings
        self.view.set_reactive(ArticleView.options, layout_options(settings))
        self.view.set_reactive(ArticleView.column, settings.width)
        self.watch(self.app, "settings", self._settings_changed, init=False)
        self._show_status()
        if self.focused is None:  # / typed ahead may have focused the search box
            self.set_focus(self.view)
        # The footer's keys are a dozen widgets to style: they come a frame
        # after the article, which is what the reader is waiting for.
        self.call_after_refresh(self._mount_footer)
        if self._preloaded is not None:
            # Read before the app started: shown at once, with no worker round trip.
            article, self._preloaded = self._preloaded, None
            prepared = self.prepare(self.position, article)
            loaded = self.Loaded(self.position, article, None, prepared, *self._place_of(article))
            self.on_reader_screen_loaded(loaded)
        else:
            self.load(self.position)

    # -- loading -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(self, position: Position) -> None:
        """Read a document off the event loop."""
        try:
            article = self.library.article(position)
        except InputError as err:
            self.post_message(self.Loaded(position, None, str(err)))
        else:
            prepared = self.prepare(position, article)
            key, saved = self._place_of(article)
            self.post_message(self.Loaded(position, article, None, prepared, key, saved))

    def _place_of(self, article: Article) -> tuple[str, Place | None]:
        """The document's place key, and where it was left (any thread)."""
        from reader.state.places import place_key

        key = place_key(article.path or "-", article.text)
        return key, self.app.places.saved(key)

    def cursor_offset(self) -> int | None:
        """Where the cursor is, to come back to (none while reading)."""
        return None

    def prepare(self, position: Position, article: Article) -> object:
        """Work on a document before it is shown, in the loading thread."""
        return None

    def shown(self, message: Loaded) -> None:
        """A document has just been shown (for subclasses)."""

    def leaving(self) -> None:
        """The shown document is about to be replaced or closed (for subclasses)."""

    def _remember_place(self) -> None:
        if self.article is not None:
            in_library = self.position if self.library is self.app.library else None
            problem = self.app.places.remember(
                in_library, self._key, self.view.top_offset, self.cursor_offset()
            )
            if problem:
                self.notify(problem, severity="warning", markup=False)

    def remember_place(self) -> None:
        """Keep where the shown document is, for this run and the next (on quitting)."""
        self._remember_place()

    def on_reader_screen_loaded(self, message: Loaded) -> None:
        self.leaving()
        self._remember_place()
        self._key = ""
        self.position = message.position
        self._say("")
        if message.article is None:
            self.article = None
            self._index = None
            self.view.show("")
            self._show_header(str(message.error), [])
            self.notify(str(message.error), severity="error", markup=False)
            return
        self.article = message.article
        self._index = None
        self._key = message.key
        in_library = self.library is self.app.library
        top = self.app.places.top(message.position) if in_library else None
        if top is None and message.saved is not None:
            top = message.saved.top  # left there in an earlier run
        options = layout_options(self.app.settings, self.article)
        if options != self.view.options:  # a feed's direction, or back to the setting's
            self.view.options = options
        self.view.show(message.article.text, top or 0)
        self._refresh_header()
        self._show_status()
        self.shown(message)
        if self._query and not self.matches_put_away:
            self._run_search(self._query, jump=False)

    def _refresh_header(self) -> None:
        article = self.article
        if article is None:
            return
        meta = article.meta
        number = self.library.number(self.position)
        details = [
            str(meta.get("source", "")),
            str(meta.get("date", "")),
            f"{len(article.text):,} characters",
            f"{number}/{self.library.count()}",
        ]
        self._show_header(article.title, details)

    def _show_header(self, title: str, details: list[str]) -> None:
        view = self.view
        self.query_one(ArticleHeader).show(
            title, details, view.column_width(), view.margin(), view.options
        )

    def on_article_view_reflowed(self) -> None:
        self._refresh_header()

    def _say(self, message: str) -> None:
        """A passing message (search results), shaped, on the line above the status."""
        line = self.query_one("#message", Static)
        line.update(Text(visual_line(message), no_wrap=True, overflow="ellipsis"))
        line.display = bool(message)

    # -- settings ------------------------------------------------------------

    def _settings_changed(self, settings: Settings) -> None:
        self.view.options = layout_options(settings, self.article)
        self.view.column = settings.width
        self._refresh_header()
        self._show_status()

    def _show_status(self) -> None:
        s: Settings = self.app.settings
        status = (
            f"harakat {'shown' if s.harakat else 'hidden'} · direction {self._direction_said(s)} · "
            f"controls {'shown' if s.show_formatting else 'hidden'} · bidi {s.bidi}"
        )
        self.query_one("#status", Static).update(Text(shown(status)))  # config values: no markup

    def _direction_said(self, settings: Settings) -> str:
        article = self.article
        if settings.direction == "auto" and article is not None and article.direction != "auto":
            return f"{article.direction} (the feed's)"
        return settings.direction

    def _change(self, **changes: object) -> None:
        self.app.change_settings(**changes)

    def action_toggle_harakat(self) -> None:
        self._change(harakat=not self.app.settings.harakat)

    def action_cycle_direction(self) -> None:
        now = self.app.settings.direction
        self._change(direction=DIRECTIONS[(DIRECTIONS.index(now) + 1) % len(DIRECTIONS)])

    def action_toggle_formatting(self) -> None:
        self._change(show_formatting=not self.app.settings.show_formatting)

    def action_toggle_bidi(self) -> None:
        self._change(bidi="terminal" if self.app.settings.bidi == "app" else "app")

    # -- navigation ----------------------------------------------------------

    def action_next_document(self) -> None:
        after = self.library.next(self.position)
        if after is None:
            self.post_message(LibraryEnd(self.library, self.position))
        else:
            self.load(after)

    def action_previous_document(self) -> None:
        before = self.library.previous(self.position)
        if before is None:
            self.notify("This is the first document.", markup=False)
        else:
            self.load(before)

    def action_back(self) -> None:
        if self.search_box.display:
            self._close_search()
        elif self.view.matches:  # first, drop the search: n and N go by it no more
            self._query = ""
            self.view.matches = ()
            self._say("")
        else:
            self.leaving()
            self._remember_place()
            self.post_message(ShowLibrary())
