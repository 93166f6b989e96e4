"""Status texts of the annotation screen, trims' cycle order, accepting all suggestions."""

from __future__ import annotations

from reader.annotation.session import Session
from reader.annotation.spans import Annotations, Span
from reader.annotation.status import selection_status, trim_cycle, under_cursor
from reader.annotation.tokens import tokenize

TEXT = "قال جون برينان للعراق والعراق كتابهم"


def session(spans=(), suggestions=()) -> Session:  # type: ignore[no-untyped-def]
    return Session(TEXT, tokenize(TEXT), ["PER", "GPE"], Annotations(spans), suggestions)


def on(s: Session, word: str) -> Session:
    s.go_to(TEXT.index(word))
    return s


def test_t_with_no_selection_takes_the_cursors_token_and_says_what_it_took() -> None:
    s = on(session(), "للعراق")
    assert selection_status(s) == ""
    s.trim_start()
    assert selection_status(s) == "selection: \u2068لعراق\u2069 (from \u2068للعراق\u2069)"
    s.trim_start()
    assert selection_status(s) == "selection: \u2068عراق\u2069 (from \u2068للعراق\u2069)"
    s.trim_start()
    assert selection_status(s) == "selection: \u2068للعراق\u2069"


def test_the_cycle_is_said_whole_token_first() -> None:
    s = on(session(), "والعراق")
    assert trim_cycle(s, at_start=True) == (
        "t: \u2068والعراق\u2069 › \u2068العراق\u2069 › \u2068عراق\u2069"
    )
    assert trim_cycle(on(s, "برينان"), at_start=True) == "t: \u2068برينان\u2069 › \u2068رينان\u2069"
    assert trim_cycle(on(s, "كتابهم"), at_start=False) == "T: \u2068كتابهم\u2069 › \u2068كتاب\u2069"
    assert trim_cycle(on(s, "قال"), at_start=True) == "t: nothing to trim here"


def test_under_cursor_names_the_span_else_the_suggestion() -> None:
    john = TEXT.index("جون")
    s = on(session([Span(john, john + 10, "PER")], [Span(TEXT.index("عراق"), 21, "GPE")]), "جون")
    assert under_cursor(s) == "PER \u2068جون برينان\u2069"
    assert under_cursor(on(s, "للعراق")) == "Enter: GPE \u2068عراق\u2069"
    assert under_cursor(on(s, "قال")) == ""


def test_accepting_every_suggestion_is_one_undo_step() -> None:
    iraq, wiraq = TEXT.index("عراق"), TEXT.index("والعراق") + 3
    s = session(suggestions=[Span(wiraq, wiraq + 4, "GPE"), Span(iraq, iraq + 4, "GPE")])
    taken = s.accept_all_suggestions()
    assert taken == [Span(iraq, iraq + 4, "GPE"), Span(wiraq, wiraq + 4, "GPE")]
    assert s.suggestions == [] and s.annotations.spans == tuple(taken)
    assert s.annotations.undo() and s.annotations.spans == ()
    assert not s.annotations.can_undo


def test_overlapping_suggestions_take_the_first_only() -> None:
    a = Annotations()
    assert a.add_all([Span(0, 5, "PER"), Span(3, 8, "GPE"), Span(9, 10, "GPE")]) == [
        Span(0, 5, "PER"),
        Span(9, 10, "GPE"),
    ]


def test_accepting_all_replaces_the_spans_they_overlap_in_one_step() -> None:
    a = Annotations([Span(0, 2, "PER"), Span(4, 6, "PER"), Span(20, 22, "PER")])
    taken = a.add_all([Span(9, 12, "GPE"), Span(1, 5, "ORG"), Span(11, 14, "ORG")])
    assert taken == [Span(1, 5, "ORG"), Span(9, 12, "GPE")]  # 11-14 overlaps 9-12: left out
    assert a.spans == (Span(1, 5, "ORG"), Span(9, 12, "GPE"), Span(20, 22, "PER"))
    assert a.undo() and a.spans == (Span(0, 2, "PER"), Span(4, 6, "PER"), Span(20, 22, "PER"))


def test_with_overlap_accepting_all_keeps_everything() -> None:
    a = Annotations([Span(0, 5, "PER")], overlap=True)
    assert a.add_all([Span(3, 8, "ORG"), Span(0, 5, "PER"), Span(4, 6, "GPE")]) == [
        Span(3, 8, "ORG"),
        Span(4, 6, "GPE"),
    ]
    assert len(a.spans) == 3
