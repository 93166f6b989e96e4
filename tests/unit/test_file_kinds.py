"""One check of file kinds serves reading and writing: both refuse the same files, alike."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from reader.documents.errors import InputError
from reader.documents.reading import open_regular
from reader.files.durable import NotRegularFile, check_regular
from reader.files.kinds import file_kind


def test_a_regular_file_has_no_kind_to_refuse_and_the_others_are_named() -> None:
    assert file_kind(stat.S_IFREG | 0o644) is None
    assert file_kind(stat.S_IFDIR | 0o755) == "a directory"
    assert file_kind(stat.S_IFCHR) == "a character device"
    assert file_kind(stat.S_IFBLK) == "a block device"
    assert file_kind(stat.S_IFIFO) == "a FIFO"
    assert file_kind(stat.S_IFSOCK) == "a socket"
    assert file_kind(stat.S_IFLNK) == "not a plain file"  # an lstat's link: never asked of


def refused_files(tmp_path: Path) -> dict[str, str]:
    """Files of every kind hamish refuses, by path, and the kind in words."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    link = tmp_path / "null.txt"
    link.symlink_to("/dev/null")
    return {
        str(fifo): "a FIFO",
        str(tmp_path / "sock"): "a socket",
        str(link): "a character device",
        str(tmp_path): "a directory",
    }


def test_reading_and_writing_refuse_the_same_files_by_the_same_kind(tmp_path: Path) -> None:
    regular = tmp_path / "a.txt"
    regular.write_text("x")
    check_regular(regular)
    open_regular(str(regular)).close()
    for path, kind in refused_files(tmp_path).items():
        with pytest.raises(NotRegularFile) as written:
            check_regular(path)
        assert written.value.kind == kind
        with pytest.raises(InputError) as read:
            open_regular(path)
        why = "is a directory" if kind == "a directory" else f"not a regular file ({kind})"
        assert str(read.value) == f"{path}: {why}"
