"""Label files: names, one per line or comma-separated, or entries with a
description, a colour and a picker key, in TOML or JSON Lines.

```toml
[[label]]
label = "GPE"
description = "countries, cities, states"
colour = "#1f6f9f"
key = "g"
```

```json
{"label": "GPE", "description": "countries, cities, states", "key": "g"}
```

A label file is untrusted: every problem is an :class:`InputError` naming the
file and line.  A name that holds an invisible format character (bidi
controls such as U+202E, U+200B-U+200D, U+2060, U+FEFF: Unicode's category
Cf) is refused: drawn or obeyed, it lets one label pass for another
(``<RLO>LOC`` reads as ``COL``).  Nothing here imports Textual.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reader.documents import InputError
from reader.documents.json_input import JsonError, loads
from reader.files.toml_support import TomlError
from reader.files.toml_support import loads as toml_loads
from reader.safe_text import formats_marked, invisible_format

__all__ = ["LabelInfo", "filter_labels", "parse_label_file", "parse_label_names"]

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_FIELDS = {"label", "description", "colour", "color", "key"}


@dataclass(frozen=True)
class LabelInfo:
    """A label's name, what it is for, its colour (``#rrggbb``) and its picker key."""

    name: str
    description: str = ""
    colour: str | None = None
    key: str | None = None


def _from_names(text: str, where: str) -> list[tuple[str, int]]:
    """Each name of ``PER,ORG,GPE`` (or one per line) with its line."""
    named = [
        (part.strip(), number)
        for number, line in enumerate(text.splitlines(), 1)
        for part in line.split(",")
    ]
    named = [(label, n) for label, n in named if label and not label.startswith("#")]
    if not named:
        raise InputError(where, "no labels")
    return named


def parse_label_names(text: str, where: str) -> list[str]:
    """Labels from ``PER,ORG,GPE`` (or one per line; ``#`` starts a comment line)."""
    return [label for label, _ in _from_names(text, where)]


def _check_name(label: LabelInfo, where: str, line: int | None) -> None:
    """Refuse a name with an invisible format character in it (category Cf)."""
    hidden = invisible_format(label.name)
    if hidden is not None:
        problem = (
            f'label "{formats_marked(label.name)}" holds {hidden}, an invisible format character'
        )
        raise InputError(where, problem, line)


def _entry(value: Any, where: str, line: int | None) -> LabelInfo:
    """One label of a TOML or JSON Lines file."""
    if not isinstance(value, Mapping):
        raise InputError(where, 'a label must be a table or an object with "label"', line)
    unknown = sorted(str(k) for k in value if k not in _FIELDS)
    if unknown:
        raise InputError(where, f"unknown field {unknown[0]!r}", line)
    name, description = value.get("label"), value.get("description", "")
    colour, key = value.get("colour", value.get("color")), value.get("key")
    if not isinstance(name, str) or not name.strip():
        raise InputError(where, 'a label needs "label", a non-empty string', line)
    if not isinstance(description, str):
        raise InputError(where, f"{name}: description must be a string", line)
    if colour is not None and (not isinstance(colour, str) or not _COLOUR.fullmatch(colour)):
        raise InputError(where, f'{name}: colour must be like "#1f6f9f"', line)
    if key is not None and (not isinstance(key, str) or len(key) != 1 or not key.isprintable()):
        raise InputError(where, f"{name}: key must be one character", line)
    return LabelInfo(name.strip(), description.strip(), colour, key)


_TABLE = re.compile(r"\s*\[\[\s*label\s*\]\]")


def _from_toml(text: str, where: str) -> list[tuple[LabelInfo, int | None]]:
    try:
        tables = toml_loads(text)
    except TomlError as err:
        raise InputError(where, err.problem, err.line) from None
    entries = tables.get("label")
    if not isinstance(entries, list) or set(tables) != {"label"}:
        raise InputError(where, "a TOML label file holds [[label]] tables only")
    # Each [[label]] header's line; none when the labels are written another way.
    heads = [n for n, line in enumerate(text.splitlines(), 1) if _TABLE.match(line)]
    lines: list[int | None] = list(heads) if len(heads) == len(entries) else [None] * len(entries)
    return [(_entry(value, where, n), n) for value, n in zip(entries, lines, strict=True)]


def _from_json_lines(text: str, where: str) -> list[tuple[LabelInfo, int | None]]:
    found: list[tuple[LabelInfo, int | None]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                value = loads(line)
            except JsonError as err:
                raise InputError(where, err.problem, number) from None
            found.append((_entry(value, where, number), number))
    return found


def _check_keys(labels: Sequence[tuple[LabelInfo, int | None]], where: str) -> None:
    """Refuse a picker key given to two labels (``g`` and ``G`` are one key to the
    picker's filter): typed alone, it would put both first."""
    owner: dict[str, str] = {}
    for label, line in labels:
        if label.key is None:
            continue
        other = owner.setdefault(label.key.casefold(), label.name)
        if other != label.name:
            problem = f'label "{label.name}": key "{label.key}" is already used by "{other}"'
            raise InputError(where, problem, line)


def parse_label_file(text: str, where: str) -> list[LabelInfo]:
    """The labels of a label file named ``where`` (by name: ``.toml`` is TOML;
    JSON Lines by name or by a first line that starts with ``{``; else names).
    Raises InputError when there are none, or one is given twice, or one's
    name holds an invisible format character, or two share a picker key."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if where.endswith(".toml"):
        placed = _from_toml(text, where)
    elif where.endswith((".jsonl", ".json")) or first.startswith("{"):
        placed = _from_json_lines(text, where)
    else:
        placed = [(LabelInfo(name), n) for name, n in _from_names(text, where)]
    if not placed:
        raise InputError(where, "no labels")
    for label, line in placed:
        _check_name(label, where, line)
    _check_keys(placed, where)
    labels = [label for label, _ in placed]
    names = [label.name for label in labels]
    if len(set(names)) != len(names):
        raise InputError(where, "a label is given twice")
    return labels


def _folded(text: str) -> str:
    from reader.search import fold, strip_ignorables

    return fold(strip_ignorables(text)).casefold()


def filter_labels(labels: Sequence[LabelInfo], query: str) -> list[LabelInfo]:
    """The labels the picker lists for ``query``, best first: the label whose key
    is the query, then names that start with it, then names or descriptions
    that hold it.  Folded as search folds (harakat, alef forms, ی/ي ...), and
    case-blind; an empty query lists every label in order."""
    q = _folded(query.strip())
    if not q:
        return list(labels)
    keyed = [x for x in labels if x.key is not None and x.key.casefold() == q]
    starts = [x for x in labels if x not in keyed and _folded(x.name).startswith(q)]
    holds = [
        x
        for x in labels
        if x not in keyed
        and x not in starts
        and (q in _folded(x.name) or q in _folded(x.description))
    ]
    return keyed + starts + holds
