"""Helpers for the annotation store's tests: records and their lines."""

from __future__ import annotations

import json
from typing import Any


def task(number: int, answer: str | None = "accept", **extra: Any) -> dict[str, Any]:
    """A saved task as other tools write it: text, a task hash, an answer."""
    return {"text": f"نص {number}", "_task_hash": number, "answer": answer, **extra}


def line(record: dict[str, Any]) -> bytes:
    """``record`` as a line of JSON, spaced as ``json.dumps`` spaces it."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode()


def line_compact(record: dict[str, Any]) -> bytes:
    """``record`` as the store writes it: no spaces."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
