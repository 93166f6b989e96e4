"""Fixtures for the annotation store's tests: an output file and a store on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.annotation.store import AnnotationStore


@pytest.fixture
def out(tmp_path: Path) -> str:
    """Where the output file goes: not there yet."""
    return str(tmp_path / "out.jsonl")


@pytest.fixture
def store(out: str) -> Iterator[AnnotationStore]:
    """A store on a new output file, closed after the test."""
    opened, problems = AnnotationStore.open(out)
    assert problems == []
    with opened:
        yield opened
