"""Compacting the output file: one full record per document, written beside it and
renamed over it, so the file is whole at every moment.

What each document becomes, in the order documents first appear:

* its latest line, when that is a full record: copied byte for byte;
* when it is a change line, the full record it stands for
  (:func:`reader.annotation.changes.merged_record`): the latest full record
  of the same document and text, with the change's spans (checked as on
  opening: a bad one is left out and said) and answer;
* a change line with no full record of its text (hamish was stopped before
  it wrote one): kept as it is, and said, since no text is there to make one
  of; opening its input in hamish writes it.

The new file is made beside the real file (through a symbolic link) as
``.NAME.compacting``, written, fsynced and locked, then renamed over the
file, and the folder fsynced.  A compaction killed before the rename leaves
the file as it was (and that side file, which the next compaction replaces:
it runs under the output's lock, so no other compaction can be writing it).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator

from reader.annotation.changes import merged_record
from reader.annotation.resume import resume
from reader.annotation.store_files import StoreError, lock_output, pread_exactly
from reader.annotation.store_index import Place, StoreIndex
from reader.annotation.store_lines import decoded, encode
from reader.annotation.store_tail import FileEnd
from reader.files.durable import fsync_dir
from reader.files.errors import os_reason

SIDE_SUFFIX = ".compacting"
"""Added to the output's name, after a dot, for the file a compaction writes."""


def compacted_lines(path: str, fd: int, index: StoreIndex, problems: list[str]) -> Iterator[bytes]:
    """The lines of the compacted file, a document at a time; what had to be said
    goes to ``problems``."""
    for key, (place, change) in list(index.last.items()):
        line = _read(fd, place)
        if not change:
            yield line
            continue
        full = index.full.get(key)
        record = decoded(line)
        base = decoded(_read(fd, full[0])) if full is not None else None
        if base is None or base.get("_input_hash") != record.get("_input_hash"):
            problems.append(
                f"{path}:{place.line}: the changes saved last have no full record of their "
                "text (hamish stopped before writing one); kept as they are: open the "
                "input in hamish once to write it"
            )
            yield line
            continue
        resumed = resume(record, base["text"], f"{path}:{place.line}")
        problems.extend(resumed.problems)
        yield encode(merged_record(base, record, resumed.spans))


def refusal(fd: int, tail: FileEnd) -> str | None:
    """Why the file cannot be compacted now, or None."""
    if tail.torn is not None:
        return f"its last line (line {tail.torn.line}) is torn: open it in hamish first"
    if tail.skipped:
        return (
            f"{len(tail.skipped)} lines are not records ({tail.skipped[0]}); "
            "compacting would drop them: mend or remove them first"
        )
    if tail.changed_behind(fd):
        return "another program wrote to it since it was opened"
    return None


def _read(fd: int, place: Place) -> bytes:
    return pread_exactly(fd, place.start, place.length)


def side_path(path: str) -> str:
    """Where the compaction of ``path`` is written: beside the real file."""
    real = os.path.realpath(path)
    folder, name = os.path.split(real)
    return os.path.join(folder, f".{name}{SIDE_SUFFIX}")


def write_beside(path: str, lines: Iterable[bytes]) -> int:
    """Write ``lines`` to a new file beside ``path``, fsync and lock it, and rename it
    over the real file; the new file, open to read and append, and locked.

    Raises StoreError, having removed the new file, when any of that fails
    before the rename; the file at ``path`` is then as it was.
    """
    real = os.path.realpath(path)
    side = side_path(path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(side)  # left by a compaction that was killed: ours, under the lock
    mode = os.stat(real).st_mode & 0o777
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(side, flags, mode)
    except OSError as err:
        raise StoreError(path, f"cannot be compacted: {side}: {os_reason(err)}") from None
    try:
        for data in lines:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        os.fsync(fd)
        lock_output(side, fd)  # before its name is the output's: never unlocked there
        os.replace(side, real)
    except BaseException as err:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(side)
        if isinstance(err, OSError):
            raise StoreError(path, f"cannot be compacted ({os_reason(err)})") from None
        raise
    fsync_dir(os.path.dirname(real))
    return fd
