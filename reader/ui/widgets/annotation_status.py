"""AnnotationStatus: the annotation screen's status line.

Spans and answer, whether it is saved, the selection a label would take (or
what is under the cursor), and its transliteration when that is on.  The
NOT SAVED state takes the theme's error colour through a class (see
annotate.tcss), so it follows a theme switch.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.annotation.session import Session
from reader.annotation.status import selection_status, transliterated, under_cursor
from reader.safe_text import shown
from reader.ui.widgets.visual import visual_line


class AnnotationStatus(Static):
    """One line about the document being annotated."""

    def show_loading(self, notice: str, keys: int) -> None:
        """The saved state is being read; ``keys`` keys wait for it."""
        self.remove_class("-not-saved")
        waiting = f" ({keys} key{'s' if keys != 1 else ''} wait for it)" if keys else ""
        self.update(Text(notice + waiting, style="italic"))

    def show_session(self, s: Session, saved: str, scheme: str | None) -> None:
        """The state of ``s``; ``saved`` says how saving goes; ``scheme`` names the
        transliteration shown, if any."""
        count = len(s.annotations.spans)
        parts = [f"{count} span" if count == 1 else f"{count} spans"]
        if s.annotations.answer:
            parts.append(f"answer: {s.annotations.answer}")
        parts.append(saved)
        text = Text(shown(" · ".join(parts)))  # the answer comes from the output file
        self.set_class(saved.startswith("NOT SAVED"), "-not-saved")
        here = selection_status(s) or under_cursor(s)
        if here:
            text.append("   ")
            text.append(visual_line(here), style="bold")
        if scheme is not None and not s.empty:
            text.append("   ")
            text.append(visual_line(transliterated(s, scheme)), style="italic")
        self.update(text)
