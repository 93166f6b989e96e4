"""`hamish agree` as installed, on three annotators' files of the seed article.

alice, bob and carol tag the same Shafaq News article, and name no annotator
(as hamish saves without --annotator), so their names come from the file names:

* all three: شفق نيوز ORG, التحالف الدولي ORG, العراق GPE;
* alice and carol: سوريا GPE and غويران LOC;
* bob: وسوريا GPE (a clitic near-miss of سوريا) and غويران FAC (a label conflict);
* carol alone: الحسكة GPE.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from e2e_helpers import one_line_error
from pty_terminal import pty_output

from reader.documents import load_article
from reader.formats.model import SourceDoc, SourceSpan
from reader.formats.prodigy import task_of

SEED = Path(__file__).parents[2] / "sample_articles" / "shafaq-news-ghwayran-2022.txt"
TEXT = load_article(str(SEED)).text
DOC_ID = "shafaq-news-ghwayran-2022.txt"


def span(word: str, label: str, cut: int = 0) -> SourceSpan:
    """``word``'s first place in the seed, ``cut`` letters off its start."""
    start = TEXT.index(word)
    return SourceSpan(start + cut, start + len(word), label)


SHARED = [span("شفق نيوز", "ORG"), span("التحالف الدولي", "ORG"), span(" العراق", "GPE", 1)]
ALICE = [*SHARED, span("وسوريا", "GPE", 1), span("غويران", "LOC")]
BOB = [*SHARED, span("وسوريا", "GPE"), span("غويران", "FAC")]
CAROL = [*ALICE, span("الحسكة", "GPE")]


def save(path: Path, spans: list[SourceSpan], annotator: str = "", text: str = TEXT) -> str:
    """A hamish output: one accepted ner_manual record, with its saved tokens."""
    doc = SourceDoc(text, tuple(sorted(spans)), str(path), str(path), DOC_ID, annotator=annotator)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(task_of(doc, "accept"), ensure_ascii=False) + "\n")
    return path.name


@pytest.fixture
def three(tmp_path: Path) -> list[str]:
    return [save(tmp_path / f"{n}.jsonl", s) for n, s in [("alice", ALICE), ("bob", BOB),
                                                         ("carol", CAROL)]]  # fmt: skip


def run(
    hamish: str, args: list[str], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [hamish, "agree", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def agree_json(hamish: str, args: list[str], env: dict[str, str], cwd: Path) -> dict[str, Any]:
    result = run(hamish, [*args, "--json"], env, cwd)
    assert result.returncode == 0, result.stderr
    value: dict[str, Any] = json.loads(result.stdout)
    return value


def prf(p: float, r: float) -> dict[str, float]:
    return {
        "precision": pytest.approx(p),
        "recall": pytest.approx(r),
        "f1": pytest.approx(2 * p * r / (p + r)),
    }  # type: ignore[dict-item]


def test_a_folder_of_record_files_is_read_as_its_files(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, three: list[str]
) -> None:
    """`hamish agree FOLDER`: its .jsonl files, each named by its file as when listed."""
    folder = tmp_path / "team"
    folder.mkdir()
    for name in three:
        (tmp_path / name).rename(folder / name)
    listed = agree_json(hamish, [f"team/{name}" for name in three], clean_env, tmp_path)
    assert listed["annotators"] == ["alice", "bob", "carol"]
    assert agree_json(hamish, ["team"], clean_env, tmp_path) == listed
    (tmp_path / "nothing").mkdir()
    refused = run(hamish, ["nothing"], clean_env, tmp_path)
    assert refused.returncode == 2
    assert refused.stderr == (
        "hamish agree: nothing: a folder with no brat .ann, XMI .xmi or .jsonl record files in it\n"
    )


def test_three_annotators_as_json(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, three: list[str]
) -> None:
    out = agree_json(hamish, three, clean_env, tmp_path)
    assert out["documents"] == 1
    assert out["annotators"] == ["alice", "bob", "carol"]
    assert out["documents_per_annotator"] == {"alice": 1, "bob": 1, "carol": 1}
    assert out["spans"]["bob"] == {"FAC": 1, "GPE": 2, "ORG": 2}
    pairs = {(p["a"], p["b"]): p for p in out["pairs"]}
    ab, ac, bc = pairs["alice", "bob"], pairs["alice", "carol"], pairs["bob", "carol"]
    # alice / bob: 5 spans each; strict 3 (ORG ORG GPE); clitic + سوريا/وسوريا = 4;
    # overlap 4 too (غويران has two labels).
    assert ab["strict"] == prf(3 / 5, 3 / 5)
    assert ab["clitic"] == prf(4 / 5, 4 / 5)
    assert ab["overlap"] == prf(4 / 5, 4 / 5)
    assert ab["disagreements"] == {"clitic": 1, "boundary": 0, "label": 1, "only_a": 0, "only_b": 0}
    # alice / carol: alice's 5 all in carol's 6: P = 1, R = 5/6, in every mode.
    for mode in ("strict", "clitic", "overlap"):
        assert ac[mode] == prf(1.0, 5 / 6)
    assert ac["disagreements"]["only_b"] == 1
    # bob / carol: strict 3 of 5 and 6; clitic 4.
    assert bc["strict"] == prf(3 / 5, 3 / 6)
    assert bc["clitic"] == prf(4 / 5, 4 / 6)
    # Per label, summed over the pairs: GPE a = 2 + 2 + 2, b = 2 + 3 + 3; strict
    # 1 + 2 + 1 = 4: F1 = 8 / 14; clitic 2 + 2 + 2 = 6: F1 = 12 / 14.
    assert out["per_label"]["GPE"]["strict"]["f1"] == pytest.approx(8 / 14)
    assert out["per_label"]["GPE"]["clitic"]["f1"] == pytest.approx(12 / 14)
    assert out["per_label"]["ORG"]["strict"]["f1"] == 1.0
    assert out["per_label"]["FAC"]["overlap"]["f1"] == 0.0


def test_token_agreement_by_hand(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, three: list[str]
) -> None:
    out = agree_json(hamish, three, clean_env, tmp_path)
    n = out["tokens"]["tokens"]  # the article's tokens, و of وسوريا cut off by alice's span
    # alice: GPE on العراق and سوريا, ORG on 4 tokens, LOC on غويران: O on n - 7.
    # bob: GPE on العراق, و and سوريا, ORG on 4, FAC on غويران: O on n - 8.
    # They differ on two tokens: و (O / GPE) and غويران (LOC / FAC).
    p_o = (n - 2) / n
    p_e = ((n - 7) * (n - 8) + 2 * 3 + 4 * 4) / n**2
    kappas = {(k["a"], k["b"]): k["kappa"] for k in out["cohen_kappa"]}
    assert kappas["alice", "bob"] == pytest.approx((p_o - p_e) / (1 - p_e))
    assert len(kappas) == 3
    # Every annotator did the document, so alpha = 1 - (1 - Fleiss' kappa) (m - 1) / m,
    # m = 3 n values (see test_agreement_kappa).
    m = 3 * n
    assert out["krippendorff_alpha"] == pytest.approx(1 - (1 - out["fleiss_kappa"]) * (m - 1) / m)
    assert 0 < out["fleiss_kappa"] < 1
    assert out["tokens"]["outside_share"] > 0.9
    assert "inflates" in out["tokens"]["note"]
    [worst] = out["worst_documents"]
    assert worst["id"] == DOC_ID
    # Over the three pairs: clitic 1 + 0 + 1, label 1 + 0 + 1, only one 0 + 1 + 1.
    assert worst["disagreements"] == {"clitic": 2, "boundary": 0, "label": 2, "only_one": 2}
    # Where: every span not all three made, with who made it.
    assert [(s["text"], s["label"], s["annotators"]) for s in worst["spans_not_shared"]] == [
        ("وسوريا", "GPE", ["bob"]),
        ("سوريا", "GPE", ["alice", "carol"]),
        ("غويران", "FAC", ["bob"]),
        ("غويران", "LOC", ["alice", "carol"]),
        ("الحسكة", "GPE", ["carol"]),
    ]


def plain(screen: str) -> list[str]:
    """The lines of ``screen`` without styles, spaces squeezed."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", screen)
    return [" ".join(line.split()) for line in text.splitlines()]


def test_three_annotators_on_a_terminal(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, three: list[str]
) -> None:
    env = clean_env | {"TERM": "xterm-256color", "COLUMNS": "100"}
    lines = plain(pty_output([hamish, "agree", *three], env, tmp_path, 100).decode())
    assert "Documents compared: 1; annotators: alice, bob, carol" in lines
    # The pair table: one row per mode, P R F1.
    assert "alice bob 1 strict 0.600 0.600 0.600" in lines
    assert "clitic 0.800 0.800 0.800" in lines
    # Where they differ: same, clitic, boundary, label, only A, only B.
    assert "alice bob 3 1 0 1 0 0" in lines
    assert "bob carol 3 1 0 1 0 1" in lines
    assert any(line.startswith("GPE 0.571 0.857 0.857") for line in lines)
    assert any("Fleiss' κ" in line for line in lines)
    assert any("Krippendorff's α (nominal)" in line for line in lines)
    assert any("of the tags are O" in line for line in lines)
    assert any(line.startswith(f"{DOC_ID} 0.") for line in lines)  # the worst document


def test_a_hostile_annotator_name_is_shown_not_obeyed(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    save(tmp_path / "a.jsonl", ALICE, annotator="\x1b[31mevil\x07")
    save(tmp_path / "b.jsonl", BOB)
    env = clean_env | {"TERM": "xterm-256color"}
    screen = pty_output([hamish, "agree", "a.jsonl", "b.jsonl"], env, tmp_path, 120).decode()
    assert "␛[31mevil␇" in screen
    assert "\x1b[31mevil" not in screen and "\x07" not in screen
    out = agree_json(hamish, ["a.jsonl", "b.jsonl"], clean_env, tmp_path)
    assert out["annotators"] == ["\x1b[31mevil\x07", "b"]  # JSON escapes it: kept as it is
    assert "fleiss_kappa" not in out  # two annotators: Cohen's kappa only


def test_documents_whose_text_differs_are_listed_and_left_out(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    other = "نص قصير عن بغداد"
    for name, spans in [("alice", ALICE), ("bob", BOB)]:
        save(tmp_path / f"{name}.jsonl", spans)
    # Both also did a second document with one id, but bob's copy of it was edited.
    save(tmp_path / "alice.jsonl", [], text=other + ".")
    save(tmp_path / "bob.jsonl", [], text=other)
    for name in ("alice", "bob"):  # the same id for the second document
        lines = (tmp_path / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        record = json.loads(lines[1])
        record["_hamish_doc"] = "second.txt"
        lines[1] = json.dumps(record, ensure_ascii=False)
        (tmp_path / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = agree_json(hamish, ["alice.jsonl", "bob.jsonl"], clean_env, tmp_path)
    assert out["documents"] == 1
    [left_out] = out["not_comparable"]
    assert left_out["id"] == "second.txt"
    assert left_out["annotators"] == ["alice", "bob"]
    assert "different text" in left_out["reason"]
    table = run(hamish, ["alice.jsonl", "bob.jsonl"], clean_env, tmp_path)
    assert "Not comparable, left out" in table.stdout and "second.txt" in table.stdout


def test_bad_input_is_one_line_and_exit_2(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, three: list[str]
) -> None:
    one = one_line_error(run(hamish, ["alice.jsonl"], clean_env, tmp_path))
    assert one == (
        "hamish agree: alice.jsonl: agreement needs two annotators, "
        "and every document here is alice's"
    )
    missing = one_line_error(run(hamish, ["alice.jsonl", "nope.jsonl"], clean_env, tmp_path))
    assert missing.startswith("hamish agree: nope.jsonl: ")
    bad = one_line_error(run(hamish, [*three, "--answers", "maybe"], clean_env, tmp_path))
    assert bad.startswith("hamish agree: --answers: 'maybe' is not all")
    (tmp_path / "x.txt").write_text("نص\n", encoding="utf-8")
    alone = one_line_error(run(hamish, ["alice.jsonl", "x.txt"], clean_env, tmp_path))
    assert alone == "hamish agree: the inputs: no document was done by two annotators"


def test_unanswered_documents_need_answers_none(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, three: list[str]
) -> None:
    for name in three:  # saved while tagging: no answer yet
        path = tmp_path / name
        record = json.loads(path.read_text(encoding="utf-8"))
        record["answer"] = None
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    line = one_line_error(run(hamish, three, clean_env, tmp_path))
    assert "include them with --answers accept,none" in line
    assert (
        agree_json(hamish, [*three, "--answers", "accept,none"], clean_env, tmp_path)["documents"]
        == 1
    )
