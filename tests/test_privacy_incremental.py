"""Who is living, inferred again edit by edit (LivingIndex.update), is what inferring the whole tree gives."""

from __future__ import annotations

import copy
import random
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familytree.model import Date, Event, Tree
from familytree.privacy import LivingIndex, infer_living
from familytree.workspace import TreeChange, UndoStack
from familytree.workspace import editing as e
from support.builders import TreeBuilder, generated_tree
from support.edits import random_edits

YEAR = 2026


@cache
def dated_tree(dated: float, seed: int) -> Tree:
    """A generated tree of 150 in which a share `dated` of the people have a birth date, some others a
    first record or a death, and some marriages a date: undated people bounded through relatives."""
    rng = random.Random(seed)
    tree = generated_tree(150, seed=seed, clans=4)  # (few clans: deep lines, long undated chains)
    for person in tree.people.values():
        if rng.random() < dated:
            person.events.append(Event("BIRT", date=Date.parse(str(rng.randint(1820, 2010)))))
        elif rng.random() < 0.2:
            person.events.append(Event("RESI", date=Date.parse(f"abt {rng.randint(1850, 2010)}")))
        if rng.random() < 0.1:
            year = rng.randint(1880, 2020) if rng.random() < 0.5 else None
            person.events.append(Event("DEAT", "Y" if year is None else "",
                                       date=Date.parse(str(year)) if year is not None else None))
    for family in tree.families.values():
        for event in family.events:
            if rng.random() < 0.3:
                event.date = Date.parse(str(rng.randint(1840, 2015)))
    return tree


def date_edit(tree: Tree, rng: random.Random) -> e.Edit | None:
    """A birth or a first record given, redated or taken away: what moves bounds the most."""
    pid = rng.choice(list(tree.people)) if tree.people else ""
    if not pid:
        return None
    events = tree.people[pid].events
    dated = [i for i, event in enumerate(events) if event.tag in ("BIRT", "RESI") and event.date is not None]
    if dated and rng.random() < 0.5:
        where = ("INDI", pid, "events", rng.choice(dated))
        return e.remove_event(tree, where) if rng.random() < 0.5 else \
            e.edit_event(tree, where, date=str(rng.randint(1800, 2010)))
    year = str(rng.randint(1800, 2010))
    return e.add_event(tree, pid, Event(rng.choice(("BIRT", "RESI")), date=Date.parse(year)))


def followed(tree: Tree) -> tuple[UndoStack, LivingIndex, list[set[str]]]:
    """An undo stack on the tree whose every change, done, undone or redone, the index is told of;
    and what each update said changed."""
    stack = UndoStack(tree)
    index = LivingIndex(tree, YEAR)
    said: list[set[str]] = []
    stack.changed.connect(lambda change: said.append(index.update(change.people, change.families)))
    return stack, index, said


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dated=st.sampled_from([0.0, 0.15, 0.5, 0.9]), seed=st.integers(1, 4),
       rng=st.randoms(use_true_random=False), count=st.integers(1, 25))
def test_after_random_edits_undone_and_redone_the_verdicts_are_the_whole_trees(
        dated: float, seed: int, rng: random.Random, count: int) -> None:
    tree = copy.deepcopy(dated_tree(dated, seed))
    stack, index, said = followed(tree)
    for _ in range(count):
        before = dict(index.verdicts)
        roll = rng.random()
        if roll < 0.15 and stack.can_undo():
            stack.undo()
        elif roll < 0.25 and stack.can_redo():
            stack.redo()
        elif roll < 0.6:
            edit = date_edit(tree, rng)
            if edit is not None:
                stack.push(edit)
        else:
            random_edits(stack, rng, 1)
        assert index.verdicts == infer_living(tree, YEAR)
        # what it says changed is every person whose verdict changed, came or went
        assert set().union(*said) == {pid for pid in before.keys() | index.verdicts.keys()
                                      if before.get(pid) != index.verdicts.get(pid)}
        said.clear()
    stack.go_to(0)
    assert index.verdicts == infer_living(tree, YEAR)


def test_a_birth_date_given_at_the_end_of_an_undated_line_bounds_the_whole_line() -> None:
    b = TreeBuilder()
    line = [b.person(f"G{i} /Line/", "M") for i in range(30)]
    for parent, child in zip(line, line[1:], strict=False):
        b.family(parent, "", [child])
    tree = b.tree
    stack, index, said = followed(tree)
    assert all(v.living for v in index.verdicts.values())  # nothing dated: the safe side
    stack.push(e.add_event(tree, line[-1], Event("BIRT", date=Date.parse("1700"))))
    assert index.verdicts == infer_living(tree, YEAR)
    assert said[-1] == set(line)  # every ancestor bounded by the youngest one's birth, now dead
    assert not any(v.living for v in index.verdicts.values())
    stack.undo()
    assert all(v.living for v in index.verdicts.values())
    assert said[-1] == set(line)


def test_a_rename_changes_no_verdict() -> None:
    tree = copy.deepcopy(dated_tree(0.5, 1))
    stack, index, said = followed(tree)
    pid = next(iter(tree.people))
    stack.push(e.edit_name(tree, ("INDI", pid, "names", 0), given="Renamed"))
    assert said == [set()]
    assert index.update(TreeChange("nothing").people) == set()
