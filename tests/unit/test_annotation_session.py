"""Random key sequences on random texts: spans always round-trip through the saved file.

Keys act on a Session with a Navigator over the real layout through the
annotation screen's own action table (reader.annotation.actions), minus the terminal.
"""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from record_schema import validate_record

from reader.annotation.actions import ACTIONS, perform
from reader.annotation.navigation import Navigator
from reader.annotation.session import Session
from reader.annotation.spans import Annotations
from reader.annotation.tasks import task_record
from reader.annotation.tokens import token_at, tokenize
from reader.layout import DocumentLayout, LayoutOptions
from reader.layout.flow import Flow

WORDS = [
    "والعراق",
    "لبغداد",
    "للعراق",
    "بالحسكة",
    "كتابهم",
    "أصدقائنا",
    "داعش",
    "لداعش",
    "جون",
    "برينان",
    "وَالْعِرَاقِ",
    "ISIS",
    "Brennan",
    "2022",
    "٢٠٢٢",
    "(",
    ")",
    "،",
    ".",
    "«",
    "»",
    "COVID-19",
]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\r\n", "\t"]
KEYS = ["token-left", "token-right", "token-up", "token-down", "select-left", "select-right",
        "trim-start", "trim-end", "label-1", "label-2", "label-3", "remove-span", "undo", "redo",
        "take-suggestion"]  # fmt: skip
assert set(KEYS) <= set(ACTIONS)


@st.composite
def documents(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True)).rstrip()


def press(session: Session, nav: Navigator, key_id: str) -> None:
    """One key, through the table the annotation screen runs its keys through."""
    before = session.target()
    perform(key_id, session, nav)
    if key_id.startswith("trim-"):
        check_trim(session, before, session.selection(), at_start=key_id == "trim-start")


def check_trim(session: Session, before, after, *, at_start: bool) -> None:
    """t and T never make an empty span, nor one outside its token."""
    if before is None:
        return
    assert after is not None
    start, end = after
    assert start < end
    text = session.text
    if at_start:
        token = session.tokens[token_at(session.tokens, before[0])]
        assert token.start <= start < token.end and end == before[1]
        assert text[start:end].strip()
    else:
        token = session.tokens[token_at(session.tokens, before[1] - 1)]
        assert token.start < end <= token.end and start == before[0]


@given(documents(), st.integers(8, 40), st.lists(st.sampled_from(KEYS), max_size=40), st.booleans())
def test_every_saved_span_round_trips(
    text: str, width: int, keys: list[str], overlap: bool
) -> None:
    tokens = tokenize(text)
    flow = Flow(DocumentLayout(text, width, LayoutOptions()))
    nav = Navigator(flow, tokens)
    session = Session(text, tokens, ["PER", "ORG", "GPE"], Annotations(overlap=overlap))
    for key in keys:
        press(session, nav, key)
        selection = session.selection()
        if selection is not None:
            assert 0 <= selection[0] < selection[1] <= len(text)
        for span in session.annotations.spans:
            assert 0 <= span.start < span.end <= len(text)
    spans = session.annotations.spans
    if not overlap:
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    record = task_record(
        text=text, meta={}, doc_id="doc.txt", spans=list(spans), answer="accept",
        annotator="t", tokens=tokens,
    )  # fmt: skip
    assert validate_record(record) == []
    loaded = json.loads(json.dumps(record, ensure_ascii=False))
    assert [(s["start"], s["end"], s["label"]) for s in loaded["spans"]] == [
        (s.start, s.end, s.label) for s in spans
    ]
    for saved in loaded["spans"]:
        assert text[saved["start"] : saved["end"]] == saved["text"]
        first, last = loaded["tokens"][saved["token_start"]], loaded["tokens"][saved["token_end"]]
        assert (first["start"], last["end"]) == (saved["start"], saved["end"])
