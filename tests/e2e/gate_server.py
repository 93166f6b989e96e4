"""A GatedServer with made-up tokens, for the gate's own tests (no database).

``python gate_server.py PORT MARKERS [TOKEN=NAME ...]``: each session that
starts writes the annotator's name into a new file in MARKERS, then runs the
reader on the seed article under the web driver.  The token ``down`` stands
for a store that cannot be reached: looking it up fails.
"""

from __future__ import annotations

import shlex
import sys

from reader.files.bundled import sample_path
from reader.web.gate import GatedServer


def main() -> None:
    port, markers, *pairs = sys.argv[1:]
    tokens = dict(pair.split("=", 1) for pair in pairs)

    def annotator_for(token: str) -> str | None:
        if token == "down":
            raise ConnectionRefusedError("the store is down")
        return tokens.get(token)

    reader = shlex.join(
        [sys.executable, "-m", "reader", str(sample_path("shafaq-news-ghwayran-2022.txt"))]
    )

    def command_for(name: str) -> str:
        marker = shlex.quote(f"{markers}/session-") + "$$"
        return f"printf %s {shlex.quote(name)} > {marker}; exec {reader}"

    GatedServer(
        annotator_for=annotator_for, command_for=command_for, host="127.0.0.1", port=int(port)
    ).serve()


if __name__ == "__main__":
    main()
