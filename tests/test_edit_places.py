"""Place completion: the file's places that match what is typed, by the start of each word, in any case and
with or without accents."""

from __future__ import annotations

from pathlib import Path

import pytest

from familytree.gedcom import read_file
from familytree.workspace.places import PlaceIndex

PLACES = ["Moscow, Russia", "Moscow, Russia", "Mostar, Bosnia", "Zürich, Switzerland", "Москва, Россия",
          "New York, New York, USA", "York, England", "Орёл, Россия", "Saint-Étienne, France",
          "Vienna, Austria"]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("mos", ["Moscow, Russia", "Mostar, Bosnia"]),  # the more used first
        ("MOSC", ["Moscow, Russia"]),
        ("zurich", ["Zürich, Switzerland"]),
        ("ZÜR", ["Zürich, Switzerland"]),
        ("моск", ["Москва, Россия"]),
        ("орел", ["Орёл, Россия"]),
        ("etienne", ["Saint-Étienne, France"]),
        ("russ", ["Moscow, Russia"]),
        ("york", ["York, England", "New York, New York, USA"]),  # those it begins first
        ("new york new", ["New York, New York, USA"]),
        ("york york", ["New York, New York, USA"]),  # each typed word a word of its own
        ("eng york", ["York, England"]),
        ("cow", []),  # by the start of a word only
        ("  ", []),
        ("россия", ["Москва, Россия", "Орёл, Россия"]),
    ],
)
def test_typed_text_finds_the_places_whose_words_it_begins(typed: str, found: list[str]) -> None:
    assert PlaceIndex(PLACES).matching(typed) == found


def test_a_place_an_edit_uses_is_offered_next_time() -> None:
    index = PlaceIndex(PLACES)
    assert index.matching("krasn") == []
    index.add("Krasnoyarsk,  Russia")
    assert index.matching("krasn") == ["Krasnoyarsk, Russia"]
    index.add("Mostar, Bosnia")
    index.add("Mostar, Bosnia")
    assert index.matching("mos") == ["Mostar, Bosnia", "Moscow, Russia"]


def test_the_limit_keeps_the_best() -> None:
    index = PlaceIndex(f"Place {n:03}" for n in range(300))
    assert index.matching("place", limit=3) == ["Place 000", "Place 001", "Place 002"]


def test_the_bundled_family_completes_its_own_places(bundled_path: Path) -> None:
    index = PlaceIndex.of(read_file(bundled_path))
    assert "Moscow, Russia" in index.matching("mosc")
    assert "Vienna, Austria" in index.matching("vie")
