"""Start the reader.  (The Textual app arrives with the reader issue.)"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def app_main(argv: Sequence[str]) -> int:
    """Run the reader on ``argv``'s paths; returns the exit code."""
    print("hamish: the reader is not built yet; try `hamish render FILE`", file=sys.stderr)
    return 2
