"""The annotation screen's status line, as Rich text for a Static.

Spans and answer, whether it is saved, the selection a label would take (or
what is under the cursor), and its transliteration when that is on.  The
NOT SAVED state takes the theme's error colour through the ``-not-saved``
class (see annotate.tcss), so it follows a theme switch.
"""

from __future__ import annotations

from rich.text import Text

from reader.annotation.session import Session
from reader.annotation.status import selection_status, transliterated, under_cursor
from reader.plural import counted
from reader.safe_text import shown
from reader.ui.widgets.visual import visual_line


def loading_line(notice: str, keys: int) -> Text:
    """The saved state is being read; ``keys`` keys wait for it."""
    waiting = f" ({counted(keys, 'key')} wait for it)" if keys else ""
    return Text(notice + waiting, style="italic")


def status_line(s: Session, saved: str, scheme: str | None, note: str = "") -> Text:
    """The state of ``s``; ``saved`` says how saving goes; ``scheme`` names the
    transliteration shown, if any; ``note`` (the screen's word on where the
    cursor is) comes first, after a failed save only."""
    count = len(s.annotations.spans)
    parts = [counted(count, "span")]
    if note:
        parts.insert(0, note)
    if s.annotations.answer:
        parts.append(f"answer: {s.annotations.answer}")
    if saved.startswith("NOT SAVED"):
        # "NOT SAVED, retrying" leads the line and its reason ends it: a narrow
        # terminal cuts the reason, never the news.
        news, _, why = saved.partition(": ")
        parts = [news, *parts, why] if why else [news, *parts]
    else:
        parts.append(saved)
    text = Text(shown(" · ".join(parts)))  # the answer comes from the output file
    here = selection_status(s) or under_cursor(s)
    if here:
        text.append("   ")
        text.append(visual_line(here), style="bold")
    if scheme is not None and not s.empty:
        text.append("   ")
        text.append(visual_line(transliterated(s, scheme)), style="italic")
    return text
