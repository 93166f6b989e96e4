"""The knobs that change a layout.  Every layout is cached under them."""

from __future__ import annotations

from dataclasses import dataclass

DIRECTIONS = ("auto", "rtl", "ltr")
BIDI_MODES = ("app", "terminal")


@dataclass(frozen=True)
class LayoutOptions:
    """How a document is turned into terminal rows.

    direction: ``auto`` follows UAX #9 rules P2-P3 per paragraph; ``rtl`` or
        ``ltr`` forces every paragraph's base direction.
    harakat: draw vowel marks after their base glyph; when False they are
        left out of the display (never out of the text or the maps).
    shaping: join Arabic letters into their contextual forms.
    bidi: ``app`` reorders each row into visual order for terminals that do
        no bidi of their own; ``terminal`` keeps logical order and leaves the
        letters unshaped, for terminals that reorder by themselves.
    show_formatting: draw explicit bidi formatting characters as visible
        stand-ins instead of leaving them out.
    tab_size: tabs expand to the next multiple of this many cells.
    """

    direction: str = "auto"
    harakat: bool = True
    shaping: bool = True
    bidi: str = "app"
    show_formatting: bool = False
    tab_size: int = 4

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
        if self.bidi not in BIDI_MODES:
            raise ValueError(f"bidi must be one of {', '.join(BIDI_MODES)}")
        if self.tab_size < 1:
            raise ValueError("tab_size must be at least 1")

    @property
    def reorders(self) -> bool:
        """True when rows are put into visual order by hamish itself."""
        return self.bidi == "app"

    @property
    def shapes(self) -> bool:
        """True when Arabic letters are joined (never in terminal mode)."""
        return self.shaping and self.bidi == "app"
