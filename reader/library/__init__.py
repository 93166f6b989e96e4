"""The library: the files ``hamish PATH...`` opened, their documents, and record files.

No Textual here: the reader's screens use this, not the other way round.
"""

from typing import Any

from reader.library.library import (
    Entry,
    Library,
    Opened,
    Position,
    RecordArticle,
    expand,
    open_files,
)


def __getattr__(name: str) -> Any:
    # Record files (JSON Lines) are indexed by a module that loads when wanted.
    if name in ("Record", "RecordFile"):
        from reader.library import record_files as records

        return getattr(records, name)
    raise AttributeError(f"module 'reader.library' has no attribute {name!r}")


__all__ = [
    "Entry",
    "Library",
    "Opened",
    "Position",
    "Record",
    "RecordArticle",
    "RecordFile",
    "expand",
    "open_files",
]
