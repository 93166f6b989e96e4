"""The app's screen stack: which screens there are, and how one goes to another.

There is one library screen, installed so that its filter and cursor last,
and at most one document screen, which reads one document after another.
The stack is [library], [library, document] or, when hamish opened a
document first, [document] and [document, library]: Textual cannot take
away the first screen, so the library goes over it and the document screen
under it reads what the library opens next.

Screens ask for these moves by message (:mod:`reader.ui.messages`); only
this class changes the stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import App

from reader.documents import Article
from reader.library import Library, Position
from reader.state.reading_places import ReadingPlaces
from reader.ui.messages import OpenDocument, ReadArticle, ShowLibrary
from reader.ui.screens.reader_screen import ReaderScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.annotation.setup import AnnotationSetup
    from reader.review.plan import Review

# The library, annotation and review screens load when first used: reading one
# article should not wait for them (time to first paint).


class ScreenRoutes(App[int]):
    """An app that goes between the library and the document screens."""

    # Set by the app that this class is a part of.
    library: Library
    annotation: AnnotationSetup | None
    review: Review | None
    places: ReadingPlaces
    corpus: str
    _open_first: bool
    _news_first: bool
    _preloaded: tuple[Position, Article] | None

    def get_default_screen(self) -> Screen[None]:
        """The first screen: the one document given on the command line, or the
        library.  Being the first, it is drawn without a blank screen before it."""
        first = self.library.first() if self._open_first else None
        if first is not None:
            return self._document_screen(first)  # the library comes when asked for (Escape)
        return self._library()

    def _progress_counts(self) -> dict[str, dict[str, int]]:
        """Answers by input file (waits for the output to be read: for a worker)."""
        return {} if self.annotation is None else self.annotation.store.progress()

    def _library(self) -> Screen[None]:
        from reader.ui.screens.library_screen import LibraryScreen

        if not self.is_screen_installed("library"):
            screen = LibraryScreen(
                self.library,
                self._progress_counts,
                corpus=self.corpus,
                feeds_first=self._news_first,
            )
            self.install_screen(screen, "library")
        return self.get_screen("library")

    def _bring_up(self, screen: Screen[None]) -> None:
        """Show an installed ``screen``: back down to it if it is in the stack, else over it."""
        if screen in self.screen_stack:
            while self.screen is not screen:
                self.pop_screen()
        else:
            self.push_screen(screen)

    @on(ReadArticle)
    def _read_article(self, message: ReadArticle) -> None:
        self.read_article(message.article)

    def read_article(self, article: Article) -> None:
        """Read (or, with labels, annotate) one article that is no file of the
        library, such as a news entry; Escape comes back here."""
        from reader.library import Entry, Opened

        meta = article.meta
        entry = Entry(
            article.path,
            "article",
            article.title,
            str(meta.get("source", "")),
            str(meta.get("date", "")),
            len(article.text),
        )
        library = Library([Opened(entry, None, None, article)])
        if self.annotation is not None:
            from reader.ui.screens.annotate_screen import AnnotateScreen

            self.push_screen(AnnotateScreen(library, Position(0), self.annotation))
        else:
            # Not handed over as preloaded: read by the screen's worker once it
            # is mounted, so that the place it was left at is taken with the
            # screen's size known.
            self.push_screen(ReaderScreen(library, Position(0)))

    def _document_screen(self, position: Position) -> ReaderScreen:
        preloaded = None
        if self._preloaded is not None and self._preloaded[0] == position:
            preloaded, self._preloaded = self._preloaded[1], None
        if self.annotation is not None and self.review is not None:
            from reader.ui.screens.review_screen import ReviewScreen

            return ReviewScreen(self.library, position, self.annotation, self.review, preloaded)
        if self.annotation is not None:
            from reader.ui.screens.annotate_screen import AnnotateScreen

            return AnnotateScreen(self.library, position, self.annotation, preloaded)
        return ReaderScreen(self.library, position, preloaded)

    @on(OpenDocument)
    def _open_document(self, message: OpenDocument) -> None:
        self.open_document(message.position)

    def open_document(self, position: Position) -> None:
        """Read (or, with labels, annotate) the document at ``position``; at a
        file's first record, the record last read in it this session."""
        position = self.places.resume(position)
        under = self.screen_stack[0]
        if isinstance(under, ReaderScreen) and self.screen is not under:
            self.pop_screen()  # the library, which stays installed
            under.load(position)
        else:
            self.push_screen(self._document_screen(position))

    @on(ShowLibrary)
    def show_library(self) -> None:
        """Back to the library, under this screen or over it (its Feeds section
        keeps the focus when the document was opened from there)."""
        self._bring_up(self._library())
