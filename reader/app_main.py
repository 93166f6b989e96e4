"""`hamish [PATH...]`: build the reader from the command line and run it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace

from reader.bundled import samples_dir, themes_dir
from reader.cli_args import USAGE_ERROR, Parser, reader_width


def reader_parser() -> argparse.ArgumentParser:
    """The options of `hamish` itself (the reader)."""
    p = Parser(
        prog="hamish",
        description="Read Arabic, right-to-left and mixed articles in any terminal. "
        "With no PATH, opens the bundled sample articles. "
        "`hamish render FILE` prints rows instead.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help=".txt, .md, .jsonl or .json files, or directories"
    )
    p.add_argument(
        "--width",
        type=reader_width,
        help="reading column width in cells (default: 80, or the window's if narrower)",
    )
    a = p.add_argument_group(
        "annotation (turned on by --labels, --label-file or labels in the config)"
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
    p.add_argument(
        "--version", action="version", version="hamish " + __import__("reader").__version__
    )
    return p


def create_app(argv: Sequence[str], *, terminal: object | None = None):  # type: ignore[no-untyped-def]
    """The app for ``argv`` (without the program name), ready to run.

    Reads config and themes and indexes the library; runs nothing.  Tests
    build the app here and drive it with ``App.run_test``.
    """
    from reader.app import HamishApp
    from reader.config.paths import config_path, user_themes_dir
    from reader.config.settings import load_settings
    from reader.documents import InputError
    from reader.library import Library
    from reader.terminal import BidiMode
    from reader.theming.spec import load_themes

    args = reader_parser().parse_args(list(argv))
    path = config_path()
    settings, problems = load_settings(path)
    specs, theme_problems = load_themes([themes_dir(), user_themes_dir()])
    problems += theme_problems
    config_width = settings.width  # what is saved: --width is for this run only
    if args.width is not None:
        settings = replace(settings, width=args.width)
    paths = args.paths or [str(samples_dir())]
    library = Library.open(paths)
    single_file = (
        len(args.paths) == 1 and len(library.entries) == 1 and not library.entries[0].error
    )
    annotation = None
    if args.labels or args.label_file or settings.labels:
        from reader.annotation.setup import choose_labels, open_setup

        labels = choose_labels(args.labels, args.label_file, settings.labels)
        annotation, more = open_setup(
            labels, args.paths, args.output, args.annotator, args.overlap, args.patterns
        )
        problems += more
    preloaded = None
    first = library.first() if single_file else None
    if first is not None:
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
        bidi_mode=BidiMode(terminal) if terminal is not None else None,  # type: ignore[arg-type]
        saved_width=config_width,
        width_from_command_line=args.width is not None,
        annotation=annotation,
        preloaded=preloaded,
    )


def argv_paths(argv: Sequence[str]) -> list[str]:
    """The PATH arguments of a reader command line."""
    return list(reader_parser().parse_args(list(argv)).paths)


def app_main(argv: Sequence[str]) -> int:
    """Run the reader on ``argv``'s paths; returns the exit code."""
    paths = argv_paths(argv)  # usage errors first
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
        print(f"hamish: {err}", file=sys.stderr)
        return USAGE_ERROR
    if paths and all(entry.error for entry in app.library.entries):
        # Nothing given can be read: say why, in one line each, and stop.
        for entry in app.library.entries:
            print(f"hamish: {entry.error}", file=sys.stderr)
        if not app.library.entries:
            print(
                f"hamish: no .txt, .md, .jsonl or .json files in {' '.join(paths)}", file=sys.stderr
            )
        return USAGE_ERROR
    streams = (sys.__stdin__, sys.__stdout__)
    if not all(stream is not None and stream.isatty() for stream in streams):
        print(
            "hamish: the reader needs a terminal; `hamish render FILE` prints rows", file=sys.stderr
        )
        return USAGE_ERROR
    try:
        code = app.run()
    finally:
        if app._bidi_mode is not None:  # noqa: SLF001 - the app's own helper
            app._bidi_mode.restore()
        if app.annotation is not None:
            app.annotation.store.close()  # closing twice is harmless
    return code if isinstance(code, int) else 0
