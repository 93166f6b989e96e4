"""ReviewScreen: `hamish review`, adjudication on the annotation screen.

The gold version (a :class:`reader.review.gold.Gold`) is edited as in
annotation mode; the annotators' differences are settled by the keys in
BINDINGS (the README's table says what each does).
"""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from reader.annotation.journal import Snapshot
from reader.annotation.opening import Prepared
from reader.annotation.setup import AnnotationSetup
from reader.annotation.spans import Span
from reader.documents import Article
from reader.library import Library, Position
from reader.review.gold import Gold
from reader.review.plan import Review, ReviewItem
from reader.review.records import review_fields
from reader.ui.screens.annotate_screen import AnnotateScreen
from reader.ui.screens.saved_state import after_loading
from reader.ui.widgets.article_header import ArticleHeader
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.conflict_panel import CURRENT, ConflictPanel, conflict_marks, conflict_note
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.legend import LABEL_COLOURS, Legend
from reader.ui.widgets.visual import isolate

REVIEW_KEYS = "   Tab conflict  1-9 take  Enter this one  x reject  A whole document  a accept"
WHOSE_KEYS = frozenset({*"123456789", "A", "escape"})  # the keys that answer A's question


class ReviewScreen(AnnotateScreen):
    """Settle several annotators' differences into one gold version of each document."""

    # Its styles (review.tcss over annotate.tcss) come with the app: it is the first screen.

    BINDINGS = [
        Binding("tab", "next_conflict", "Conflict", id="next-conflict", tooltip="Next conflict"),
        Binding(
            "shift+tab",
            "previous_conflict",
            "Previous conflict",
            id="previous-conflict",
            show=False,
        ),
        Binding("1", "take(1)", "Take 1-9", id="take-1", tooltip="Take annotator N's version"),
        *(
            Binding(str(n), f"take({n})", f"Take {n}'s version", id=f"take-{n}", show=False)
            for n in range(2, 10)
        ),
        Binding("enter", "take_here", "Take the version here", id="take-here", show=False),
        Binding("x", "reject_conflict", "Reject", id="reject-conflict"),
        Binding("A", "whole_document", "Whole doc", id="take-document"),
    ]

    def __init__(
        self,
        library: Library,
        position: Position,
        session_options: AnnotationSetup,
        review: Review,
        preloaded: Article | None = None,
    ) -> None:
        super().__init__(library, position, session_options, preloaded)
        self.review = review
        self.item: ReviewItem | None = None
        self.choosing_document = False  # A was pressed: a number picks the annotator
        # What the marks, panel and header last showed: document, settled, the
        # cursor's conflict, the one the panel starts near.
        self._drawn: tuple[str, frozenset[int], int | None, int] | None = None

    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")
        with Horizontal(id="body"):
            yield ArticleView(id="article")
            yield EntityPanel(id="entities")
            yield ConflictPanel(id="conflicts")
        yield self.search_box
        yield Static(id="message")
        yield Legend(self.options.labels, id="legend", keys=REVIEW_KEYS)
        yield Static(id="status")

    @property
    def gold(self) -> Gold | None:
        """The gold version of the document shown, once it is open."""
        s = self.session
        return s.annotations if s is not None and isinstance(s.annotations, Gold) else None

    # -- opening and saving ----------------------------------------------------

    def _open(self, prepared: Prepared, article: Article) -> None:
        self.item = item = self.review.item(prepared.doc_id)
        self.choosing_document, self._drawn = False, None
        super()._open(prepared, article)
        s = self.session
        if item is None or s is None:
            return
        unsaved = self.options.journal.latest(prepared.doc_id)
        if unsaved is not None and unsaved.text == article.text:  # still on its way to disk
            s.annotations = item.gold(s.annotations, unsaved.extra, self.options.overlap)
        elif prepared.saved is not None:
            s.annotations = item.gold(s.annotations, prepared.saved_record, self.options.overlap)
        else:  # a first look: what every annotator agrees on
            s.annotations = item.gold(None, None, self.options.overlap)
        left = s.annotations.left()
        if left and (self._left_at is None or self._left_at.cursor is None):
            s.go_to(item.differences.conflicts[left[0]].start)
        self._refresh()

    def _snapshot(self) -> Snapshot | None:
        snapshot = super()._snapshot()
        gold, item = self.gold, self.item
        if snapshot is None or gold is None or item is None:
            return snapshot
        extra = review_fields(item.document, item.differences, gold.settled)
        return replace(snapshot, extra=extra)

    # -- drawing ---------------------------------------------------------------

    def _refresh(self) -> None:
        super()._refresh()
        gold, item, s = self.gold, self.item, self.session
        if gold is None or item is None or s is None:
            return
        current = self.current_conflict()
        differences = item.differences
        near = current if current is not None else differences.after(s.token_range(s.cursor)[0])
        drawn = (item.doc_id, gold.settled, current, near)
        if drawn == self._drawn:
            return  # the cursor moved within what is drawn: nothing more to do
        was, self._drawn = self._drawn, drawn
        if was is None or was[:2] != drawn[:2]:  # another document, or what is settled
            self.review.left[item.doc_id] = len(gold.left())
            number = {label: min(n, LABEL_COLOURS) for n, label in enumerate(s.labels, 1)}
            self.view.set_layer("conflicts", conflict_marks(differences, gold.left(), number))
            self._refresh_header()
        shown = current is not None and current not in gold.settled
        c = differences.conflicts[current] if shown and current is not None else None
        self.view.set_layer("conflict", [(c.start, c.end, CURRENT)] if c else [])
        self.query_one(ConflictPanel).show_conflicts(
            differences, s.text, gold.settled, near, current
        )

    def _refresh_header(self) -> None:
        article, gold = self.article, self.gold
        if article is None or gold is None:
            super()._refresh_header()
            return
        place = f"{self.library.number(self.position)}/{self.library.count()}"
        self._show_header(article.title, [*self.review.progress(len(gold.left())), place])

    def _note(self) -> str:
        item, gold, current = self.item, self.gold, self.current_conflict()
        if item is None or gold is None or current is None:
            return ""
        return conflict_note(item.differences, current, current in gold.settled)

    def current_conflict(self) -> int | None:
        """The conflict under the cursor (or the selection), if any."""
        s, item = self.session, self.item
        if s is None or item is None or s.empty:
            return None
        start, end = s.selection() or s.token_range(s.cursor)
        found = item.differences.at(start, end)
        return found[0] if found else None

    # -- keys ------------------------------------------------------------------

    @after_loading
    def action_next_conflict(self) -> None:
        self._step_conflict(1)

    @after_loading
    def action_previous_conflict(self) -> None:
        self._step_conflict(-1)

    def _step_conflict(self, step: int, *, only_left: bool = False) -> bool:
        """The cursor to the next (or previous) conflict, round the end; False if none."""
        s, item, gold = self.session, self.item, self.gold
        if s is None or item is None or gold is None or s.empty:
            return False
        differences = item.differences
        among = gold.left() if only_left else range(len(differences.conflicts))
        here = s.token_range(s.cursor)[0]
        chosen = differences.step(here, step, among, self.current_conflict())
        if chosen is None:
            if not only_left:
                self._say("no conflicts in this document")
            return False
        s.go_to(differences.conflicts[chosen].start)
        self._refresh()
        return True

    @after_loading
    def action_take(self, number: int) -> None:
        s, item, gold = self.session, self.item, self.gold
        if s is None or item is None or gold is None:
            return
        names = item.differences.annotators
        conflict = self.current_conflict()
        whole, self.choosing_document = self.choosing_document, False
        if not whole and (conflict is None or s.selection() is not None):
            self.action_label(number)  # outside every conflict, or a selection: a label
            return
        if not 1 <= number <= len(names):
            self._say(f"no annotator {number}: they are 1-{len(names)}")
            return
        if whole:
            version = item.document.versions[names[number - 1]]
            gold.take_document(Span(x.start, x.end, x.label) for x in version.spans)
            said = f"took {isolate(names[number - 1])}'s whole document"
            gold.name_step(said)  # what undo and redo say they moved
            self._say(said)
            self._changed()
            return
        assert conflict is not None
        gold.take(conflict, number - 1)
        self._settled(conflict, f"took {isolate(names[number - 1])}'s version")

    @after_loading
    def action_take_here(self) -> None:
        s, item, gold = self.session, self.item, self.gold
        conflict = self.current_conflict()
        if s is None or item is None or gold is None or conflict is None:
            self.action_accept_suggestion()
            return
        c = item.differences.conflicts[conflict]
        selected = s.selection()
        here = c.made_here(*(selected or s.token_range(s.cursor)), exact=selected is not None)
        distinct = {c.versions[i] for i in here}
        if len(distinct) != 1:
            names = item.differences.annotators
            which = " · ".join(f"{i + 1} {isolate(names[i])}" for i in here)
            self._say(
                f"{len(distinct)} versions here ({which}): press a number, or select one with t, T"
                if distinct
                else "no version here: press a number"
            )
            return
        gold.take(conflict, here[0])
        self._settled(conflict, f"took {isolate(item.differences.annotators[here[0]])}'s version")

    @after_loading
    def action_reject_conflict(self) -> None:
        gold, conflict = self.gold, self.current_conflict()
        if gold is None or conflict is None:
            self._say("no conflict under the cursor: Tab goes to the next")
            return
        gold.reject(conflict)
        self._settled(conflict, "rejected every version")

    def _settled(self, conflict: int, said: str) -> None:
        """``conflict`` was settled: name the step, save, and on to the next one left."""
        if self.gold is not None:
            self.gold.name_step(f"{said} of conflict {conflict + 1}")
        self._changed()
        if not self._step_conflict(1, only_left=True):
            said += "; no conflicts left here (a accepts the document)"
        self._say(said)

    @after_loading
    def action_whole_document(self) -> None:
        if self.item is None:
            return
        self.choosing_document = True
        names = self.item.differences.annotators
        which = " · ".join(f"{n} {isolate(name)}" for n, name in enumerate(names, 1))
        self._say(f"whose whole document? {which} (Escape: none)")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_conflict", "previous_conflict") and (
            self.focused is self.search_box.input
        ):
            return False  # Tab in the search box is not a jump
        return super().check_action(action, parameters)

    def on_key(self, event: events.Key) -> None:
        # After A, only a number (or Escape, or A again) is an answer: any other
        # key drops the question, so that a later number is not taken for one.
        if event.key not in WHOSE_KEYS:
            self._drop_question()

    def _drop_question(self) -> bool:
        """Forget a pending A (True if there was one)."""
        asked, self.choosing_document = self.choosing_document, False
        if asked:
            self._say("")
        return asked

    @after_loading
    def action_back(self) -> None:
        if not self._drop_question():
            super().action_back()

    def action_entities(self) -> None:
        super().action_entities()
        # The two panels share the right edge: the gold spans' list stands in for the conflicts.
        self.query_one(ConflictPanel).display = not self.query_one(EntityPanel).display
