"""Name search: find people by any spelling of any of their names, best match first."""

from __future__ import annotations

import heapq
from bisect import insort
from collections import deque
from collections.abc import Iterable, Iterator

from familytree.model import Sex, Tree
from familytree.model.slotted import slotted
from familytree.search.fold import MAX_QUERY_CHARS, MAX_QUERY_WORDS, words
from familytree.search.index import CANDIDATE_CAP, WordIndex, is_cjk, ordered_union
from familytree.search.reasons import explain, only_some, year_reason
from familytree.search.rules import (
    PASSES,
    SINGLE_WORD_STAGES,
    WHOLE_WORD,
    FamilyRule,
    Match,
    MatchKind,
    Pass,
    PersonMatch,
    QueryWord,
    Strength,
    is_numeral,
    match_person,
    query_word,
)
from familytree.search.translit import name_skeletons, skeleton

__all__ = ["MatchKind", "NameIndex", "SearchFilters", "SearchResult"]


@slotted(frozen=True)
class SearchResult:
    person_id: str
    name: str  # the display name
    score: float  # higher is better
    reason: str  # why it matched, for the user: "nickname Seryozha", "sounds like Rubinstein"
    kind: MatchKind


@slotted(frozen=True)
class SearchFilters:
    """Limits users of genealogy programs expect: birth and death years within a range, sex."""

    born_from: int | None = None
    born_to: int | None = None
    died_from: int | None = None
    died_to: int | None = None
    sex: Sex | None = None

    @property
    def active(self) -> bool:
        limits = (self.born_from, self.born_to, self.died_from, self.died_to, self.sex)
        return any(v is not None for v in limits)

    def accepts(self, birth_year: int | None, death_year: int | None, sex: Sex) -> bool:
        if self.sex is not None and sex is not self.sex:
            return False
        if (self.born_from is not None or self.born_to is not None) and not _within(
                birth_year, self.born_from, self.born_to):
            return False
        if (self.died_from is not None or self.died_to is not None) and not _within(
                death_year, self.died_from, self.died_to):
            return False
        return True


def _within(year: int | None, low: int | None, high: int | None) -> bool:
    if year is None:
        return False
    return (low is None or year >= low) and (high is None or year <= high)


class NameIndex:
    """Every name of every person of a tree, searched as the user types.

    The words of the names are indexed under the keys the match rules look up (index.py);
    a query touches only the people who can match, through the rules' lookups (rules.py),
    and the one scan over all distinct words is the typo rule's, done in C by rapidfuzz
    and only when the other kinds of match leave the result list short. The results are
    explained in reasons.py.
    """

    # A one-word query that matches more people than twice this (a single letter in a big
    # tree) ranks the first ones met, strongest kind first and in alphabetical order of the
    # matching word, and the relatives of the focus person (NEAR) whatever their name.
    CANDIDATE_CAP = CANDIDATE_CAP
    VERIFY_CAP = 500  # likewise for the people checked word by word for a query of several words
    FOCUS_DEPTH = 6  # relatives further than this are "not close" for ranking
    FOCUS_NODES = 2000
    NEAR = 3  # relatives this close are always considered, however common the name
    MOST_LINKS = 30  # family links past this rank no higher: thirty make as well known a king as forty

    def __init__(self, tree: Tree) -> None:
        self._tree = tree
        self._index = WordIndex(tree)
        self._row_of = self._index.row_of
        self._year_rows: dict[str, list[int]] | None = None  # life year -> rows, for queries of years
        self._focus_cache: tuple[str, dict[int, int]] = ("", {})
        self._link_bonus = [-1.0] * len(self._index)  # by row, once worked out (_count_links)

    def __len__(self) -> int:
        return len(self._index)

    # -- queries -----------------------------------------------------------------
    def search(self, query: str, limit: int = 20, focus_id: str | None = None,
               filters: SearchFilters | None = None) -> list[SearchResult]:
        """The people whose names match `query`, best first; never raises on any text."""
        if limit <= 0 or not isinstance(query, str):
            return []
        query = query[:MAX_QUERY_CHARS]
        others = self._respaced(words(query)[:MAX_QUERY_WORDS])
        if not others:
            return self._search(query, limit, focus_id, filters, True)
        # The query with words joined or split as names are ("Mc Donald", "vanderberg",
        # "Jeanpierre", "山田太郎"): each person at their best match in any of the forms.
        best: dict[str, SearchResult] = {}
        for text in (query, *others):
            for r in self._search(text, limit, focus_id, filters, False):
                if r.person_id not in best or r.score > best[r.person_id].score:
                    best[r.person_id] = r
        if not best:
            return self._search(query, limit, focus_id, filters, True)
        return sorted(best.values(), key=lambda r: -r.score)[:limit]

    def _respaced(self, words_: tuple[str, ...]) -> list[str]:
        """The query with neighbouring words joined where the tree has the joined word ("o brien"
        -> "obrien"), or a word unknown to the tree split into words it has ("vanderberg" ->
        "van der berg"); empty when neither applies, as for almost every query."""
        index = self._index
        out: list[str] = []
        for i in range(len(words_) - 1):
            for j in (i + 2, i + 3):
                run = words_[i:j]
                if j > len(words_) or any(w.isdigit() or (k and is_numeral(w)) for k, w in enumerate(run, i)):
                    continue  # (a regnal number stays a word: "Gustav V" is not "Gustavv", a Gustav)
                joined = "".join(run)
                if index.known(joined) or skeleton(joined) in index.by_skel:
                    out.append(" ".join((*words_[:i], joined, *words_[j:])))
        for i, word in enumerate(words_):
            if 2 <= len(word) <= 40 and not word.isdigit() and (not index.begins(word) or is_cjk(word)):
                parts = self._split(word, 3, i == len(words_) - 1)
                if parts:
                    out.append(" ".join((*words_[:i], *parts, *words_[i + 1:])))
        return out[:4]

    def _split(self, word: str, pieces: int, last: bool) -> list[str] | None:
        """`word` as two or more words of the tree, longest first word first; the last piece may be
        the beginning of a word (three letters or more) when the query ends with it."""
        known = self._index.known
        for i in range(len(word) - 1, 0, -1):
            head, rest = word[:i], word[i:]
            if not known(head):
                continue
            if known(rest) or (last and len(rest) >= 3 and self._index.begins(rest)):
                return [head, rest]
            if pieces > 2:
                tail = self._split(rest, pieces - 1, last)
                if tail:
                    return [head, *tail]
        return None

    def _search(self, query: str, limit: int, focus_id: str | None, filters: SearchFilters | None,
                partial: bool) -> list[SearchResult]:
        """`search` of the query as typed; `partial`: when no one has every word, the people
        with some of them."""
        by_id = self._by_xref(query)
        abjad = bool(self._index.by_abjad)
        qwords = [query_word(w, k, abjad, i > 0)
                  for i, (w, k) in enumerate(zip(words(query), name_skeletons(query), strict=True))]
        qwords = qwords[:MAX_QUERY_WORDS]
        name_words = [q for q in qwords if not q.year]
        distances = self._distances(focus_id)
        if filters is not None and not filters.active:
            filters = None
        found: dict[int, PersonMatch] = {}
        fits: dict[int, float] = {}  # how well the word matched, for the people found by the fast path
        if by_id is not None:
            found[by_id] = (int(Strength.EXACT), 1.0, [])
        if name_words:
            if len(qwords) == 1:
                complete = self._collect_single_word(qwords[0], limit, filters, found, fits)
            else:
                complete = self._collect_by_passes(name_words, qwords, limit, filters, found, fits)
            if not complete:
                # the cap cut the candidates: the focus person's relatives must not be among
                # those left out
                near = [row for row, d in distances.items() if d <= self.NEAR][: self.CANDIDATE_CAP]
                self._collect(near, qwords, filters, found, fits)
        elif by_id is None and qwords:
            return self._by_years(qwords, limit, distances, filters)
        if not found and len(name_words) > 1:
            if not partial:
                return []
            return self._partial(name_words, limit, focus_id, filters)
        # ties keep the file's order: cheaper than sorting thousands of names alphabetically
        ranks = self._ranks(found, fits, distances)
        # family links order only people equal but for coverage (under 0.0004): they are counted for
        # those who can make the list, the equals of the last one in it and those before
        least = heapq.nlargest(limit, ranks)[-1] - 0.002 if len(ranks) > limit else -1.0
        bonus, linked = self._link_bonus, self._count_links
        scored = [(-(rank + (bonus[row] if bonus[row] >= 0.0 else linked(row))), row)
                  for rank, row in zip(ranks, found, strict=True) if rank > least]
        out = []
        for negative, row in heapq.nsmallest(limit, scored):
            strength, _, matches = found[row]
            if matches is None:  # found by the fast path: work out the words for the reason
                again = match_person(self._index, row, qwords)
                matches = again[2] if again is not None and again[2] is not None else []
            kind, reason = explain(self._index, row, strength, matches, by_id == row)
            out.append(SearchResult(self._index.ids[row], self._display(row), round(-negative, 3), reason,
                                    kind))
        return out

    def update(self, person_ids: Iterable[str]) -> None:
        """Search these people as they now are, after an edit: renamed, added, removed, their dates or
        links changed. Everyone else's entries are kept (a few people take well under a millisecond)."""
        ids = list(dict.fromkeys(person_ids))
        index, by_year = self._index, self._year_rows
        rows = [row for row in map(self._row_of.get, ids) if row is not None]
        if by_year is not None:  # (every row's years were worked out for it, and kept)
            for row in rows:
                for year in set(index.life_years(row)) - {None}:
                    by_year[str(year)].remove(row)
        index.update(ids)
        self._link_bonus.extend([-1.0] * (len(index) - len(self._link_bonus)))
        for row in (row for row in map(self._row_of.get, ids) if row is not None):
            self._link_bonus[row] = -1.0  # (counted again when asked)
            if by_year is not None:
                for year in set(index.life_years(row)) - {None}:
                    insort(by_year.setdefault(str(year), []), row)
        self._focus_cache = ("", {})  # links may have changed

    def prepare_years(self) -> dict[str, list[int]]:
        """The people by life year (birth or death), built once: a background thread may call it
        so that the first query of a year does not wait (a 100,000-person file takes 0.4 s)."""
        if self._year_rows is None:
            by_year: dict[str, list[int]] = {}
            for row in range(len(self._index)):
                for y in set(self._index.life_years(row)):
                    if y is not None:
                        by_year.setdefault(str(y), []).append(row)
            self._year_rows = by_year
        return self._year_rows

    def _by_years(self, qwords: list[QueryWord], limit: int, distances: dict[int, int],
                  filters: SearchFilters | None) -> list[SearchResult]:
        """A query of years alone ("1908", "1908 1937"): the people born or died then, nearest first.

        A year of fewer than three digits says too little to list anyone.
        """
        if any(len(q.folded) < 3 for q in qwords):
            return []
        first = qwords[0].folded
        by_year = self.prepare_years()
        rows = sorted({row for y, rows_ in by_year.items() if y.startswith(first) for row in rows_})
        hits: list[tuple[int, int, str]] = []
        for row in rows:
            if filters is not None and not self._accepts(row, filters):
                continue
            birth, death = self._index.life_years(row)
            said: list[str] = []
            for q in qwords:
                if birth is not None and str(birth).startswith(q.folded):
                    said.append(year_reason(self._index.person(row), True))
                elif death is not None and str(death).startswith(q.folded):
                    said.append(year_reason(self._index.person(row), False))
                else:
                    break
            else:
                d = distances.get(row)
                hits.append((self.FOCUS_DEPTH + 1 if d is None else d, row, ", ".join(dict.fromkeys(said))))
        out = []
        for d, row, reason in heapq.nsmallest(limit, hits):
            closeness = max(0, self.FOCUS_DEPTH + 1 - d)
            out.append(SearchResult(self._index.ids[row], self._display(row),
                                    Strength.EXACT * 100.0 + closeness * 5.0, reason, MatchKind.EXACT))
        return out

    def _partial(self, name_words: list[QueryWord], limit: int, focus_id: str | None,
                 filters: SearchFilters | None) -> list[SearchResult]:
        """No one has every word ("Alix Hesse"): the people who have one of them, saying which."""
        best: dict[str, SearchResult] = {}
        for q in name_words:
            for r in self.search(q.folded, limit, focus_id, filters):
                if r.person_id not in best or r.score > best[r.person_id].score:
                    best[r.person_id] = SearchResult(r.person_id, r.name, r.score,
                                                     only_some(r.reason, q.folded), r.kind)
        return sorted(best.values(), key=lambda r: -r.score)[:limit]

    def accepts(self, person_id: str, filters: SearchFilters | None) -> bool:
        """Whether a person passes the filters (their years and sex), for results found elsewhere."""
        row = self._row_of.get(person_id)
        if row is None:
            return False
        return filters is None or not filters.active or self._accepts(row, filters)

    def prepare_focus(self, focus_id: str | None) -> None:
        """Work out the family distances from a new focus person now, not at the next keystroke."""
        self._distances(focus_id)

    def distance(self, person_id: str, focus_id: str | None) -> int | None:
        """Family steps (parent, child, partner) from the focus person, if within reach."""
        row = self._row_of.get(person_id)
        return None if row is None else self._distances(focus_id).get(row)

    # -- internals ---------------------------------------------------------------
    def _by_xref(self, query: str) -> int | None:
        key = query.strip()
        if not key or len(key) > 40:
            return None
        for candidate in (key, f"@{key.strip('@')}@", f"@{key.strip('@').upper()}@"):
            if candidate in self._row_of:
                return self._row_of[candidate]
        return None

    def _display(self, row: int) -> str:
        return self._index.person(row).display_name()

    def _accepts(self, row: int, filters: SearchFilters) -> bool:
        birth, death = self._index.life_years(row)
        return filters.accepts(birth, death, self._index.person(row).sex)

    def _distances(self, focus_id: str | None) -> dict[int, int]:
        """Breadth-first distances from the focus person over parents, children and partners."""
        if not focus_id or focus_id not in self._row_of:
            return {}
        if self._focus_cache[0] == focus_id:
            return self._focus_cache[1]
        people, families, row_of = self._tree.people, self._tree.families, self._row_of
        dist = {row_of[focus_id]: 0}
        queue = deque([(focus_id, 0)])
        while queue and len(dist) < self.FOCUS_NODES:
            pid, d = queue.popleft()
            if d >= self.FOCUS_DEPTH:
                continue
            person = people.get(pid)
            if person is None:
                continue
            # parents, partners and children: everyone in the person's families
            for fid in (*person.parent_family_ids, *person.family_ids):
                family = families.get(fid)
                if family is None:
                    continue
                for other in (family.husband_id, family.wife_id, *family.child_ids):
                    row = row_of.get(other)
                    if row is not None and row not in dist:
                        dist[row] = d + 1
                        queue.append((other, d + 1))
        self._focus_cache = (focus_id, dist)
        return dist

    def _collect_single_word(self, q: QueryWord, limit: int, filters: SearchFilters | None,
                             found: dict[int, PersonMatch], fits: dict[int, float]) -> bool:
        """The people a one-word query matches, rule by rule, strongest first.

        A person's kind and quality follow from the matching word alone, so nobody is
        checked word by word: this path serves the first letters typed, which match the
        most people. A weaker group of rules is looked up only while it could still make the
        list. Returns False when it stopped at the candidate cap, with some matches not looked at.
        """
        for i, (floor, rules) in enumerate(SINGLE_WORD_STAGES):
            if i and _count_at_least(found, floor + 1) >= limit:
                return True
            for rule in rules:
                if not rule.applies(q):
                    continue
                if isinstance(rule, FamilyRule):
                    # person_quality(True, rule.quality, 0.0) as first written (its float rounding
                    # decides ties): counted as a whole word, unlike the word-by-word check
                    quality = 1.0 + 0.999 * 0.6 * rule.quality
                    for rows in rule.lookup(self._index, q):
                        for row in rows:
                            if row not in found and (filters is None or self._accepts(row, filters)):
                                found[row] = (int(rule.kind.strength), quality, None)
                                fits[row] = rule.quality
                    continue
                # plain ints in `found`: ranking compares them for thousands of people
                strength, elsewhere = int(rule.kind.strength), int(rule.elsewhere.strength)
                for word, ratio in rule.lookup(self._index, q):
                    if not self._assign(word, strength, elsewhere, ratio, filters, found, fits):
                        return False
        return True

    def _collect_by_passes(self, name_words: list[QueryWord], qwords: list[QueryWord], limit: int,
                           filters: SearchFilters | None, found: dict[int, PersonMatch],
                           fits: dict[int, float]) -> bool:
        """The people a query of several words matches, pass by pass (rules.PASSES): whole words
        and beginnings first, the weaker rules only while they could still make the list.
        Returns False when a cap cut the candidates of a pass."""
        complete = True
        for pass_ in PASSES:
            if pass_.until is not None:
                if _count_at_least(found, pass_.until) >= limit:
                    continue
                if not any(rule.applies(q) for rule in pass_.new for q in name_words):
                    continue
            rows, whole = self._candidates(name_words, pass_)
            complete = complete and whole
            self._collect(rows, qwords, filters, found, fits)
        return complete

    def _assign(self, word: str, strength: int, elsewhere: int, ratio: float, filters: SearchFilters | None,
                found: dict[int, PersonMatch], fits: dict[int, float]) -> bool:
        """Record the people with `word` in a name at this strength (`elsewhere` in another name
        than the primary), unless they match better already.

        Returns False once enough people are found for any ranking to need no more.
        """
        counts = self._index.primary_counts
        whole = ratio >= WHOLE_WORD
        index = self._index
        for rows, primary in ((index.by_primary.get(word), True), (index.by_other.get(word), False)):
            if not rows:
                continue
            kind = strength if primary else elsewhere
            for row in rows:
                # person_quality, inlined: this loop runs for thousands of people
                quality = whole + 0.999 * (0.6 * ratio + (0.4 / counts[row] if primary else 0.0))
                current = found.get(row)
                if current is not None and (current[0], current[1]) >= (kind, quality):
                    continue
                if filters is not None and not self._accepts(row, filters):
                    continue
                found[row] = (kind, quality, None)
                fits[row] = ratio
        return len(found) < 2 * self.CANDIDATE_CAP

    def _candidates(self, qwords: list[QueryWord], pass_: Pass) -> tuple[list[int], bool]:
        """People who may match every query word by the rules of this pass, the likely strongest
        matches first, and whether they are all of them (no cap cut the lists).

        Only words of a few letters narrow the search (a single letter would list half
        the tree); each candidate is then checked against every word.
        """
        selective = [q for q in qwords if len(q.folded) >= pass_.shortest]
        if not selective:
            selective = [max(qwords, key=lambda q: len(q.folded))]
        complete = True
        lists = []
        for q in selective:
            rows = ordered_union(self._postings(q, pass_), 20 * self.CANDIDATE_CAP)
            if len(rows) >= 20 * self.CANDIDATE_CAP:
                complete = False
            lists.append(rows)
        lists.sort(key=len)
        first, others = lists[0], [set(rows) for rows in lists[1:]]
        if others:
            first = [row for row in first if all(row in rows for rows in others)]
        return first[: self.VERIFY_CAP], complete and len(first) <= self.VERIFY_CAP

    def _postings(self, q: QueryWord, pass_: Pass) -> Iterator[list[int]]:
        """The people each rule of the pass matches to the query word, in lists."""
        index = self._index
        for rule in pass_.rules:
            if not rule.applies(q):
                continue
            if isinstance(rule, FamilyRule):
                yield from rule.lookup(index, q)
            else:
                yield from index.word_postings(word for word, _ in rule.lookup(index, q))

    def _collect(self, rows: Iterable[int], qwords: list[QueryWord], filters: SearchFilters | None,
                 found: dict[int, PersonMatch], fits: dict[int, float]) -> None:
        for row in rows:
            if row in found:
                continue
            if filters is not None and not self._accepts(row, filters):
                continue
            result = match_person(self._index, row, qwords)
            if result is not None:
                found[row] = result
                fits[row] = _fit(result[2])

    def _count_links(self, row: int) -> float:
        """A person's family links as a part of their score (`_ranks`), worked out once."""
        bonus = self._link_bonus[row] = 0.0012 * min(self._index.links(row), self.MOST_LINKS)
        return bonus

    def _ranks(self, found: dict[int, PersonMatch], fits: dict[int, float],
               distances: dict[int, int]) -> list[float]:
        """The score of each person found, in its order, but for their family links (in steps of 0.0012).

        Kind first; within a kind whole words before beginnings, then closeness, then how well the
        words matched (`fits`, to a hundredth), then the person's family links (the file's Queen
        Victoria before its obscure Victorias), then how much of the name the query covers. Each
        part moves in steps wider than all the parts after it, together under the 5 of a step of
        closeness: fit 0.04, a link 0.0012 (up to MOST_LINKS), coverage under 0.0004.
        """
        far = self.FOCUS_DEPTH + 1
        distance, fit_of = distances.get, fits.get
        out = []
        for row, (strength, quality, _) in found.items():  # (inlined: a letter typed finds thousands)
            fit = fit_of(row, 1.0)  # (1.0: found by the record's id)
            whole = quality >= 1.0
            d = distance(row)
            closeness = 0 if d is None or d >= far else far - d
            # coverage, person_quality's part: what the quality has beyond whole words and fit
            out.append(strength * 100.0 + 40.0 * whole + closeness * 5.0 + (fit * 100.0 + 0.5) // 1.0 * 0.04
                       + 0.001 * (quality - whole - 0.5994 * fit))
        return out


def _fit(matches: list[Match] | None) -> float:
    """How well a person's words matched the query's (0..1): their matches' average quality."""
    return sum(m.quality for m in matches) / len(matches) if matches else 1.0


def _count_at_least(found: dict[int, PersonMatch], strength: int) -> int:
    return sum(1 for match in found.values() if match[0] >= strength)
