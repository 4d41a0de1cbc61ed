"""Free text that names a hidden person: the notes, excerpts and other words of what is shared.

A biography of a dead father may say "their daughter Yulia was born in Moscow in 1936": her
name and her birth, though she is hidden. A text is taken to name a hidden person when it has
their first given name (or a nickname) and then, at most one word on, their surname ("Yulia
Sedova", "Sergei Lvovich Sedov"); and, in the texts of their own family (grandparents to
grandchildren), their first given name or a nickname alone ("their daughter Yulia"). Middle
names count for neither ("assassinated by Lee Harvey Oswald" does not name Jacqueline Lee
Bouvier), nor does a name a person who is shown bears too (a living Robert Francis Kennedy III
does not take his dead grandfather's biography). Such a text is replaced as a whole by
`LEFT_OUT`: cutting the name alone would leave the facts it carries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from familytree.model import Name, Tree

__all__ = ["Mentions", "LEFT_OUT"]

LEFT_OUT = "(text left out: it names someone this copy hides)"
_WORD = re.compile(r"\w+")
_SHORTEST = 2  # a given name of one letter (an initial) names no one alone


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _called(name: Name) -> tuple[set[str], list[str]]:
    """What a name calls a person: the first given name and the nicknames; and the surname's words."""
    called: set[str] = set()
    for form in (name, *name.translations):
        given = [w for w in _words(form.given) if len(w) >= _SHORTEST]
        called.update(given[:1])
        called.update(w for w in _words(form.nickname) if len(w) >= _SHORTEST)
    surnames = [w for form in (name, *name.translations) for w in _words(form.surname)]
    return called, surnames


class Mentions:
    """The names of the hidden people of a tree, to find them in free text."""

    def __init__(self, tree: Tree, hidden: Iterable[str]) -> None:
        self.tree = tree
        self.hidden = frozenset(p for p in hidden if p in tree.people)
        self.pairs: set[tuple[str, str]] = set()  # (a first given name or nickname, a surname word)
        self.alone: dict[str, set[str]] = {}  # person -> first given names and nicknames
        self._shown_alone: dict[str, set[str]] = {}  # the same of the people shown
        shown_pairs: set[tuple[str, str]] = set()
        for pid, person in tree.people.items():
            hidden_one = pid in self.hidden
            alone: set[str] = set()
            for name in person.names:
                called, surnames = _called(name)
                pairs = {(c, s) for c in called for s in surnames}
                (self.pairs if hidden_one else shown_pairs).update(pairs)
                alone |= called
            if hidden_one:
                self.alone[pid] = alone
            else:
                self._shown_alone[pid] = alone
        self.pairs -= shown_pairs  # a name someone shown bears too is theirs as much

    def names_in(self, people: Sequence[str] = ()) -> Callable[[str], bool]:
        """A test of whether a text names a hidden person: by name and surname anywhere, and by first
        given name or nickname alone where it is a text of `people` (a person, a family's members,
        those a shared note is on; their family is looked up when a first text is read)."""
        alone: set[str] | None = None
        pairs = self.pairs

        def names(text: str) -> bool:
            nonlocal alone
            if alone is None:
                family = self.family_of(people)
                alone = set()
                for pid in family:
                    alone |= self.alone.get(pid, set())
                for pid in family:  # a name someone shown in the family bears too: theirs as much
                    alone -= self._shown_alone.get(pid, set())
            if not (alone or pairs):
                return False
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
