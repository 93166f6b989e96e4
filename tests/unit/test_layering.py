"""The engine and data model never import Textual: only the interface may.

Every module of the package is found by walking it, so a new core module is
covered without anyone listing it.  Only the interface (``reader.ui``) may load
Textual; the command line (``reader.cli``) loads it only when the reader runs.

Each module is imported by a process of its own, forked from one Python
that has loaded only what the modules before it were found to load without
Textual: the child says whether ``textual`` came with the import.  Whatever
the parent holds is free of Textual, so Textual in a child can only have come
with the module it imported, as in a new interpreter; but each child loads
only what is new, instead of a new interpreter loading the whole chain
again for each of the hundred and fifty modules.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import reader

UI = "reader.ui"


def _modules() -> list[str]:
    found = [reader.__name__]
    for info in pkgutil.walk_packages(reader.__path__, prefix="reader."):
        found.append(info.name)
    return sorted(found)


ALL = _modules()
CORE = [m for m in ALL if m != UI and not m.startswith(UI + ".") and m != "reader.__main__"]

# Run by a new Python: for each module named on stdin, a forked child imports
# it and exits 0 (no Textual), 1 (Textual loaded) or 2 (the import failed, its
# error on stderr); after a 0 the parent imports the module too, so that later
# children start with it.  The parent prints {module: [code, stderr]} as JSON.
FORKING_CHECK = """
import json, os, sys, tempfile, traceback
assert "textual" not in sys.modules
results = {}
for module in sys.stdin.read().split():
    with tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:
            os.dup2(err.fileno(), 2)
            try:
                __import__(module)
                code = 1 if "textual" in sys.modules else 0
            except BaseException:
                traceback.print_exc()
                code = 2
            sys.stderr.flush()
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        results[module] = [code, err.read().decode("utf-8", "replace")]
    if code == 0:
        __import__(module)
        assert "textual" not in sys.modules, module
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def imported_alone() -> dict[str, list[object]]:
    """For each core module: its child's exit code and stderr (see FORKING_CHECK)."""
    done = subprocess.run(
        [sys.executable, "-c", FORKING_CHECK],
        input="\n".join(CORE),
        capture_output=True,
        text=True,
        check=True,
    )
    results: dict[str, list[object]] = json.loads(done.stdout)
    return results


def test_the_walk_finds_the_core_and_the_interface() -> None:
    # A walk that found nothing would make every test below pass vacuously.
    for expected in ("reader.layout.paragraph", "reader.annotation.store", "reader.cli.main"):
        assert expected in CORE
    assert "reader.ui.app" in ALL and "reader.ui.app" not in CORE


def test_the_check_sees_textual_when_a_module_brings_it(
    imported_alone: dict[str, list[object]],
) -> None:
    # The forked check must report a module that does load Textual, and a
    # broken import as a failure, or every test below would pass vacuously.
    done = subprocess.run(
        [sys.executable, "-c", FORKING_CHECK],
        input="reader.ui.app\nreader.no_such_module",
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(done.stdout)
    assert results["reader.ui.app"][0] == 1
    assert results["reader.no_such_module"][0] == 2
    assert "ModuleNotFoundError" in results["reader.no_such_module"][1]
    assert set(imported_alone) == set(CORE)


def test_no_core_module_loads_textual(imported_alone: dict[str, list[object]]) -> None:
    # One test for every module (each is still imported alone): the failure
    # names each module that loads Textual, with what its import said.
    loading = {module: stderr for module, (code, stderr) in imported_alone.items() if code != 0}
    assert loading == {}, "these modules import textual (or fail to import)"
