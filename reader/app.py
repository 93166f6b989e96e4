"""HamishApp: holds the library and the settings; screens do the rest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from reader.annotation.setup import AnnotationSetup, progress
from reader.commands import HamishCommands
from reader.config.settings import Settings, save_settings
from reader.library import Library, Position
from reader.screens.annotate_screen import AnnotateScreen
from reader.screens.help_screen import HelpScreen
from reader.screens.library_screen import LibraryScreen
from reader.screens.reader_screen import ReaderScreen
from reader.terminal import BidiMode
from reader.theming.spec import ThemeSpec
from reader.theming.textual_themes import label_variable_defaults, to_textual_theme
from reader.widgets.article_view import ArticleView

DEFAULT_THEME = "hamish-dark"


class HamishApp(App[int]):
    """Reads the library's articles."""

    CSS_PATH = "app.tcss"
    TITLE = "hamish"
    COMMANDS = App.COMMANDS | {HamishCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+p", "command_palette", "Commands", id="command-palette", show=False),
    ]

    settings: reactive[Settings] = reactive(Settings, init=False, always_update=True)

    def __init__(
        self,
        library: Library,
        settings: Settings,
        *,
        config_path: Path | None = None,
        themes: list[ThemeSpec] | None = None,
        problems: list[str] | None = None,
        open_first: bool = False,
        bidi_mode: BidiMode | None = None,
        saved_width: int | None = None,
        width_from_command_line: bool = False,
        annotation: AnnotationSetup | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.set_reactive(HamishApp.settings, settings)
        self.config_path = config_path
        self._theme_specs = themes or []
        self._problems = list(problems or [])
        self._open_first = open_first
        self._bidi_mode = bidi_mode
        self.annotation = annotation
        self._quit_anyway = False
        self._started = False  # until then, a theme change is not the user's
        # Where each document was left this session: position -> offset at the top.
        self.places: dict[Position, int] = {}
        # A --width given on the command line is for this run only: what is
        # saved is the width the config file had.
        self._saved_width = saved_width
        self._width_from_command_line = width_from_command_line

    def on_unmount(self) -> None:
        # Let go of the output file's lock however the app ends.
        if self.annotation is not None:
            self.annotation.store.close()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Label colours ($label-1 ...) exist under every theme, Textual's own too.
        return label_variable_defaults()

    def on_mount(self) -> None:
        for spec in self._theme_specs:
            self.register_theme(to_textual_theme(spec))
        wanted = self.settings.theme
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            if wanted != DEFAULT_THEME:
                self._problems.append(f"theme: no theme named {wanted!r}; using {DEFAULT_THEME}")
            if DEFAULT_THEME in self.available_themes:
                self.theme = DEFAULT_THEME
        self._apply_keymap()
        for problem in self._problems:
            self.notify(problem, severity="warning", timeout=10, markup=False)
        if self._bidi_mode is not None:
            self._bidi_mode.set(self.settings.bidi == "app")
        self._started = True
        self.push_screen(LibraryScreen(self.library, self._progress_counts))
        if self._open_first:
            first = self.library.first()
            if first is not None:
                self.open_document(first)

    def _apply_keymap(self) -> None:
        known = {
            b.id
            for owner in (
                HamishApp,
                ReaderScreen,
                AnnotateScreen,
                LibraryScreen,
                ArticleView,
                HelpScreen,
            )
            for b in owner.BINDINGS
            if isinstance(b, Binding) and b.id
        }
        keymap = {}
        for binding_id, keys in self.settings.keys.items():
            if binding_id in known:
                keymap[binding_id] = keys
            else:
                self._problems.append(f"keys: no binding with id {binding_id!r}")
        self.set_keymap(keymap)

    def watch_theme(self, theme: str) -> None:
        # A fallback chosen at start-up is for this run: the config keeps its
        # own value, and the file is written only when the user changes a setting.
        if self._started and self.settings.theme != theme and theme in self.available_themes:
            self.change_settings(theme=theme)

    # -- state ---------------------------------------------------------------

    def change_settings(self, **changes: object) -> None:
        """Change settings (screens watch them) and save them in the background."""
        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        if "bidi" in changes and self._bidi_mode is not None:
            self._bidi_mode.set(self.settings.bidi == "app")
        saved = self.settings
        if self._width_from_command_line and "width" not in changes:
            saved = replace(saved, width=self._saved_width)
        self._save(saved)

    @work(thread=True, exclusive=True, group="save-settings")
    def _save(self, settings: Settings) -> None:
        if self.config_path is None:
            return
        try:
            save_settings(settings, self.config_path)
        except OSError as err:
            self.call_from_thread(
                self.notify,
                f"{self.config_path}: settings not saved: {err.strerror or err}",
                severity="error",
                markup=False,
            )

    # -- navigation ----------------------------------------------------------

    def _progress_counts(self) -> dict[str, dict[str, int]]:
        if self.annotation is None:
            return {}
        return progress(self.annotation.store)

    def open_document(self, position: Position) -> None:
        """Read (or, with labels, annotate) the document at ``position``."""
        if self.annotation is not None:
            self.push_screen(AnnotateScreen(self.library, position, self.annotation))
        else:
            self.push_screen(ReaderScreen(self.library, position))

    async def action_quit(self) -> None:
        """Save and quit.  If saving fails, say so; a second q quits anyway."""
        screen = self.screen
        if isinstance(screen, AnnotateScreen) and not screen.flush() and not self._quit_anyway:
            self._quit_anyway = True
            self.notify(
                "Not saved: press q again to quit without saving, "
                "or fix the problem and try again.",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.exit(0)

    def action_help(self) -> None:
        places: list[tuple[str, type]] = [
            ("Everywhere", HamishApp),
            ("Reading", ReaderScreen),
            ("Annotating", AnnotateScreen),
            ("Moving in an article", ArticleView),
            ("Library", LibraryScreen),
        ]
        self.push_screen(HelpScreen(places, dict(self.settings.keys)))
