"""Other tools' annotations opened in hamish: their spans are the documents' starting
spans, to be seen, corrected, undone back to, accepted and saved."""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import settle

TEXT = "زار 😀 محمد بغداد يوم الأحد مع أحمد"
# Code points: محمد 6-10, بغداد 11-16, أحمد 30-34.  doccano counts UTF-16 units,
# and the emoji takes two of them: every span after it is one more there.
MUHAMMAD, BAGHDAD, AHMAD = (6, 10), (11, 16), (30, 34)


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]  # noqa: SLF001


def lines(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in path.read_bytes().splitlines()]


def shown_spans(app) -> list[tuple[int, int, str, str | None]]:  # type: ignore[no-untyped-def]
    return [(s.start, s.end, s.label, s.origin) for s in app.screen.session.annotations.spans]


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector).render())


def doccano(tmp_path: Path) -> Path:
    path = tmp_path / "export.jsonl"
    records = [
        {
            "text": TEXT,
            "label": [[7, 11, "PER"], [12, 17, "LOC"], [31, 35, "PER"], [2, 99, "PER"]],
        },
        {"text": "وصل الوفد إلى البصرة", "label": [[14, 20, "LOC"]]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


async def test_a_doccano_export_opens_with_its_spans_to_correct_undo_and_accept(
    make_app, tmp_path: Path
) -> None:
    source = doccano(tmp_path)
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG", "--output", str(out), str(source))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        came = [(*MUHAMMAD, "PER", "input"), (*BAGHDAD, "LOC", "input"), (*AHMAD, "PER", "input")]
        assert shown_spans(app) == came
        assert text_of(app, "#status").startswith("3 spans")
        legend = text_of(app, "#legend")
        assert "1  PER" in legend and "2  ORG" in legend
        assert "3  LOC  (from the input)" in legend  # after the labels given
        assert f"{source}:1: span 3: 2-99 is not a UTF-16 offset range" in "\n".join(notices(app))
        # Correct: relabel محمد as ORG (the cursor is on the first token, زار; Left is
        # forward in this right-to-left text, the emoji is a token of its own).
        await pilot.press("left", "left", "2")
        await settle(pilot)
        assert shown_spans(app)[0] == (*MUHAMMAD, "ORG", None)
        await pilot.press("left", "backspace")  # and remove بغداد
        await settle(pilot)
        assert [s[2] for s in shown_spans(app)] == ["ORG", "PER"]
        await pilot.press("ctrl+z", "ctrl+z")  # undo goes back to how they came
        await settle(pilot)
        assert shown_spans(app) == came
        assert app.screen.session.annotations.can_undo is False
        await pilot.press("3")  # بغداد is LOC still: the same span, still the input's
        await pilot.press("a")  # accept: the document's full record, then the next one
        await settle(pilot)
        assert shown_spans(app) == [(14, 20, "LOC", "input")]
    record = [r for r in lines(out) if r.get("_hamish_doc") == "export.jsonl#0"][-1]
    assert record["answer"] == "accept" and record["text"] == TEXT
    assert [(s["start"], s["end"], s["label"], s.get("origin")) for s in record["spans"]] == came


async def test_the_saved_state_wins_over_the_input_spans(make_app, tmp_path: Path) -> None:
    source = doccano(tmp_path)
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER", "--output", str(out), str(source))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("left", "left", "backspace", "ctrl+s")  # remove محمد
        await settle(pilot)
    app = make_app("--labels", "PER", "--output", str(out), str(source))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert [s[:2] for s in shown_spans(app)] == [BAGHDAD, AHMAD]
        assert not any("span 3" in n for n in notices(app))  # the input's spans are not used


async def test_without_labels_a_file_with_spans_is_annotated_with_its_own(
    make_app, tmp_path: Path
) -> None:
    source = doccano(tmp_path)
    app = make_app(str(source))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.annotation is not None
        assert app.annotation.output == str(tmp_path / "export.annotations.jsonl")
        assert app.annotation.labels == ["PER", "LOC"]
        assert len(shown_spans(app)) == 3


async def test_a_brat_folder_opens_with_its_spans(make_app, tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text("زار محمد بغداد", encoding="utf-8")
    (folder / "a.ann").write_text(
        "T1\tPER 4 8\tمحمد\nT2\tGPE 9 14\tبغداد\nR1\tAt Arg1:T1 Arg2:T2\nT3\tGPE 9 13\tخطأ\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("وصل أحمد", encoding="utf-8")
    (folder / "b.ann").write_text("T1\tPER 4 8\tأحمد\n", encoding="utf-8")
    app = make_app("--labels", "PER", "--output", str(tmp_path / "out.jsonl"), str(folder))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert [e.path for e in app.library.entries] == [
            str(folder / "a.txt"),
            str(folder / "b.txt"),
        ]
        await pilot.press("enter")
        await settle(pilot)
        assert shown_spans(app) == [(4, 8, "PER", "input"), (9, 14, "GPE", "input")]
        assert any("a.ann:4: T3: its text" in n for n in notices(app))
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert shown_spans(app) == [(4, 8, "PER", "input")]


async def test_a_label_studio_export_opens_with_its_first_accepted_annotation(
    make_app, tmp_path: Path
) -> None:
    def result(start: int, end: int, label: str) -> dict:  # type: ignore[type-arg]
        value = {"start": start, "end": end, "labels": [label]}
        return {"from_name": "label", "to_name": "text", "type": "labels", "value": value}

    task = {
        "id": 7,
        "data": {"text": "زار محمد بغداد"},
        "annotations": [
            {"was_cancelled": True, "result": [result(0, 3, "PER")]},
            {"was_cancelled": False, "result": [result(4, 8, "PER"), result(9, 14, "GPE")]},
        ],
        "predictions": [{"result": [result(9, 14, "ORG")]}],
    }
    export = tmp_path / "project.json"
    export.write_text(json.dumps([task]), encoding="utf-8")
    app = make_app("--labels", "PER", "--output", str(tmp_path / "out.jsonl"), str(export))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.library.count() == 1
        assert shown_spans(app) == [(4, 8, "PER", "input"), (9, 14, "GPE", "input")]


async def test_an_anercorp_style_conll_file_opens_with_its_spans(make_app, tmp_path: Path) -> None:
    corpus = tmp_path / "ANERCorp_train.txt"
    corpus.write_text(
        "فرانكفورت B-LOC\n( O\nد O\nب O\nا O\n) O\nأعلن O\nاتحاد B-ORG\nالصناعة I-ORG\n"
        "الألماني I-ORG\n\nقال O\nجون B-PERS\nسميث I-PERS\n",
        encoding="utf-8",
    )
    app = make_app("--labels", "PERS,LOC,ORG", "--output", str(tmp_path / "o.jsonl"), str(corpus))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        session = app.screen.session
        assert session.text.split("\n") == [
            "فرانكفورت ( د ب ا ) أعلن اتحاد الصناعة الألماني",
            "قال جون سميث",
        ]
        found = [(session.text[s.start : s.end], s.label) for s in session.annotations.spans]
        assert found == [
            ("فرانكفورت", "LOC"),
            ("اتحاد الصناعة الألماني", "ORG"),
            ("جون سميث", "PERS"),
        ]
