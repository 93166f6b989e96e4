"""The classes whose bindings make hamish's keys, and where each set works.

A remap from the config is checked against every key of the places it
works in (:func:`keymap_contexts`), and the help screen lists the keys by
place (:func:`help_sections`).  The screens load here only when asked for:
reading one article should not wait for them.
"""

from __future__ import annotations

OWNER_NAMES = ("app", "reader", "annotate", "library", "article", "help", "news", "review")


def binding_owners(app: type) -> dict[str, type]:
    """The classes with bindings by name (see :data:`OWNER_NAMES`); ``app`` is the App's."""
    from reader.ui.screens.annotate_screen import AnnotateScreen
    from reader.ui.screens.help_screen import HelpScreen
    from reader.ui.screens.library_screen import LibraryScreen
    from reader.ui.screens.reader_screen import ReaderScreen
    from reader.ui.screens.review_screen import ReviewScreen
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.feeds_pane import FeedsPane

    owners = (
        app,
        ReaderScreen,
        AnnotateScreen,
        LibraryScreen,
        ArticleView,
        HelpScreen,
        FeedsPane,
        ReviewScreen,
    )
    return dict(zip(OWNER_NAMES, owners, strict=True))


def keymap_contexts(owners: dict[str, type]) -> list[list[type]]:
    """The sets of classes whose bindings are live at once: a key may do one thing in each."""
    app, article = owners["app"], owners["article"]
    return [
        [app, owners["reader"], article],
        [app, owners["annotate"], article],
        [app, owners["library"], owners["news"]],
        [app, owners["help"]],
        [app, owners["review"], article],
    ]


def help_sections(owners: dict[str, type], *, review: bool = False) -> list[tuple[str, type]]:
    """The help screen's sections: a title and the class whose keys it lists
    (the review's keys only in `hamish review`)."""
    return [
        ("Everywhere", owners["app"]),
        ("Reading", owners["reader"]),
        ("Annotating", owners["annotate"]),
        *([("Reviewing (over annotating)", owners["review"])] if review else []),
        ("Moving in an article", owners["article"]),
        ("Library", owners["library"]),
        ("Library: the Feeds section", owners["news"]),
    ]
