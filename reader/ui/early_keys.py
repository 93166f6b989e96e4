"""Keys typed in the same terminal write as the key that opens a box.

A terminal sends ``l g Enter`` (or a paste) in one write, and Textual hands each
key on before the app has acted on the one before it: the letters after ``l``
reach the screen the picker is opened over, or the picker before its filter has
the focus.  They are the box's, in order, and never the keys of the screen below.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
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
    """A screen whose keys that open another screen are run as they pass through
    it, in the order typed; and whose keys that arrive once another screen is
    over it are sent to that one."""

    OPENS_SCREEN: ClassVar[frozenset[str]] = frozenset({"pick_label"})
    """The actions of this screen's bindings that open a screen over it."""

    async def keys_in_order(self, event: events.Key) -> bool:
        """Send ``event`` on to the screen on top, or run it now if it opens one
        (then the keys after it find that screen on top).  True if it was taken."""
        if getattr(self.app, "closing", False):
            pass  # typed after q: nothing is left to do for it
        elif self.app.screen is not self:
            # Typed after the key that opened the top screen: it is that screen's.
            self.app.post_message(events.Key(event.key, event.character))
        else:
            active = self.active_bindings.get(event.key)
            if active is None or not active.enabled:
                return False
            if active.binding.action not in self.OPENS_SCREEN:
                return False
            await self.app.run_action(active.binding.action, active.node)
        event.stop()
        event.prevent_default()
        return True
