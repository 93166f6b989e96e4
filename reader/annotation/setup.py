"""Annotation mode from the command line and config: labels, output, patterns."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from reader.annotation.journal import Journal
from reader.annotation.patterns import Pattern, load_patterns
from reader.annotation.store import default_output_path
from reader.annotation.store_api import Store
from reader.annotation.store_open import open_store
from reader.documents import InputError
from reader.documents.reading import SMALL_FILE_LIMIT, read_text

MAX_LABELS = 9
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


def parse_labels(text: str, where: str) -> list[str]:
    """Labels from ``PER,ORG,GPE`` (or one per line); InputError if unusable."""
    labels = [part.strip() for line in text.splitlines() for part in line.split(",")]
    labels = [label for label in labels if label and not label.startswith("#")]
    if not labels:
        raise InputError(where, "no labels")
    if len(labels) > MAX_LABELS:
        raise InputError(where, f"{len(labels)} labels; keys 1-9 take at most {MAX_LABELS}")
    if len(set(labels)) != len(labels):
        raise InputError(where, "a label is given twice")
    return labels


def choose_labels(cli: str | None, label_file: str | None, configured: list[str]) -> list[str]:
    """--labels, else --label-file, else the config's labels (may be empty: reading mode)."""
    if cli is not None:
        return parse_labels(cli, "--labels")
    if label_file is not None:
        text = read_text(label_file, SMALL_FILE_LIMIT, ", the most a label file may be")
        return parse_labels(text, label_file)
    return list(configured)


def output_for(paths: list[str], output: str | None) -> str:
    """--output, else beside the one input named after it, else ./hamish.annotations.jsonl
    (for a web page too: it has no folder to be beside)."""
    if output:
        return output
    if len(paths) == 1 and paths[0] != "-" and "://" not in paths[0]:
        return default_output_path(paths[0].rstrip(os.sep) or paths[0])
    return SHARED_OUTPUT


def open_setup(
    labels: list[str],
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
    path = output_for(paths, output)
    who = annotator or os.environ.get("USER") or "hamish"
    store, problems = open_store(path, who)
    patterns: list[Pattern] = []
    if patterns_file:
        try:
            patterns, pattern_problems = load_patterns(patterns_file, labels)
        except InputError:
            store.close()
            raise
        problems += pattern_problems
    return AnnotationSetup(labels, store, path, who, overlap, patterns), problems
