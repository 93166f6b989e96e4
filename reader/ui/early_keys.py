"""Keys typed in the same terminal write as the key that opens a box.

A terminal sends ``l g Enter`` (or a paste) in one write, and Textual hands each
key on before the app has acted on the one before it: the letters after ``l``
reach the screen the picker is opened over, or the picker before its filter has
the focus.  They are the box's, in order, and never the keys of the screen below.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input


def type_into(box: Input, event: events.Key) -> bool:
    """Type the printable key ``event`` into ``box`` at its cursor and give it the
    focus (so the next keys go to it): a letter that reached the screen before
    the box had the focus.  True if the key was taken."""
    if not (event.is_printable and event.character):
        return False
    box.insert_text_at_cursor(event.character)
    box.focus()
    event.stop()
    return True


class KeysInOrder(Screen[None]):
    """A screen whose keys that open another screen are run in the order typed,
    and whose keys typed after such a key go to the screen it opens."""

    OPENS_SCREEN: ClassVar[frozenset[str]] = frozenset({"pick_label"})
    """The actions of this screen's bindings that open a screen over it."""

    _screen_coming = False  # a key that opens a screen is on its way to the app

    async def keys_in_order(self, event: events.Key) -> bool:
        """Queue ``event`` behind the key that opens a screen, or queue the
        opening itself behind the keys typed before it.  True if it was taken.

        The keys before it that this screen does not take go on to the app,
        which runs their bindings: the opening goes to the app's queue after
        them (``a l``: the accept, then the picker), and the keys after it go
        after the opening (``l g Enter``: the picker's filter gets them).
        """
        if getattr(self.app, "closing", False):
            pass  # typed after q: nothing is left to do for it
        elif self._screen_coming or self.app.screen is not self:
            self.app.call_later(self.app.post_message, events.Key(event.key, event.character))
        else:
            active = self.active_bindings.get(event.key)
            if active is None or not active.enabled:
                return False
            if active.binding.action not in self.OPENS_SCREEN:
                return False
            self._screen_coming = True
            self.app.call_later(self._run_opening, active.binding.action, active.node)
        event.stop()
        event.prevent_default()
        return True

    async def _run_opening(self, action: str, node: DOMNode) -> None:
        try:
            if not getattr(self.app, "closing", False):  # "q l": quit, open nothing
                await self.app.run_action(action, node)
        finally:
            self._screen_coming = False
