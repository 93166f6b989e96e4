"""LabelPicker: any label, by typing part of its name or description (``l``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.annotation.labels import LabelInfo, filter_labels
from reader.ui.early_keys import type_into
from reader.ui.keymap import character_key
from reader.ui.widgets.query_input import QueryInput
from reader.ui.widgets.visual import visual_line


class FilterInput(Input):
    """The picker's filter, whose Enter submits in order with the letters typed
    around it.  Input's own Enter is a binding, run once the key has gone up
    the DOM: a letter typed after it in one burst was in the box by then."""

    async def on_key(self, event: events.Key) -> None:
        """Enter: submit what the box holds now."""
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()


class LabelPicker(ModalScreen[str | None]):
    """Lists the labels with their descriptions; typing filters them (Arabic-aware,
    as search is); Enter takes the highlighted one, Escape takes none."""

    CSS_PATH = "label_picker.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_none", "Close", id="close-labels"),
        Binding("down", "cursor(1)", "Next label", id="label-down", show=False),
        Binding("up", "cursor(-1)", "Previous label", id="label-up", show=False),
    ]

    def __init__(self, labels: Sequence[LabelInfo]) -> None:
        super().__init__()
        self.labels = list(labels)
        self.filter = QueryInput(
            "label: type to filter, Enter takes", id="label-filter", input_type=FilterInput
        )
        self.shown: list[LabelInfo] = list(labels)
        self.shown_for = ""  # the filter text ``shown`` was filtered for
        self.closing = False

    def compose(self) -> ComposeResult:
        with Vertical(id="label-picker"):
            yield self.filter
            yield OptionList(id="label-list")

    def on_mount(self) -> None:
        self._fill()
        self.set_focus(self.filter.input)

    def on_key(self, event: events.Key) -> None:
        # Keys typed with the ``l`` that opened the picker, before the filter had
        # the focus: a letter is the filter's, in order; Enter takes as Enter does.
        if type_into(self.filter.input, event):
            return
        if event.key == "enter":
            event.stop()
            self._take_highlighted()

    def _show(self, query: str) -> None:
        """List the labels ``query`` filters out."""
        self.shown, self.shown_for = filter_labels(self.labels, query), query
        self._fill()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for n, label in enumerate(self.shown):
            line = Text(visual_line(label.name), style="bold")  # untrusted: never markup
            if label.key:
                line.append(f"  [{visual_line(label.key)}]", style="dim")
            if label.description:
                line.append("  " + visual_line(label.description))
            options.add_option(Option(line, id=str(n)))
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed, "#label-filter Input")
    def _filter(self, event: Input.Changed) -> None:
        if event.value != self.shown_for:
            self._show(event.value)

    @on(Input.Submitted, "#label-filter Input")
    def _submitted(self, event: Input.Submitted) -> None:
        self._take_highlighted(event.value)

    def _take_highlighted(self, query: str | None = None) -> None:
        # An Enter typed with the letters before it may come before the list is
        # filtered for them: it takes what the filter held at the Enter lists
        # first.  Letters typed after the Enter in the same burst reached the
        # filter before this: they go on to the screen below, in order.
        now = self.filter.input.value
        query = now if query is None else query
        if query != self.shown_for:
            self._show(query)
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and self.shown:
            self._close(self.shown[highlighted].name)
            for ch in now[len(query) :] if now.startswith(query) else "":
                self.app.call_later(self.app.post_message, events.Key(character_key(ch), ch))

    @on(OptionList.OptionSelected, "#label-list")
    def _take_chosen(self, event: OptionList.OptionSelected) -> None:
        self._close(self.shown[event.option_index].name)

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        if self.shown:
            now = options.highlighted or 0
            options.highlighted = (now + step) % len(self.shown)

    def action_dismiss_none(self) -> None:
        self._close(None)

    def _close(self, label: str | None) -> None:
        """Dismiss once. Keys typed in a burst reach the filter before the first
        Enter is handled, so more Submitted messages may follow: each would pop
        whatever screen is on top by then (the annotate screen, then none)."""
        if not self.closing:
            self.closing = True
            self.dismiss(label)
