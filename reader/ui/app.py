"""HamishApp: holds the library and the settings; screens do the rest."""

from __future__ import annotations

import asyncio
import gc
import io
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from reader.cli.hang_up import Handlers, on_hang_up, restore
from reader.config.paths import display_path
from reader.config.settings import Settings, save_settings
from reader.documents import Article
from reader.library import Library, Position
from reader.safe_text import shown
from reader.state.reading_places import ReadingPlaces
from reader.theming.spec import ThemeSpec
from reader.ui.binding_owners import binding_owners, help_sections, keymap_contexts
from reader.ui.keymap import check_keymap
from reader.ui.messages import LibraryEnd
from reader.ui.queue_feed import LAST, QueueFeed
from reader.ui.routes import ScreenRoutes
from reader.ui.terminal import BidiMode
from reader.ui.themes import label_variable_defaults, to_textual_theme

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver
    from textual.notifications import SeverityLevel

    from reader.annotation.setup import AnnotationSetup
    from reader.review.plan import Review
    from reader.team.session_queue import SessionQueue

# The help and command-palette modules load when first used: reading one
# article should not wait for them (time to first paint).


def _commands() -> type[Provider]:
    from reader.ui.commands import HamishCommands

    return HamishCommands


DEFAULT_THEME = "hamish-dark"


class HamishApp(ScreenRoutes):
    """Reads the library's articles."""

    # The reader's styles come with the app's: a screen's own CSS_PATH would
    # make Textual parse the whole stylesheet again when it is first shown.
    # So do the first screen's: Textual reads a screen's
    # CSS_PATH when it is pushed, and the first screen is never pushed.
    CSS_PATH = ["app.tcss", "screens/reader.tcss"]
    TITLE = "hamish"
    COMMANDS = App.COMMANDS | {_commands}
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
        preloaded: tuple[Position, Article] | None = None,
        news: bool = False,
        corpus: str = "corpus.jsonl",
        review: Review | None = None,
        queue: SessionQueue | None = None,
    ) -> None:
        first_css = (
            ("screens/annotate.tcss" if annotation is not None else "screens/reader.tcss")
            if open_first
            else "screens/library.tcss"
        )
        # The first screen is drawn before its own CSS_PATH would be read: its styles come here.
        review_css = ["screens/review.tcss"] if review is not None else []
        super().__init__(css_path=list(dict.fromkeys([*self.CSS_PATH, first_css, *review_css])))
        self.library = library
        self.set_reactive(HamishApp.settings, settings)
        self.config_path = config_path
        self._theme_specs = themes or []
        self._problems = list(problems or [])
        self._open_first = open_first
        self._bidi_mode = bidi_mode
        self.annotation = annotation
        self.review = review  # `hamish review`: its documents open in the review screen
        # A shared store's queue: its next documents are claimed when these run out.
        self.queue_feed = QueueFeed(self, queue) if queue is not None else None
        self._preloaded = preloaded
        self._news_first = news
        self.corpus = corpus  # where S in the Feeds section appends articles
        self._quit_anyway = False
        self.closing = False  # _close() was called: input from now on is dropped
        self._started = False  # until then, a theme change is not the user's
        self.key_remaps: dict[str, str] = {}  # the config's remaps that were taken
        # Where each document was left, this session and in earlier runs.
        self.places = ReadingPlaces(on_problem=self._say_from_any_thread)
        # A --width given on the command line is for this run only: what is
        # saved is the width the config file had.
        self._saved_width = saved_width
        self._width_from_command_line = width_from_command_line
        # Themes are registered and chosen before the stylesheet is first
        # read, which spares it being parsed again on mount.
        for spec in self._theme_specs:
            self.register_theme(to_textual_theme(spec))
        self._choose_theme()
        # What Textual prints when the app crashes is kept for a crash report
        # (app_main writes it) rather than thrown at the terminal.
        self.error_console = Console(
            file=io.StringIO(), markup=False, highlight=False, color_system=None
        )
        self._signals: Handlers = {}  # the signal handlers ours replaced
        self._exit_code_if_stuck = 1

    # -- reading places ------------------------------------------------------

    def _say_from_any_thread(self, problem: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.notify(problem, severity="warning", timeout=10, markup=False)
        else:
            self.call_from_thread(
                self.notify, problem, severity="warning", timeout=10, markup=False
            )

    def crash_report(self) -> str:
        """What Textual reported of an unhandled exception (its traceback); "" if none."""
        file = self.error_console.file
        return file.getvalue() if isinstance(file, io.StringIO) else ""

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this platform; on Linux and macOS, one whose input
        survives bytes that are not UTF-8 (see :mod:`reader.ui.terminal_input`);
        served on the web, one that ends with its server (:mod:`reader.ui.web_input`)."""
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.linux_driver":
            from reader.ui.terminal_input import SturdyLinuxDriver

            return SturdyLinuxDriver
        if driver.__module__ == "textual.drivers.web_driver":
            from reader.ui.web_input import ServedWebDriver

            return ServedWebDriver
        return driver

    @property
    def served_on_the_web(self) -> bool:
        """Driven by Textual's web driver (as textual-serve runs it)."""
        from reader.ui.refusal import web_driven

        return web_driven(self)

    def on_unmount(self) -> None:
        # However the app ends, a crash too: the last changes are written and
        # the output file's lock let go.
        if self.annotation is not None:
            self.annotation.finish()
        restore(self._signals)
        self.places.close()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Label colours ($label-1 ...) exist under every theme, Textual's own too.
        return label_variable_defaults()

    def _choose_theme(self) -> None:
        wanted = self.settings.theme
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            if wanted != DEFAULT_THEME:
                self._problems.append(f"theme: no theme named {wanted!r}; using {DEFAULT_THEME}")
            if DEFAULT_THEME in self.available_themes:
                self.theme = DEFAULT_THEME

    def on_mount(self) -> None:
        # `hamish` starts with the garbage collector off (see reader.cli.main):
        # on again once the first screen is out.
        self.call_after_refresh(gc.enable)
        self._apply_keymap()
        self._save_on_signals()
        if self.annotation is not None:
            # Now that it can be said on screen: a torn last line goes to a side file.
            self._problems += self.annotation.store.start()
            if not self.annotation.store.loaded:
                # A long output is read once the first frame is out.
                self.call_after_refresh(self._load_store)
        for problem in self._problems:
            self.notify(problem, severity="warning", timeout=10, markup=False)
        if self._bidi_mode is not None:
            self._bidi_mode.set(self.settings.bidi == "app")
        self._started = True

    def _apply_keymap(self) -> None:
        """Give Textual the config's key remaps that name real keys and clash with nothing."""
        if not self.settings.keys:
            return
        contexts = keymap_contexts(binding_owners(HamishApp))
        where = display_path(self.config_path) if self.config_path else "config"
        self.key_remaps, problems = check_keymap(self.settings.keys, contexts, where)
        self._problems += problems
        self.set_keymap(self.key_remaps)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast, its text through the boundary: controls become visible stand-ins.

        hamish's own notices pass ``markup=False``: they quote file names,
        config values and labels, which must show as they are.
        """
        super().notify(
            shown(message), title=shown(title), severity=severity, timeout=timeout, markup=markup
        )

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer and the help show it, through the boundary."""
        return shown(super().get_key_display(binding))

    def watch_theme(self, theme: str) -> None:
        # A fallback chosen at start-up is for this run: the config keeps its
        # own value, and the file is written only when the user changes a setting.
        if self._started and self.settings.theme != theme and theme in self.available_themes:
            self.change_settings(theme=theme)

    # -- settings ---------------------------------------------------------------

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

    @work(thread=True, group="load-store")
    def _load_store(self) -> None:
        """Read the output file off the event loop; say what was wrong in it."""
        if self.annotation is not None:
            for problem in self.annotation.store.load():
                self.call_from_thread(
                    self.notify, problem, severity="warning", timeout=10, markup=False
                )

    @on(LibraryEnd)
    def _library_end(self, message: LibraryEnd) -> None:
        if self.queue_feed is not None and message.library is self.library:
            self.queue_feed.ask(message.position)
        else:
            self.notify(LAST, markup=False)

    def _save_on_signals(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves, then exits;
        a watchdog ends the process should the exit hang (see reader.cli.hang_up)."""
        self._signals = on_hang_up(
            asyncio.get_running_loop(), self._hang_up, lambda: self._exit_code_if_stuck
        )

    def _save_all(self) -> bool:
        """Save every screen's annotations now (a document screen may lie under
        the library); True when everything is on disk."""
        saved = True
        for screen in self.screen_stack:
            remember = getattr(screen, "remember_place", None)
            if remember is not None:
                remember()
            flush = getattr(screen, "flush", None)
            if flush is not None:
                saved = flush() and saved
        return saved

    def _hang_up(self) -> None:
        # Save, then let go of the output before anything that may hang (Textual
        # writing its last frames to a terminal that is gone).
        saved = self._save_all()
        if self.annotation is not None:
            saved = self.annotation.finish() and saved
        self._exit_code_if_stuck = 0 if saved else 1
        self._close(0 if saved else 1)

    def _close(self, result: int) -> None:
        """Exit with ``result``, dropping any input after."""
        self.closing = True
        self.exit(result)

    async def on_event(self, event: events.Event) -> None:
        # Keys typed after q in one burst reach the app after it began to close:
        # a screen they open (help, the label picker) would never be composed,
        # and its first query would crash the exit.  Nothing is left to do for them.
        if self.closing and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)

    async def action_quit(self) -> None:
        """Save and quit.  If saving fails, say so; a second q quits anyway."""
        saved = self._save_all()  # an annotation screen saves first
        if not saved and not self._quit_anyway:
            self._quit_anyway = True
            self.notify(
                "Not saved: press q again to quit without saving, "
                "or fix the problem and try again.",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        # A second q while saving fails quits without saving: the exit code says so.
        self._close(0 if saved else 1)

    def action_help(self) -> None:
        from reader.ui.screens.help_screen import HelpScreen

        sections = help_sections(binding_owners(HamishApp), review=self.review is not None)
        setup = self.annotation
        labels = setup.labels if setup is not None else []
        info = setup.label_info if setup is not None else {}
        descriptions = {name: label.description for name, label in info.items()}
        self.push_screen(HelpScreen(sections, dict(self.key_remaps), labels, descriptions))
