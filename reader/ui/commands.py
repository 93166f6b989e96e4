"""One command-palette provider: themes and display toggles that fit now.

Theme names come from files: each is shown through the boundary, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from reader.annotation.transliteration import SCHEMES
from reader.safe_text import shown
from reader.ui.app import HamishApp


class HamishCommands(Provider):
    """`theme: NAME`, `harakat: show/hide`, `direction: …`, `bidi mode: …`, …"""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        assert isinstance(app, HamishApp)  # the provider is only registered by HamishApp
        settings = app.settings
        change = app.change_settings
        commands: list[tuple[str, Callable[[], object], str]] = []
        for name in sorted(app.available_themes):
            if name != app.theme:
                commands.append(
                    (
                        f"theme: {shown(name)}",
                        partial(setattr, app, "theme", name),
                        "Switch the colour theme",
                    )
                )
        commands.append(
            (
                f"harakat: {'hide' if settings.harakat else 'show'}",
                partial(change, harakat=not settings.harakat),
                "Show or hide vowel marks",
            )
        )
        for direction in ("auto", "rtl", "ltr"):
            if direction != settings.direction:
                commands.append(
                    (
                        f"direction: {direction}",
                        partial(change, direction=direction),
                        "Paragraph direction",
                    )
                )
        commands.append(
            (
                f"control characters: {'hide' if settings.show_formatting else 'show'}",
                partial(change, show_formatting=not settings.show_formatting),
                "Draw bidi formatting characters as visible stand-ins",
            )
        )
        other = "terminal" if settings.bidi == "app" else "app"
        commands.append(
            (f"bidi mode: {other}", partial(change, bidi=other), "Who reorders right-to-left text")
        )
        commands += self._screen_commands()
        return commands

    def _screen_commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """Commands of the screen the palette was opened over (annotation: its own)."""
        from reader.ui.screens.annotate_screen import AnnotateScreen

        screen = self.screen
        if not isinstance(screen, AnnotateScreen) or screen.session is None:
            return []
        commands: list[tuple[str, Callable[[], object], str]] = [
            (
                "accept all suggestions in this document",
                screen.action_accept_all_suggestions,
                "Every suggestion becomes a span (Ctrl+Z takes them all back)",
            ),
            (
                f"inline label tags: {'hide' if screen.inline_tags else 'show'}",
                screen.action_inline_tags,
                "Each span's label as a tag after it (L; on the Arabic layout L sends /)",
            ),
        ]
        for scheme in SCHEMES:
            if scheme != screen.transliteration:
                commands.append(
                    (
                        f"transliteration: {scheme}",
                        partial(screen.action_transliterate, scheme),
                        "Show the cursor's word and the entity list in Latin letters (r: off)",
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                # highlight() reads its argument as markup: escaped, it is shown as it is.
                yield Hit(
                    score, matcher.highlight(escape(text)), callback, text=text, help=help_text
                )
