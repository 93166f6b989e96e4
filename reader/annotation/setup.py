"""Annotation mode from the command line and config: labels, output, patterns."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from reader.annotation.journal import Journal
from reader.annotation.labels import LabelInfo, parse_label_file
from reader.annotation.patterns import Pattern, load_patterns
from reader.annotation.store import default_output_path
from reader.annotation.store_api import Store
from reader.annotation.store_open import open_store
from reader.documents import InputError
from reader.documents.reading import SMALL_FILE_LIMIT, read_text

SHARED_OUTPUT = "hamish.annotations.jsonl"


@dataclass
class AnnotationSetup:
    """Everything the annotation screen needs besides the library."""

    labels: list[str]
    store: Store
    output: str
    annotator: str
    overlap: bool = False
    patterns: list[Pattern] = field(default_factory=list)
    # Labels found in the input and not given: added after the given ones.
    input_labels: set[str] = field(default_factory=set)
    # What the label file says of each label: description, colour, picker key.
    label_info: dict[str, LabelInfo] = field(default_factory=dict)
    journal: Journal = field(init=False)

    def __post_init__(self) -> None:
        self.journal = Journal(self.store)

    def finish(self) -> bool:
        """Write every change still due, and a full record of every document whose
        latest line is a change, then close the store and let go of its lock; True
        when everything is on disk.  Closing twice is fine."""
        if not self.store.closed:
            self.journal.settle_all()
            for number, snapshot in self.journal.due():
                try:
                    self.journal.write(number, snapshot)
                except OSError:
                    break
        self.store.close()
        return not self.journal.due()


def choose_labels(cli: str | None, label_file: str | None, configured: list[str]) -> list[str]:
    """The names of :func:`choose_label_info`'s labels."""
    return [label.name for label in choose_label_info(cli, label_file, configured)]


def choose_label_info(
    cli: str | None, label_file: str | None, configured: list[str]
) -> list[LabelInfo]:
    """--labels, else --label-file (names, TOML or JSON Lines: see
    :mod:`reader.annotation.labels`), else the config's labels (may be empty:
    reading mode).  Any number of labels: keys 1-9 take the first nine."""
    if cli is not None:
        return parse_label_file(cli, "--labels")
    if label_file is not None:
        text = read_text(label_file, SMALL_FILE_LIMIT, ", the most a label file may be")
        return parse_label_file(text, label_file)
    return [LabelInfo(name) for name in configured]


def output_for(paths: list[str], output: str | None) -> str:
    """--output, else beside the one input named after it, else ./hamish.annotations.jsonl
    (for a web page too: it has no folder to be beside)."""
    if output:
        return output
    if len(paths) == 1 and paths[0] != "-" and "://" not in paths[0]:
        return default_output_path(paths[0].rstrip(os.sep) or paths[0])
    return SHARED_OUTPUT


def open_setup(
    labels: list[LabelInfo],
    paths: list[str],
    output: str | None,
    annotator: str | None,
    overlap: bool,
    patterns_file: str | None,
) -> tuple[AnnotationSetup, list[str]]:
    """Open the output (locked) and read the patterns; one-line problems to report.

    ``output`` may be a shared store's ``postgresql://`` address.

    Raises StoreLocked when another hamish holds the output, and InputError
    when the output or the patterns cannot be used at all.
    """
    names = [label.name for label in labels]
    path = output_for(paths, output)
    who = annotator or os.environ.get("USER") or "hamish"
    store, problems = open_store(path, who)
    patterns: list[Pattern] = []
    if patterns_file:
        try:
            patterns, pattern_problems = load_patterns(patterns_file, names)
        except InputError:
            store.close()
            raise
        problems += pattern_problems
    setup = AnnotationSetup(names, store, path, who, overlap, patterns)
    setup.label_info = {label.name: label for label in labels}
    return setup, problems
