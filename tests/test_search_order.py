"""Search results do not depend on the hash seed, also when a cap cuts the list of candidates."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from familytree.model import Name, Person, Tree
from familytree.search import NameIndex
tree = Tree()
spellings = ["Zakov", "Tschakow", "Dzhakob", "Iakov", "Yakob", "Gakov", "Hakov"]  # sound like Jacob, apart
for i in range(70):
    tree.add_person(Person(f"@I{i}@", [Name.from_gedcom(f"{spellings[i % 7]} /Person{i}/")]))
NameIndex.CANDIDATE_CAP = 12  # the cap cuts the sound-alikes: which are kept must not follow the seed
index = NameIndex(tree)
print([r.person_id for r in index.search("Jacobi", limit=50)])
"""


def test_the_same_people_are_found_whatever_the_hash_seed() -> None:
    found = {subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in "0123"}
    assert len(found) == 1, found
    assert found.pop().count("@I") >= 1


def test_a_name_of_hostile_length_is_indexed_by_its_beginning_only() -> None:
    """A 300 KB given name: the person is still found, and the index holds no word a name never has."""
    from familytree.model import Name, Person, Tree
    from familytree.search import NameIndex
    from familytree.search.index import MAX_INDEXED_CHARS, WordIndex

    tree = Tree()
    tree.add_person(Person("@I1@", [Name.from_gedcom("Annabel " + "x" * 300_000 + " /Leeward/")]))
    tree.add_person(Person("@I2@", [Name.from_gedcom("Bob /Leeward/")]))
    index = WordIndex(tree)
    assert max(len(w.folded) for words in index.words for w in words) <= MAX_INDEXED_CHARS
    found = NameIndex(tree)
    assert {r.person_id for r in found.search("Leeward")} == {"@I1@", "@I2@"}
    assert [r.person_id for r in found.search("Annabel Leeward")][0] == "@I1@"
