"""``open_store``: a store by its name, a file's path or a shared store's address."""

from __future__ import annotations

import os

from reader.annotation.store_api import Store
from reader.team.dsn import is_store_url


def open_store(where: str, annotator: str | None = None) -> tuple[Store, list[str]]:
    """Open the store at ``where``; the store and one-line problems found opening it.

    A ``postgresql://`` address opens the team's shared store as ``annotator``
    (default ``$USER``); anything else is an output file
    (:meth:`reader.annotation.store.AnnotationStore.open`).  Raises StoreError
    (an InputError) when it cannot be used, StoreLocked when another hamish
    holds it (for a shared store: the same annotator's other session).
    """
    if is_store_url(where):
        from reader.annotation.store_files import StoreError
        from reader.team import team_extra_missing

        missing = team_extra_missing()
        if missing:
            raise StoreError(where, missing)
        from reader.team.store import TeamStore

        who = annotator or os.environ.get("USER") or "hamish"
        return TeamStore.open(where, who)
    from reader.annotation.store import AnnotationStore

    return AnnotationStore.open(where)
