"""Peak memory of `hamish render` on a big file against a small one, in the same run.

    python benchmarks/render_memory.py [--small 0.5] [--big 8] [--rounds 3]

Both files are distinct paragraphs of Arabic news text (the corpus of
``layout_speed.py``), written to a temporary folder.  Each is rendered by
the installed ``hamish`` beside this Python, as a user would
(``hamish render FILE --width 80 > /dev/null``, and again with ``--json``),
each in a new process; its peak resident set is read from ``wait4``.
Target: the big file's peak at most 1.5x the small one's, as render holds
one paragraph at a time.  The times are printed too.  Each figure is the
least over ``--rounds`` runs.  It is a report, not a test: it exits 0.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from layout_speed import corpus
from report import Figure, print_table


def hamish_command() -> str:
    """The installed ``hamish`` beside this Python."""
    command = Path(sys.executable).parent / "hamish"
    if not command.exists():
        sys.exit(f"{command} not found: install hamish into this environment first")
    return str(command)


def peak(argv: list[str]) -> tuple[int, float]:
    """(peak resident bytes, seconds) of running ``argv`` with its output thrown away."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        child = subprocess.Popen(argv, stdout=devnull)
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{argv} exited {child.returncode}")
    return usage.ru_maxrss * 1024, time.perf_counter() - start  # Linux: in KiB


def mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=float, default=0.5, help="MB")
    parser.add_argument("--big", type=float, default=8.0, help="MB")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    hamish = hamish_command()
    with tempfile.TemporaryDirectory(prefix="hamish-bench-") as tmp:
        files = {}
        for name, mb in (("small", args.small), ("big", args.big)):
            path = Path(tmp) / f"{name}.txt"
            path.write_text("\n".join(corpus(mb)) + "\n", encoding="utf-8")
            files[name] = path
        figures = []
        for extra in ([], ["--json"]):
            least: dict[str, tuple[int, float]] = {}
            for _ in range(args.rounds):
                for name, path in files.items():
                    found = peak([hamish, "render", str(path), "--width", "80", *extra])
                    old = least.get(name, (1 << 62, 1e9))
                    least[name] = (min(old[0], found[0]), min(old[1], found[1]))
            label = " ".join(["render", *extra])
            for name, path in files.items():
                size = path.stat().st_size / 1e6
                rss, seconds = least[name]
                print(f"{label:14s} {name:5s} {size:5.1f} MB: peak {mib(rss)}, {seconds:.2f} s")
            figures.append(
                Figure(
                    f"{label}: peak memory, {args.big:g} vs {args.small:g} MB",
                    least["small"][0],
                    least["big"][0],
                    1.5,
                )
            )
    print()
    print_table(figures, unit=mib)


if __name__ == "__main__":
    main()
