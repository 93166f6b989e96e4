"""The cells of the library's Files table: a file's title, source, date, length
and annotation progress, drawn as plain ``Text`` (never markup)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from reader.library import Entry
from reader.safe_text import shown
from reader.ui.themes import theme_style
from reader.ui.widgets.titles import visual_title

SOURCE_WIDTH = 16


@dataclass
class FileCells:
    """Draws a file's row, with the answers counted and the bad lines found so far."""

    theme_variables: Callable[[], dict[str, str]]  # the theme's colours, now
    title_width: int = 40
    progress: dict[str, dict[str, int]] = field(default_factory=dict)  # by file name
    bad: dict[int, int] = field(default_factory=dict)  # bad lines by entry index

    def row(self, index: int, entry: Entry) -> list[Text]:
        """The five cells of the file at ``index``; a file in error shows its problem."""
        if entry.error:
            # The file's name, not its whole path, so the problem fits; Enter
            # shows the whole line.
            problem = shown(entry.error.replace(entry.path, os.path.basename(entry.path), 1))
            blank = [Text("") for _ in range(4)]
            style = self._colour("error", bold=True)
            return [Text(problem, style=style, no_wrap=True, overflow="ellipsis"), *blank]
        return [
            visual_title(entry.title, self.title_width),
            visual_title(entry.source, SOURCE_WIDTH),
            Text(shown(entry.date), no_wrap=True),
            self.length(index, entry),
            self.progress_cell(entry),
        ]

    def progress_cell(self, entry: Entry) -> Text:
        """Accepted, rejected and ignored documents of this file: ✓3 ✗1 ⊘0."""
        counts = self.progress.get(os.path.basename(entry.path))
        if not counts:
            return Text("—", justify="center")
        text = Text(justify="center")
        text.append(f"✓{counts.get('accept', 0)}", style=self._colour("success"))
        text.append(f" ✗{counts.get('reject', 0)}", style=self._colour("error"))
        text.append(f" ⊘{counts.get('ignore', 0)}", style="dim")
        return text

    def length(self, index: int, entry: Entry) -> Text:
        """Characters of an article; records of a record file, and its bad lines."""
        if entry.kind != "records":
            return Text(f"{entry.length:,} chars", justify="right")
        noun = "record" if entry.length == 1 else "records"
        text = Text(f"{entry.length:,} {noun}", justify="right")
        bad = self.bad.get(index, 0)
        if bad:
            text.append(f", {bad:,} bad", style=self._colour("error", bold=True))
        return text

    def _colour(self, name: str, bold: bool = False) -> Style:
        return theme_style(self.theme_variables(), name, bold)
