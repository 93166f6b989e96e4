"""JSON from files hamish did not write: records, outputs, patterns.

Python's ``json`` takes more than JSON, and fails in ways other than
``JSONDecodeError``; here every way is a :class:`JsonError` with a one-line
problem:

* ``NaN``, ``Infinity`` and ``-Infinity`` are refused: they are not JSON, and
  an output that held them would not be JSON either;
* so is a number too large for a float (``1e400`` would become infinity);
* an integer of more than 4300 digits (Python's limit on turning digits into
  an ``int``) is refused, where ``json`` would raise a bare ValueError;
* nesting deeper than Python's stack allows is refused, where ``json`` would
  raise RecursionError.

:func:`value_problem` checks a parsed value that hamish will write out again
(a record's ``meta``): not nested too deeply, no lone surrogates, no
infinities.
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

from reader.documents.errors import json_problem

MAX_DEPTH = 100
"""How deeply a value hamish writes out again may be nested (lists and objects)."""

_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonError(ValueError):
    """Why a text is not JSON hamish takes: ``problem`` and, where known, its 1-based ``line``."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        self.problem = problem
        self.line = line
        super().__init__(problem)


class _Refused(Exception):
    """A value JSON's grammar may allow, but hamish does not take."""


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise _Refused(f"the number {shown} is too large")
    return value


# int stays the parser of integers: the scanner calls a Python function for
# every number otherwise, and outputs hold millions of them.
_DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_no_constant)


def _problem(err: Exception) -> str:
    """The words for what the decoder raised, JSONDecodeError aside."""
    if isinstance(err, RecursionError):
        return "nested too deeply"
    if isinstance(err, _Refused):
        return str(err)
    # The only other ValueError the scanner raises: int() refused the digits.
    return f"an integer of more than {sys.get_int_max_str_digits()} digits"


def loads(text: str) -> Any:
    """The value of the JSON ``text``; :class:`JsonError` (``bad JSON: ...``) if it is not one."""
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as err:
        raise JsonError(f"bad JSON: {json_problem(err)}", err.lineno) from None
    except (_Refused, RecursionError, ValueError) as err:
        raise JsonError(f"bad JSON: {_problem(err)}") from None


def raw_decode(text: str, pos: int) -> tuple[Any, int]:
    """The JSON value starting at ``pos`` of ``text``, and where it ends.

    Raises :class:`JsonError` naming the line (of ``text``) where it goes
    wrong, or where the value starts when the place is not known.
    """
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as err:
        raise JsonError(f"bad JSON: {json_problem(err)}", err.lineno) from None
    except (_Refused, RecursionError, ValueError) as err:
        line = text.count("\n", 0, pos) + 1
        raise JsonError(f"bad JSON: {_problem(err)}", line) from None


def kind_of(value: Any) -> str:
    """What a JSON value is, in words: "an array", "a number", ..."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "null"


def lone_surrogate(text: str) -> int | None:
    """The offset of the first lone surrogate in ``text`` (only ``\\ud800``-style
    escapes make them), or None.  No file can hold one as UTF-8."""
    found = _SURROGATE.search(text)
    return found.start() if found else None


def value_problem(value: Any) -> str | None:
    """What stops ``value`` (parsed JSON or TOML) being written out as strict JSON, or None.

    Checks, without recursion, that it is nested at most :data:`MAX_DEPTH`
    deep and holds no lone surrogate and no infinite or NaN float.
    """
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            at = lone_surrogate(item)
            if at is not None:
                return f"a string holds a lone surrogate (U+{ord(item[at]):04X})"
        elif isinstance(item, float) and not math.isfinite(item):
            return f"{item} is not a number JSON can hold"
        elif isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                return f"nested more than {MAX_DEPTH} deep"
            if isinstance(item, dict):
                pending.extend((key, depth + 1) for key in item)
                pending.extend((v, depth + 1) for v in item.values())
            else:
                pending.extend((v, depth + 1) for v in item)
    return None
