"""AnnotateScreen: the reader, plus a token cursor, labels and saving.

Keys are routed to a :class:`reader.annotation.session.Session`; the view
draws what the session holds; every change is saved within a second, one
line appended to the output file, in a worker thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList, Static

from reader.annotation.hashing import doc_id_for, input_hash, task_hash
from reader.annotation.journal import Snapshot
from reader.annotation.navigation import Navigator
from reader.annotation.patterns import find_suggestions
from reader.annotation.resume import Resumed, resume
from reader.annotation.session import Session
from reader.annotation.setup import AnnotationSetup
from reader.annotation.spans import Annotations, Span
from reader.annotation.tokens import Token, tokenize
from reader.documents import Article
from reader.library import Library, Position
from reader.safe_text import shown
from reader.ui.screens.reader_screen import ReaderScreen
from reader.ui.screens.save_loop import SaveLoop
from reader.ui.widgets.article_header import ArticleHeader
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.visual import visual_line


@dataclass
class Prepared:
    """What the loading thread works out for a document."""

    doc_id: str
    task: int
    tokens: list[Token]
    starts: list[int]  # each token's start, for the navigator (kept across resizes)
    suggestions: list[Span]
    saved: Resumed | None  # the saved spans and answer that fit the text
    changed: bool  # a saved record exists for another version of the text


class AnnotateScreen(ReaderScreen):
    """Tag entities by keyboard and mouse; saves as Prodigy ner_manual tasks."""

    CSS_PATH = "annotate.tcss"  # on top of reader.tcss, which comes with the app

    BINDINGS = [
        Binding("left", "move(-1)", "Left", id="token-left", show=False),
        Binding("right", "move(1)", "Right", id="token-right", show=False),
        Binding("up", "move_vertical(-1)", "Up", id="token-up", show=False),
        Binding("down", "move_vertical(1)", "Down", id="token-down", show=False),
        Binding("shift+left", "extend(-1)", "Select left", id="select-left", show=False),
        Binding("shift+right", "extend(1)", "Select right", id="select-right", show=False),
        *(
            Binding(str(n), f"label({n})", f"Label {n}", id=f"label-{n}", show=False)
            for n in range(1, 10)
        ),
        Binding("t", "trim_start", "Trim proclitic", id="trim-start"),
        Binding("T", "trim_end", "Trim suffix", id="trim-end", show=False),
        Binding("backspace,delete", "remove", "Remove span", id="remove-span", show=False),
        Binding("ctrl+z", "undo", "Undo", id="undo"),
        Binding("ctrl+y", "redo", "Redo", id="redo", show=False),
        Binding("ctrl+s", "save", "Save", id="save", show=False),
        Binding("a", "answer('accept')", "Accept", id="accept"),
        Binding("x", "answer('reject')", "Reject", id="reject"),
        Binding("i", "answer('ignore')", "Ignore", id="ignore"),
        Binding("e", "entities", "Entities", id="entities"),
        Binding("enter", "accept_suggestion", "Take suggestion", id="take-suggestion", show=False),
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
        self._nav: Navigator | None = None
        self._starts: list[int] = []
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

    # -- loading -------------------------------------------------------------

    def prepare(self, position: Position, article: Article) -> object:
        record = getattr(article, "record", None)
        raw = getattr(record, "raw", None)
        index = position.record if raw is not None else None
        doc_id = doc_id_for(article.path, index, raw)
        task = task_hash(doc_id)
        tokens = tokenize(article.text)
        patterns = self.options.patterns
        suggestions = find_suggestions(article.text, tokens, patterns) if patterns else []
        found = self.options.store.latest_line(task, doc_id)
        changed = found is not None and found[0].get("_input_hash") != input_hash(article.text)
        saved = None
        if found is not None and not changed:
            saved = resume(found[0], article.text, f"{self.options.store.path}:{found[1]}")
        starts = [t.start for t in tokens]
        return Prepared(doc_id, task, tokens, starts, suggestions, saved, changed)

    def shown(self, message: ReaderScreen.Loaded) -> None:
        prepared = message.prepared
        assert isinstance(prepared, Prepared) and message.article is not None
        self.prepared = prepared
        spans: list[Span] = []
        answer = None
        unsaved = self.options.journal.latest(prepared.doc_id)
        if unsaved is not None and unsaved.text == message.article.text:
            # Its newest state is still on the way to the file (or failing to get there).
            spans, answer = list(unsaved.spans), unsaved.answer
        elif prepared.saved is not None:
            spans, answer = prepared.saved.spans, prepared.saved.answer
            for problem in prepared.saved.problems:
                self.notify(shown(problem), severity="warning", timeout=10, markup=False)
        if prepared.changed:
            self.notify(
                f"{message.article.path}: the text changed since it was annotated; "
                "its saved spans are not applied",
                severity="warning",
                timeout=10,
                markup=False,
            )
        try:
            annotations = Annotations(spans, answer, overlap=self.options.overlap)
        except ValueError:
            # Saved with --overlap, opened without: keep every span rather than drop any.
            annotations = Annotations(spans, answer, overlap=True)
            self.notify(
                f"{message.article.path}: its saved spans overlap; "
                "overlapping is kept for this document",
                severity="warning",
                markup=False,
            )
        suggestions = [
            s
            for s in prepared.suggestions
            if not any(s.start < t.end and s.end > t.start for t in spans)
        ]
        self.session = Session(
            message.article.text, prepared.tokens, self.options.labels, annotations, suggestions
        )
        if message.saved is not None and message.saved.cursor is not None:
            self.session.go_to(message.saved.cursor)  # where the token cursor was left
        self._nav = None
        self.saves.opened()
        self._refresh()

    def cursor_offset(self) -> int | None:
        s = self.session
        return None if s is None or s.empty else s.token_range(s.cursor)[0]

    def leaving(self) -> None:
        if self.saves.dirty:
            self.saves.save_now()

    # -- drawing -------------------------------------------------------------

    def navigator(self) -> Navigator | None:
        flow = self.view.flow
        if self.session is None or flow is None:
            return None
        if self._nav is None or self._nav.flow is not flow:
            self._nav = Navigator(flow, self.session.tokens, self._starts)
        return self._nav

    def _refresh(self) -> None:
        """Hand the session's state to the view (state flows down)."""
        s = self.session
        if s is None:
            return
        label_class = {label: f"article-view--label-{n}" for n, label in enumerate(s.labels, 1)}
        spans = s.annotations.spans
        self.view.set_layer(
            "labels",
            [(x.start, x.end, label_class.get(x.label, "article-view--label-9")) for x in spans],
        )
        overlaps = []
        for a, b in zip(spans, spans[1:], strict=False):
            if b.start < a.end:
                overlaps.append((b.start, min(a.end, b.end), "article-view--overlap"))
        self.view.set_layer("overlap", overlaps)
        number = {label: n for n, label in enumerate(s.labels, 1)}
        self.view.set_layer(
            "suggestions",
            [
                (x.start, x.end, f"article-view--suggestion-{number.get(x.label, 9)}")
                for x in s.suggestions
            ],
        )
        selection = s.selection()
        self.view.set_layer(
            "selection", [(*selection, "article-view--selection")] if selection else []
        )
        if not s.empty:
            cs, ce = s.token_range(s.cursor)
            self.view.set_layer("cursor", [(cs, ce, "article-view--cursor")])
            self.view.follow(cs)
        self._show_status()
        if self.query_one("#entities").display:
            self._fill_entities()

    def _show_status(self) -> None:
        status = self.query_one("#status", Static)
        s = self.session
        if s is None:
            status.remove_class("-not-saved")
            super()._show_status()
            return
        count = len(s.annotations.spans)
        parts = [f"{count} span" if count == 1 else f"{count} spans"]
        if s.annotations.answer:
            parts.append(f"answer: {s.annotations.answer}")
        parts.append(self.saves.state)
        text = Text(shown(" · ".join(parts)))  # the answer comes from the output file
        # In the theme's error colour (annotate.tcss), which follows a theme switch.
        status.set_class(self.saves.state.startswith("NOT SAVED"), "-not-saved")
        # What is under the cursor: its label, or what Enter would take.
        here = self._under_cursor()
        if here:
            text.append("   ")
            text.append(visual_line(here), style="bold")
        status.update(text)

    def _under_cursor(self) -> str:
        s = self.session
        if s is None or s.empty:
            return ""
        start, end = s.token_range(s.cursor)
        spans = [x for x in s.annotations.spans if x.start < end and x.end > start]
        if spans:
            return " ".join(f"{x.label} \u2068{s.text[x.start : x.end]}\u2069" for x in spans)
        suggestion = s.suggestion_here()
        if suggestion is not None:
            words = s.text[suggestion.start : suggestion.end]
            return f"Enter: {suggestion.label} \u2068{words}\u2069"
        return ""

    # -- keys ----------------------------------------------------------------

    def _changed(self) -> None:
        self.saves.changed()
        self._refresh()

    def action_move(self, step: int) -> None:
        nav = self.navigator()
        if self.session is not None and nav is not None:
            self.session.move(nav, step)
            self._refresh()

    def action_move_vertical(self, step: int) -> None:
        nav = self.navigator()
        if self.session is not None and nav is not None:
            self.session.move_vertical(nav, step)
            self._refresh()

    def action_extend(self, step: int) -> None:
        nav = self.navigator()
        if self.session is not None and nav is not None:
            self.session.extend(nav, step)
            self._refresh()

    def action_label(self, number: int) -> None:
        s = self.session
        if s is None:
            return
        if not 1 <= number <= len(s.labels):
            self._say(f"no label {number}: the labels are 1-{len(s.labels)}")
            return
        before = set(s.annotations.spans)
        span = s.label(number)
        if span is None:
            return
        replaced = sorted(before - set(s.annotations.spans))
        if replaced:
            gone = ", ".join(f"{x.label} \u2068{s.text[x.start : x.end]}\u2069" for x in replaced)
            self._say(f"replaced {gone} (Ctrl+Z brings it back)")
        # The search's highlights have done their work: the label shows now.
        self.view.matches = ()
        self._changed()

    def action_trim_start(self) -> None:
        if self.session is not None:
            self.session.trim_start()
            self._refresh()

    def action_trim_end(self) -> None:
        if self.session is not None:
            self.session.trim_end()
            self._refresh()

    def action_remove(self) -> None:
        if self.session is not None and self.session.remove_here() is not None:
            self._changed()

    def action_undo(self) -> None:
        if self.session is not None and self.session.annotations.undo():
            self._changed()

    def action_redo(self) -> None:
        if self.session is not None and self.session.annotations.redo():
            self._changed()

    def action_accept_suggestion(self) -> None:
        if self.session is None:
            return
        if self.session.accept_suggestion() is not None:
            self._changed()
        else:
            self._say("no suggestion under the cursor")

    def action_answer(self, answer: str) -> None:
        if self.session is None:
            return
        self.session.annotations.set_answer(answer)
        self._changed()
        self.saves.save_now()
        self.action_next_document()

    def _go_to_match(self, match: tuple[int, int] | None, *, stepping: bool = False) -> None:
        super()._go_to_match(match, stepping=stepping)
        if match is not None and self.session is not None:
            self.session.go_to(match[0])  # a search takes the token cursor along
            self._refresh()

    def action_save(self) -> None:
        self.saves.save_now()

    def on_article_view_pressed(self, message: ArticleView.Pressed) -> None:
        nav = self.navigator()
        if self.session is None or nav is None:
            return
        index = nav.at_cell(message.y, message.col)
        if index is not None:
            self.session.put_cursor(index, message.y, extend=message.drag)
            self._refresh()

    def action_back(self) -> None:
        if self.query_one("#entities").display:  # first, close the entity panel
            self.action_entities()
            return
        super().action_back()

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
            panel.show_spans(self.session.annotations.spans, self.session.text)

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
        return Snapshot(
            text=s.text,
            meta=dict(article.meta),
            doc_id=p.doc_id,
            spans=tuple(s.annotations.spans),
            answer=s.annotations.answer,
            annotator=self.options.annotator,
            tokens=s.tokens,
            file=os.path.basename(article.path),
        )

    def _is_current(self, doc_id: str) -> bool:
        """Whether ``doc_id`` is the document on screen."""
        return (
            self.session is not None
            and self.prepared is not None
            and self.prepared.doc_id == doc_id
        )

    def flush(self) -> bool:
        """Save now, for quitting: True when everything is on disk."""
        return self.saves.flush()

    def on_unmount(self) -> None:
        # However the app ends (a crash too), the last change is due to be written.
        self.saves.hold()
