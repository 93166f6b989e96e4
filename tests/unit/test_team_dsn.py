"""Store addresses: a password is found wherever it hides, and never shown."""

from __future__ import annotations

import pytest

from reader.team.dsn import (
    address_problem,
    has_password,
    is_store_url,
    shown_url,
    split_password,
)


@pytest.mark.parametrize(
    ("url", "password"),
    [
        ("postgresql://amira@db/ner", False),
        ("postgresql://amira:s3cret@db/ner", True),
        ("postgresql://amira:@db/ner", True),
        ("postgresql://db/ner?password=s3cret", True),
        ("postgresql://db/ner?sslmode=require", False),
        ("postgresql://amira:s3cret@[::1/ner", True),  # no address, still a password
        ("postgresql://[::1/ner?password=x", True),
        ("postgresql://[::1/ner", False),
    ],
)
def test_a_password_is_found(url: str, password: bool) -> None:
    assert has_password(url) is password


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://amira:s3cret@db:5433/ner?password=x", "postgresql://amira@db:5433/ner"),
        ("postgres://db/ner", "postgres://db/ner"),
        ("postgresql://amira:s3cret@[::1]/ner", "postgresql://amira@[::1]/ner"),
        ("postgresql://amira:s3cret@db:99999/ner?x=1", "postgresql://db:99999/ner"),
    ],
)
def test_the_shown_address_has_no_password(url: str, shown: str) -> None:
    assert shown_url(url) == shown
    assert "s3cret" not in shown_url(url)


def test_broken_addresses_are_named_and_others_pass() -> None:
    assert address_problem("postgresql://db:99999/x") == (
        "not a valid address (Port out of range 0-65535)"
    )
    assert address_problem("postgresql://[::1/x") is not None
    assert address_problem("postgresql://amira@db:5432/x") is None
    assert is_store_url("PostgreSQL://db/x") and not is_store_url("out.jsonl")


@pytest.mark.parametrize(
    ("url", "kept", "password"),
    [
        ("postgresql://amira:s3%40cret@db:5433/ner", "postgresql://amira@db:5433/ner", "s3@cret"),
        (
            "postgresql://amira@db/ner?password=s3cret&sslmode=require",
            "postgresql://amira@db/ner?sslmode=require",
            "s3cret",
        ),
        ("postgresql://:s3cret@db/ner", "postgresql://@db/ner", "s3cret"),
        ("postgresql://amira@db/ner", "postgresql://amira@db/ner", None),
    ],
)
def test_the_password_is_taken_out_of_an_address(url: str, kept: str, password: str | None) -> None:
    assert split_password(url) == (kept, password)
    assert not has_password(kept)
