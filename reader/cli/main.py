"""The `hamish` command: `hamish [PATH...]` reads, `hamish render FILE` prints,
`hamish export INPUT... --to FORMAT` converts annotations, `hamish agree FILE...`
measures agreement between annotators, `hamish feeds ...` subscribes to news,
`hamish compact FILE` rewrites an output file as one full record per document,
`hamish review FILE... --output GOLD` settles several annotators' differences.
`hamish db ...` makes and looks after a team's shared store on PostgreSQL,
`hamish serve --store URL` serves the reader to browsers.

Each command loads only its own modules: the reader's first paint should not
wait for the render command's, nor `hamish render` for Textual.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from reader import __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `hamish` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["render"]:
        from reader.cli.render_main import render_main

        return render_main(args[1:])
    if args[:1] == ["export"]:
        from reader.cli.export_main import export_main

        return export_main(args[1:])
    if args[:1] == ["compact"]:
        from reader.cli.compact_main import compact_main

        return compact_main(args[1:])
    if args[:1] == ["agree"]:
        from reader.cli.agree_main import agree_main

        return agree_main(args[1:])
    if args[:1] == ["review"]:
        from reader.cli.review_main import review_main

        return review_main(args[1:])
    if args[:1] == ["db"]:
        from reader.cli.db_main import db_main

        return db_main(args[1:])
    if args[:1] == ["serve"]:
        from reader.cli.serve_main import serve_main

        return serve_main(args[1:])
    if args[:1] == ["feeds"]:
        from reader.cli.feeds_main import feeds_main

        return feeds_main(args[1:])
    if args[:1] in (["--version"], ["-V"]):
        print(f"hamish {__version__}")
        return 0
    # Starting the reader makes a few hundred thousand objects that live as
    # long as it does (modules, classes, styles): collecting garbage among
    # them again and again is a tenth of the time to the first paint.  The
    # app collects again once its first screen is drawn (HamishApp.on_mount).
    gc.disable()
    from reader.cli.app_main import app_main  # Textual loads only for the reader

    return app_main(args)
