"""A failed save is news before it is a reason: "NOT SAVED, retrying" leads the
status line, so that 80 to 120 columns show it whatever the reason says (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import SEED, screen_lines, settle, wait_until

# What a PostgreSQL store says when its server has gone: long enough to push
# anything after it off a 120-column line.
REFUSED = (
    'connection to server at "db.example.org" (10.0.0.7), port 5432 failed: '
    "Connection refused. Is the server running on that host and accepting TCP/IP connections?"
)


class ServerGone:
    """Stands in for the store's append: every write fails as a lost server's does."""

    def __init__(self) -> None:
        self.failed = 0

    def __call__(self, record: object) -> None:
        self.failed += 1
        raise OSError(REFUSED)


@pytest.mark.parametrize("width", [80, 120])
async def test_not_saved_retrying_is_seen_before_its_reason(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), SEED)
    gone = ServerGone()
    monkeypatch.setattr(app.annotation.store, "append", gone)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1")

        def status_row() -> str:
            return next((r for r in screen_lines(app) if "NOT SAVED" in r), "")

        assert await wait_until(pilot, lambda: gone.failed >= 1 and bool(status_row()), 3.0)
        row = status_row()
        assert row.lstrip().startswith("NOT SAVED, retrying"), row
        assert "1 span" in row, row  # what is at stake stays in sight too
        assert "connection to server" in row, row  # the reason follows, cut if it must
