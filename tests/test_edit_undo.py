"""Undo all returns exactly the tree that was read, redo all the edited one: random edits of every kind."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familytree.gedcom import read_file, read_text, write_file, write_text
from familytree.model import Tree
from familytree.paths import bundled_family_path
from familytree.workspace import Edit, UndoStack
from familytree.workspace import relatives as r
from support.builders import TreeBuilder, generated_tree
from support.edits import NOW, random_edits, snapshot


@cache
def base(name: str) -> Tree:
    """The bundled family (GEDCOM 7), a generated tree of 300 (built in code) and one read from 5.5.1."""
    if name == "bundled":
        return read_file(bundled_family_path())
    if name == "generated":
        return generated_tree(300)
    return read_text(write_text(generated_tree(200, seed=3), "5.5.1"))


def records(text: str) -> dict[str, str]:
    """The records of a GEDCOM text by xref (HEAD and TRLR by their tags)."""
    return {part.split(" ", 1)[0].split("\n", 1)[0]: part for part in ("\n" + text).split("\n0 ")[1:]}


def untouched_records_stay(tree: Tree) -> Callable[[Edit, tuple[object, ...]], None]:
    """A check that an edit rewrites the records its change names, and no other line of the file."""
    def check(edit: Edit, before: tuple[object, ...]) -> None:
        change = edit.change()
        named = {"HEAD", *change.people, *change.families, *change.sources, *change.repositories,
                 *change.notes}
        old, new = records(str(before[0])), records(write_text(tree, now=NOW))
        rewritten = {x for x in old.keys() | new.keys() if old.get(x) != new.get(x)}
        assert rewritten <= named, f"{edit.description}: {rewritten - named}"
    return check


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["bundled", "generated", "5.5.1"]), rng=st.randoms(use_true_random=False),
       count=st.integers(1, 30))
def test_undo_all_gives_back_the_tree_as_read_and_redo_all_the_edited_one(
        name: str, rng: random.Random, count: int) -> None:
    tree = copy.deepcopy(base(name))
    stack = UndoStack(tree)
    start = snapshot(tree)
    random_edits(stack, rng, count, check=untouched_records_stay(tree))
    edited, edited_tree = snapshot(tree), copy.deepcopy(tree)
    stack.go_to(0)
    assert snapshot(tree) == start
    assert tree == base(name)
    stack.go_to(len(stack.edits))
    assert snapshot(tree) == edited
    assert tree == edited_tree


def test_saving_after_undoing_everything_writes_what_saving_the_file_as_read_writes(tmp_path: Path) -> None:
    tree = read_file(bundled_family_path())
    stack = UndoStack(tree)
    done, _ = random_edits(stack, random.Random(17), 60)
    assert done > 30
    assert stack.descriptions
    stack.go_to(0)
    assert stack.is_clean
    write_file(tree, tmp_path / "undone.ged")
    write_file(read_file(bundled_family_path()), tmp_path / "as-read.ged")

    def lines(path: Path) -> list[str]:  # but for the time of the save in the header
        return [ln for ln in path.read_text(encoding="utf-8").splitlines()
                if not ln.startswith(("1 DATE", "2 TIME"))]

    assert lines(tmp_path / "undone.ged") == lines(tmp_path / "as-read.ged")


def test_a_record_listed_twice_in_the_files_order_is_deleted_and_put_back_in_place() -> None:
    """A tree made in code may list an xref twice in its order: the deletion writes no trace of the
    person, and its undoing gives back the order as it was."""
    b = TreeBuilder()
    kept, gone = b.person("Kept /Person/"), b.person("Gone /Person/")
    b.tree.record_order.append(gone)
    tree = b.tree
    stack = UndoStack(tree)
    start = snapshot(tree)
    stack.push(r.delete_person(tree, gone))
    assert "Gone" not in write_text(tree, now=NOW)
    assert "Kept" in write_text(tree, now=NOW)
    assert list(tree.people) == [kept]
    stack.undo()
    assert snapshot(tree) == start
