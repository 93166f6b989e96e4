"""The one error type for bad input: it prints as a single line."""

from __future__ import annotations


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
