"""The corpus files the layout tests draw, read once per test run, and the people to centre them on."""

from __future__ import annotations

from familytree.gedcom.reader import read_file
from familytree.model import Tree
from support.corpus import corpus_file

__all__ = ["LAYOUT_CORPUS", "read_corpus", "focuses"]

LAYOUT_CORPUS = [
    "real/royal92.ged",
    "real/Queen.ged",
    "real/IvarKingOfDublin.ged",
    "real/kennedy-ancestris.ged",
    "real/bourbon-ancestris.ged",
    "real/pres2020.ged",
    "real/bach-paf.ged",
    "real/john_of_sea_20101009.ged",
    "gedcom55-torture/TGC551.ged",
    "gedcom55-torture/allged.ged",
    "gramps/sample.ged",
]

_cache: dict[str, Tree] = {}


def read_corpus(relative: str) -> Tree:
    """A corpus file's tree (skips the test without the corpus); charts only read it, so it is shared."""
    if relative not in _cache:
        _cache[relative] = read_file(corpus_file(relative))
    return _cache[relative]


def focuses(tree: Tree, count: int = 4) -> list[str]:
    """The best-connected person and a spread of others: busy charts and ordinary ones."""
    ids = list(tree.people)
    best = max(ids, key=lambda p: (len(tree.children(p)) + len(tree.parents(p)) + len(tree.partners(p))
                                   + len(tree.siblings(p)), p))
    return [best] + ids[:: max(1, len(ids) // count)][:count]
