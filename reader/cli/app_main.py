"""`hamish [PATH...]`: build the reader from the command line and run it."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reader.cli.args import (
    USAGE_ERROR,
    Parser,
    add_max_size,
    add_source_option,
    print_error,
    reader_width,
)
from reader.cli.store_option import add_store_option, claim_count, store_choice
from reader.files.bundled import samples_dir, themes_dir

if TYPE_CHECKING:
    from reader.config.settings import Settings
    from reader.library import Library
    from reader.theming.spec import ThemeSpec
    from reader.ui.app import HamishApp


def reader_parser() -> argparse.ArgumentParser:
    """The options of `hamish` itself (the reader)."""
    p = Parser(
        prog="hamish",
        description="Read Arabic, right-to-left and mixed articles in any terminal. "
        "With no PATH, opens the bundled sample articles. "
        "`hamish render FILE` prints rows instead; `hamish export` converts annotations "
        "to and from other tools' formats; `hamish agree` measures agreement; "
        "`hamish review` settles annotators' differences; "
        "`hamish compact FILE` keeps one full record per document of an output; "
        "`hamish db` looks after a team's shared store on PostgreSQL; "
        "`hamish serve` serves the reader to a team's browsers.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=".txt, .md, .jsonl or .json files, other tools' annotation files (doccano, "
        "Label Studio, brat, CoNLL, XMI), directories, or http(s) URLs of web articles",
    )
    p.add_argument(
        "--width",
        type=reader_width,
        help="reading column width in cells (default: 80, or the window's if narrower)",
    )
    add_max_size(p)
    add_source_option(p)
    a = p.add_argument_group(
        "annotation (turned on by --labels, --label-file, labels in the config, or files "
        "that come with spans; labels found in them are added after these)"
    )
    a.add_argument("--labels", metavar="A,B,C", help="labels for keys 1-9, e.g. PER,ORG,GPE")
    a.add_argument("--label-file", metavar="FILE", help="labels, one per line or comma-separated")
    a.add_argument(
        "--output",
        metavar="FILE.jsonl",
        help="where annotations are saved (default: beside the one input, named after it, "
        "NAME.annotations.jsonl; with several or none, ./hamish.annotations.jsonl)",
    )
    add_store_option(a)
    a.add_argument(
        "--claim",
        type=claim_count,
        default=None,
        metavar="N",
        help="with a shared store and no PATH: documents to take from its queue (default 5)",
    )
    a.add_argument("--annotator", metavar="NAME", help="saved as _annotator_id (default: $USER)")
    a.add_argument("--overlap", action="store_true", help="allow nested and overlapping spans")
    a.add_argument("--patterns", metavar="FILE.jsonl", help="Prodigy-style patterns: suggestions")
    n = p.add_argument_group("news (see hamish feeds --help)")
    n.add_argument(
        "--news",
        action="store_true",
        help="start in the library's Feeds section: feeds and their entries",
    )
    n.add_argument(
        "--corpus",
        default="corpus.jsonl",
        metavar="FILE.jsonl",
        help="where S in the Feeds section appends articles (default: ./corpus.jsonl)",
    )
    p.add_argument(
        "--version", action="version", version="hamish " + __import__("reader").__version__
    )
    return p


def create_app(argv: Sequence[str], *, terminal: TextIO | None = None) -> HamishApp:
    """The app for ``argv`` (without the program name), ready to run.

    Reads config and themes and indexes the library; runs nothing.  Tests
    build the app here and drive it with ``App.run_test``.
    """
    from reader.documents import InputError
    from reader.formats.sniff import ALIASES
    from reader.library import Library
    from reader.library.library import is_web_url

    if list(argv[:1]) == ["review"]:  # `hamish review`, for tests built through this factory
        from reader.cli.review_main import create_review_app

        return create_review_app(argv[1:], terminal=terminal)
    args = reader_parser().parse_args(list(argv))
    config = load_app_config(args.width)
    output, queue = store_choice(args, config.settings.store)
    queued = queue.paths if queue is not None else []
    paths = queued or args.paths or [str(samples_dir())]
    source = ALIASES.get(args.source, args.source)
    library = Library.open(paths, args.max_size, source)
    entries = library.entries
    single_file = len(queued or args.paths) == 1 and len(entries) == 1 and not entries[0].error
    annotation = None
    if (
        args.labels
        or args.label_file
        or config.settings.labels
        or queue is not None
        or library.comes_with_spans()
    ):
        from reader.annotation.setup import choose_label_info, open_setup

        labels = choose_label_info(args.labels, args.label_file, config.settings.labels)
        annotation, more = open_setup(
            labels, args.paths, output, args.annotator, args.overlap, args.patterns
        )
        config.problems += more
    preloaded = None
    first = library.first() if single_file else None
    if first is not None and not is_web_url(library.entries[first.entry].path):
        try:  # read now, before the event loop: the first paint needs no worker
            preloaded = (first, library.article(first))
        except (InputError, IndexError):
            preloaded = None  # the screen reports it when it loads
    return config.app(
        library,
        terminal,
        open_first=single_file,
        annotation=annotation,
        preloaded=preloaded,
        news=args.news,
        corpus=args.corpus,
        queue=queue,
    )


@dataclass
class AppConfig:
    """The config and themes an app starts with, and what was wrong with them."""

    path: Path
    settings: Settings
    themes: list[ThemeSpec]
    problems: list[str]
    saved_width: int | None  # the config's: a --width is for this run only
    width_given: bool

    def app(self, library: Library, terminal: TextIO | None, **more: Any) -> HamishApp:
        """The app of ``library`` with this config (``more``: HamishApp's other options)."""
        from reader.ui.app import HamishApp
        from reader.ui.terminal import BidiMode

        return HamishApp(
            library,
            self.settings,
            config_path=self.path,
            themes=self.themes,
            problems=self.problems,
            bidi_mode=BidiMode(terminal) if terminal is not None else None,
            saved_width=self.saved_width,
            width_from_command_line=self.width_given,
            **more,
        )


def load_app_config(width: int | None) -> AppConfig:
    """Read the config and themes; ``width`` is a --width given for this run."""
    from reader.config.paths import config_path, user_themes_dir
    from reader.config.settings import load_settings
    from reader.theming.spec import load_themes

    path = config_path()
    settings, problems = load_settings(path)
    specs, theme_problems = load_themes([themes_dir(), user_themes_dir()])
    saved_width = settings.width
    if width is not None:
        settings = replace(settings, width=width)
    return AppConfig(
        path, settings, specs, problems + theme_problems, saved_width, width is not None
    )


def argv_paths(argv: Sequence[str]) -> list[str]:
    """The PATH arguments of a reader command line."""
    return list(reader_parser().parse_args(list(argv)).paths)


def web_problem(paths: Sequence[str]) -> str | None:
    """What stops the web pages among ``paths`` being read (a missing extra, a URL
    with no host), in one line; None when nothing does."""
    from reader.library.library import is_web_url

    urls = [p for p in paths if is_web_url(p)]
    if not urls:
        return None
    from reader.news import news_extra_missing
    from reader.news.extract import web_extra_missing
    from reader.news.fetch import FetchError, check_url

    missing = news_extra_missing() or web_extra_missing()
    if missing:
        return f"{urls[0]}: {missing}"
    try:
        for url in urls:
            check_url(url)
    except FetchError as err:
        return str(err)
    return None


def app_main(argv: Sequence[str]) -> int:
    """Run the reader on ``argv``'s paths; returns the exit code."""
    paths = argv_paths(argv)  # usage errors first
    problem = web_problem(paths)
    if problem:
        print_error("hamish", problem)
        return USAGE_ERROR
    forget_stale_size()
    try:
        app = create_app(argv, terminal=sys.__stdout__)
    except Exception as err:
        if not refused_start(err):
            raise
        print_error("hamish", err)
        return refused_in_browser(err)
    try:
        return _checked_run(app, paths)
    finally:
        if app.annotation is not None:
            app.annotation.store.close()  # a refused start too lets go, leaving nothing


def refused_start(err: Exception) -> bool:
    """Whether ``err`` is an input or an output file that refuses the start (one line
    on stderr), rather than a crash.  The annotation store, loaded only to tell,
    is not otherwise loaded by a reader's first paint."""
    from reader.annotation.store import StoreLocked
    from reader.documents import InputError

    return isinstance(err, (StoreLocked, InputError))


def refused_in_browser(problem: object) -> int:
    """USAGE_ERROR; served in a browser, after showing ``problem`` there too
    (the server's log has the line on stderr, the annotator would not)."""
    if os.environ.get("TEXTUAL_DRIVER"):  # else no need to load Textual
        from reader.ui.refusal import RefusalApp, web_driven

        app = RefusalApp(problem, USAGE_ERROR)
        if web_driven(app):
            app.run()
    return USAGE_ERROR


def _checked_run(app: HamishApp, paths: list[str]) -> int:
    """Refuse what cannot run (nothing readable, no terminal), else run ``app``.

    Pipes are a terminal only to Textual's web driver (textual-serve runs the
    app so, and speaks its packets over them); to anything else they are not.
    """
    if paths and all(entry.error for entry in app.library.entries):
        # Nothing given can be read: say why, in one line each, and stop.
        for entry in app.library.entries:
            print_error("hamish", entry.error)
        if not app.library.entries:
            print_error("hamish", f"no .txt, .md, .jsonl or .json files in {' '.join(paths)}")
        return USAGE_ERROR
    streams = (sys.__stdin__, sys.__stdout__)
    on_terminal = all(stream is not None and stream.isatty() for stream in streams)
    if not (on_terminal or app.served_on_the_web):
        print_error("hamish", "the reader needs a terminal; `hamish render FILE` prints rows")
        return USAGE_ERROR
    notice = app.annotation.store.pending_notice if app.annotation is not None else None
    if notice:
        # Said before it is done (the app does it once it runs, and says so again).
        print_error("hamish", notice)
    return run(app)


def forget_stale_size() -> None:
    """Drop COLUMNS and LINES when a terminal is there to ask.

    Textual sizes the screen with shutil.get_terminal_size(), which believes
    COLUMNS and LINES over the terminal.  Exported and stale, they would draw
    at the wrong size and stop resizes from reflowing.
    """
    if sys.__stdout__ is not None and sys.__stdout__.isatty():
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)


def run(app: HamishApp) -> int:
    """Run ``app`` in the terminal; the exit code.

    0, or 1 when not everything could be saved; after an unhandled exception
    (Textual gives the app the return code 1 then), 1 and one line naming the
    crash report, written once the pending annotations are.
    """
    from reader.cli.crash_report import crash_line, write_crash_report

    report = ""
    try:
        code = app.run()
    except Exception:  # noqa: BLE001 - what Textual did not catch is reported the same way
        code, report = None, traceback.format_exc()
    finally:
        if app._bidi_mode is not None:  # noqa: SLF001 - the app's own helper
            app._bidi_mode.restore()
        if app.annotation is not None:
            app.annotation.finish()  # whatever is still due; harmless when done
    report = report or (app.crash_report() if app.return_code else "")
    if not report:
        return code if isinstance(code, int) else 0
    try:
        print(crash_line(report, write_crash_report(report)), file=sys.stderr)
    except OSError as err:
        print(crash_line(report, None, err.strerror or str(err)), file=sys.stderr)
        print(report, file=sys.stderr, end="")
    return 1
