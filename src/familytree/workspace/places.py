"""Place completion: the places a file already has that match what is typed, word by word, in any case and
with or without accents."""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

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
    """The places of a file, each with its words for lookup, kept in the order completion offers them
    (the most used first, then alphabetically).

    Built once for a file (a tenth of a second for 100,000 people); `add` counts a place an edit
    has just used. `matching` does not change the index.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.uses: Counter[str] = Counter()
        self._places: list[str] = []  # each distinct place once, by number
        self._place_words: list[list[str]] = []  # its words, folded, in order
        self._folded: list[str] = []
        self._words: list[tuple[str, int]] = []  # (word, place number) for every word, sorted
        self._firsts: list[tuple[str, int]] = []  # (first word, place number), sorted
        self._number: dict[str, int] = {}
        self._order: list[int] = []  # place numbers, best first
        for name in names:
            self._count(name)
        self._words.sort()
        self._firsts.sort()
        self._order = sorted(range(len(self._places)), key=self._rank)

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

    def _rank(self, number: int) -> tuple[int, str, str]:
        name = self._places[number]
        return (-self.uses[name], self._folded[number], name)

    def _count(self, name: str) -> int:
        """Count a use of a place, adding it (unsorted) when new; its number, -1 for no place."""
        name = " ".join(name.split())
        if not name:
            return -1
        self.uses[name] += 1
        number = self._number.get(name)
        if number is not None:
            return number
        number = self._number[name] = len(self._places)
        self._places.append(name)
        words = _words(name)
        self._place_words.append(words)
        self._folded.append(" ".join(words))
        self._words.extend((word, number) for word in dict.fromkeys(words))
        self._firsts.append((words[0] if words else "", number))
        return number

    def add(self, name: str) -> None:
        """Count one more use of a place (adding it when new)."""
        known = len(self._places)
        number = self._count(name)
        if number < 0:
            return
        if number == known:  # new: its words into the sorted lists
            del self._words[len(self._words) - len(dict.fromkeys(self._place_words[number])):]
            for word in dict.fromkeys(self._place_words[number]):
                bisect.insort(self._words, (word, number))
            bisect.insort(self._firsts, self._firsts.pop())
        else:
            self._order.remove(number)  # used once more: it moves up
        bisect.insort(self._order, number, key=self._rank)

    def matching(self, text: str, limit: int = 12) -> list[str]:
        """The places whose words begin with the typed words (each typed word a different word of the
        place, in any order), best first: those whose first word the first typed word begins, then the
        most used, then in alphabetical order."""
        typed = _words(text)
        if not typed:
            return []
        first = typed[0]
        words = self._place_words

        def fits(n: int) -> bool:
            return len(typed) == 1 or _fits(typed, words[n])

        found = self._best(self._firsts, _span(self._firsts, first), fits, limit)
        if len(found) < limit:
            # the typed word that begins the fewest words: the fewest places to look at
            span = min((_span(self._words, t) for t in typed), key=lambda s: s[1] - s[0])
            found += self._best(self._words, span, lambda n: not words[n][0].startswith(first) and fits(n),
                                limit - len(found))
        return [self._places[n] for n in found]

    def _best(self, entries: list[tuple[str, int]], span: tuple[int, int], accept: Callable[[int], bool],
              limit: int) -> list[int]:
        """The best `limit` places of those `entries[span]` name that `accept` takes."""
        lo, hi = span
        candidates = {entries[i][1] for i in range(lo, hi)}
        if hi - lo < len(self._order) // 8:  # few: rank them
            return heapq.nsmallest(limit, (n for n in candidates if accept(n)), key=self._rank)
        out: list[int] = []  # many: the first of them in the order kept, which come soon
        for n in self._order:
            if n in candidates and accept(n):
                out.append(n)
                if len(out) == limit:
                    break
        return out


def _span(entries: list[tuple[str, int]], prefix: str) -> tuple[int, int]:
    """Where the entries whose word begins with `prefix` are in a sorted list."""
    lo = bisect.bisect_left(entries, (prefix,))
    hi = bisect.bisect_left(entries, (prefix + "\U0010ffff",), lo)
    return lo, hi


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

