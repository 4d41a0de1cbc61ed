"""What an editor holds until OK, made into edits: only what the user changed, by identity, one undo away."""

from __future__ import annotations

from pathlib import Path

import pytest

from familytree.gedcom import read_file
from familytree.model import NameType, Sex, Tree
from familytree.model.date_input import read_date
from familytree.ui import edit_drafts as d
from familytree.workspace import UndoStack
from familytree.workspace import editing as e
from support.edits import snapshot

SERGEI, OLGA = "@I1@", "@I5@"


@pytest.fixture
def tree(bundled_path: Path) -> Tree:
    return read_file(bundled_path)


def facts_of(tree: Tree, person_id: str) -> d.ListDraft:
    return d.ListDraft.of(d.fact_row(event) for event in tree.people[person_id].events)


def names_of(tree: Tree, person_id: str) -> d.ListDraft:
    return d.ListDraft.of(d.name_row(name) for name in tree.people[person_id].names)


def test_renamed_reordered_removed_and_added_in_one_go_then_undone_to_the_file_read(tree: Tree) -> None:
    before = snapshot(tree)
    stack = UndoStack(tree)
    names = names_of(tree, SERGEI)
    names.rows[0].current["given"] = "Sergius"
    names.rows[0].children.rows[0].current["lang"] = "ru-Cyrl"
    names.move(3, 0)  # Serezha made the main name
    names.remove(2)
    names.add(d.name_row())
    names.rows[-1].current.update(given="Seryozha", type=NameType.NICKNAME)
    names.add(d.name_row())  # added and left empty: no name
    facts = facts_of(tree, SERGEI)
    birth = d.fact_row(None, "BAPM")
    birth.current.update(date="abt 1908", place="Moscow, Russia")
    birth.children.add(d.citation_row(new_source=("Register", "A. Clerk", "1908"), page="entry 3",
                                      text="baptised", quality=3))
    facts.add(birth, 1)
    facts.remove(5)
    with stack.macro("the editor's OK"):
        d.sync_names(stack, SERGEI, names)
        d.sync_facts(stack, ("INDI", SERGEI), facts)
    person = tree.people[SERGEI]
    assert [n.display() for n in person.names] == ["Serezha", "Sergius Sedov", "Sergey Sedov", "Seryozha"]
    assert person.names[1].translations[0].lang == "ru-Cyrl"
    assert person.names[1].full == "Sergius /Sedov/"
    baptism = person.events[1]
    assert (baptism.tag, baptism.date, baptism.place.name if baptism.place else "") == \
        ("BAPM", read_date("abt 1908").date, "Moscow, Russia")
    source = tree.sources[baptism.citations[0].source_id]
    assert (source.title, source.author, source.publication) == ("Register", "A. Clerk", "1908")
    assert (baptism.citations[0].page, baptism.citations[0].text, baptism.citations[0].quality) == \
        ("entry 3", ["baptised"], 3)
    assert len(stack.edits) == 1
    stack.undo()
    assert snapshot(tree) == before
    stack.redo()
    assert [n.display() for n in tree.people[SERGEI].names][0] == "Serezha"


def test_nothing_changed_makes_no_edit(tree: Tree) -> None:
    stack = UndoStack(tree)
    with stack.macro("nothing"):
        d.sync_names(stack, SERGEI, names_of(tree, SERGEI))
        d.sync_facts(stack, ("INDI", SERGEI), facts_of(tree, SERGEI))
        d.sync_notes(stack, ("INDI", SERGEI), d.notes_draft(tree, tree.people[SERGEI].notes))
    assert stack.edits == []


def test_an_edit_made_elsewhere_meanwhile_stays(tree: Tree) -> None:
    """The editor opened; then the chart's menu changed the same person (or Undo did): OK changes only what
    the editor's user changed, wherever the objects now are."""
    stack = UndoStack(tree)
    names, facts = names_of(tree, SERGEI), facts_of(tree, SERGEI)
    death = tree.people[SERGEI].events[-1]
    # elsewhere: a new first fact, the death's cause, and the sex
    stack.push(e.add_event(tree, SERGEI, e.Event("RESI", "Kremlin"), 0))
    stack.push(e.edit_event(tree, ("INDI", SERGEI, "events", len(tree.people[SERGEI].events) - 1),
                            cause="shot"))
    stack.push(e.set_sex(tree, SERGEI, Sex.UNKNOWN))
    # in the editor: the death's date, and the given name
    facts.rows[-1].current["date"] = "abt 1937"
    names.rows[0].current["given"] = "Sergius"
    with stack.macro("OK"):
        d.sync_names(stack, SERGEI, names)
        d.sync_facts(stack, ("INDI", SERGEI), facts)
    person = tree.people[SERGEI]
    assert person.events[0].value == "Kremlin"  # not taken away: the editor did not remove it
    assert person.events[-1] is death
    assert (death.cause, death.date) == ("shot", read_date("abt 1937").date)
    assert person.sex is Sex.UNKNOWN
    assert person.display_name() == "Sergius Sedov"


def test_a_fact_taken_away_elsewhere_is_added_back_as_the_editor_shows_it(tree: Tree) -> None:
    stack = UndoStack(tree)
    facts = facts_of(tree, OLGA)
    shown = facts.rows[0]
    stack.push(e.remove_event(tree, ("INDI", OLGA, "events", 0)))
    shown.current["value"] = "Librarian"
    with stack.macro("OK"):
        d.sync_facts(stack, ("INDI", OLGA), facts)
    occupation = tree.people[OLGA].events[0]
    assert (occupation.tag, occupation.value) == ("OCCU", "Librarian")
    assert [c.source_id for c in occupation.citations] == [c.source_id for c in shown.origin.citations]


@pytest.mark.parametrize(("typed", "shown"), [
    ("abt 1937", "about 1937"),
    ("BEF 3 AUG 1935", "before 3 August 1935"),
    ("21.3.1908", "21 March 1908"),
    ("(in the spring)", "in the spring"),
])
def test_a_date_is_shown_for_editing_so_that_it_reads_back_the_same(typed: str, shown: str) -> None:
    date = read_date(typed).date
    assert d.date_text(date) == shown
    assert read_date(d.date_text(date)).date == date


def test_a_date_with_its_own_words_is_shown_by_its_value(tree: Tree) -> None:
    marriage = tree.families["@F3@"].events[0]
    assert marriage.date is not None
    assert marriage.date.phrase
    assert d.date_text(marriage.date) == "BEF 3 AUG 1935"


def test_the_history_names_one_edit_by_its_words_and_several_by_the_first(tree: Tree) -> None:
    assert d.edit_words("Sergei Sedov", ["Renamed Sergei Sedov to Sergius Sedov"]) == \
        "Renamed Sergei Sedov to Sergius Sedov"
    words = d.edit_words("Sergei Sedov", [f"Changed thing {i}" for i in range(5)])
    assert words == ("Edited Sergei Sedov: changed thing 0; changed thing 1; changed thing 2; "
                     "and 2 more changes")
