"""Shared paths and settings for every tier of tests."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from news_server import NewsServer
from pg_fixtures import (  # noqa: F401 - fixtures
    password_dsn,
    pg_admin,
    pg_dsn,
    share_among_workers,
    stop_shared,
    team_dsn,
)
from rewrite_once import rewrite_for_workers
from run_order import in_run_order

TESTS = Path(__file__).parent
DATA = TESTS / "data"

# Hypothesis's own default of 100 examples a property on every run; the
# thorough profile (HYPOTHESIS_PROFILE=thorough) tries 5000.
settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def pytest_configure(config: pytest.Config) -> None:
    rewrite_for_workers(config)  # before xdist starts its workers
    share_among_workers(config)  # xdist's workers share one PostgreSQL
    if getattr(config.option, "maxschedchunk", 0) is None:
        # With -n, xdist hands a worker one test at a time as it gets free, in
        # the order pytest_collection_modifyitems sorts them, instead of a
        # quarter of the suite at once (a run of slow tests for one worker).
        config.option.maxschedchunk = 1
    config.addinivalue_line(
        "markers", "slow: runs for tens of seconds by design; started before all others"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests first, waiting ones mixed with computing ones (see run_order)."""
    items[:] = in_run_order(items)


def pytest_collection_finish(session: pytest.Session) -> None:
    # What collection loaded (modules, test items, hypothesis, Textual) lives
    # to the end: set aside from the garbage collector, each full collection
    # during the tests goes through what the tests make, not all of that too.
    gc.freeze()
    # And collect less often: at Python's thresholds (700, 10, 10) the
    # collector took 53 of the workers' seconds in the pilot, unit and
    # reference tiers (-n 4, timed by gc.callbacks), 16 s at these; the
    # tiers went from 64 s to 52 s.  Cycles are still collected.
    gc.set_threshold(20_000, 50, 100)


def pytest_unconfigure(config: pytest.Config) -> None:
    stop_shared(config)


@pytest.fixture
def data_dir() -> Path:
    return DATA


settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _own_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the user's state database: each has its own."""
    monkeypatch.setenv("HAMISH_DATA", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def news_server() -> Iterator[NewsServer]:
    """The local feeds and pages (see tests/news_server.py), on 127.0.0.1."""
    server = NewsServer().start()
    yield server
    server.stop()
