"""Keys on any layout: a letter of an Arabic, Persian or Hebrew layout runs the
binding of the same physical key (ش runs what ``a`` runs).

A screen mixes :class:`LayoutKeys` in.  A key the screen binds is left to
Textual; an unbound one is looked up in the layout tables
(:mod:`reader.config.keyboard_layouts`), and the binding that key's US twin
has *now* (the user's ``[keys]`` remaps included) is run.  Keys typed into an
Input (the search box, the label filter) never get here: the Input takes them;
but a letter typed there that only one layout sends (ک: Persian) makes that
layout the one asked first.

An unbound ASCII key is looked up too, in the tables' punctuation: ``>`` is
what Shift+] sends on the Arabic layout, so ``>`` runs ``}``.  It says
nothing of a layout: a Latin layout sends ``>`` as well.
"""

from __future__ import annotations

from textual import events, on
from textual.widgets import Input

from reader.config.keyboard_layouts import layout_of_typed, physical_key
from reader.ui.early_keys import KeysInOrder
from reader.ui.keymap import character_key


class LayoutKeys(KeysInOrder):
    """Runs, for a key sent by a non-Latin layout, the binding of its physical key."""

    keyboard_layout: str | None = None
    """The layout seen last (asked first next time), said once when it changes."""
    typed_layout: str | None = None
    """The layout text typed into an Input (the search, the label filter) tells
    of, if any: asked first by the next key, which then says it."""

    @on(events.Mount)
    def _layout_of_the_screen_below(self) -> None:
        # A screen pushed over another (the help) knows the layout it has seen:
        # the user was told once, and is not told again.
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 and stack[-1] is self else None
        if isinstance(below, LayoutKeys) and self.keyboard_layout is None:
            self.keyboard_layout = below.keyboard_layout

    def say_layout(self, layout: str) -> None:
        """Tell the user the keys still work on ``layout`` (a screen may say it its way)."""
        self.notify(f"keyboard layout: {layout}; keys still work", markup=False)

    @on(Input.Changed)
    def _layout_of_typed_text(self, event: Input.Changed) -> None:
        self.saw_typed(event.value)

    def saw_typed(self, text: str) -> None:
        """``text`` was typed (as it is, never remapped): a letter only one layout
        sends makes that layout the guess for the next key."""
        self.typed_layout = layout_of_typed(text) or self.typed_layout

    @on(events.Key)
    async def _layout_key(self, event: events.Key) -> None:
        # A decorated handler, not on_key: a screen built on this one keeps its own.
        if await self.keys_in_order(event):  # first: a key of the screen on top is never remapped
            return
        character = event.character
        if character is None or not character.isprintable() or isinstance(self.focused, Input):
            return
        bindings = self.active_bindings
        if event.key in bindings:
            return
        found = physical_key(character, self.typed_layout or self.keyboard_layout)
        if found is None:
            return
        layout, us = found
        active = bindings.get(character_key(us))
        if active is None or not active.enabled:
            return
        event.stop()
        event.prevent_default()
        if layout != self.keyboard_layout and not character.isascii():
            self.keyboard_layout, self.typed_layout = layout, None
            self.say_layout(layout)
        await self.app.run_action(active.binding.action, active.node)
