"""ReadingPlaces: where each document was left, this session and the next."""

from __future__ import annotations

from pathlib import Path

from reader.library import Position
from reader.state.places import Place
from reader.state.reading_places import ReadingPlaces


def test_a_library_document_keeps_its_top_for_the_session(tmp_path: Path) -> None:
    places = ReadingPlaces(tmp_path / "state.db")
    assert places.top(Position(2, 5)) is None
    places.remember(Position(2, 5), "", 840, None)
    assert places.top(Position(2, 5)) == 840
    assert places.top(Position(2, 4)) is None  # another record of the same file


def test_an_entry_reopens_at_the_record_last_read(tmp_path: Path) -> None:
    places = ReadingPlaces(tmp_path / "state.db")
    assert places.resume(Position(3, 0)) == Position(3, 0)
    places.remember(Position(3, 7), "", 0, None)
    assert places.resume(Position(3, 0)) == Position(3, 7)
    assert places.resume(Position(3, 2)) == Position(3, 2)  # a record asked for by name
    assert places.resume(Position(4, 0)) == Position(4, 0)  # another entry


def test_a_document_from_elsewhere_is_saved_by_key_only(tmp_path: Path) -> None:
    places = ReadingPlaces(tmp_path / "state.db")
    assert places.remember(None, "https://example.org/a\nabc", 12, 30) is None
    assert places.saved("https://example.org/a\nabc") == Place(12, 30)
    assert places.resume(Position(0, 0)) == Position(0, 0)


def test_saved_places_survive_a_new_object_on_the_same_database(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    first = ReadingPlaces(db)
    first.remember(Position(0, 0), "/a.txt\nff", 100, 7)
    first.close()
    again = ReadingPlaces(db)
    assert again.saved("/a.txt\nff") == Place(100, 7)
    assert again.saved("/b.txt\nff") is None
    assert again.top(Position(0, 0)) is None  # session places are this run's only
    again.close()


def test_a_database_that_cannot_be_opened_is_said_once(tmp_path: Path) -> None:
    folder = tmp_path / "state.db"
    folder.mkdir()  # a directory where the database should be
    heard: list[str] = []
    places = ReadingPlaces(folder, on_problem=heard.append)
    assert places.saved("k") is None
    assert places.remember(Position(1, 0), "k", 5, None) is None
    assert places.top(Position(1, 0)) == 5  # the session still keeps it
    assert len(heard) == 1 and "reading places are not kept" in heard[0]
