"""Writing config.toml: round trips, TOML string escaping, and atomic replacement."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.config import Settings, load_settings, save_settings
from reader.config.toml_io import toml_key, toml_string

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

TRICKY = 'قال "هامش" \\ C:\\path\\ \t tab\nnew line \x00\x1f\x7f \u200f rlm'


@pytest.mark.parametrize(
    "settings",
    [
        Settings(),
        Settings(width=20, harakat=False, direction="ltr", show_formatting=True, bidi="terminal"),
        Settings(
            theme="سمة \"داكنة\" \\ 'single'",
            width=1000,
            keys={"search": "ctrl+f", "بحث": "f3,ctrl+g", "a b": '"', "x.y": "\\", "t": TRICKY},
            # A label may not hold an invisible format character such as the RLM.
            labels=["شخص", "مكان", 'say "hi"', "back\\slash", TRICKY.replace("\u200f", "")],
        ),
    ],
    ids=["defaults", "scalars", "arabic-and-escapes"],
)
def test_round_trip(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "config.toml"
    save_settings(settings, path)
    assert load_settings(path) == (settings, [])


def test_saved_file_reads_well(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_settings(Settings(labels=["شخص"], keys={"search": "ctrl+f"}), path)
    text = path.read_text(encoding="utf-8")
    assert 'labels = ["شخص"]' in text  # Arabic written as itself, not \u escapes
    assert "# width = 80" in text  # an unset width is a comment
    assert text.endswith('[keys]\n# binding id = "key" or "key1,key2"\nsearch = "ctrl+f"\n')


@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_toml_string_round_trips_any_text(text: str) -> None:
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


@given(st.text(st.characters(exclude_categories=["Cs"]), min_size=1))
def test_toml_key_round_trips_any_key(key: str) -> None:
    assert tomllib.loads(f"{toml_key(key)} = 1") == {key: 1}


@given(
    theme=st.text(min_size=1).filter(str.strip),
    labels=st.lists(  # no comma, no invisible format character: see test_config_settings
        st.text(st.characters(exclude_categories=["Cf", "Cs"]), min_size=1).filter(
            lambda s: s.strip() and "," not in s
        ),
        unique=True,
    ),
    keys=st.dictionaries(st.text(), st.text(min_size=1).filter(str.strip)),
)
def test_round_trip_any_strings(
    tmp_path_factory: pytest.TempPathFactory, theme: str, labels: list[str], keys: dict[str, str]
) -> None:
    settings = Settings(theme=theme, labels=labels, keys=keys)
    path = tmp_path_factory.mktemp("c") / "config.toml"
    save_settings(settings, path)
    assert load_settings(path) == (settings, [])


def test_save_creates_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "config.toml"
    save_settings(Settings(width=60), path)
    assert load_settings(path)[0].width == 60


def test_failed_save_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "old"\n', encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        save_settings(Settings(theme="new"), path)
    assert path.read_text(encoding="utf-8") == 'theme = "old"\n'
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "old"\n', encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        save_settings(Settings(theme="new"), path)
    assert path.read_text(encoding="utf-8") == 'theme = "old"\n'
    assert [p.name for p in tmp_path.iterdir()] == ["config.toml"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and symlinks")
def test_save_keeps_permissions_and_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "hamish.toml"
    real.parent.mkdir()
    real.write_text("", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_settings(Settings(width=50), link)
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert load_settings(real)[0].width == 50


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_settings(Settings(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("through_a_link", [False, True], ids=["pipe", "link-to-pipe"])
def test_a_save_never_replaces_what_is_not_a_regular_file(
    tmp_path: Path, through_a_link: bool
) -> None:
    """A config path naming a pipe (or a device) is left as it is, with a clear error."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    path = pipe
    if through_a_link:
        path = tmp_path / "config.toml"
        path.symlink_to(pipe)
    with pytest.raises(OSError) as caught:
        save_settings(Settings(width=50), path)
    assert str(caught.value) == ("not a regular file (a FIFO); hamish writes only regular files")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"pipe", path.name})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_config_that_is_a_pipe_is_not_read(tmp_path: Path) -> None:
    """Reading it would wait for a writer for ever: the defaults, and one problem."""
    pipe = tmp_path / "config.toml"
    os.mkfifo(pipe)
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.append(load_settings(pipe)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading the config blocked on the pipe"
    ((settings, problems),) = result  # type: ignore[misc]
    assert settings == Settings()
    assert len(problems) == 1 and problems[0].endswith("config.toml: not a regular file (a FIFO)")
