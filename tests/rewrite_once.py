"""pytest's assertion rewriting, done once by xdist's controller for all its workers.

Every xdist worker imports every test module, and pytest rewrites each one's
asserts (an AST pass and a compile) unless it finds the rewritten module
cached beside it.  On a fresh clone nothing is cached, the workers all start
at once, and under PYTHONDONTWRITEBYTECODE none of them caches anything: each
paid about 2.5 s of CPU for the same work, 10 of the suite's core-seconds
with four workers.  The controller collects nothing; it rewrites the modules
once, before it starts the workers, into pytest's own cache files, which the
workers then read.

This uses pytest's private helpers.  If they move, nothing is written and the
workers rewrite as they always did.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent


def rewrite_for_workers(config: pytest.Config) -> None:
    """In xdist's controller (``-n`` given, not a worker), cache every test
    module and conftest rewritten, as each worker would on importing it."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    try:
        from _pytest.assertion.rewrite import (
            PYC_TAIL,
            _read_pyc,
            _rewrite_test,
            _write_pyc,
            assertstate_key,
            get_cache_dir,
            try_makedirs,
        )

        state = config.stash[assertstate_key]
    except (ImportError, KeyError):
        return
    for path in sorted([*TESTS.rglob("test_*.py"), *TESTS.rglob("conftest.py")]):
        cache = get_cache_dir(path)
        if not try_makedirs(cache):
            continue
        pyc = cache / (path.name[:-3] + PYC_TAIL)
        if _read_pyc(path, pyc, state.trace) is not None:
            continue
        source_hash, code = _rewrite_test(path, config)
        _write_pyc(state, code, source_hash, pyc)
