"""`hamish feeds ...`: subscribe, refresh, list, and save articles to a corpus."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from typing import Any

from reader.cli.args import USAGE_ERROR, Parser, print_error
from reader.documents import InputError
from reader.plural import counted

PROG = "hamish feeds"


def feeds_parser() -> argparse.ArgumentParser:
    """The options of `hamish feeds` and its commands."""
    p = Parser(
        prog=PROG,
        description="Subscribe to RSS and Atom feeds, refresh them, and save their articles "
        "to a corpus. With no command, opens the library at its Feeds section.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    add = sub.add_parser("add", help="subscribe to a feed")
    add.add_argument("url", metavar="URL")
    add.add_argument("--title", default="", help="your name for the feed")
    _feed_settings(add)
    listing = sub.add_parser("list", help="the subscribed feeds")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    remove = sub.add_parser("remove", help="unsubscribe (its entries go too)")
    remove.add_argument("feed", metavar="ID|URL")
    change = sub.add_parser("set", help="change a feed's settings")
    change.add_argument("feed", metavar="ID|URL")
    change.add_argument("--title", help="your name for the feed ('' for the feed's own)")
    _feed_settings(change)
    entries = sub.add_parser("entries", help="entries, newest first")
    entries.add_argument("feed", nargs="?", metavar="FEED", help="one feed's (ID or URL)")
    entries.add_argument("--unread", action="store_true", help="only unread ones")
    entries.add_argument("--starred", action="store_true", help="only starred ones")
    entries.add_argument("--json", action="store_true", help="one JSON array")
    imp = sub.add_parser("import", help="subscribe to the feeds of an OPML file")
    imp.add_argument("file", metavar="FILE.opml")
    exp = sub.add_parser("export", help="the feeds as OPML 2.0, on standard output")
    exp.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead")
    ref = sub.add_parser("refresh", help="fetch the feeds (all, or those named)")
    ref.add_argument("feeds", nargs="*", metavar="ID|URL")
    ref.add_argument("--timeout", type=float, default=20.0, help="seconds per request")
    save = sub.add_parser("save", help="append articles to a corpus JSONL file")
    save.add_argument("entries", nargs="*", type=int, metavar="ENTRY_ID")
    save.add_argument("--feed", metavar="ID|URL", help="the entries of this feed")
    save.add_argument("--unread", action="store_true", help="only unread entries")
    save.add_argument("--to", required=True, metavar="CORPUS.jsonl", help="the corpus file")
    return p


def _feed_settings(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--full-text",
        choices=("on", "off"),
        help="fetch each new entry's web page when refreshing (needs the web extra)",
    )
    p.add_argument("--selector", metavar="CSS", help="CSS selector of the article on its page")
    p.add_argument("--direction", choices=("auto", "rtl", "ltr"), help="paragraph direction")


def feeds_main(argv: Sequence[str]) -> int:
    """Run `hamish feeds`; returns the exit code."""
    from reader.news import news_extra_missing

    args = feeds_parser().parse_args(list(argv))
    missing = news_extra_missing()
    if missing:
        print_error(PROG, missing)
        return USAGE_ERROR
    if args.command is None:
        from reader.cli.app_main import app_main

        return app_main(["--news"])
    from reader.news.store import NewsStore

    try:
        store = NewsStore()
    except InputError as err:
        print_error(PROG, err)
        return USAGE_ERROR
    try:
        return int(COMMANDS[args.command](store, args))
    except InputError as err:
        print_error(PROG, err)
        return USAGE_ERROR
    except sqlite3.Error as err:  # a locked or damaged database, a full disk
        from reader.state.db import db_path

        print_error(PROG, f"{db_path()}: {err}")
        return 1
    finally:
        store.close()


# -- the commands --------------------------------------------------------------


def _found(store: Any, ref: str) -> Any:
    feed = store.find_feed(ref)
    if feed is None:
        raise InputError(ref, "no such feed (see hamish feeds list)")
    return feed


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    if args.full_text is not None:
        settings["full_text"] = int(args.full_text == "on")
    if args.selector is not None:
        settings["selector"] = args.selector.strip()
    if args.direction is not None:
        settings["direction"] = args.direction
    if getattr(args, "title", None) is not None and args.command == "set":
        settings["title"] = " ".join(args.title.split())
    return settings


def cmd_add(store: Any, args: argparse.Namespace) -> int:
    from reader.news.fetch import FetchError, check_url

    try:
        url = check_url(args.url)
        feed = store.add_feed(url, " ".join(args.title.split()))
    except FetchError as err:
        raise InputError(args.url, err.problem) from None
    except ValueError as err:
        raise InputError(args.url, str(err)) from None
    settings = _settings(args)
    if settings:
        store.set_feed(feed.id, **settings)
    _say(f"feed {feed.id}: {feed.url} (hamish feeds refresh fetches it)")
    return 0


def cmd_remove(store: Any, args: argparse.Namespace) -> int:
    feed = _found(store, args.feed)
    store.remove_feed(feed.id)
    _say(f"removed feed {feed.id}: {feed.url}")
    return 0


def cmd_set(store: Any, args: argparse.Namespace) -> int:
    feed = _found(store, args.feed)
    try:
        store.set_feed(feed.id, **_settings(args))
    except ValueError as err:
        raise InputError(args.feed, str(err)) from None
    return 0


def cmd_list(store: Any, args: argparse.Namespace) -> int:
    feeds = store.feeds()
    if args.json:
        _json([_feed_json(f) for f in feeds])
        return 0
    for f in feeds:
        _say(f"{f.id:>4}  {f.unread:>4}/{f.total:<4} unread  {_line(f.name)}  <{_line(f.url)}>")
        if f.last_error:
            _say(f"      last error: {_line(f.last_error)}")
    if not feeds:
        _say("no feeds yet: hamish feeds add URL")
    return 0


def _feed_json(f: Any) -> dict[str, Any]:
    return {
        "id": f.id,
        "url": f.url,
        "title": f.name,
        "site_url": f.site_url,
        "unread": f.unread,
        "total": f.total,
        "last_error": f.last_error,
        "full_text": f.full_text,
        "selector": f.selector,
        "direction": f.direction,
    }


def cmd_entries(store: Any, args: argparse.Namespace) -> int:
    feed_id = _found(store, args.feed).id if args.feed else None
    entries = store.entries(feed_id, unread=args.unread, starred=args.starred)
    if args.json:
        _json(
            [
                {
                    "id": e.id,
                    "feed": e.feed_name,
                    "feed_id": e.feed_id,
                    "title": e.title,
                    "url": e.url,
                    "date": e.date,
                    "read": e.read,
                    "starred": e.starred,
                }
                for e in entries
            ]
        )
        return 0
    for e in entries:
        flags = ("  " if e.read else "● ") + ("★" if e.starred else " ")
        _say(f"{e.id:>6} {flags} {e.date[:10]}  {_line(e.title or e.url)}  ({_line(e.feed_name)})")
    return 0


def cmd_import(store: Any, args: argparse.Namespace) -> int:
    from reader.documents.reading import read_bytes
    from reader.news.opml import read_opml

    outlines = read_opml(read_bytes(args.file, 16 << 20), args.file)
    added = 0
    for o in outlines:
        if store.find_feed(o.url) is None:
            store.add_feed(o.url, o.title)
            added += 1
    _say(f"{counted(added, 'feed')} added, {len(outlines) - added} already there")
    return 0


def cmd_export(store: Any, args: argparse.Namespace) -> int:
    from reader.news.opml import Outline, write_opml

    outlines = [Outline(f.url, f.title or f.feed_title, f.site_url) for f in store.feeds()]
    data = write_opml(outlines)
    if args.output:
        from reader.formats.writing import write_bytes

        write_bytes(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_refresh(store: Any, args: argparse.Namespace) -> int:
    from reader.news.fetch import Limits
    from reader.news.refresh import Outcome, refresh_async

    feeds = [_found(store, ref) for ref in args.feeds] if args.feeds else store.feeds()
    if args.timeout <= 0:
        raise InputError("--timeout", "must be more than 0 seconds")
    bar = Progress(len(feeds))
    failed = 0

    def done(outcome: Outcome) -> None:
        nonlocal failed
        if outcome.error:
            failed += 1
            bar.above(f"{PROG}: {outcome.name}: {outcome.error}")
        bar.step(outcome.name)

    import asyncio

    outcomes = asyncio.run(refresh_async(store, feeds, done, Limits(timeout=args.timeout)))
    bar.close()
    new = sum(o.new for o in outcomes)
    _say(
        f"{counted(len(feeds), 'feed')} refreshed: {counted(new, 'new entry', 'new entries')}, "
        f"{failed} failed"
    )
    return 1 if failed else 0


def cmd_save(store: Any, args: argparse.Namespace) -> int:
    from reader.news.save import save_entries

    feed_id = _found(store, args.feed).id if args.feed else None
    if args.entries:
        entries = store.entries(feed_id, unread=args.unread, ids=args.entries)
        missing = set(args.entries) - {e.id for e in entries}
        if missing and feed_id is None and not args.unread:
            raise InputError(str(min(missing)), "no such entry (see hamish feeds entries)")
    elif feed_id is not None or args.unread:
        entries = store.entries(feed_id, unread=args.unread)
    else:
        raise InputError(args.to, "say which entries: ENTRY_ID..., --feed FEED or --unread")
    saved, notes = save_entries(store, entries, args.to)
    for note in notes:
        print_error(PROG, note)
    _say(f"{args.to}: {counted(saved.added, 'article')} added, {saved.known} already there")
    return 0


COMMANDS = {
    "add": cmd_add,
    "remove": cmd_remove,
    "set": cmd_set,
    "list": cmd_list,
    "entries": cmd_entries,
    "import": cmd_import,
    "export": cmd_export,
    "refresh": cmd_refresh,
    "save": cmd_save,
}


# -- output ----------------------------------------------------------------------


def _line(text: str) -> str:
    """Untrusted text for a line of output: through the boundary; on a terminal,
    shaped and in visual order, as the reader draws it."""
    from reader.safe_text import shown

    tty = sys.stdout.isatty()  # bidi formatting is drawn as stand-ins, or obeyed by the engine
    flat = shown(" ".join(str(text).split()), engine=tty)
    if not flat or flat.isascii() or not tty:
        return flat
    from reader.layout import DocumentLayout, LayoutOptions

    return " ".join(r.visual for r in DocumentLayout(flat, 1000, LayoutOptions()).rows)


def _say(line: str) -> None:
    sys.stdout.buffer.write(line.encode("utf-8", "backslashreplace") + b"\n")
    sys.stdout.flush()


def _json(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)
    _say(text)


class Progress:
    """A one-line progress bar on standard error when it is a terminal; else nothing."""

    WIDTH = 24

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.live = sys.stderr.isatty() and total > 0
        self._draw("")

    def _draw(self, name: str) -> None:
        if not self.live:
            return
        filled = self.WIDTH * self.count // max(self.total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        label = _line(name)[:40]
        sys.stderr.write(f"\r\x1b[K[{bar}] {self.count}/{self.total} {label}")
        sys.stderr.flush()

    def step(self, name: str) -> None:
        """One more done."""
        self.count += 1
        self._draw(name)

    def above(self, line: str) -> None:
        """A line of its own, above the bar."""
        if self.live:
            sys.stderr.write("\r\x1b[K")
        print_error_line(line)
        self._draw("")

    def close(self) -> None:
        """Clear the bar."""
        if self.live:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def print_error_line(line: str) -> None:
    """A whole line, already prefixed, on stderr, through the boundary."""
    from reader.safe_text import shown

    print(shown(line), file=sys.stderr)
