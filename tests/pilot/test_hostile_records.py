"""Hostile input in the app: a notice, and the other documents stay usable.

Malformed spans in an existing output, a record with a 5000-digit integer or
NaN (met first by the library's background check), a record whose text
holds a lone surrogate: each is reported, and nothing crashes or is lost.
"""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import settle, write_jsonl
from record_schema import validate_record

from reader.annotation.hashing import doc_id_for
from reader.annotation.spans import Span
from reader.annotation.tasks import task_record
from reader.annotation.tokens import tokenize

TEXT = "وصل جون برينان إلى بغداد أمس\n"  # 29 characters
TOKENS = tokenize(TEXT)
JOHN = Span(4, 14, "PER")  # جون برينان
BAGHDAD = Span(19, 24, "GPE")  # بغداد


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]  # noqa: SLF001


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().decode("utf-8").splitlines()]


def spans_of(record: dict) -> list[tuple[int, int, str]]:
    return [(s["start"], s["end"], s["label"]) for s in record["spans"]]


def saved_with(article: Path, spans: object) -> dict:
    """The record an earlier save of ``article`` made, its spans replaced by ``spans``."""
    record = task_record(
        text=TEXT,
        meta={},
        doc_id=doc_id_for(str(article)),
        spans=[JOHN, BAGHDAD],
        answer=None,
        annotator="someone",
        tokens=TOKENS,
    )
    return dict(record, spans=spans)


async def label_first_token_and_save(pilot) -> None:  # type: ignore[no-untyped-def]
    """Key 1 on the token under the cursor (the first), then Ctrl+S."""
    await pilot.press("1", "ctrl+s")
    await settle(pilot)


async def test_malformed_saved_spans_are_reported_kept_out_and_never_written_back(
    make_app, tmp_path: Path
) -> None:
    article = tmp_path / "news.txt"
    article.write_text(TEXT, encoding="utf-8")
    good = [{"start": 4, "end": 14, "label": "PER"}, {"start": 19, "end": 24, "label": "GPE"}]
    spans = [
        good[0],
        {"start": -1, "end": 3, "label": "GPE"},
        {"start": 25, "end": 40, "label": "GPE"},
        {"start": 24, "end": 19, "label": "GPE"},
        {"end": 3, "label": "GPE"},
        {"start": "0", "end": 3, "label": "GPE"},
        {"start": 0, "end": 3.0, "label": "GPE"},
        good[1],
    ]
    out = tmp_path / "out.jsonl"
    other = dict(saved_with(article, []), _hamish_doc="other.txt", _task_hash=1)
    write_jsonl(out, [other, saved_with(article, spans)])
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), str(article))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        where = f"{out}:2"
        assert [n for n in notices(app) if n.startswith(where)] == [
            f"{where}: span 1: start -1 is not within the text (0–29); left out",
            f"{where}: span 2: end 40 is not within the text (0–29); left out",
            f"{where}: span 3: start 24 is not before end 19; left out",
            f'{where}: span 4: no "start"; left out',
            f"{where}: span 5: start is a string, not a whole number; left out",
            f"{where}: span 6: end 3.0 is not a whole number; left out",
        ]
        assert app.screen.session.annotations.spans == (JOHN, BAGHDAD)
        await label_first_token_and_save(pilot)
        assert app.is_running
    latest = lines_of(out)[-1]
    assert spans_of(latest) == [(0, 3, "PER"), (4, 14, "PER"), (19, 24, "GPE")]
    assert validate_record(latest) == []


async def test_spans_that_are_an_object_are_reported_and_the_first_edit_saves(
    make_app, tmp_path: Path
) -> None:
    article = tmp_path / "news.txt"
    article.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    write_jsonl(out, [saved_with(article, {"0": {"start": 4, "end": 14, "label": "PER"}})])
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), str(article))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert f"{out}:1: spans is an object, not a list; none taken" in notices(app)
        assert app.screen.session.annotations.spans == ()
        await label_first_token_and_save(pilot)
    assert spans_of(lines_of(out)[-1]) == [(0, 3, "PER")]


async def test_a_huge_integer_or_nan_in_a_record_is_reported_and_the_rest_open(
    make_app, tmp_path: Path
) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(
        '{"text": "الأول"}\n'
        '{"text": "الثاني", "meta": {"id": ' + "9" * 5000 + "}}\n"
        '{"text": "الثالث", "score": NaN}\n'
        '{"text": "الرابع"}\n',
        encoding="utf-8",
    )
    other = tmp_path / "other.txt"
    other.write_text("نص آخر\n", encoding="utf-8")
    app = make_app(str(records), str(other))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)  # the library's background check has read every record
        assert f"{records}:2: bad JSON: an integer of more than 4300 digits" in notices(app)
        assert f"{records}:3: bad JSON: NaN is not JSON" in notices(app)
        app._notifications.clear()  # noqa: SLF001
        await pilot.press("enter")  # the first record
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert f"{records}:2: bad JSON: an integer of more than 4300 digits" in notices(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.screen.article is not None and app.screen.article.text == "الرابع"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.screen.article is not None and app.screen.article.text == "نص آخر\n"


async def test_a_record_with_a_lone_surrogate_is_refused_and_the_next_is_annotated(
    make_app, tmp_path: Path
) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text('{"text": "سطر \\ud800 مكسور"}\n{"text": "سطر سليم"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG,GPE", "--output", str(out), str(records))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        problem = f'{records}:1: "text" holds a lone surrogate (U+D800) at offset 4'
        assert problem in notices(app)
        await label_first_token_and_save(pilot)  # nothing to label: no crash, nothing saved
        assert out.read_bytes() == b""
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await label_first_token_and_save(pilot)
        assert app.is_running
    # The save while tagging is a change line; the session's end writes the full record.
    change, latest = lines_of(out)
    assert change["_hamish_change"] is True and spans_of(change) == [(0, 3, "PER")]
    assert latest["text"] == "سطر سليم" and spans_of(latest) == [(0, 3, "PER")]
