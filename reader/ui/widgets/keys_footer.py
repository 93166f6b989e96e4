"""The footer of keys, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's Footer, recomposed only when what it would show changes.

    Textual tells a footer its screen's bindings changed twice for each move
    of focus (the focus watcher, then after the next refresh), and the footer
    rebuilds all its keys each time: a score of widgets mounted and styled.
    Opening the search box and closing it again cost four rebuilds, most of
    them of the same keys; this footer compares first.
    """

    _shown: Hashable = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild the keys when the bindings shown differ from those drawn."""
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = self._keys_shown(screen)
            if self._bindings_ready and shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def _keys_shown(self, screen: Screen[object]) -> Hashable:
        """What compose would draw from ``screen``'s active bindings."""
        app = self.app
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    binding.group,
                    enabled,
                    tooltip,
                )
                for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
                if binding.show or key == app.COMMAND_PALETTE_BINDING
            ),
        )
