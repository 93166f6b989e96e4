"""A session on a shared store's queue (a real PostgreSQL) keeps getting work: when
the annotator has answered the documents claimed, the app claims the next ones
itself, until the queue has none for them, and then says so once."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import settle, wait_until
from team_data import answer, import_corpus, latest_of, write_corpus

SIZE = (100, 30)
TEXTS = [f"زار الوفد رقم {n} مدينة بغداد" for n in range(1, 6)]


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]  # noqa: SLF001


async def test_the_session_claims_the_next_documents_itself(
    make_app, team_dsn, tmp_path: Path
) -> None:
    import_corpus(team_dsn, write_corpus(tmp_path / "news.jsonl", TEXTS), 1)
    assert answer(team_dsn, "bob", lambda text: [], size=1) == TEXTS[:1]  # bob took the first
    app = make_app("--store", team_dsn, "--annotator", "amira", "--labels", "PER", "--claim", "2")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = [app.screen.article.text]
        for _ in range(3):
            await pilot.press("a")  # accepted; the next one, claimed when the batch ran out
            assert await wait_until(pilot, lambda: app.screen.article.text not in seen, 10)
            seen.append(app.screen.article.text)
        assert seen == TEXTS[1:]  # bob's is not amira's; each of the others once
        assert app.library.count() == 4  # batches of 2: two claims
        await pilot.press("a")  # the last: nothing left for amira, said once
        empty = "the queue has no document left for amira"
        assert await wait_until(pilot, lambda: empty in notices(app), 10)
        await pilot.press("right_square_bracket")
        assert await wait_until(pilot, lambda: "This is the last document." in notices(app), 10)
        assert notices(app).count(empty) == 1
        assert app.screen.article.text == TEXTS[4]
        await pilot.press("q")
    answered = latest_of(team_dsn, "amira").values()
    assert sorted(r["text"] for r in answered if r.get("answer") == "accept") == sorted(TEXTS[1:])


async def test_the_library_lists_the_batches_claimed_since_it_was_opened(
    make_app, team_dsn, tmp_path: Path
) -> None:
    from textual.widgets import DataTable

    import_corpus(team_dsn, write_corpus(tmp_path / "news.jsonl", TEXTS[:3]), 1)
    app = make_app("--store", team_dsn, "--annotator", "amira", "--labels", "PER", "--claim", "1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the library, with the first batch
        assert await wait_until(pilot, lambda: bool(app.screen.query(DataTable)), 5)
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.screen.article.text == TEXTS[0], 5)
        await pilot.press("a")
        assert await wait_until(pilot, lambda: app.screen.article.text == TEXTS[1], 10)
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: bool(app.screen.query(DataTable)), 5)
        table = app.screen.query_one(DataTable)
        assert await wait_until(pilot, lambda: table.row_count == 2, 5)
        await pilot.press("q", "u", "e")  # a filter over both batches' files
        await settle(pilot)
        assert table.row_count == 2
        await pilot.press("escape")
