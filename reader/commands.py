"""One command-palette provider: themes and display toggles that fit now."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class HamishCommands(Provider):
    """`theme: NAME`, `harakat: show/hide`, `direction: …`, `bidi mode: …`, …"""

    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        settings = app.settings  # type: ignore[attr-defined]
        change = app.change_settings  # type: ignore[attr-defined]
        commands: list[tuple[str, object, str]] = []
        for name in sorted(app.available_themes):
            if name != app.theme:
                commands.append(
                    (
                        f"theme: {name}",
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
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)  # type: ignore[arg-type]
