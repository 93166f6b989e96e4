"""`hamish review` on bad input: one line on stderr, exit code 2, nothing started."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from review_data import SHORT as TEXT

from reader.annotation.store import AnnotationStore
from reader.cli.args import USAGE_ERROR
from reader.cli.main import main


def write(path: Path, *records: dict[str, object]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return str(path)


def annotated(
    who: str, spans: list[tuple[int, int, str]], text: str = TEXT, **more: object
) -> dict[str, object]:
    found = [{"start": s, "end": e, "label": label} for s, e, label in spans]
    return {"text": text, "spans": found, "answer": "accept", "_annotator_id": who, **more}


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    return [
        write(tmp_path / "a.jsonl", annotated("a", [(4, 11, "GPE")])),
        write(tmp_path / "b.jsonl", annotated("b", [(5, 11, "GPE")])),
    ]


def test_a_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "nope.jsonl")
    assert main(["review", missing, "--output", str(tmp_path / "g.jsonl")]) == USAGE_ERROR
    assert one_line(capsys).startswith(f"hamish review: {missing}: ")


def test_no_output_given(inputs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["review", *inputs])
    assert stop.value.code == USAGE_ERROR
    assert "--output" in one_line(capsys)


def test_the_gold_file_is_an_input(inputs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", *inputs, "--output", inputs[0]]) == USAGE_ERROR
    assert one_line(capsys) == (
        f"hamish review: {inputs[0]}: is one of the inputs: give the gold file its own\n"
    )


def test_the_gold_file_in_an_input_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    write(team / "a.jsonl", annotated("a", [(4, 11, "GPE")]))
    gold = str(team / "gold.jsonl")
    assert main(["review", str(team), "--output", gold]) == USAGE_ERROR
    said = f"{gold}: is inside {team}, an input: give the gold file a place of its own"
    assert one_line(capsys) == f"hamish review: {said}\n"
    assert not (team / "gold.jsonl").exists()


def test_a_gold_file_another_hamish_holds(
    inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = str(tmp_path / "gold.jsonl")
    with AnnotationStore.open(gold)[0]:
        assert main(["review", *inputs, "--output", gold]) == USAGE_ERROR
    assert one_line(capsys).startswith(f"hamish review: {gold}")


def test_nothing_to_review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rejected = write(tmp_path / "a.jsonl", annotated("a", [], answer="reject"))
    assert main(["review", rejected, "--output", str(tmp_path / "g.jsonl")]) == USAGE_ERROR
    assert one_line(capsys) == f"hamish review: {rejected}: no document to review\n"


def test_without_a_terminal_it_says_so_after_what_it_found(
    inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A third file claims the same _input_hash for another text: not comparable.
    other = write(
        tmp_path / "c.jsonl",
        annotated("c", [], text="نص آخر", _input_hash=7, meta={"id": "x"}),
        annotated("d", [], text="نص ثالث", _input_hash=7, meta={"id": "x"}),
    )
    gold = str(tmp_path / "gold.jsonl")
    assert main(["review", *inputs, other, "--output", gold]) == USAGE_ERROR
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "not comparable: same _input_hash 7" in err[0]
    assert err[1] == "hamish review: the review needs a terminal"


def test_everything_accepted_unseen_needs_no_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same = [write(tmp_path / f"{w}.jsonl", annotated(w, [(0, 3, "PER")])) for w in "ab"]
    gold = tmp_path / "gold.jsonl"
    assert main(["review", *same, "--output", str(gold), "--auto-accept"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "hamish review: accepted 1 document every annotator agrees on, unseen",
        f"hamish review: {gold}: every document is settled; nothing left to review",
    ]
    assert json.loads(gold.read_text("utf-8"))["answer"] == "accept"


def test_the_reviewer_from_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('reviewer = "lead"\n', "utf-8")
    monkeypatch.setenv("HAMISH_CONFIG", str(config))
    monkeypatch.setenv("USER", "someone")
    same = [write(tmp_path / f"{w}.jsonl", annotated(w, [(0, 3, "PER")])) for w in "ab"]
    gold = tmp_path / "gold.jsonl"
    assert main(["review", *same, "--output", str(gold), "--auto-accept"]) == 0
    assert json.loads(gold.read_text("utf-8"))["_annotator_id"] == "lead"
    gold.unlink()
    assert main(["review", *same, "--output", str(gold), "--auto-accept", "--reviewer", "me"]) == 0
    assert json.loads(gold.read_text("utf-8"))["_annotator_id"] == "me"
    config.write_text("reviewer = 3\n", "utf-8")
    gold.unlink()
    capsys.readouterr()
    assert main(["review", *same, "--output", str(gold), "--auto-accept"]) == 0
    assert json.loads(gold.read_text("utf-8"))["_annotator_id"] == "someone"
    assert "reviewer: must be a non-empty string, not 3" in capsys.readouterr().err
