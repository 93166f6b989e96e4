"""A served session that cannot start says why, in the browser.

In a terminal a refused start is one line on stderr.  Served by textual-serve,
stderr goes to the server's log and the browser shows only "Session ended":
the annotator would never learn that their queue is empty or that they have
a session open already.  :class:`RefusalApp` shows the same line on the page
until they close it.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from reader.safe_text import shown
from reader.ui.widgets.keys_footer import KeysFooter


def web_driven(app: App[Any]) -> bool:
    """Whether ``app`` runs under Textual's web driver (``TEXTUAL_DRIVER``, as
    textual-serve sets it), which talks over pipes instead of a terminal."""
    from textual.drivers.web_driver import WebDriver

    return issubclass(app.driver_class, WebDriver)


class RefusalApp(App[int]):
    """Shows why the session cannot start; q closes it with ``code``."""

    CSS_PATH = "refusal.tcss"
    BINDINGS = [Binding("q", "close", "Close", id="close")]

    def __init__(self, problem: object, code: int) -> None:
        super().__init__()
        self._problem = shown(problem)
        self._code = code

    def compose(self) -> ComposeResult:
        with Vertical(id="refusal"):
            yield Static("hamish cannot start this session", id="title", markup=False)
            yield Static(self._problem, id="problem", markup=False)
        yield KeysFooter()

    def action_close(self) -> None:
        """End the session."""
        self.exit(self._code)
