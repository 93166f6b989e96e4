"""HelpScreen: every key binding of the app, as remapped, with what it does."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.annotation.actions import QUICK_LABELS
from reader.safe_text import shown
from reader.ui.layout_keys import LayoutKeys
from reader.ui.widgets.visual import visual_line


def _bindings(owner: type) -> list[Binding]:
    found: list[BindingType] = list(getattr(owner, "BINDINGS", []))
    return [b for b in found if isinstance(b, Binding)]


QUICK_LABEL_ID = re.compile(r"label-\d+")  # the ids of the quick label keys (1 to 9)

NOTES = """
In the library, type to filter files and feed entries by title (Ctrl+T:
the feeds' stored texts too); Up and Down move; Enter opens.  Tab or
Ctrl+N goes to the Feeds section, where r m s S act; / or Escape comes
back to the filter.
Escape, ? or q closes this help; j, k and Space scroll it.  Ctrl+P lists commands: themes
(theme: NAME) and the display toggles.
"""


class HelpScreen(LayoutKeys, ModalScreen[None]):
    """Lists bindings by place: the app, the reader, the article, the library.

    Its keys follow the keyboard layout as the reader's do (ض closes it as
    ``q`` does, ت scrolls it as ``j`` does)."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="close-help"),
        Binding("j", "scroll_help(1)", "Scroll down", id="help-down", show=False),
        Binding("k", "scroll_help(-1)", "Scroll up", id="help-up", show=False),
        Binding("space", "scroll_help(0)", "Page down", id="help-page-down", show=False),
    ]

    def __init__(
        self,
        places: list[tuple[str, type]],
        keymap: dict[str, str],
        labels: list[str] | None = None,
        descriptions: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.places = places
        self.keymap = keymap
        self.labels = labels or []
        self.descriptions = descriptions or {}

    def action_scroll_help(self, rows: int) -> None:
        """``j`` / ``k``: a row down or up; Space (``rows`` 0): a page down."""
        body = self.query_one("#help-body", VerticalScroll)
        if rows:
            body.scroll_relative(y=rows, animate=False)
        else:
            body.scroll_page_down(animate=False)

    def _keys_shown(self, binding_id: str, default: str) -> str:
        """The keys of binding ``binding_id`` as remapped (else ``default``), for display."""
        keys = self.keymap.get(binding_id, default)
        return ", ".join(self.app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))

    def compose(self) -> ComposeResult:
        table = Table(expand=True, box=None, show_header=True, header_style="bold")
        table.add_column("Key", no_wrap=True)
        table.add_column("Action")
        table.add_column("Binding id", style="dim", no_wrap=True)
        if self.labels:
            table.add_row(Text("Labels", style="bold underline"), Text(""), Text(""))
        for n, label in enumerate(self.labels, 1):
            # Label names and descriptions come from the label file: never markup.
            what = Text(visual_line(label), style="bold")
            if self.descriptions.get(label):
                what.append(": " + visual_line(self.descriptions[label]))
            quick = f"label-{n}" if n <= QUICK_LABELS else ""
            key = self._keys_shown(quick, str(n)) if quick else "l, then type"
            table.add_row(Text(shown(key)), what, Text(quick))
        for place, owner in self.places:
            table.add_row(Text(place, style="bold underline"), Text(""), Text(""))
            for binding in _bindings(owner):
                if self.labels and QUICK_LABEL_ID.fullmatch(binding.id or ""):
                    continue  # named in the Labels section, not as "Label 1"
                table.add_row(
                    Text(shown(self._keys_shown(binding.id or "", binding.key))),
                    Text(shown(binding.description or binding.action)),
                    Text(shown(binding.id or "")),
                )
        with VerticalScroll(id="help-body"):
            yield Static(
                Text("hamish: keys (remap them under [keys] in config.toml)\n", style="bold")
            )
            yield Static(table)
