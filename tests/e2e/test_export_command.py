"""`hamish export` as installed: exit codes, one-line errors, the progress bar.

Exit codes: 0 when everything read was written, 2 for bad usage or input
(nothing written), 3 when the output was written but something was left out.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from e2e_helpers import one_line_error
from pty_terminal import pty_output

DATA = Path(__file__).parents[1] / "data" / "formats"
FIXTURE = str(DATA / "tricky.annotations.jsonl")


def run(
    hamish: str, args: list[str], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [hamish, "export", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_nothing_lost_exits_0(hamish: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    result = run(hamish, [FIXTURE, "--to", "doccano", "-o", "out.jsonl"], clean_env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "hamish export: wrote 4 of 6 documents (13 spans) to out.jsonl as doccano"
    )
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 4


def test_what_is_lost_is_counted_and_exits_3(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    result = run(hamish, [FIXTURE, "--to", "conll", "-o", "x.conll"], clean_env, tmp_path)
    assert result.returncode == 3, result.stderr
    assert "left out: 2 nested or overlapping spans (write them with --nested)" in result.stderr
    nested = run(
        hamish, [FIXTURE, "--to", "conll", "--nested", "-o", "y.conll"], clean_env, tmp_path
    )
    assert nested.returncode == 0, nested.stderr
    brat = run(hamish, [str(DATA / "brat_in"), "--to", "doccano", "-o", "-"], clean_env, tmp_path)
    assert brat.returncode == 3
    assert json.loads(brat.stdout)["label"] == [[9, 14, "GPE"]]
    assert "left out: 1 discontinuous brat spans" in brat.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["missing.jsonl", "--to", "doccano", "-o", "x"], "missing.jsonl: no such file"),
        ([FIXTURE, "--to", "word", "-o", "x"], "argument --to: invalid choice: 'word'"),
        ([FIXTURE, "--to", "doccano"], "the following arguments are required: --output"),
        ([FIXTURE, "--to", "doccano", "-o", "no/such/dir/x"], "no/such/dir/x: cannot be written"),
        ([FIXTURE, "--to", "brat", "-o", FIXTURE], "is a file; this format writes a folder"),
        ([FIXTURE, "--to", "doccano", "-o", "x", "--answers", "yes"], "'yes' is not all"),
        (["bomb.xmi", "--to", "doccano", "-o", "x"], "bomb.xmi: has a DOCTYPE"),
        (["notes.csv", "--to", "doccano", "-o", "x"], "name one with --from"),
        (["ls.json", "--to", "doccano", "-o", "x"], "ls.json:1: bad JSON"),
    ],
)
def test_bad_input_is_one_line_and_exits_2(
    hamish: str, clean_env: dict[str, str], tmp_path: Path, args: list[str], says: str
) -> None:
    (tmp_path / "bomb.xmi").write_text(
        '<!DOCTYPE x [<!ENTITY a "aaaa">]><xmi:XMI xmlns:xmi="http://www.omg.org/XMI"/>'
    )
    (tmp_path / "notes.csv").write_text("a,b\n")
    (tmp_path / "ls.json").write_text("[{")
    line = one_line_error(run(hamish, args, clean_env, tmp_path))
    assert line.startswith("hamish export: ") and says in line, line
    assert not (tmp_path / "x").exists()


def test_unanswered_documents_are_pointed_out(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    """The user tagged, pressed q, and exported: nothing is accepted yet."""
    waiting = [json.loads(line) for line in Path(FIXTURE).read_text().splitlines()][-2]
    assert waiting["answer"] is None and waiting["spans"]
    (tmp_path / "out.jsonl").write_text(json.dumps(waiting, ensure_ascii=False) + "\n")
    result = run(hamish, ["out.jsonl", "--to", "doccano", "-o", "x.jsonl"], clean_env, tmp_path)
    assert result.returncode == 3
    assert result.stderr.splitlines()[-1] == (
        "hamish export: 1 document has spans but no answer yet (saved while tagging): "
        "include them with --answers accept,none"
    )
    again = run(hamish, ["out.jsonl", "--to", "doccano", "-o", "x.jsonl", "--answers",
                         "accept,none"], clean_env, tmp_path)  # fmt: skip
    assert again.returncode == 0
    assert json.loads((tmp_path / "x.jsonl").read_text())["label"] == [[11, 16, "GPE"]]


def test_a_missing_extra_is_named_in_one_line(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['spacy'] = None\n")
    env = clean_env | {"PYTHONPATH": str(blocker)}
    line = one_line_error(run(hamish, [FIXTURE, "--to", "spacy", "-o", "x.spacy"], env, tmp_path))
    assert line == (
        "hamish export: the spacy format needs spaCy, which is not installed: "
        "pip install 'hamish[formats]'"
    )
    works = run(hamish, [FIXTURE, "--to", "doccano", "-o", "x.jsonl"], env, tmp_path)
    assert works.returncode == 0


def test_the_readme_spacy_story(hamish: str, clean_env: dict[str, str], tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    result = run(hamish, [FIXTURE, "--to", "spacy", "-o", "train.spacy"], clean_env, tmp_path)
    assert result.returncode == 3  # the nested spans are in doc.spans["sc"], not in doc.ents
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(spacy.blank("ar").vocab))
    assert len(docs) == 4
    assert sum(len(d.spans["sc"]) for d in docs) == 13


def test_progress_bar_on_a_terminal_only(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    record = {"text": "زار محمد بغداد اليوم. " * 20, "label": [[4, 8, "PER"]]}
    (tmp_path / "big.jsonl").write_text((json.dumps(record) + "\n") * 1000)
    args = [hamish, "export", "big.jsonl", "--to", "prodigy", "-o", "out.jsonl"]
    shown = pty_output(args, clean_env | {"TERM": "xterm"}, tmp_path)
    assert b"reading big.jsonl" in shown and b"writing" in shown
    piped = run(hamish, args[2:], clean_env, tmp_path)
    assert piped.returncode == 0
    assert piped.stderr == "hamish export: wrote 1000 of 1000 documents (1000 spans) to " \
        "out.jsonl as prodigy\n"  # fmt: skip


def test_untrusted_names_reach_the_terminal_without_escapes(
    hamish: str, clean_env: dict[str, str], tmp_path: Path
) -> None:
    name = "evil\x1b]0;PWNED\x07.jsonl"
    line = one_line_error(run(hamish, [name, "--to", "doccano", "-o", "x"], clean_env, tmp_path))
    assert "\x1b" not in line and "\x07" not in line
    assert line == "hamish export: evil␛]0;PWNED␇.jsonl: no such file"
