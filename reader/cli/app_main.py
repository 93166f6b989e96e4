"""`hamish [PATH...]`: build the reader from the command line and run it."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from reader.cli.args import (
    USAGE_ERROR,
    Parser,
    add_max_size,
    add_source_option,
    print_error,
    reader_width,
)
from reader.files.bundled import samples_dir, themes_dir

if TYPE_CHECKING:
    from reader.ui.app import HamishApp


def reader_parser() -> argparse.ArgumentParser:
    """The options of `hamish` itself (the reader)."""
    p = Parser(
        prog="hamish",
        description="Read Arabic, right-to-left and mixed articles in any terminal. "
        "With no PATH, opens the bundled sample articles. "
        "`hamish render FILE` prints rows instead; `hamish export` converts annotations "
        "to and from other tools' formats; `hamish agree` measures agreement; "
        "`hamish compact FILE` keeps one full record per document of an output.",
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
    from reader.config.paths import config_path, user_themes_dir
    from reader.config.settings import load_settings
    from reader.documents import InputError
    from reader.formats.sniff import ALIASES
    from reader.library import Library
    from reader.library.library import is_web_url
    from reader.theming.spec import load_themes
    from reader.ui.app import HamishApp
    from reader.ui.terminal import BidiMode

    args = reader_parser().parse_args(list(argv))
    path = config_path()
    settings, problems = load_settings(path)
    specs, theme_problems = load_themes([themes_dir(), user_themes_dir()])
    problems += theme_problems
    config_width = settings.width  # what is saved: --width is for this run only
    if args.width is not None:
        settings = replace(settings, width=args.width)
    paths = args.paths or [str(samples_dir())]
    source = ALIASES.get(args.source, args.source)
    library = Library.open(paths, args.max_size, source)
    single_file = (
        len(args.paths) == 1 and len(library.entries) == 1 and not library.entries[0].error
    )
    annotation = None
    if args.labels or args.label_file or settings.labels or library.comes_with_spans():
        from reader.annotation.setup import choose_labels, open_setup

        labels = choose_labels(args.labels, args.label_file, settings.labels)
        annotation, more = open_setup(
            labels, args.paths, args.output, args.annotator, args.overlap, args.patterns
        )
        problems += more
    preloaded = None
    first = library.first() if single_file else None
    if first is not None and not is_web_url(library.entries[first.entry].path):
        try:  # read now, before the event loop: the first paint needs no worker
            preloaded = (first, library.article(first))
        except (InputError, IndexError):
            preloaded = None  # the screen reports it when it loads
    return HamishApp(
        library,
        settings,
        config_path=path,
        themes=specs,
        problems=problems,
        open_first=single_file,
        bidi_mode=BidiMode(terminal) if terminal is not None else None,
        saved_width=config_width,
        width_from_command_line=args.width is not None,
        annotation=annotation,
        preloaded=preloaded,
        news=args.news,
        corpus=args.corpus,
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
    if sys.__stdout__ is not None and sys.__stdout__.isatty():
        # Textual sizes the screen with shutil.get_terminal_size(), which
        # believes COLUMNS and LINES over the terminal.  Exported and stale,
        # they would draw at the wrong size and stop resizes from reflowing.
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)
    from reader.annotation.store import StoreLocked
    from reader.documents import InputError

    try:
        app = create_app(argv, terminal=sys.__stdout__)
    except (StoreLocked, InputError) as err:
        print_error("hamish", err)
        return USAGE_ERROR
    try:
        return _checked_run(app, paths)
    finally:
        if app.annotation is not None:
            app.annotation.store.close()  # a refused start too lets go, leaving nothing


def _checked_run(app: HamishApp, paths: list[str]) -> int:
    """Refuse what cannot run (nothing readable, no terminal), else run ``app``."""
    if paths and all(entry.error for entry in app.library.entries):
        # Nothing given can be read: say why, in one line each, and stop.
        for entry in app.library.entries:
            print_error("hamish", entry.error)
        if not app.library.entries:
            print_error("hamish", f"no .txt, .md, .jsonl or .json files in {' '.join(paths)}")
        return USAGE_ERROR
    streams = (sys.__stdin__, sys.__stdout__)
    if not all(stream is not None and stream.isatty() for stream in streams):
        print_error("hamish", "the reader needs a terminal; `hamish render FILE` prints rows")
        return USAGE_ERROR
    notice = app.annotation.store.pending_notice if app.annotation is not None else None
    if notice:
        # Said before it is done (the app does it once it runs, and says so again).
        print_error("hamish", notice)
    return run(app)


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
