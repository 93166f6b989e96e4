"""Undo and redo say what they moved: a named step by its name, any other by its spans."""

from __future__ import annotations

from reader.annotation.actions import perform
from reader.annotation.navigation import Navigator
from reader.annotation.session import Session
from reader.annotation.spans import Annotations, Span
from reader.annotation.tokens import tokenize
from reader.layout import DocumentLayout, LayoutOptions
from reader.layout.flow import Flow

TEXT = "جون برينان في بغداد"
FSI, PDI = "\u2068", "\u2069"


def session_on(notes: Annotations) -> tuple[Session, Navigator]:
    tokens = tokenize(TEXT)
    nav = Navigator(Flow(DocumentLayout(TEXT, 40, LayoutOptions())), tokens)
    return Session(TEXT, tokens, ["PER", "ORG", "GPE"], notes), nav


def said(session: Session, nav: Navigator, key_id: str) -> str:
    return perform(key_id, session, nav).said.replace(FSI, "").replace(PDI, "")


def test_a_named_step_is_said_by_its_name_both_ways() -> None:
    notes = Annotations()
    session, nav = session_on(notes)
    notes.add(Span(0, 3, "PER"))
    notes.name_step("took bob's whole document")
    notes.add(Span(14, 19, "GPE"))  # a later step, not named
    assert said(session, nav, "undo") == "undid: GPE بغداد gone"
    assert said(session, nav, "undo") == "undid: took bob's whole document"
    assert notes.spans == ()
    assert said(session, nav, "redo") == "redid: took bob's whole document"
    assert said(session, nav, "redo") == "redid: GPE بغداد back"
    assert said(session, nav, "redo") == "nothing to redo"


def test_an_unnamed_step_is_said_by_the_spans_it_moved() -> None:
    notes = Annotations([Span(0, 3, "PER")])
    session, nav = session_on(notes)
    notes.add(Span(0, 10, "ORG"))  # replaces PER جون
    assert said(session, nav, "undo") == "undid: ORG جون برينان gone, PER جون back"
    assert said(session, nav, "undo") == "nothing to undo"
    notes.add_all([Span(0, 3, "ORG"), Span(4, 10, "PER"), Span(11, 13, "ORG"), Span(14, 19, "GPE")])
    assert said(session, nav, "undo") == "undid: 4 spans gone, PER جون back"  # counted, not listed
