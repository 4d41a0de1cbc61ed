"""List fields that are usually empty (notes, citations, extra...) behave as plain lists."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable

import pytest

from familytree.model import Citation, Event, Family, Name, Note, Person, Place, Structure


def test_changes_through_any_access_are_kept() -> None:
    p = Person("@I1@")
    assert p.notes == []
    assert not p.citations
    p.notes.append(Note("a"))
    p.citations.extend([Citation("@S1@"), Citation("@S2@")])
    p.media += []
    p.extra += [Structure("_UID", "1")]
    p.associations.insert(0, "x")  # type: ignore[arg-type]
    assert p.notes == [Note("a")]
    assert [c.source_id for c in p.citations] == ["@S1@", "@S2@"]
    assert [s.tag for s in p.extra] == ["_UID"]
    assert p.associations == ["x"]
    assert p.media == []
    held = p.notes
    held.append(Note("b"))
    assert p.notes is held
    assert p.notes == [Note("a"), Note("b")]


def test_a_list_taken_before_any_change_still_changes_its_owner() -> None:
    ev = Event("BIRT")
    first, second = ev.citations, ev.citations
    first.append(Citation("@S1@"))
    second.append(Citation("@S2@"))
    assert [c.source_id for c in ev.citations] == ["@S1@", "@S2@"]
    first[0] = Citation("@S3@")
    assert ev.citations[0].source_id == "@S3@"


@pytest.mark.parametrize(("make", "field"), [
    (lambda: Person("@I1@"), "extra"), (lambda: Family("@F1@"), "notes"),
    (lambda: Name("A /B/"), "citations"), (lambda: Place("Moscow"), "translations"),
    (lambda: Structure("_X", "y"), "children"), (lambda: Note("text"), "extra"),
])
def test_empty_lists_compare_copy_and_pickle_as_lists(make: Callable[[], object], field: str) -> None:
    a, b = make(), make()
    assert a == b
    assert repr(a) == repr(b)
    assert pickle.loads(pickle.dumps(a)) == a
    c = copy.deepcopy(a)
    assert c == a
    getattr(c, field).append(Structure("_Y"))
    assert c != a
    assert getattr(a, field) == []
    assert getattr(pickle.loads(pickle.dumps(c)), field) == [Structure("_Y")]


def test_constructors_take_lists_as_before() -> None:
    ev = Event("BIRT", citations=[Citation("@S1@")], place=Place("Kyiv", notes=[Note("n")]))
    assert ev.citations[0].source_id == "@S1@"
    assert ev.place is not None
    assert ev.place.notes == [Note("n")]
    s = Structure("NOTE", "x", "", [Structure("CONT", "y")])
    assert s.child_value("CONT") == "y"
    assert Structure("A").child("B") is None


def test_a_shallow_copy_or_an_object_given_an_empty_list_shares_it_as_with_any_list() -> None:
    p = Person("@I1@")
    twin = copy.copy(p)
    twin.notes.append(Note("n"))
    ev = Event("BIRT")
    other = Event("DEAT", citations=ev.citations)
    other.citations.append(Citation("@S1@"))
    assert p.notes == [Note("n")]
    assert twin.notes is p.notes
    assert ev.citations == [Citation("@S1@")]
    assert other.citations is ev.citations
    other.place = Place("Paris")
    other.place.notes = ev.notes
    ev.notes.append(Note("m"))
    assert other.place.notes == [Note("m")]
