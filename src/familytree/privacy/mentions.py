"""Free text that names a hidden person: the notes, excerpts and source texts of what is shared.

A biography of a dead father may say "their daughter Yulia was born in Moscow in 1936": her
name and her birth, though she is hidden. A text is taken to name a hidden person when it has
one of their given names (or nicknames) beside their surname, "Yulia Sedova", "Genrietta
Rubinshtein"; and, in the texts of their own family (grandparents, parents, partners, siblings,
children, grandchildren), one of their given names or nicknames alone ("their daughter Yulia").
Such a text (a note, an excerpt, a source's text, the description of an EVEN or FACT) is replaced
as a whole by `LEFT_OUT`: cutting the name alone would leave the facts it carries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from familytree.model import Tree

__all__ = ["Mentions", "LEFT_OUT"]

LEFT_OUT = "(text left out: it names someone this copy hides)"
_WORD = re.compile(r"\w+")
_SHORTEST = 2  # a given name of one letter (an initial) names no one alone


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


class Mentions:
    """The names of the hidden people of a tree, to find them in free text."""

    def __init__(self, tree: Tree, hidden: Iterable[str]) -> None:
        self.tree = tree
        self.hidden = frozenset(p for p in hidden if p in tree.people)
        self.pairs: set[tuple[str, str]] = set()  # (a given name or nickname, a surname word)
        self.alone: dict[str, set[str]] = {}  # person -> given names and nicknames, said alone
        for pid in self.hidden:
            alone: set[str] = set()
            for name in tree.people[pid].names:
                for form in (name, *name.translations):
                    given = [w for w in _words(f"{form.given} {form.nickname}") if len(w) >= _SHORTEST]
                    alone.update(given)
                    for surname in _words(form.surname):
                        self.pairs.update((g, surname) for g in given)
            self.alone[pid] = alone

    def names_in(self, near: Callable[[], Iterable[str]] = tuple) -> Callable[[str], bool]:
        """A test of whether a text names a hidden person: by full name anywhere, and by given name
        alone where it is a text of the people `near()` gives (a person or family and their
        relatives; asked for when a first text is read)."""
        alone: set[str] | None = None
        pairs = self.pairs

        def names(text: str) -> bool:
            nonlocal alone
            if alone is None:
                alone = set()
                for pid in near():
                    alone |= self.alone.get(pid, set())
            words = _words(text)
            for i, word in enumerate(words):
                if word in alone:
                    return True
                for j in (i + 1, i + 2):  # "Yulia Sedova", "Sergei Lvovich Sedov"
                    if j < len(words) and (word, words[j]) in pairs:
                        return True
            return False

        return names

    def family_of(self, person_ids: Iterable[str]) -> set[str]:
        """These people and their grandparents, parents, partners, siblings, children and grandchildren."""
        tree = self.tree
        out: set[str] = set()
        for pid in person_ids:
            if pid in tree.people:
                parents, children = tree.parents(pid), tree.children(pid)
                out.update((pid, *parents, *children), tree.partners(pid), tree.siblings(pid))
                for parent in parents:
                    out.update(tree.parents(parent))
                for child in children:
                    out.update(tree.children(child))
        return out
