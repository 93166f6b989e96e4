"""The one error type for bad input: it prints as a single line."""

from __future__ import annotations

from json import JSONDecodeError


class InputError(Exception):
    """A file that cannot be used, said in one line: ``path:line: problem``."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.problem}"


def json_problem(err: JSONDecodeError) -> str:
    """What is wrong with a line of JSON, and at which column, in words.

    Some of json's messages end in "at" ("Unterminated string starting at"):
    the column follows them without another "at".
    """
    joint = " column" if err.msg.endswith(" at") else " at column"
    return f"{err.msg}{joint} {err.colno}"
