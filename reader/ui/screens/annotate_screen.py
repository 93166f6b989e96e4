"""AnnotateScreen: the reader, plus a token cursor, labels and saving.

Keys are routed to a :class:`reader.annotation.session.Session`; the view
draws what the session holds; every change is saved within a second, one
line appended to the output file, in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList, Static

from reader.annotation import actions
from reader.annotation.journal import Snapshot
from reader.annotation.labels import LabelInfo
from reader.annotation.navigation import Navigator
from reader.annotation.opening import Prepared, prepare, starting_state
from reader.annotation.projection import project
from reader.annotation.restore import open_session, snapshot_of
from reader.annotation.session import Session
from reader.annotation.setup import AnnotationSetup
from reader.documents import Article
from reader.library import Library, Position
from reader.safe_text import shown
from reader.state.places import Place
from reader.ui.screens.document_steps import StepsThroughDocuments
from reader.ui.screens.label_picker import LabelPicker
from reader.ui.screens.reader_screen import ReaderScreen
from reader.ui.screens.save_loop import SaveLoop
from reader.ui.screens.saved_state import LOADING, after_loading
from reader.ui.widgets.annotation_status import loading_line, status_line
from reader.ui.widgets.article_header import ArticleHeader
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.label_marks import LabelMarks
from reader.ui.widgets.legend import Legend, label_colours


class AnnotateScreen(StepsThroughDocuments):
    """Tag entities by keyboard and mouse; saves as Prodigy ner_manual tasks."""

    CSS_PATH = "annotate.tcss"  # on top of reader.tcss, which comes with the app

    BINDINGS = [
        *(
            Binding(op.key, f"session('{key_id}')", op.description, id=key_id, show=op.show)
            for key_id, op in actions.ACTIONS.items()
        ),
        *(Binding(k, act, desc, id=i, show=show) for k, act, desc, i, show in actions.SCREEN_KEYS),
    ]

    def __init__(
        self,
        library: Library,
        position: Position,
        session_options: AnnotationSetup,
        preloaded: Article | None = None,
    ) -> None:
        super().__init__(library, position, preloaded)
        self.options = session_options  # labels, overlap, patterns, store, annotator
        self.session: Session | None = None
        self.prepared: Prepared | None = None
        self.waiting: Prepared | None = None  # shown; its saved state is being read
        self.queued: list[Callable[[], Any]] = []  # keys pressed meanwhile, in order
        self._nav: Navigator | None = None
        self._starts: list[int] = []
        self._left_at: Place | None = None  # where the shown document was left, if known
        self.scheme = "Buckwalter"  # the transliteration the r key shows
        self.transliteration: str | None = None  # shown now: None, or self.scheme
        self.inline_tags = False  # each span's label drawn after it (L)
        self._marked: tuple[object, ...] = ()  # what the view's label marks were made of
        self._opening = False  # drawing a document just opened: the view stays put
        self.saves = SaveLoop(
            self, session_options.journal, self._snapshot, self._is_current, self._show_status
        )

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        with Horizontal(id="body"):
            yield ArticleView(id="article")
            yield EntityPanel(id="entities")
        yield self.search_box  # hidden until /
        yield Static(id="message")
        yield Legend(self.options.labels, id="legend")
        yield Static(id="status")

    def on_mount(self) -> None:
        # Textual then calls ReaderScreen.on_mount itself (a handler runs for
        # every class in the MRO): calling it here too loaded the first
        # document twice, and said each of its problems twice.
        self.view.annotating = True
        self.query_one("#entities").display = False
        colours = {x.name: x.colour for x in self.options.label_info.values() if x.colour}
        self.query_one(Legend).show_colours(colours)
        self.view.set_colours(label_colours(self.options.labels, colours))

    # -- loading -------------------------------------------------------------

    def prepare(self, position: Position, article: Article) -> object:
        o = self.options
        return prepare(article, position.record, o.store, o.patterns, o.labels)

    def shown(self, message: ReaderScreen.Loaded) -> None:
        prepared = message.prepared
        assert isinstance(prepared, Prepared) and message.article is not None
        self.prepared, self.session, self._nav = prepared, None, None
        self.waiting, self.queued = None, []
        self._left_at = message.saved
        if prepared.new_labels:
            self._add_labels(prepared.new_labels)
        if prepared.pending:
            self.wait_for_saved(prepared, message.article.text)
        else:
            self._open(prepared, message.article)

    def _open(self, prepared: Prepared, article: Article) -> None:
        """Start annotating the document with what it starts with (see
        :func:`reader.annotation.opening.starting_state`)."""
        self.prepared = prepared
        start = starting_state(prepared, self.options.journal.latest(prepared.doc_id), article.text)
        left = self._left_at.cursor if self._left_at is not None else None
        self.session, said = open_session(
            prepared, article, start, self.options.labels, self.options.overlap, left
        )
        for problem in said:
            self.notify(shown(problem), severity="warning", timeout=10, markup=False)
        self._nav, self._starts = None, prepared.starts
        if start.owes_full:
            snapshot = self._snapshot()
            if snapshot is not None:
                self.options.journal.owe(snapshot)
        self.saves.opened()
        self._opening = True
        try:
            self._refresh()
        finally:
            self._opening = False

    def cursor_offset(self) -> int | None:
        s = self.session
        return None if s is None or s.empty else s.token_range(s.cursor)[0]

    def _add_labels(self, labels: list[str]) -> None:
        """Labels the input has and the labels given have not: after them, said so."""
        self.options.labels.extend(labels)
        self.options.input_labels.update(labels)
        self.query_one(Legend).show_labels(self.options.labels, self.options.input_labels)

    def leaving(self) -> None:
        self.finish_loading()
        self.saves.leave()  # a full record of the document, if it changed

    # -- drawing -------------------------------------------------------------

    def navigator(self) -> Navigator | None:
        flow = self.view.flow
        if self.session is None or flow is None:
            return None
        if self._nav is None or self._nav.flow is not flow:
            self._nav = Navigator(flow, self.session.tokens, self._starts)
        return self._nav

    def _refresh(self) -> None:
        """Hand the session's state to the view (state flows down), and scroll the
        cursor into view (not on opening: the view stays where it was left)."""
        s = self.session
        if s is None:
            return
        cursor = None if s.empty else s.token_range(s.cursor)
        layers = project(s.annotations.spans, s.labels, s.suggestions, s.selection(), cursor)
        for name, ranges in layers.items():
            self.view.set_layer(name, ranges)
        marked = (s, s.annotations.version, self.inline_tags)
        if marked != self._marked:  # the spans or the toggle changed: new marks
            self._marked = marked
            marks = LabelMarks(s.annotations.spans, inline=self.inline_tags, labels=s.labels)
            self.view.set_marks(marks)
        if cursor is not None and not self._opening:
            self.view.follow(cursor[0])
        self._show_status()
        if self.query_one("#entities").display:
            self._fill_entities()

    def _show_status(self) -> None:
        status = self.query_one("#status", Static)
        if self.session is None or self.waiting is not None:
            status.remove_class("-not-saved")
        if self.waiting is not None:
            status.update(loading_line(LOADING, len(self.queued)))
        elif self.session is None:
            super()._show_status()
        else:
            status.set_class(self.saves.state.startswith("NOT SAVED"), "-not-saved")
            status.update(
                status_line(self.session, self.saves.state, self.transliteration, self._notes())
            )

    def on_article_view_reflowed(self) -> None:
        super().on_article_view_reflowed()
        self._show_status()  # the inline tags may have found room, or lost it

    def _notes(self) -> str:
        """The screen's note, and that the inline tags found no room, if so."""
        notes = [self._note()]
        if self.inline_tags and self.view.marks_squeezed:
            notes.append("inline tags: no room")
        return " · ".join(n for n in notes if n)

    def _note(self) -> str:
        """What the status line says first about the cursor's place (nothing here)."""
        return ""

    def action_inline_tags(self) -> None:
        """``L``: each span's label as a tag after it, or not (the gutter stays)."""
        self.inline_tags = not self.inline_tags
        self._refresh()

    def action_transliterate(self, scheme: str | None = None) -> None:
        """``r``: transliteration on or off; a palette command picks the scheme."""
        if scheme is not None:
            self.scheme, self.transliteration = scheme, scheme
        else:
            self.transliteration = None if self.transliteration else self.scheme
        self._refresh()

    # -- keys ----------------------------------------------------------------

    def _changed(self) -> None:
        self.saves.changed()
        self._refresh()

    @after_loading
    def action_session(self, key_id: str) -> None:
        """Run the annotation key ``key_id`` (see reader.annotation.actions)."""
        nav = self.navigator()
        if self.session is None or nav is None:
            return
        outcome = actions.perform(key_id, self.session, nav)
        self._present(outcome, key_id.startswith(("trim-", "label-")))

    @after_loading
    def action_label(self, number: int) -> None:
        """Label the selection (or the cursor's token) with label ``number`` (any)."""
        if self.session is not None:
            self._present(actions.label_by_number(self.session, number))

    def action_accept_suggestion(self) -> None:
        self.action_session("take-suggestion")  # the review screen's Enter, outside conflicts

    def _present(self, outcome: actions.Outcome, clear_message: bool = True) -> None:
        """Show what a key did: its message, and a change saved and drawn."""
        if outcome.said or clear_message:
            self._say(outcome.said)
        if outcome.changed:
            # The search's highlights have done their work: the label shows now.
            self.view.matches = ()
            self.matches_put_away = True
            self._changed()
        else:
            self._refresh()

    @after_loading
    def action_answer(self, answer: str) -> None:
        if self.session is None:
            return
        self.session.annotations.set_answer(answer)
        self._changed()
        self.saves.save_now(full=True)  # answered: its full record
        self.action_next_document()

    def _go_to_match(self, match: tuple[int, int] | None, *, stepping: bool = False) -> None:
        super()._go_to_match(match, stepping=stepping)
        if match is not None and self.session is not None:
            self.session.go_to(match[0])  # a search takes the token cursor along
            self._refresh()

    @after_loading
    def action_save(self) -> None:
        self.saves.save_now()

    @after_loading
    def on_article_view_pressed(self, message: ArticleView.Pressed) -> None:
        nav = self.navigator()
        if self.session is None or nav is None:
            return
        index = nav.at_cell(message.y, message.col)
        if index is not None:
            self.session.put_cursor(index, message.y, extend=message.drag)
            self._refresh()

    @after_loading
    def action_back(self) -> None:
        """Escape: drop the selection, then the search, then the entity panel, then leave."""
        if self.session is not None and self.session.clear_selection():
            self._say("")
            self._refresh()
        elif self.search_box.display or self.view.matches:
            super().action_back()
        elif self.query_one("#entities").display:
            self.action_entities()
        else:
            super().action_back()

    @after_loading
    def action_next_match(self) -> None:
        if self._query:
            super().action_next_match()
        elif self.session is not None:  # no search: the next suggestion
            self._present(actions.visit_suggestion(self.session, 1))

    @after_loading
    def action_previous_match(self) -> None:
        if self._query:
            super().action_previous_match()
        elif self.session is not None:  # no search: the previous suggestion
            self._present(actions.visit_suggestion(self.session, -1))

    @after_loading
    def action_accept_all_suggestions(self) -> None:
        """Every suggestion in this document becomes a span: one undo step."""
        if self.session is not None:
            self._present(actions.accept_all(self.session))

    @after_loading
    def action_pick_label(self) -> None:
        """``l``: any label, from a list filtered by typing."""
        if self.session is None:
            return
        info = self.options.label_info
        labels = [info.get(name, LabelInfo(name)) for name in self.session.labels]
        picker = LabelPicker(labels)
        self.app.push_screen(picker, partial(self._label_picked, picker))

    def _label_picked(self, picker: LabelPicker, name: str | None) -> None:
        self.saw_typed(picker.filter.input.value)  # the filter's letters tell the layout
        s = self.session
        if s is not None and name is not None and name in s.labels:
            self.action_label(s.labels.index(name) + 1)

    # -- entity panel --------------------------------------------------------

    def action_entities(self) -> None:
        panel = self.query_one("#entities", EntityPanel)
        panel.display = not panel.display
        if panel.display:
            self._fill_entities()
            panel.focus()
        else:
            self.view.focus()

    def _fill_entities(self) -> None:
        if self.session is not None:
            panel = self.query_one("#entities", EntityPanel)
            s = self.session
            panel.show_spans(s.annotations.spans, s.text, self.transliteration)

    @on(OptionList.OptionSelected, "#entities")
    def _entity_chosen(self, event: OptionList.OptionSelected) -> None:
        if self.session is None or event.option.id is None:
            return
        span = self.session.annotations.spans[int(event.option.id)]
        self.session.go_to(span.start)
        self.view.scroll_to_offset(span.start)
        self._refresh()
        self.view.focus()

    # -- saving --------------------------------------------------------------

    def _snapshot(self) -> Snapshot | None:
        """What a save writes, taken on the event loop: cheap, and immutable."""
        s, p, article = self.session, self.prepared, self.article
        if s is None or p is None or article is None:
            return None
        return snapshot_of(s, p, article, self.options.annotator)

    def _is_current(self, doc_id: str) -> bool:
        """Whether ``doc_id`` is the document on screen."""
        prepared = self.prepared
        return self.session is not None and prepared is not None and prepared.doc_id == doc_id

    def flush(self) -> bool:
        """Save now, for quitting: True when everything is on disk."""
        self.finish_loading()
        return self.saves.flush()

    def on_unmount(self) -> None:
        # However the app ends (a crash too), the last change is due to be written.
        self.saves.hold()
