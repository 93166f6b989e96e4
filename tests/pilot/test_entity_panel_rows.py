"""The entity panel at a narrow width: a span's text that does not fit its
column is laid out by hamish's engine, row under row, top to bottom in reading
order, each row in the text column (issue 13's tester)."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import SEED, screen_lines, search_for, settle

LABELS = str(Path(__file__).parent.parent / "data" / "labels-12.toml")

# التحالف الدولي لمحاربة, shaped, each row in visual order (typed, not computed).
FIRST_ROW = "ﻲﻟﻭﺪﻟﺍ ﻒﻟﺎﺤﺘﻟﺍ"  # التحالف الدولي
SECOND_ROW = "ﺔﺑﺭﺎﺤﻤﻟ"  # لمحاربة


async def test_a_wrapped_span_reads_top_to_bottom_in_its_text_column(make_app, tmp_path) -> None:
    app = make_app("--label-file", LABELS, "--output", str(tmp_path / "o.jsonl"), SEED)
    async with app.run_test(size=(50, 15)) as pilot:
        await settle(pilot)
        await search_for(pilot, "التحالف")
        await pilot.press("shift+left", "shift+left")  # التحالف الدولي لمحاربة
        await pilot.press("2", "e")  # ORG, then the panel
        await settle(pilot)
        panel = app.screen.query_one("#entities").region
        rows = [
            line[panel.x : panel.right].rstrip(" ▎")
            for line in screen_lines(app)[panel.y : panel.bottom]
        ]
        at = next(n for n, row in enumerate(rows) if "ORG" in row)
        label_column = rows[at].index("ORG")
        text_column = rows[at].index(FIRST_ROW)
        assert rows[at][text_column:] == FIRST_ROW
        assert rows[at + 1].index(SECOND_ROW) == text_column > label_column
        assert rows[at + 1][text_column:] == SECOND_ROW
