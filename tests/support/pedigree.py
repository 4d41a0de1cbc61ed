"""Full pedigrees for the fan chart's tests: every ancestor known, names from one word to royal lengths."""

from __future__ import annotations

import random

from familytree.model import Tree
from support.builders import TreeBuilder

__all__ = ["full_pedigree"]

GIVEN = ["Anna", "Maria", "Wilhelmina", "Charlotte", "Friedrich", "Karl", "Johann", "Ludwig", "Ivan", "Lev"]
TITLES = ["", "", " of Saxe-Coburg and Gotha", " of Mecklenburg-Strelitz", " of Brunswick-Wolfenbüttel"]


def full_pedigree(generations: int, seed: int = 3) -> tuple[Tree, str]:
    """A focus with every ancestor known, names from one word to royal lengths, with life years."""
    rng = random.Random(seed)
    b = TreeBuilder()

    def person(male: bool, gen: int) -> str:
        given = " ".join(rng.sample(GIVEN, rng.randint(1, 4)))
        born = 1990 - 30 * gen
        return b.person(f"{given} /Surname{rng.randint(1, 99)}/{rng.choice(TITLES)}", "M" if male else "F",
                        born=str(born), died=str(born + 60))

    focus = person(True, 0)
    level = [focus]
    for gen in range(1, generations + 1):
        nxt = []
        for child in level:
            father, mother = person(True, gen), person(False, gen)
            b.family(father, mother, [child])
            nxt += [father, mother]
        level = nxt
    return b.tree, focus
