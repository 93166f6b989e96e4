"""What a saved Prodigy record must hold, checked field by field (used by the tests).

hamish writes records with `reader.annotation.tasks.task_record`; these
checks read them back as a consumer would, independently of that code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeGuard

from reader.annotation.tasks import ANSWERS, VIEW_ID


def validate_record(record: object) -> list[str]:
    """What is wrong with a saved record, one short phrase each; empty when it is sound.

    Checks the fields and their types, that the tokens cover the text exactly
    as spaCy would rebuild it (each token's text, offsets, ``id`` and ``ws``),
    and that every span's text, offsets and tokens agree.  Stops checking
    tokens at the first bad one.
    """
    if not isinstance(record, Mapping):
        return ["not a JSON object"]
    text = record.get("text")
    if not isinstance(text, str):
        return ["text is not a string"]
    problems = _check_fields(record)
    tokens = record.get("tokens")
    if not isinstance(tokens, list):
        return [*problems, "tokens is not a list"]
    token_problem = _check_tokens(text, tokens)
    if token_problem:
        return [*problems, token_problem]
    spans = record.get("spans")
    if not isinstance(spans, list):
        return [*problems, "spans is not a list"]
    for i, span in enumerate(spans):
        problem = _check_span(text, tokens, span)
        if problem:
            problems.append(f"span {i}: {problem}")
    return problems


def _is_int(value: object) -> TypeGuard[int]:
    """Whether ``value`` is an integer, and not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def _check_fields(record: Mapping[str, Any]) -> list[str]:
    problems = []
    for key in ("_input_hash", "_task_hash", "_timestamp"):
        if not _is_int(record.get(key)):
            problems.append(f"{key} is not an integer")
    if not isinstance(record.get("meta", {}), Mapping):
        problems.append("meta is not an object")
    if record.get("_view_id") != VIEW_ID:
        problems.append(f"_view_id is not {VIEW_ID}")
    answer = record.get("answer")
    if answer is not None and answer not in ANSWERS:
        problems.append(f"answer is not one of {', '.join(ANSWERS)} or null")
    if not isinstance(record.get("_annotator_id"), str):
        problems.append("_annotator_id is not a string")
    return problems


def _check_tokens(text: str, tokens: list[Any]) -> str | None:
    """The first problem with the tokens, or None when they rebuild ``text`` exactly."""
    pos = 0
    for i, token in enumerate(tokens):
        if not isinstance(token, Mapping):
            return f"token {i}: not an object"
        start, end, ws = token.get("start"), token.get("end"), token.get("ws")
        if not (_is_int(start) and _is_int(end) and isinstance(ws, bool)):
            return f"token {i}: start, end or ws missing or of the wrong type"
        if token.get("id") != i:
            return f"token {i}: id is {token.get('id')!r}"
        if start != pos:
            return f"token {i}: starts at {start}, not at {pos} where the one before ends"
        if not start < end <= len(text):
            return f"token {i}: {start}-{end} is empty or outside the text"
        if token.get("text") != text[start:end]:
            return f"token {i}: text is not text[{start}:{end}]"
        pos = end
        if ws:
            if text[end : end + 1] != " ":
                return f"token {i}: ws is true but no space follows it"
            pos += 1
    if pos != len(text):
        return f"tokens cover the text only to {pos} of {len(text)}"
    return None


def _check_span(text: str, tokens: list[Any], span: object) -> str | None:
    """The first problem with one span, or None; ``tokens`` are already checked."""
    if not isinstance(span, Mapping):
        return "not an object"
    start, end = span.get("start"), span.get("end")
    first, last = span.get("token_start"), span.get("token_end")
    if not (_is_int(start) and _is_int(end) and _is_int(first) and _is_int(last)):
        return "start, end, token_start or token_end missing or not an integer"
    label = span.get("label")
    if not isinstance(label, str) or not label:
        return "label missing or empty"
    if not 0 <= start < end <= len(text):
        return f"{start}-{end} is empty or outside the text"
    if span.get("text") != text[start:end]:
        return f"text is not text[{start}:{end}]"
    if not 0 <= first <= last < len(tokens):
        return f"tokens {first}-{last} are not tokens of the record"
    if tokens[first]["start"] != start or tokens[last]["end"] != end:
        return f"tokens {first}-{last} do not cover exactly {start}-{end}"
    return None
