"""Shared paths and settings for every tier of tests."""

from __future__ import annotations

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

TESTS = Path(__file__).parent
DATA = TESTS / "data"

settings.register_profile(
    "default", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def pytest_configure(config: pytest.Config) -> None:
    share_among_workers(config)  # xdist's workers share one PostgreSQL


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
