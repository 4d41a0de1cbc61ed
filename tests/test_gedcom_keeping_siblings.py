"""A change to a family rewrites only the children whose place in it changed (issue 17)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from familytree.gedcom import read_file
from familytree.media.saving import save_tree
from familytree.model import ChildRelation, Name, Person, Tree
from familytree.workspace import relatives as r
from familytree.workspace.undo import UndoStack
from support.corpus import corpus_path

_RECORD = re.compile(r"(?m)^0 (@[^@]+@) ")


def _records(path: Path) -> dict[str, str]:
    text = path.read_bytes().decode("latin-1")
    starts = [(m.start(), m.group(1)) for m in _RECORD.finditer(text)] + [(len(text), "")]
    return {xref: text[a:b] for (a, xref), (b, _n) in zip(starts, starts[1:], strict=False)}


def _family_with_children(tree: Tree, least: int) -> str:
    return next(f.id for f in tree.families.values() if len(f.children) >= least and f.partner_ids)


@pytest.mark.parametrize("relative", ["real/bach-paf.ged", "gramps/sample.ged", "real/kennedy-ancestris.ged"])
@pytest.mark.parametrize("change", ["reorder", "add a child", "adopted"])
def test_brothers_and_sisters_of_a_child_changed_in_a_family_are_kept_byte_for_byte(
        tmp_path: Path, relative: str, change: str) -> None:
    work = tmp_path / Path(relative).name
    shutil.copyfile(corpus_path(relative), work)
    before = _records(work)
    tree = read_file(work)
    family_id = _family_with_children(tree, 3)
    family = tree.families[family_id]
    kids = family.child_ids
    stack = UndoStack(tree)
    if change == "reorder":
        stack.push(r.move_child(tree, family_id, 0, len(kids) - 1))
        changed = set()
    elif change == "add a child":
        stack.push(r.add_child(tree, family.partner_ids[0], Person("", [Name.from_gedcom("New /Child/")]),
                               family_id))
        changed = set()
    else:
        stack.push(r.set_child_relation(tree, family_id, kids[1], ChildRelation.ADOPTED))
        changed = {kids[1]}
    version = "7.0" if tree.header.version.startswith("7") else "5.5.1"
    save_tree(tree, str(work), version, adopt=True, keep=True)
    after = _records(work)
    for kid in kids:
        if kid in changed:
            continue
        assert after[kid] == before[kid], (relative, change, kid)


def test_saved_under_another_name_the_header_names_the_new_file(tmp_path: Path) -> None:
    """bach-paf.ged's header says `1 FILE bach.ged`: saved as bach551.ged, it says so (a newcomer found
    the old name kept); saved under its own name it is not touched."""
    work = tmp_path / "bach.ged"
    shutil.copyfile(corpus_path("real/bach-paf.ged"), work)
    tree = read_file(work)
    stack = UndoStack(tree)
    family_id = _family_with_children(tree, 3)
    stack.push(r.move_child(tree, family_id, 0, 1))
    other = tmp_path / "bach551.ged"
    save_tree(tree, str(other), "5.5.1", adopt=False, keep=True, declare=True)
    text = other.read_bytes().decode("latin-1")
    assert "\n1 FILE bach551.ged" in text.replace("\r\n", "\n")
    assert "bach.ged" not in text
    save_tree(tree, str(work), "5.5.1", adopt=True, keep=True)
    assert "\n1 FILE bach.ged" in work.read_bytes().decode("latin-1").replace("\r\n", "\n")
