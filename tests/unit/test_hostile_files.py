"""Files that are not what they claim: special files, endless files, deep TOML.

Only regular files are read, never more than a cap, and TOML nested past what
the parser can follow is a one-line problem, not a RecursionError.
"""

from __future__ import annotations

import io
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.config import Settings, load_settings
from reader.documents import InputError, load_article
from reader.documents.reading import read_bytes
from reader.library import Library, RecordFile
from reader.theming import ThemeError, load_theme_file

MIB = 1 << 20
DEEP_TOML = "a = " + "[" * 5000 + "]" * 5000 + "\n"


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A read that waits on a FIFO fails the test after 10 s instead of hanging the run."""

    def hung(*_: object) -> None:
        raise TimeoutError("hung for 10 s")

    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, before)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.txt"
    os.mkfifo(path)
    return path


@pytest.fixture
def zero_link(tmp_path: Path) -> Path:
    path = tmp_path / "endless.txt"
    path.symlink_to("/dev/zero")
    return path


# -- special files -----------------------------------------------------------------


def test_a_fifo_is_refused_without_waiting_for_a_writer(fifo: Path) -> None:
    # Opening a FIFO for reading waits for a writer: this test would hang.
    with pytest.raises(InputError) as err:
        load_article(str(fifo))
    assert str(err.value) == f"{fifo}: not a regular file (a FIFO)"


def test_a_symlink_to_dev_zero_is_refused_unread(zero_link: Path) -> None:
    with pytest.raises(InputError) as err:
        load_article(str(zero_link))
    assert str(err.value) == f"{zero_link}: not a regular file (a character device)"


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("نص", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert load_article(str(link)).text == "نص"


def test_a_device_as_a_record_file_is_refused() -> None:
    with pytest.raises(InputError) as err:
        RecordFile("/dev/zero")
    assert str(err.value) == "/dev/zero: not a regular file (a character device)"


def test_a_directory_lists_its_fifo_and_device_as_errors_and_opens_the_rest(
    tmp_path: Path, fifo: Path, zero_link: Path
) -> None:
    (tmp_path / "good.txt").write_text("نص جيد", encoding="utf-8")
    (tmp_path / "zz.jsonl").symlink_to("/dev/urandom")
    library = Library.open([str(tmp_path)])
    errors = {Path(e.path).name: e.error for e in library.entries}
    assert errors == {
        "endless.txt": f"{zero_link}: not a regular file (a character device)",
        "fifo.txt": f"{fifo}: not a regular file (a FIFO)",
        "good.txt": None,
        "zz.jsonl": f"{tmp_path / 'zz.jsonl'}: not a regular file (a character device)",
    }
    first = library.first()
    assert first is not None and library.article(first).text == "نص جيد"


# -- size caps -----------------------------------------------------------------------


def test_an_article_over_the_cap_is_refused_and_a_larger_cap_reads_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2049)
    with pytest.raises(InputError) as err:
        load_article(str(big), limit=2048)
    assert str(err.value) == f"{big}: larger than 2 KiB (--max-size raises the limit)"
    assert len(load_article(str(big), limit=4096).text) == 2049
    assert len(load_article(str(big), limit=2049).text) == 2049


def test_a_file_that_lies_about_its_size_is_still_cut_off() -> None:
    # /proc files say they are empty; at most limit + 1 bytes are read whatever.
    with pytest.raises(InputError, match="larger than 10 bytes"):
        read_bytes("/proc/self/maps", limit=10)


def test_standard_input_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    endless = io.BufferedReader(io.BytesIO(b"x" * 5000))  # stands for `< /dev/zero`
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(endless))
    with pytest.raises(InputError) as err:
        read_bytes("-", limit=1024)
    assert str(err.value) == "<stdin>: larger than 1 KiB (--max-size raises the limit)"


def test_a_jsonl_record_over_the_cap_is_that_record_s_error(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text('{"text": "short"}\n{"text": "' + "x" * 3000 + '"}\n{"text": "ok"}\n')
    records = RecordFile(str(p), limit=1024)
    with pytest.raises(InputError) as err:
        records.record(1)
    assert str(err.value) == f"{p}:2: record larger than 1 KiB (--max-size raises the limit)"
    assert records.record(2).text == "ok"
    assert [e.line for e in records.problems()] == [2]


def test_a_json_file_over_the_cap_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "r.json"
    p.write_text('[{"text": "' + "x" * 3000 + '"}]')
    with pytest.raises(InputError, match="larger than 1 KiB"):
        RecordFile(str(p), limit=1024)


def test_small_files_have_a_small_cap(tmp_path: Path) -> None:
    labels = tmp_path / "labels.txt"
    labels.write_bytes(b"PER\n" * (MIB // 4 + 1))
    from reader.annotation.setup import choose_labels

    with pytest.raises(InputError) as err:
        choose_labels(None, str(labels), [])
    assert str(err.value) == f"{labels}: larger than 1 MiB, the most a label file may be"
    with pytest.raises(InputError, match="not a regular file"):
        choose_labels(None, "/dev/zero", [])


# -- TOML nested too deeply, and front matter JSON cannot hold ----------------------------


def test_deep_front_matter_is_a_one_line_error(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("+++\n" + DEEP_TOML + "+++\nbody\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_article(str(p))
    assert str(err.value) == f"{p}: bad front matter: nested too deeply"


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ("x = nan", "nan is not a number JSON can hold"),
        ("x = [1.0, -inf]", "-inf is not a number JSON can hold"),
        ("".join(f"[{'.'.join(['t'] * n)}]\n" for n in (150,)), "nested more than 100 deep"),
    ],
)
def test_front_matter_that_json_cannot_hold_is_refused(
    tmp_path: Path, toml: str, problem: str
) -> None:
    # The front matter is saved with the annotations: as strict JSON.
    p = tmp_path / "a.txt"
    p.write_text(f"+++\n{toml}\n+++\nbody\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_article(str(p))
    assert str(err.value) == f"{p}:1: bad front matter: {problem}"


def test_a_deep_config_is_a_problem_and_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config.toml"
    config.write_text(DEEP_TOML, encoding="utf-8")
    assert load_settings(config) == (Settings(), ["config.toml: not valid TOML: nested too deeply"])


def test_a_config_that_is_a_fifo_or_too_large_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config.toml"
    os.mkfifo(config)
    assert load_settings(config) == (Settings(), ["config.toml: not a regular file (a FIFO)"])
    config.unlink()
    config.write_bytes(b"# " + b"x" * MIB + b"\n")
    problem = "config.toml: larger than 1 MiB, the most a config or theme file may be"
    assert load_settings(config) == (Settings(), [problem])


def test_a_deep_theme_is_a_theme_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    theme = tmp_path / "deep.toml"
    theme.write_text('name = "deep"\nprimary = "#fff"\n' + DEEP_TOML, encoding="utf-8")
    with pytest.raises(ThemeError) as err:
        load_theme_file(theme)
    assert str(err.value) == "deep.toml: not valid TOML: nested too deeply"
