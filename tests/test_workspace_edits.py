"""The workspace after an edit: where the chart goes when its centre is deleted, and who is living (no Qt)."""

from __future__ import annotations

import copy
import datetime
import random
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familytree.gedcom import read_file
from familytree.model import Association, ChildRelation, Date, Event, Name, Person, Sex, Structure, Tree
from familytree.paths import bundled_family_path
from familytree.privacy import infer_living
from familytree.workspace import Workspace
from familytree.workspace import editing as e
from familytree.workspace import relatives as r
from support.builders import TreeBuilder, generated_tree
from support.edits import random_edits

SERGEI, LEON, NATALIA, LEV, OLGA, GENRIETTA, YULIA, DAVID = (f"@I{n}@" for n in range(1, 9))


@cache
def _bundled() -> Tree:
    return read_file(bundled_family_path())


def opened(tree: Tree | None = None) -> Workspace:
    ws = Workspace()
    ws.open(tree if tree is not None else copy.deepcopy(_bundled()), "family.ged")
    return ws


@pytest.mark.parametrize(("focus", "then"), [
    (SERGEI, OLGA),  # a partner first (his first wife: his families in order)
    (OLGA, SERGEI),
    (YULIA, SERGEI),  # no partner: a parent
    (LEV, LEON),
    (DAVID, LEON),  # no partner, no parent: a child
])
def test_deleting_the_centred_person_moves_the_chart_to_a_near_relative(focus: str, then: str) -> None:
    ws = opened()
    ws.set_focus(focus)
    ws.undo.push(r.delete_person(ws.tree, focus))
    assert (ws.focus_id, ws.selected_id) == (then, then)
    assert ws.layout.focus_id == then
    assert focus not in ws.layout.person_ids
    ws.undo.undo()  # she is back beside the relative the chart stays on
    assert ws.focus_id == then
    assert focus in ws.layout.person_ids


def test_a_sibling_when_nobody_else_and_the_home_person_when_nobody_at_all() -> None:
    b = TreeBuilder()
    home = b.person("Home /Person/")
    b.family(home, b.person("Partner /Person/"))
    first, second = b.person("First /Sibling/"), b.person("Second /Sibling/")
    alone = b.person("Alone /Person/")
    b.family("", "", [first, second])  # parents not recorded
    ws = opened(b.tree)
    assert ws.home_id == home
    ws.set_focus(first)
    ws.undo.push(r.delete_person(ws.tree, first))
    assert ws.focus_id == second
    ws.set_focus(alone)
    ws.undo.push(r.delete_person(ws.tree, alone))
    assert ws.focus_id == home


def test_the_next_relative_still_there_when_several_go_at_once() -> None:
    ws = opened()
    ws.set_focus(SERGEI)
    tree = ws.tree
    with ws.undo.macro("Deleted Sergei and his wives"):
        for pid in (OLGA, GENRIETTA, SERGEI):
            ws.undo.push(r.delete_person(tree, pid))
    assert ws.focus_id == LEON  # no partner left: his father


def test_undoing_the_addition_of_the_centred_person_goes_back_to_their_parent() -> None:
    ws = opened()
    tree = ws.tree
    anna = Person("", [Name.from_gedcom("Anna /Sedova/")], Sex.FEMALE)
    new = ws.undo.push(r.add_child(tree, YULIA, anna)).created[0]
    ws.set_focus(new)
    ws.undo.undo()
    assert ws.focus_id == YULIA


def test_who_is_living_follows_each_edit_undone_and_redone() -> None:
    ws = opened()
    tree = ws.tree
    assert ws.living.verdicts[YULIA].living
    ws.undo.push(e.add_event(tree, YULIA, Event("DEAT", date=Date.parse("2001"))))
    assert not ws.living.verdicts[YULIA].living
    ws.undo.push(r.delete_person(tree, SERGEI))
    assert SERGEI not in ws.living.verdicts
    assert ws.living.verdicts == infer_living(tree)
    ws.undo.go_to(0)
    assert ws.living.verdicts == infer_living(tree)
    assert ws.living.verdicts[YULIA].living
    other = copy.deepcopy(_bundled())
    ws.open(other)  # another file: inferred anew
    assert ws.living.tree is other


@cache
def _pointing_tree(seed: int) -> Tree:
    """A generated tree in which some people name others: godparents (ASSO), aliases (ALIA)."""
    rng = random.Random(seed)
    tree = generated_tree(80, seed=seed)
    ids = list(tree.people)
    for pid in rng.sample(ids, 25):
        other = rng.choice(ids)
        if rng.random() < 0.5:
            tree.people[pid].associations.append(Association(other, "GODP"))
        else:
            tree.people[pid].extra.append(Structure("ALIA", other, pointer=True))
    return tree


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(1, 3), rng=st.randoms(use_true_random=False), count=st.integers(1, 20))
def test_a_deletion_found_through_the_workspaces_index_is_the_one_reading_everyone_finds(
        seed: int, rng: random.Random, count: int) -> None:
    ws = opened(copy.deepcopy(_pointing_tree(seed)))
    tree = ws.tree
    assert tree is not None
    pointers = ws.pointers
    for _ in range(count):
        if rng.random() < 0.3 and ws.undo.can_undo():
            ws.undo.undo()
        elif rng.random() < 0.4 and tree.people:
            ws.undo.push(r.delete_person(tree, rng.choice(list(tree.people)), pointers))
        else:
            random_edits(ws.undo, rng, 1)
        for pid in rng.sample(list(tree.people), min(5, len(tree.people))):
            assert r.deletion_consequences(tree, pid, pointers) == r.deletion_consequences(tree, pid)
            assert r.delete_person(tree, pid, pointers).steps == r.delete_person(tree, pid).steps
    assert ws.pointers is pointers


_ASSOCIATED = """0 HEAD
1 GEDC
2 VERS 7.0
0 @I1@ INDI
1 NAME Lev /Sedov/
1 DEAT
2 DATE 16 FEB 1938
2 ASSO @I3@
3 ROLE WITN
1 FAMS @F1@
0 @I2@ INDI
1 NAME Jeanne /Martin/
1 FAMS @F1@
0 @I3@ INDI
1 NAME Mark /Zborowski/
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 ASSO @I3@
2 ROLE FRIEND
1 MARR
2 ASSO @I3@
3 ROLE WITN
0 TRLR
"""


NOW = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=datetime.UTC)  # (two writes a second apart differ)


@pytest.mark.parametrize("indexed", [False, True])
def test_deleting_a_person_takes_every_line_pointing_to_them_even_deep_in_events_and_families(
        indexed: bool) -> None:
    """A witness at a death and a marriage, a friend of a family (GEDCOM 7 ASSO under events and
    families): deleting him leaves no pointer to a record that is gone, and the question says each."""
    from familytree.gedcom import read_text
    from familytree.gedcom.writer import write_text

    tree = read_text(_ASSOCIATED)
    ws = Workspace()
    ws.open(tree)
    before = write_text(tree, "7.0", now=NOW)
    pointers = ws.pointers if indexed else None
    words = r.deletion_consequences(tree, "@I3@", pointers)
    assert sum("association" in w and "Mark Zborowski" in w for w in words) == 3, words
    assert any("death" in w for w in words)
    ws.undo.push(r.delete_person(tree, "@I3@", pointers))
    after = write_text(tree, "7.0", now=NOW)
    assert "@I3@" not in after
    assert "ROLE FRIEND" not in after  # the whole association went, its role with it
    assert read_text(after).people["@I1@"].death is not None  # the death stays, without its witness
    ws.undo.undo()
    assert write_text(tree, "7.0", now=NOW) == before
    ws.undo.redo()
    assert "@I3@" not in write_text(tree, "7.0", now=NOW)


def test_the_history_tells_apart_a_father_and_son_of_the_same_name() -> None:
    """'Made Martin Smith an adopted child of Martin Smith' said nothing: with the same name, each
    is named with his years."""
    b = TreeBuilder()
    father = b.person("Martin /Smith/", "M", born="1850")
    mother = b.person("Mary /Jones/", "F", born="1852")
    son = b.person("Martin /Smith/", "M", born="1878")
    fid = b.family(father, mother, [son])
    tree = b.tree
    edit = r.set_child_relation(tree, fid, son, ChildRelation.ADOPTED, parent_id=father)
    assert "Martin Smith (born 1878)" in edit.description
    assert "Martin Smith (born 1850)" in edit.description
    other = r.set_child_relation(tree, fid, son, ChildRelation.ADOPTED, parent_id=mother)
    assert other.description == "Made Martin Smith an adopted child of Mary Jones"  # no two alike: as ever
    partner = r.add_partner(tree, son, Person("", [Name.from_gedcom("Martin /Smith/")]))
    assert partner.description.count("Martin Smith (") == 2
