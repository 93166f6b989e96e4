"""The one shape of a problem with a file: ``path[:line]: problem`` on one line."""

from __future__ import annotations

from pathlib import Path


class PathProblem(Exception):
    """A file that cannot be used, said in one line: ``path[:line]: problem``.

    `InputError` (input files), `StoreError` (the output file) and
    `TomlFileError` (config and themes) are this, named for where they come from.
    """

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        super().__init__(str(self))

    def shown_path(self) -> str:
        """The path as the message shows it."""
        return str(self.path)

    def __str__(self) -> str:
        where = self.shown_path()
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.problem}"


def os_reason(err: OSError) -> str:
    """An OSError's reason in a few lowercase words (``no space left on device``)."""
    text = err.strerror or str(err)
    return text[:1].lower() + text[1:]
