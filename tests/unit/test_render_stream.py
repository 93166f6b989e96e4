"""`hamish render` a paragraph at a time prints what the whole-document layout prints.

The expected side is ``DocumentLayout`` over the whole text, as the reader
lays it out; the streaming side never sees more than a paragraph at once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.documents import load_article
from reader.documents.stream import paragraphs
from reader.files.bundled import samples_dir
from reader.layout import DocumentLayout, LayoutOptions
from reader.layout import render as render_module
from reader.layout.render import level_ahead, rendered

HOSTILE = {
    "neutral-first.txt": "123 456\n\n-- !!\nقال الرئيس (ISIS) 2022\n999\nabc def\n",
    "ltr-then-neutral.txt": "...\n12\nHello world\n555\nمرحبا\n",
    "no-strong.txt": "1 2 3\n\n4 5 6 ... !!\n",
    "breaks.txt": "\ufeffقال (ISIS)\r\nabc\r\n\r\n123\r\nلا\u2029x\u2029\u2029\ry\n",
    "tabs.txt": "\tقال  الرئيس\t\tabc   def \n   indented مرحبا\n \t x",
    "controls.txt": "title\x1b]0;pwned\x07 \x1b[2J red \x85 \u2028 [b]b[/b]\n\x7f\x01x\n",
    "bidi.txt": "\u202bقال abc\u202c \u2067abc مرحبا\u2069 \u200fx (a[b)c]\n\u2068\u2069\n",
    "long-word.txt": "ا" * 300 + " " + "b" * 250 + " x\n",
    "harakat.txt": "بِسْمِ اللَّهِ الرَّحْمَٰنِ لَا إِلَٰهَ\nـــ\u200dب\u200cت\n\u0651\u064e\n",
    "front-matter.md": '+++\ntitle = "x"\n+++\n\n...\nمرحبا\n',
}
OPTIONS = [
    LayoutOptions(),
    LayoutOptions(direction="rtl", harakat=False),
    LayoutOptions(bidi="terminal"),
    LayoutOptions(show_formatting=True, shaping=False),
]


def fixtures(tmp_path: Path) -> list[Path]:
    for name, text in HOSTILE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return sorted(samples_dir().glob("*.txt")) + sorted(tmp_path.iterdir())


def whole_layout(path: Path, width: int, options: LayoutOptions, as_json: bool) -> list[str]:
    layout = DocumentLayout(load_article(str(path)).text, width, options)
    if not as_json:
        return list(layout.lines())
    return [
        json.dumps(
            {
                "row": r.y,
                "start": r.start,
                "end": r.end,
                "direction": r.direction,
                "visual": r.visual,
            },
            ensure_ascii=False,
        )
        for r in layout.rows
    ]


def streamed(
    path: Path, width: int, options: LayoutOptions, as_json: bool, ahead: bool
) -> list[str]:
    with path.open("rb") as f:
        out = rendered(
            paragraphs(f, str(path)),
            width,
            options,
            as_json=as_json,
            look_ahead=(lambda: level_ahead(str(path))) if ahead else None,
        )
        return [line for lines in out for line in lines]


@pytest.mark.parametrize("width", [7, 40, 80])
@pytest.mark.parametrize("as_json", [False, True])
def test_streamed_rows_are_the_whole_layout_rows(tmp_path: Path, width: int, as_json: bool) -> None:
    for path in fixtures(tmp_path):
        for options in OPTIONS:
            expected = whole_layout(path, width, options, as_json)
            for ahead in (True, False):  # a file looks ahead; standard input waits
                assert streamed(path, width, options, as_json, ahead) == expected, (
                    path.name,
                    options,
                )


def test_on_a_stream_neutral_paragraphs_wait_for_a_strong_letter_up_to_a_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "late.txt"
    path.write_text("123\n456\n" + "7" * 50 + "\nمرحبا\n999\n", encoding="utf-8")

    def directions() -> list[str]:
        lines = streamed(path, 80, LayoutOptions(), as_json=True, ahead=False)
        return [json.loads(line)["direction"] for line in lines]

    assert directions() == ["rtl"] * 5  # they waited for مرحبا
    monkeypatch.setattr(render_module, "HOLD_LIMIT", 20)
    # Past the limit the document is taken as left to right, as one with no
    # strong letter is; later neutral paragraphs follow that.
    assert directions() == ["ltr", "ltr", "ltr", "rtl", "ltr"]
