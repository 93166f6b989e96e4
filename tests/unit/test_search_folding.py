"""Search's tables against the issue: letters folded together, characters ignored."""

from __future__ import annotations

import subprocess
import sys

from search_helpers import (
    EQUIVALENT,
    ISSUE_IGNORABLE,
    KASRA,
    RLM,
    TATWEEL,
    ZWNJ,
)

from reader.search import IGNORABLE, fold, strip_ignorables

# --- fold and the ignorable set ---------------------------------------------


def test_ignorable_set_is_the_one_in_the_issue() -> None:
    assert IGNORABLE == ISSUE_IGNORABLE
    # Hebrew punctuation between the points is not ignorable: maqaf, paseq, ...
    assert not {"\u05be", "\u05c0", "\u05c3", "\u05c6"} & IGNORABLE


def test_fold_is_one_to_one_over_the_whole_bmp() -> None:
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    folded = fold(every)
    assert len(folded) == len(every)
    changed = {a: b for a, b in zip(every, folded, strict=True) if a != b}
    assert changed == EQUIVALENT


def test_fold_leaves_case_and_marks_alone() -> None:
    text = "ISIS " + "إ" + KASRA + "لى" + TATWEEL
    assert fold(text) == "ISIS " + "ا" + KASRA + "لي" + TATWEEL


def test_strip_ignorables() -> None:
    assert strip_ignorables("الرَّئيسُ" + ZWNJ + TATWEEL + RLM) == "الرئيس"
    assert strip_ignorables("abc") == "abc"


def test_search_does_not_load_textual() -> None:
    code = "import sys, reader.search; sys.exit(1 if 'textual' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"reader.search imports textual: {result.stderr}"
