"""QueryInput: an Input that shows right-to-left queries as they will read."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from reader.layout.levels import first_strong
from reader.ui.widgets.visual import visual_line


class QueryInput(Vertical):
    """An Input and, under it while the query holds right-to-left letters,
    the query shaped and in visual order (the Input itself draws logical,
    unjoined letters)."""

    BINDINGS = [
        # Enter typed before hamish set up the terminal reaches it as a newline
        # (the terminal's line discipline turns CR into LF until then).
        Binding("ctrl+j", "submit", "Enter", id="newline-enter", show=False),
    ]

    DEFAULT_CSS = """
    QueryInput { height: auto; }
    QueryInput > .query-preview { height: 1; padding: 0 2; display: none; }
    QueryInput > .query-preview.-shown { display: block; }
    """

    def __init__(
        self, placeholder: str, *, id: str | None = None, input_type: type[Input] = Input
    ) -> None:
        super().__init__(id=id)
        # Made here, not in compose: the box is there to ask (has it the
        # focus?) before it is mounted.
        self.input = input_type(placeholder=placeholder)

    def compose(self) -> ComposeResult:
        yield self.input
        yield Static(classes="query-preview")

    async def action_submit(self) -> None:
        await self.input.action_submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        preview = self.query_one(".query-preview", Static)
        rtl = any(first_strong(ch) == 1 for ch in event.value)
        preview.set_class(rtl, "-shown")
        preview.update(Text(visual_line(event.value)) if rtl else Text(""))  # never markup
