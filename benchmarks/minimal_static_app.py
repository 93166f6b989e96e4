"""The reference for time to first paint: a Textual app that shows one Static.

    python benchmarks/minimal_static_app.py

reader_speed.py runs it on a pseudo-terminal, as it runs hamish, and times how
long ``hello-marker`` takes to reach the terminal.  ``q`` quits.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class MinimalStaticApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("hello-marker")


if __name__ == "__main__":
    MinimalStaticApp().run()
