"""Place completion: the places a file already has that match what is typed, word by word, in any case and
with or without accents."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from familytree.model import Tree, stored_list
from familytree.model.records import Family, Person

__all__ = ["PlaceIndex", "fold"]

_WORD = re.compile(r"[^\W_]+")
_person_events = stored_list(Person, "events")
_family_events = stored_list(Family, "events")


def fold(text: str) -> str:
    """Text as completion compares it: case and accents gone ("Zürich" and "zurich", "Орёл" and "орел")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


class PlaceIndex:
    """The places of a file, by how often they are used, with each of their words in order for lookup.

    Built once for a file (a tenth of a second for 100,000 people); `add` takes a place an edit
    has just used. `matching` does not change the index.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.uses: Counter[str] = Counter()
        self._places: list[str] = []  # each distinct place once, by number
        self._place_words: list[list[str]] = []
        self._words: list[tuple[str, int]] = []  # (word, place number), sorted
        self._number: dict[str, int] = {}
        for name in names:
            self.add(name, sort=False)
        self._words.sort()

    @classmethod
    def of(cls, tree: Tree) -> PlaceIndex:
        """The places of a tree's facts (people's and families')."""
        def names() -> Iterable[str]:
            for table, events_of in ((tree.people, _person_events), (tree.families, _family_events)):
                for record in table.values():
                    for event in events_of(record) or ():
                        place = event.place
                        if place is not None and place.name:
                            yield place.name
        return cls(names())

    def add(self, name: str, sort: bool = True) -> None:
        """Count one more use of a place (adding it when new)."""
        name = " ".join(name.split())
        if not name:
            return
        self.uses[name] += 1
        if name in self._number:
            return
        number = self._number[name] = len(self._places)
        self._places.append(name)
        words = _words(name)
        self._place_words.append(words)
        for word in set(words):
            if sort:
                bisect.insort(self._words, (word, number))
            else:
                self._words.append((word, number))

    def matching(self, text: str, limit: int = 12) -> list[str]:
        """The places whose words begin with the typed words (each typed word a different word of the
        place, in any order), best first: those whose first word the first typed word begins, then the
        most used, then in alphabetical order."""
        typed = _words(text)
        if not typed:
            return []
        longest = max(typed, key=len)  # the most selective: the fewest places to look at
        start = bisect.bisect_left(self._words, (longest,))
        candidates: set[int] = set()
        for word, number in self._words[start:]:
            if not word.startswith(longest):
                break
            candidates.add(number)
        found = [n for n in candidates if _fits(typed, self._place_words[n])]
        found.sort(key=lambda n: (not self._place_words[n][0].startswith(typed[0]),
                                  -self.uses[self._places[n]], fold(self._places[n]), self._places[n]))
        return [self._places[n] for n in found[:limit]]


def _fits(typed: list[str], words: list[str]) -> bool:
    """Whether each typed word begins a different word of the place."""
    free = list(words)
    for t in sorted(typed, key=len, reverse=True):  # the longest first, so a short one cannot take its word
        for i, w in enumerate(free):
            if w.startswith(t):
                del free[i]
                break
        else:
            return False
    return True

