"""Warnings, never blocks, for implausible dates: born after death, a mother or father under 12 or over 60, a
parent born after the child, a child born after its mother's death (or long after its father's), a marriage
before birth; each with the facts (and sources) involved."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from familytree.evidence.plausibility import (
    Implausibility,
    Implausible,
    implausibilities,
    refreshed_implausibilities,
    tree_implausibilities,
)
from familytree.gedcom import read_file
from familytree.model import ChildRelation, Citation, Date, Event, Tree
from familytree.workspace import TreeChange, UndoStack
from familytree.workspace import editing as e
from support.builders import TreeBuilder, generated_tree
from support.edits import random_edits


def family(mother_born: str = "1900", child_born: str = "1930", mother_died: str = "",
           relation: ChildRelation = ChildRelation.BIRTH) -> tuple[Tree, str, str, str]:
    b = TreeBuilder()
    mother = b.person("Anna /Sedova/", "F", born=mother_born, died=mother_died)
    father = b.person("Ivan /Sedov/", "M")
    child = b.person("Olga /Sedova/", "F", born=child_born)
    fid = b.family(father, mother, [child], relations={child: relation})
    return b.tree, mother, child, fid


def kinds(tree: Tree) -> list[Implausibility]:
    return [w.kind for w in tree_implausibilities(tree)]


@pytest.mark.parametrize(
    ("mother_born", "child_born", "expected"),
    [
        ("1900", "1930", []),
        ("1900", "1908", [Implausibility.PARENT_TOO_YOUNG]),
        ("1900", "1912", []),  # 11 or 12: some reading of the years makes her 12
        ("1900", "1965", [Implausibility.PARENT_TOO_OLD]),
        ("1900", "1961", []),
        ("ABT 1900", "1914", []),  # about 1900 may be 1899: she may have been 14
        ("21 MAR 1900", "1 MAR 1912", [Implausibility.PARENT_TOO_YOUNG]),  # 11 and 11 months
        ("BEF 1900", "1965", []),  # an open end says no age
        ("(in the spring)", "1930", []),
    ],
)
def test_a_mothers_age_at_a_birth(mother_born: str, child_born: str, expected: list[Implausibility]) -> None:
    tree, *_ = family(mother_born, child_born)
    assert kinds(tree) == expected


def test_the_fathers_age_is_asked_too_and_the_warning_says_which_parent() -> None:
    b = TreeBuilder()
    father = b.person("Ivan /Sedov/", "M", born="1830")
    mother = b.person("Anna /Sedova/", "F", born="1880")
    child = b.person("Olga /Sedova/", "F", born="1915")
    b.family(father, mother, [child])
    (warning,) = tree_implausibilities(b.tree)
    assert warning.kind is Implausibility.PARENT_TOO_OLD
    assert warning.message == ("Ivan Sedov, the father, was at least 84 when Olga Sedova was born (1915): "
                               "older than 80")
    assert warning.person_ids == (father, child)
    # a father in his sixties or seventies is not implausible (a mother is: older than 60)
    b.tree.people[father].events[0].date = Date.parse("1845")
    assert tree_implausibilities(b.tree) == []


def test_a_parent_born_after_the_child_is_said_so_not_at_most_0() -> None:
    tree, mother, child, _fid = family("1954", "1950")
    (warning,) = tree_implausibilities(tree)
    assert warning.kind is Implausibility.PARENT_BORN_AFTER_CHILD
    assert warning.message == ("Anna Sedova, the mother, is recorded as born (1954) after her child Olga "
                               "Sedova (1950)")
    tree, *_ = family("1950", "1950")
    (warning,) = tree_implausibilities(tree)
    assert warning.message == ("Anna Sedova, the mother, is recorded as born (1950) less than a year before "
                               "her child Olga Sedova (1950)")


@pytest.mark.parametrize(("father_died", "expected"), [
    ("1 MAR 1930", []),  # born five months after: a father's child may be
    ("1 JAN 1929", [Implausibility.BORN_AFTER_FATHERS_DEATH]),
])
def test_a_child_born_long_after_its_fathers_death(father_died: str, expected: list[Implausibility]) -> None:
    b = TreeBuilder()
    father = b.person("Ivan /Sedov/", "M", born="1900", died=father_died)
    child = b.person("Olga /Sedova/", "F", born="1 AUG 1930")
    b.family(father, "", [child])
    assert kinds(b.tree) == expected


def test_an_adopted_childs_birth_says_nothing_of_the_mothers_age() -> None:
    tree, *_ = family("1900", "1965", relation=ChildRelation.ADOPTED)
    assert kinds(tree) == []


def test_a_child_born_after_its_mothers_death_names_both_and_their_dates() -> None:
    tree, mother, child, fid = family("1900", "1935", mother_died="1930")
    (warning,) = tree_implausibilities(tree)
    assert warning.kind is Implausibility.BORN_AFTER_MOTHERS_DEATH
    assert warning.message == ("Olga Sedova is recorded as born (1935) after the death of Anna Sedova, "
                               "the mother (1930)")
    assert warning.person_ids == (mother, child)
    assert warning.owners == (child, mother)  # whose each fact is: her birth, the mother's death
    assert warning.family_id == fid


def test_born_after_death_and_married_before_birth() -> None:
    b = TreeBuilder()
    man = b.person("Lev /Sedov/", "M", born="1910", died="1905")
    wife = b.person("Jeanne /Martin/", "F", born="1920")
    fid = b.family(man, wife)
    b.tree.families[fid].events.append(Event("MARR", date=Date.parse("1915")))
    assert kinds(b.tree) == [Implausibility.BORN_AFTER_DEATH, Implausibility.MARRIED_BEFORE_BIRTH]
    assert "Lev Sedov is recorded as born (1910) after dying (1905)" in [w.message for w in
                                                                         tree_implausibilities(b.tree)]


def test_a_warning_carries_the_sources_of_the_facts_involved() -> None:
    tree, mother, *_ = family("1900", "1905")
    tree.people[mother].events[0].citations.append(Citation("@S1@", page="p. 2"))
    (warning,) = tree_implausibilities(tree)
    assert [c.page for c in warning.citations] == ["p. 2"]


def test_an_edit_is_warned_about_not_refused(bundled_path: Path) -> None:
    tree = read_file(bundled_path)
    assert tree_implausibilities(tree) == []  # the bundled family is plausible
    yulia = next(p.id for p in tree.iter_people() if p.display_name() == "Yulia")
    genrietta = next(p.id for p in tree.iter_people() if p.display_name() == "Genrietta Rubinshtein")
    stack = UndoStack(tree)
    stack.push(e.add_event(tree, genrietta, Event("BIRT", date=Date.parse("1930"))))
    change = stack.edits[-1].change()
    warnings = implausibilities(tree, change.people, change.families)
    assert [w.kind for w in warnings] == [Implausibility.PARENT_TOO_YOUNG]
    assert warnings[0].person_ids == (genrietta, yulia)
    stack.push(e.edit_event(tree, ("INDI", yulia, "events", 0), date="1929"))
    change = stack.edits[-1].change()
    assert [w.kind for w in implausibilities(tree, change.people)] == [Implausibility.PARENT_BORN_AFTER_CHILD]


def test_each_warning_once_when_both_people_are_asked_about() -> None:
    tree, mother, child, fid = family("1900", "1905")
    assert len(implausibilities(tree, [mother, child], [fid])) == 1


def _dated(seed: int) -> Tree:
    """A generated tree whose people were born and died in random years: many of them implausibly."""
    rng = random.Random(seed)
    tree = generated_tree(120, seed=seed, clans=3)
    for person in tree.people.values():
        born = rng.randint(1800, 1990)
        person.events.append(Event("BIRT", date=Date.parse(str(born))))
        if rng.random() < 0.5:
            person.events.append(Event("DEAT", date=Date.parse(str(born + rng.randint(-5, 90)))))
    for family in tree.families.values():
        for event in family.events:
            event.date = Date.parse(str(rng.randint(1800, 2000)))
    return tree


def _said(warnings: list[Implausible]) -> list[tuple[object, ...]]:
    return sorted((w.kind.value, w.person_ids, w.family_id, w.message) for w in warnings)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_warnings_found_again_where_each_edit_touched_are_the_whole_trees(seed: int) -> None:
    tree = _dated(seed)
    known = tree_implausibilities(tree)
    assert len(known) > 10  # (enough to lose some)
    stack = UndoStack(tree)

    def follow(change: TreeChange) -> None:
        nonlocal known
        known = refreshed_implausibilities(tree, known, change.people, change.families)
        assert _said(known) == _said(tree_implausibilities(tree)), change.description

    stack.changed.connect(follow)
    rng = random.Random(seed)
    done, _refused = random_edits(stack, rng, 60)
    assert done > 20
    while stack.can_undo() and rng.random() < 0.9:
        stack.undo()
