"""`hamish review` on three annotators' files of the seed article; the gold file checked.

The conflicts, in reading order: 0 وسوريا (alice) against سوريا (bob, carol), a
clitic boundary; 1 غويران LOC (alice, carol) against GPE (bob), a label; 2
للعراق, bob's only.  Everyone agrees on شفق نيوز, التحالف الدولي and العراق.
"""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import screen_lines, search_for, settle, wait_until
from review_data import (
    AGREED,
    AGREED_TEXT,
    LABELS,
    TEXT,
    review_versions,
    spans_of,
    write_annotators,
)

from reader.review.gold import Gold
from reader.ui.screens.review_screen import ReviewScreen

SIZE = (120, 40)


def gold_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def latest(path: Path, text: str) -> dict:
    """The latest full record of ``text`` in the gold file."""
    return [r for r in gold_lines(path) if r.get("text") == text][-1]


def spans(record: dict) -> list[tuple[int, int, str]]:
    return [(s["start"], s["end"], s["label"]) for s in record["spans"]]


def header(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#header").render())


def message(app) -> str:  # type: ignore[no-untyped-def]
    """The message line, without the bidi isolates around names."""
    said = str(app.screen.query_one("#message").render())
    return said.replace("\u2068", "").replace("\u2069", "").strip()


def gold_of(app) -> Gold:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, ReviewScreen) and screen.gold is not None
    return screen.gold


VERSIONS = {who: spans_of(who) for who in ("alice", "bob", "carol")}


async def test_take_a_take_b_reject_edit_undo_and_the_gold_record(make_app, tmp_path) -> None:
    files = write_annotators(tmp_path)
    out = tmp_path / "gold.jsonl"
    app = make_app("review", *files, "--output", str(out), "--labels", LABELS, "--reviewer", "rev")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        gold = gold_of(app)
        assert gold.spans and [(s.start, s.end, s.label) for s in gold.spans] == AGREED
        assert "3 conflicts left here" in header(app)
        assert "1 document left with conflicts" in header(app)
        assert app.screen.current_conflict() == 0  # the cursor starts on the first
        await pilot.press("1")  # take A: alice's وسوريا; on to the next conflict
        assert app.screen.current_conflict() == 1
        panel = str(app.screen.query_one("#conflicts").content).split("\n")
        marks = [line[:5] for line in panel if line.startswith(("✓", "●", "▶"))]
        assert marks == ["✓ 1/3", "▶ 2/3", "● 3/3"]
        assert "carol: GPE" in panel[3]  # each annotator's version, numbered as the keys
        await pilot.press("2")  # take B: bob's GPE on غويران
        await pilot.press("x")  # reject bob's للعراق
        assert "0 conflicts left here" in header(app)
        assert "0 documents left with conflicts" in header(app)
        await pilot.press("ctrl+z")  # undo the rejection: the conflict is back
        assert gold.left() == [2] and "1 conflict left here" in header(app)
        await pilot.press("x")
        # Enter on وسوريا: two versions cover it, so Enter asks; t selects سوريا,
        # which is exactly bob's and carol's version, and Enter takes it.
        await pilot.press("tab")
        assert app.screen.current_conflict() == 0
        before = gold.spans
        await pilot.press("enter")
        assert gold.spans == before
        said = str(app.screen.query_one("#message").render())
        assert "2 versions here (1 alice · 2 bob · 3 carol)" in said.replace("\u2068", "").replace(
            "\u2069", ""
        )
        await pilot.press("t", "enter")
        # An edit outside every conflict is a label, as in annotation; undo takes it back.
        await search_for(pilot, "داعش")
        await pilot.press("2")
        assert (45, 49, "ORG") in [(s.start, s.end, s.label) for s in gold.spans]
        await pilot.press("ctrl+z")
        await pilot.press("e")  # the gold spans' list, in place of the conflicts
        assert app.screen.query_one("#entities").display
        assert not app.screen.query_one("#conflicts").display
        await pilot.press("escape")
        assert app.screen.query_one("#conflicts").display
        await pilot.press("a")  # accept: saved whole, on to the next document
        assert await wait_until(pilot, lambda: app.screen.article.text == AGREED_TEXT, 5)
        await pilot.press("q")
    record = latest(out, TEXT)
    assert spans(record) == [*AGREED, (62, 67, "GPE"), (134, 140, "GPE")]
    assert record["answer"] == "accept" and record["_annotator_id"] == "rev"
    assert record["_review"] == review_versions(VERSIONS)
    assert record["_review_settled"] == [[61, 67], [134, 140], [184, 190]]
    assert [s["text"] for s in record["spans"]] == [
        "شفق نيوز",
        "التحالف الدولي",
        "العراق",
        "سوريا",
        "غويران",
    ]
    assert set(record) == {
        "text", "meta", "tokens", "spans", "answer", "_input_hash", "_task_hash",
        "_hamish_doc", "_view_id", "_timestamp", "_annotator_id", "_hamish_file",
        "_review", "_review_settled",
    }  # fmt: skip
    assert record["_view_id"] == "ner_manual" and record["_hamish_file"] == "alice.jsonl"


async def test_the_conflict_under_the_cursor_is_marked_from_the_start(
    make_app, tmp_path, monkeypatch
) -> None:
    """On opening the cursor is on conflict 1: the panel marks it ▶ (a shape, so
    NO_COLOR shows it too), the status line names it and its keys, and x acts on it."""
    monkeypatch.setenv("NO_COLOR", "1")
    files = write_annotators(tmp_path)
    out = tmp_path / "gold.jsonl"
    app = make_app("review", *files, "--output", str(out), "--labels", LABELS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = screen_lines(app)
        panel = [r.split("▊")[-1].strip() for r in rows if "▊" in r]
        marks = [line[:5] for line in panel if line.startswith(("✓", "●", "▶"))]
        assert marks == ["▶ 1/3", "● 2/3", "● 3/3"], rows
        status = str(app.screen.query_one("#status").render())
        assert status.startswith("conflict 1/3 under the cursor: 1-3 take · x reject · Tab next")
        await pilot.press("x")
        assert gold_of(app).settled == {0}  # the one marked, not the next
        status = str(app.screen.query_one("#status").render())
        assert status.startswith("conflict 2/3 under the cursor"), status


async def test_an_annotators_whole_document(make_app, tmp_path) -> None:
    files = write_annotators(tmp_path)
    out = tmp_path / "gold.jsonl"
    app = make_app("review", *files, "--output", str(out), "--labels", LABELS, "--reviewer", "rev")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("A", "2")  # bob's whole document
        assert "0 conflicts left here" in header(app)
        await pilot.press("ctrl+z")
        assert message(app) == "undid: took bob's whole document"
        await pilot.press("ctrl+y")
        assert message(app) == "redid: took bob's whole document"
        await pilot.press("ctrl+z", "x")
        await pilot.press("ctrl+z")
        assert message(app) == "undid: rejected every version of conflict 1"
        await pilot.press("shift+tab", "A", "escape", "3")  # back on 1; A dropped; 3 takes carol's
        assert [(s.start, s.end, s.label) for s in gold_of(app).spans] == [*AGREED, (62, 67, "GPE")]
        await pilot.press("A", "tab", "2")  # any other key drops A's question: 2 takes a version
        assert gold_of(app).settled == {0, 2}  # not the whole document: {0, 1, 2}
        await pilot.press("A", "2", "a")
        await settle(pilot)
        await pilot.press("q")
    record = latest(out, TEXT)
    assert spans(record) == spans_of("bob") and record["answer"] == "accept"
    assert record["_review_settled"] == [[61, 67], [134, 140], [184, 190]]


async def test_auto_accept_and_resuming_a_review(make_app, tmp_path) -> None:
    files = write_annotators(tmp_path)
    out = tmp_path / "gold.jsonl"
    argv = ["review", *files, "--output", str(out), "--labels", LABELS, "--reviewer", "rev"]
    app = make_app(*argv, "--auto-accept")
    # The document everyone agrees on is saved, accepted, and not shown.
    agreed = gold_lines(out)
    assert len(agreed) == 1
    assert agreed[0]["text"] == AGREED_TEXT and agreed[0]["answer"] == "accept"
    assert spans(agreed[0]) == [(0, 5, "GPE")] and agreed[0]["_annotator_id"] == "rev"
    assert agreed[0]["_review"] == review_versions({w: [(0, 5, "GPE")] for w in VERSIONS})
    assert agreed[0]["_review_settled"] == []
    assert app.library.count() == 1
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1/1" in header(app)
        await pilot.press("3")  # carol's سوريا
        await pilot.press("q")
    app = make_app(*argv, "--auto-accept")  # reopened: the review goes on where it was
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        gold = gold_of(app)
        assert gold.settled == {0} and gold.left() == [1, 2]
        assert (62, 67, "GPE") in [(s.start, s.end, s.label) for s in gold.spans]
        assert "2 conflicts left here" in header(app)
        assert app.screen.current_conflict() == 1  # the cursor on the first one left
        await pilot.press("q")
    assert len([r for r in gold_lines(out) if r.get("text") == AGREED_TEXT]) == 1


async def test_the_review_keys_are_in_help_and_the_footer(make_app, tmp_path) -> None:
    from reader.ui.screens.help_screen import HelpScreen

    files = write_annotators(tmp_path)
    app = make_app("review", *files, "--output", str(tmp_path / "g.jsonl"), "--labels", LABELS)
    async with app.run_test(size=(230, 40)) as pilot:
        await settle(pilot)
        footer = screen_lines(app)[-1]
        for key in ("tab Conflict", "1 Take 1-9", "x Reject", "A Whole doc", "^z Undo"):
            assert key in footer, footer
        await pilot.press("question_mark")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), 5)
        await pilot.resize_terminal(230, 200)  # the whole table on screen
        await pilot.pause()
        table = "\n".join(screen_lines(app))
        assert "Reviewing" in table
        for binding in ("next-conflict", "previous-conflict", "take-9", "take-here"):
            assert binding in table
        assert "reject-conflict" in table and "take-document" in table


async def test_documents_whose_texts_differ_are_listed_with_the_reason(make_app, tmp_path) -> None:
    files = write_annotators(tmp_path)
    changed = tmp_path / "dave.jsonl"
    records = [
        {"text": "نص أول", "_input_hash": 7, "answer": "accept", "_annotator_id": "dave"},
        {"text": "نص ثان", "_input_hash": 7, "answer": "accept", "_annotator_id": "erin"},
    ]
    changed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    out = str(tmp_path / "g.jsonl")
    app = make_app("review", *files, str(changed), "--output", out, "--labels", LABELS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = [n.message for n in app._notifications]  # noqa: SLF001 - what was shown
        assert any("not comparable: same _input_hash 7" in m for m in said), said
        await pilot.press("escape")  # the library lists it, with the reason
        assert await wait_until(
            pilot, lambda: any("not comparable" in line for line in screen_lines(app)), 5
        )
        errors = [e.error for e in app.library.entries if e.error]
        assert len(errors) == 1 and "same _input_hash 7 as another record" in errors[0]
