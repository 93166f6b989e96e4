"""`hamish review` straight from a team's shared store (a real PostgreSQL), the gold
saved into it; and from the store into a gold file.

The same three annotators' versions of the seed article as test_review.py
(review_data.py), saved in the store as their hamish would save them.
"""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import settle, wait_until
from review_data import AGREED, AGREED_TEXT, LABELS, TEXT, review_versions, spans_of
from team_data import answer, import_corpus, latest_of, write_corpus

from reader.team.store import TeamStore

SIZE = (120, 40)
WHO = ("alice", "bob", "carol")
AGREED_SPANS = [(0, 5, "GPE")]  # everyone's on AGREED_TEXT


def fill(dsn: str, tmp_path: Path) -> None:
    """The seed and the agreed document, answered by alice, bob and carol."""
    import_corpus(dsn, write_corpus(tmp_path / "news.jsonl", [TEXT, AGREED_TEXT]), None)
    for who in WHO:
        done = answer(dsn, who, lambda text, w=who: spans_of(w) if text == TEXT else AGREED_SPANS)
        assert sorted(done) == sorted([TEXT, AGREED_TEXT])


def header(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#header").render())


def spans(record: dict) -> list[tuple[int, int, str]]:
    return [(s["start"], s["end"], s["label"]) for s in record["spans"]]


async def test_review_from_the_store_saves_the_gold_into_it(make_app, team_dsn, tmp_path) -> None:
    fill(team_dsn, tmp_path)
    app = make_app("review", "--store", team_dsn, "--labels", LABELS, "--reviewer", "rev")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.review.annotators == list(WHO)
        assert "3 conflicts left here" in header(app)
        await pilot.press("1", "2", "x")  # alice's وسوريا, bob's GPE, no للعراق
        assert "0 conflicts left here" in header(app)
        await pilot.press("a")
        assert await wait_until(pilot, lambda: app.screen.article.text == AGREED_TEXT, 5)
        await pilot.press("q")
    gold = [r for r in latest_of(team_dsn, "rev").values() if r.get("text") == TEXT]
    assert len(gold) == 1
    record = gold[0]
    assert spans(record) == [*AGREED, (61, 67, "GPE"), (134, 140, "GPE")]
    assert record["answer"] == "accept" and record["_annotator_id"] == "rev"
    assert record["_review"] == review_versions({who: spans_of(who) for who in WHO})
    assert record["_review_settled"] == [[61, 67], [134, 140], [184, 190]]
    # Reopened: the review resumes, and the gold is no fourth annotator's work.
    again = make_app("review", "--store", team_dsn, "--labels", LABELS, "--reviewer", "rev")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.review.annotators == list(WHO)
        assert "0 documents left with conflicts" in header(again)
        await pilot.press("q")


async def test_review_from_the_store_into_a_gold_file(make_app, team_dsn, tmp_path) -> None:
    fill(team_dsn, tmp_path)
    lead, _ = TeamStore.open(team_dsn, "lead")  # an earlier review's gold: no annotator's work
    bobs = next(r for r in latest_of(team_dsn, "bob").values() if r["text"] == TEXT)
    lead.append_full({**bobs, "_review": [], "_annotator_id": "lead"})
    lead.close()
    out = tmp_path / "gold.jsonl"
    app = make_app(
        "review", team_dsn, "--output", str(out), "--labels", LABELS, "--reviewer", "rev"
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.review.annotators == list(WHO)
        await pilot.press("A", "1", "a")  # alice's whole document, accepted
        assert await wait_until(pilot, lambda: app.screen.article.text == AGREED_TEXT, 5)
        await pilot.press("q")
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    record = [r for r in records if r.get("text") == TEXT][-1]
    assert spans(record) == spans_of("alice") and record["_annotator_id"] == "rev"
    assert latest_of(team_dsn, "rev") == {}  # nothing of the review went into the store
