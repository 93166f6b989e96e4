"""The one error type for bad input: it prints as a single line."""

from __future__ import annotations

from json import JSONDecodeError

from reader.files.errors import PathProblem


class InputError(PathProblem):
    """An input file that cannot be used, said in one line: ``path[:line]: problem``."""

    path: str

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        super().__init__(path, problem, line)


def json_problem(err: JSONDecodeError) -> str:
    """What is wrong with a line of JSON, and at which column, in words.

    Some of json's messages end in "at" ("Unterminated string starting at"):
    the column follows them without another "at".
    """
    joint = " column" if err.msg.endswith(" at") else " at column"
    return f"{err.msg}{joint} {err.colno}"
