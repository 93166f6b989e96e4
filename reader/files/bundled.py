"""Where the bundled sample articles and themes are.

Installed, they sit inside the package (the wheel maps the top-level
`sample_articles/` and `themes/` there); run from a checkout, they are the
top-level folders themselves.  Either way there is one copy to edit.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent.parent  # reader/, where the wheel puts them


def _find(name: str) -> Path:
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def samples_dir() -> Path:
    """The folder of bundled sample articles."""
    return _find("sample_articles")


def themes_dir() -> Path:
    """The folder of bundled themes."""
    return _find("themes")


def sample_path(name: str) -> Path:
    """One bundled sample article by file name."""
    return samples_dir() / name
