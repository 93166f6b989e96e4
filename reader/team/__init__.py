"""A team's shared store on PostgreSQL: schema, annotators, the task queue and
the :class:`reader.annotation.store_api.Store` it offers the app.

Needs the ``team`` extra (psycopg 3): ``pip install 'hamish[team]'``.  Nothing
here imports Textual.
"""

from __future__ import annotations

import importlib.util

TEAM_EXTRA_MISSING = "the shared store needs psycopg: pip install 'hamish[team]'"


def team_extra_missing() -> str | None:
    """What is missing for the shared store, in one line; None when nothing is."""
    return None if importlib.util.find_spec("psycopg") else TEAM_EXTRA_MISSING
