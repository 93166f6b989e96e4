"""The library: the files ``hamish PATH...`` opened, their documents, and record files.

No Textual here: the reader's screens use this, not the other way round.
"""

from reader.library.library import Entry, Library, Opened, Position, RecordArticle, expand
from reader.library.records import Record, RecordFile

__all__ = [
    "Entry",
    "Library",
    "Opened",
    "Position",
    "Record",
    "RecordArticle",
    "RecordFile",
    "expand",
]
