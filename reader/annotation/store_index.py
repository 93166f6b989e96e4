"""Where each document's lines are in the output file: the store's bookkeeping.

Only places are kept, not records: for each document, its latest line (of
either kind) and its latest full record, with the ``_input_hash`` that full
record was made on; and, for the library's progress column, its answer and
input file name.  A line is read back from the file when it is wanted.

Documents are keyed by their id (``_hamish_doc``) where the line carries one,
since 32-bit task hashes collide (about a 2 in 3 chance somewhere among
100,000 documents), and by ``_task_hash`` otherwise (lines other tools wrote).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from reader.annotation.changes import is_change

Key = tuple[str, object]  # ("doc", document id) or ("task", task hash)


class Place(NamedTuple):
    """A line of the file: byte offset, length with its newline, 1-based line number."""

    start: int
    length: int
    line: int


class StoreIndex:
    """The latest lines of every document of one output file.  Not thread-safe:
    the store holds its lock around every use."""

    def __init__(self) -> None:
        # Each document's latest line, and whether it is a change line; in the
        # order the documents first appear in the file.
        self.last: dict[Key, tuple[Place, bool]] = {}
        self.full: dict[Key, tuple[Place, object]] = {}  # latest full record, its _input_hash
        self._answers: dict[Key, str] = {}
        self._files: dict[Key, str] = {}
        self._tasks: dict[int, Key] = {}  # task hash -> key of its latest line

    def __len__(self) -> int:
        """The number of documents with a saved line."""
        return len(self.last)

    def has_task(self, task: int) -> bool:
        """Whether a line was saved for ``task``."""
        return task in self._tasks

    def key_of(self, task: int, doc_id: str | None = None) -> Key | None:
        """The key a document's lines are under: by ``doc_id`` if saved so (else the
        lines other tools wrote with ``task`` and no id); without ``doc_id``, the
        key of ``task``'s latest line.  None when nothing is saved."""
        if doc_id is None:
            return self._tasks.get(task)
        for key in (("doc", doc_id), ("task", task)):
            if key in self.last:
                return key
        return None

    def note(self, record: Mapping[str, Any], task: int, place: Place) -> None:
        """Remember ``record``, just read or written at ``place``, as its document's latest."""
        doc = record.get("_hamish_doc")
        key: Key = ("doc", doc) if isinstance(doc, str) else ("task", task)
        change = is_change(record)
        self.last[key] = (place, change)
        if not change:
            self.full[key] = (place, record.get("_input_hash"))
        self._tasks[task] = key
        answer = record.get("answer")
        if isinstance(answer, str):
            self._answers[key] = answer
        else:
            self._answers.pop(key, None)
        source = record.get("_hamish_file")
        if isinstance(source, str):
            self._files[key] = source

    def answers(self) -> dict[int, str]:
        """Each task's latest answer; tasks whose latest line has none are left out."""
        return {
            task: self._answers[key] for task, key in self._tasks.items() if key in self._answers
        }

    def progress(self) -> dict[str, dict[str, int]]:
        """Answers counted by input file name: ``{"file.jsonl": {"accept": 3, ...}}``."""
        counts: dict[str, dict[str, int]] = {}
        for key, answer in self._answers.items():
            source = self._files.get(key)
            if source is not None:
                per = counts.setdefault(source, {})
                per[answer] = per.get(answer, 0) + 1
        return counts
