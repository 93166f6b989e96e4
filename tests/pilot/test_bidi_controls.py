"""Bidi controls in a label never reach the terminal raw, nor turn one label into another.

A label ``X<CSI>7mY<RLO>ZW`` once put U+202E on the screen raw (the entity
panel's label column, the status line), and a label ``<RLO>LOC`` showed as
``COL`` in the legend, where the engine had obeyed it.  A label file or
``--labels`` may no longer name such a label, but a saved output still can.
"""

from __future__ import annotations

from hostile import BIDI_CONTROLS, SCRAMBLER_SHOWN, doccano_with_bidi_labels
from pilot_helpers import screen_lines, settle

from reader.ui.widgets.entity_panel import EntityPanel


async def test_labels_from_the_input_with_bidi_controls_show_stand_ins(make_app, tmp_path) -> None:
    source = doccano_with_bidi_labels(tmp_path / "export.jsonl")  # its labels come in
    out = tmp_path / "out.jsonl"
    app = make_app("--labels", "PER,ORG", "--output", str(out), str(source))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert "cba" in "\n".join(screen_lines(app))  # the article's own RLO is obeyed
        legend = str(app.screen.query_one("Legend").content)
        assert "\u21daLOC" in legend and "COL" not in legend  # ⇚LOC, never COL
        assert SCRAMBLER_SHOWN in legend  # not ZW turned round to WZ
        status = str(app.screen.query_one("#status").render())
        assert SCRAMBLER_SHOWN in status  # the span under the cursor: بغداد
        await pilot.press("e")
        await settle(pilot)
        panel = app.screen.query_one(EntityPanel)
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert len(prompts) == 2
        assert prompts[0].startswith(SCRAMBLER_SHOWN) and prompts[1].startswith("\u21daLOC")
        assert not set(BIDI_CONTROLS) & set("".join(screen_lines(app)))
