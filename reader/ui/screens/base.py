"""The one typed way a screen reaches the app: `self.app` is a `HamishApp`.

Textual types `MessagePump.app` as `App[object]` and offers `textual.getters.app`
so a node can declare its own app class.  The declaration lives under
TYPE_CHECKING (as in Textual itself): at run time `self.app` is Textual's own
property, and the import of `reader.ui.app` (which imports the screens) stays
out of the import cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from textual import getters

    from reader.ui.app import HamishApp


class HamishScreen(Screen[None]):
    """A full screen of hamish; `self.app` is typed as the `HamishApp`."""

    if TYPE_CHECKING:
        app = getters.app(HamishApp)
