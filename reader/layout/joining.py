"""Contextual forms of Arabic letters, as arabic-reshaper chooses them, in C-speed passes.

arabic-reshaper walks the text one character at a time in Python and reads
its settings on every call; that walk was the largest single cost of laying
out Arabic text.  Its choice is simple, though: with harakat transparent, two
neighbouring letters join when the first joins on both sides (dual-joining)
and the second joins at least on its right.  A letter joined on both sides
takes its medial form, on its left only its initial form, on its right only
its final form, and otherwise its isolated form.  The form tables are
arabic-reshaper's own, so both always agree; a test holds :func:`contextual_forms`
to ``ArabicReshaper.reshape`` as hamish configures it.
"""

from __future__ import annotations

import re

from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, LETTERS_ARABIC, MEDIAL

_DUAL = "".join(ch for ch, forms in LETTERS_ARABIC.items() if forms[MEDIAL])
_RIGHT_ONLY = "".join(
    ch for ch, forms in LETTERS_ARABIC.items() if forms[FINAL] and not forms[MEDIAL]
)
_TRANSPARENT = "".join(chr(c) for c in range(0x0600, 0x0900) if HARAKAT_RE.match(chr(c)))
# A run that may join: a dual-joining letter, more of them and harakat, and
# perhaps a letter that joins only on its right.  Every repeat is of one
# character class, which the regex engine runs in constant memory even over
# a word of megabytes.
_RUN = re.compile(
    f"[{re.escape(_DUAL)}][{re.escape(_DUAL + _TRANSPARENT)}]*[{re.escape(_RIGHT_ONLY)}]?"
)
_ISOLATED = str.maketrans({ch: forms[ISOLATED] for ch, forms in LETTERS_ARABIC.items()})
_MEDIAL = str.maketrans(
    {ch: forms[MEDIAL] for ch, forms in LETTERS_ARABIC.items() if forms[MEDIAL]}
)
_INITIAL: dict[str, str] = {
    ch: forms[INITIAL] for ch, forms in LETTERS_ARABIC.items() if forms[INITIAL]
}
_FINAL: dict[str, str] = {ch: forms[FINAL] for ch, forms in LETTERS_ARABIC.items() if forms[FINAL]}


def _joined(m: re.Match[str]) -> str:
    run = m.group()
    letters = run.rstrip(_TRANSPARENT)  # harakat after the last letter stay as they are
    if len(letters) == 1:
        return run  # one letter with its harakat: it joins nothing
    tail = run[len(letters) :]
    return _INITIAL[letters[0]] + letters[1:-1].translate(_MEDIAL) + _FINAL[letters[-1]] + tail


def contextual_forms(text: str) -> str:
    """``text`` with every Arabic letter in its contextual form, one for one.

    The same as arabic-reshaper with harakat and tatweel kept, no ligatures,
    and isolated forms for letters that join nothing, for text with no ZWJ
    (hamish hands it tatweel instead).  Other characters are left alone and
    join nothing.
    """
    # The joined runs are rewritten first; what is left of the letters is
    # isolated.  No form is itself a letter of the table (tatweel and ZWJ are
    # their own forms), so the second pass cannot touch the first's output.
    return _RUN.sub(_joined, text).translate(_ISOLATED)
