"""The name index: find people by any spelling of any of their names, best match first."""

from __future__ import annotations

import enum
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from familytree.model import Name, NameType, Person, Sex, Tree
from familytree.search.dmsoundex import dm_soundex
from familytree.search.fold import MAX_QUERY_CHARS, MAX_QUERY_WORDS, script_of, word_spans, words
from familytree.search.translit import name_skeletons, patronymic_skeletons, surname_stem

__all__ = ["MatchKind", "NameIndex", "SearchFilters", "SearchResult"]


class MatchKind(enum.Enum):
    """Why a person matched, strongest first; a result ranks by its weakest query word."""

    EXACT = "exact"
    PREFIX = "prefix"
    VARIANT = "variant"  # a name the file stores besides the primary one: nickname, AKA, Cyrillic...
    TRANSLITERATION = "transliteration"  # another romanisation, a surname's other-sex form, a patronymic
    PHONETIC = "phonetic"  # same Daitch–Mokotoff code
    TYPO = "typo"  # a small edit distance

    @property
    def strength(self) -> int:
        return _STRENGTH[self]


_STRENGTH = {MatchKind.EXACT: 6, MatchKind.PREFIX: 5, MatchKind.VARIANT: 4, MatchKind.TRANSLITERATION: 3,
             MatchKind.PHONETIC: 2, MatchKind.TYPO: 1}


@dataclass(slots=True, frozen=True)
class SearchResult:
    person_id: str
    name: str  # the display name
    score: float  # higher is better
    reason: str  # why it matched, for the user: "nickname Seryozha", "sounds like Rubinstein"
    kind: MatchKind


@dataclass(slots=True, frozen=True)
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


# Where a word comes from within a person: (name index, part); part 0 is the name itself,
# 1 its nickname, 2 + j its j-th translation. Packed into one int to keep the index small.
_NAME_ITSELF, _NICKNAME, _TRANSLATION = 0, 1, 2
_PART_BITS = 64


@dataclass(slots=True, frozen=True)
class _Word:
    """One indexed word of one person's names."""

    folded: str
    skel: str
    codes: tuple[str, ...]  # Daitch–Mokotoff codes
    stem: str  # masculine surname stem; "" for given names
    source: int  # name index * _PART_BITS + part

    @property
    def primary(self) -> bool:
        return self.source == 0


@dataclass(slots=True)
class _QueryWord:
    folded: str
    skel: str
    codes: frozenset[str]
    stem: str
    year: bool  # digits only: matched against life years instead of names


@dataclass(slots=True)
class _Match:
    kind: MatchKind
    quality: float  # 0..1 within the kind: how much of the word was matched
    word: _Word | None  # the person's word that matched; None for a patronymic or life year
    note: str = ""  # "surname", "patronymic" or "" (the usual meaning of the kind)


# Edit distances allowed for a typo: none under five letters (too many short names are a
# letter apart), one up to seven letters, two from eight.
_PersonMatch = tuple[MatchKind, float, list[_Match]]  # the weakest kind, quality 0..1, per-word matches


def _typo_budget(length: int) -> int:
    return 0 if length < 5 else 1 if length < 8 else 2


@lru_cache(maxsize=200_000)
def _make_words(text: str, surname: bool, source: int) -> tuple[_Word, ...]:
    out = []
    for folded, skel in zip(words(text), name_skeletons(text), strict=True):
        stem = surname_stem(skel) if surname else ""
        out.append(_Word(folded, skel, dm_soundex(folded), stem, source))
    return tuple(out)


def _name_words(name: Name, index: int) -> list[_Word]:
    base = index * _PART_BITS
    out: list[_Word] = []
    out.extend(_name_part_words(name, base + _NAME_ITSELF))
    if name.nickname:
        out.extend(_make_words(name.nickname, False, base + _NICKNAME))
    for j, tran in enumerate(name.translations[: _PART_BITS - _TRANSLATION]):
        out.extend(_name_part_words(tran, base + _TRANSLATION + j))
    return out


def _name_part_words(name: Name, source: int) -> tuple[_Word, ...]:
    surname = f"{name.surname_prefix} {name.surname}" if name.surname_prefix else name.surname
    if not name.given and not surname:
        return _make_words(name.full.replace("/", " "), False, source)
    if not surname:
        return _make_words(name.given, False, source)
    if not name.given:
        return _make_words(surname, True, source)
    return _make_words(name.given, False, source) + _make_words(surname, True, source)


def _given_names(person: Person) -> list[str]:
    """Every given name a person is known by (Leon, Lev, Лев): patronymics are formed from any."""
    out = []
    for name in person.names[:8]:
        for n in (name, *name.translations[:4]):
            if n.given and n.given not in out:
                out.append(n.given)
    return out


def _event_year(person: Person, birth: bool) -> int | None:
    event = person.birth if birth else person.death
    return event.date.year if event is not None and event.date is not None else None


class NameIndex:
    """Every name of every person of a tree, indexed for search as you type.

    Lookups go through dictionaries and sorted word lists (prefixes by bisection), so
    a query touches only the people who can match; the one scan over all distinct
    words is the typo fallback, done in C by rapidfuzz and only when the other kinds
    of match leave the result list short.
    """

    # A query word that matches more people than this (a single letter in a big tree)
    # ranks only this many, taken relatives of the focus person first, then in
    # alphabetical order of the matching word.
    CANDIDATE_CAP = 1500
    FOCUS_DEPTH = 6  # relatives further than this are "not close" for ranking
    FOCUS_NODES = 5000

    def __init__(self, tree: Tree) -> None:
        self._tree = tree
        self._ids: list[str] = []
        self._words: list[tuple[_Word, ...]] = []
        self._patronymics: list[frozenset[str]] = []
        self._years: list[tuple[int | None, int | None]] = []
        self._sexes: list[Sex] = []
        self._row_of: dict[str, int] = {}
        by_word: dict[str, list[int]] = {}
        by_skel: dict[str, list[int]] = {}
        by_code: dict[str, list[int]] = {}
        by_stem: dict[str, list[int]] = {}
        by_patronymic: dict[str, list[int]] = {}
        families = tree.families
        people = tree.people
        for row, person in enumerate(people.values()):
            self._ids.append(person.id)
            self._row_of[person.id] = row
            person_words: list[_Word] = []
            for i, name in enumerate(person.names):
                person_words.extend(_name_words(name, i))
            self._words.append(tuple(person_words))
            self._years.append((_event_year(person, True), _event_year(person, False)))
            self._sexes.append(person.sex)
            for w in person_words:
                _post(by_word, w.folded, row)
                _post(by_skel, w.skel, row)
                for code in w.codes:
                    _post(by_code, code, row)
                if w.stem:
                    _post(by_stem, w.stem, row)
            patronymics: frozenset[str] = frozenset()
            for fid in person.parent_family_ids:
                family = families.get(fid)
                father = people.get(family.husband_id) if family is not None and family.husband_id else None
                if father is not None and father.sex is not Sex.FEMALE:
                    for given in _given_names(father):
                        patronymics = patronymics | patronymic_skeletons(given)
            self._patronymics.append(patronymics)
            for key in patronymics:
                _post(by_patronymic, key, row)
        self._by_word = by_word
        self._by_skel = by_skel
        self._by_code = by_code
        self._by_stem = by_stem
        self._by_patronymic = by_patronymic
        self._sorted_words = sorted(by_word)
        self._sorted_skels = sorted(by_skel)
        self._words_by_length: dict[int, list[str]] = {}
        for word in self._sorted_words:
            self._words_by_length.setdefault(len(word), []).append(word)
        self._focus_cache: tuple[str, dict[int, int]] = ("", {})

    def __len__(self) -> int:
        return len(self._ids)

    # -- queries -----------------------------------------------------------------
    def search(self, query: str, limit: int = 20, focus_id: str | None = None,
               filters: SearchFilters | None = None) -> list[SearchResult]:
        """The people whose names match `query`, best first; never raises on any text."""
        if limit <= 0 or not isinstance(query, str):
            return []
        query = query[:MAX_QUERY_CHARS]
        by_id = self._by_xref(query)
        qwords = [self._query_word(w, k) for w, k in zip(words(query), name_skeletons(query), strict=True)]
        qwords = qwords[:MAX_QUERY_WORDS]
        name_words = [q for q in qwords if not q.year]
        distances = self._distances(focus_id)
        if filters is not None and not filters.active:
            filters = None
        found: dict[int, _PersonMatch] = {}
        if by_id is not None:
            found[by_id] = (MatchKind.EXACT, 1.0, [])
        if name_words:
            self._collect(self._candidates(name_words, distances, typos=False), qwords, filters, found)
            if len(found) < limit and any(_typo_budget(len(q.folded)) for q in name_words):
                self._collect(self._candidates(name_words, distances, typos=True), qwords, filters, found)
        scored = [(self._score(kind, quality, distances.get(row)), row)
                  for row, (kind, quality, _) in found.items()]
        ranked = sorted(scored, key=lambda item: (-item[0], self._display(item[1]).casefold(), item[1]))
        out = []
        for score, row in ranked[:limit]:
            kind, _, matches = found[row]
            out.append(SearchResult(self._ids[row], self._display(row), round(score, 3),
                                    self._reason(row, kind, matches, by_id == row), kind))
        return out

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

    @staticmethod
    def _query_word(folded: str, skel: str) -> _QueryWord:
        folded, skel = folded[:64], skel[:64]
        if folded.isdigit():
            return _QueryWord(folded, "", frozenset(), "", True)
        codes = frozenset(dm_soundex(folded)) if len(folded) >= 3 else frozenset()
        return _QueryWord(folded, skel, codes, surname_stem(skel), False)

    def _display(self, row: int) -> str:
        return self._tree.people[self._ids[row]].display_name()

    def _distances(self, focus_id: str | None) -> dict[int, int]:
        """Breadth-first distances from the focus person over parents, children and partners."""
        if not focus_id or focus_id not in self._row_of:
            return {}
        if self._focus_cache[0] == focus_id:
            return self._focus_cache[1]
        tree = self._tree
        dist = {self._row_of[focus_id]: 0}
        queue = deque([(focus_id, 0)])
        while queue and len(dist) < self.FOCUS_NODES:
            pid, d = queue.popleft()
            if d >= self.FOCUS_DEPTH:
                continue
            for other in (*tree.parents(pid), *tree.children(pid), *tree.partners(pid)):
                row = self._row_of.get(other)
                if row is not None and row not in dist:
                    dist[row] = d + 1
                    queue.append((other, d + 1))
        self._focus_cache = (focus_id, dist)
        return dist

    def _candidates(self, qwords: list[_QueryWord], distances: dict[int, int], typos: bool) -> list[int]:
        """People who may match every query word, near relatives of the focus first."""
        per_word = []
        for q in qwords:
            lists = list(self._typo_postings(q)) if typos else list(self._postings(q))
            per_word.append(lists)
        if len(per_word) == 1:
            ordered = _ordered_union(per_word[0], self.CANDIDATE_CAP * 4)
        else:
            cap = 50 * self.CANDIDATE_CAP
            sets = sorted((set(_ordered_union(lists, cap)) for lists in per_word), key=len)
            common = sets[0].intersection(*sets[1:])
            ordered = sorted(common)
        if len(ordered) <= self.CANDIDATE_CAP:
            return ordered
        matching = set(ordered)
        near = [row for row, d in distances.items() if d <= 2 and row in matching]
        return near + ordered[: self.CANDIDATE_CAP]

    def _postings(self, q: _QueryWord) -> Iterator[list[int]]:
        """Posting lists that may hold a match for `q`, roughly strongest kind first."""
        folded = q.folded
        if folded in self._by_word:
            yield self._by_word[folded]
        yield from self._prefix_postings(self._sorted_words, self._by_word, folded, skip_exact=True)
        if q.skel in self._by_skel:
            yield self._by_skel[q.skel]
        if len(q.skel) >= 3:
            yield from self._prefix_postings(self._sorted_skels, self._by_skel, q.skel, skip_exact=True)
        if q.stem in self._by_stem:
            yield self._by_stem[q.stem]
        if q.skel in self._by_patronymic:
            yield self._by_patronymic[q.skel]
        for code in q.codes:
            if code in self._by_code:
                yield self._by_code[code]

    def _typo_postings(self, q: _QueryWord) -> Iterator[list[int]]:
        budget = _typo_budget(len(q.folded))
        if not budget:
            yield from self._postings(q)
            return
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        n = len(q.folded)
        for length in range(n - budget, n + budget + 1):
            choices = self._words_by_length.get(length)
            if not choices:
                continue
            for word, _, _ in process.extract(q.folded, choices, scorer=Levenshtein.distance,
                                              score_cutoff=budget, limit=200):
                yield self._by_word[word]
        yield from self._postings(q)

    @staticmethod
    def _prefix_postings(keys: list[str], postings: dict[str, list[int]], prefix: str,
                         skip_exact: bool) -> Iterator[list[int]]:
        i = bisect_left(keys, prefix)
        while i < len(keys) and keys[i].startswith(prefix):
            if not (skip_exact and keys[i] == prefix):
                yield postings[keys[i]]
            i += 1

    def _collect(self, rows: Iterable[int], qwords: list[_QueryWord], filters: SearchFilters | None,
                 found: dict[int, _PersonMatch]) -> None:
        for row in rows:
            if row in found:
                continue
            if filters is not None:
                birth, death = self._years[row]
                if not filters.accepts(birth, death, self._sexes[row]):
                    continue
            result = self._match_person(row, qwords)
            if result is not None:
                found[row] = result

    def _match_person(self, row: int, qwords: list[_QueryWord]) -> _PersonMatch | None:
        person_words = self._words[row]
        ties: list[list[_Match]] = []
        matches: list[_Match] = []
        for q in qwords:
            if q.year:
                if not any(y is not None and str(y).startswith(q.folded) for y in self._years[row]):
                    return None
                continue
            best: list[_Match] = []  # the equally good matches of this query word
            for w in person_words:
                m = _match_word(q, w)
                if m is None:
                    continue
                if not best or (m.kind.strength, m.quality) > (best[0].kind.strength, best[0].quality):
                    best = [m]
                elif (m.kind.strength, m.quality) == (best[0].kind.strength, best[0].quality):
                    best.append(m)
            if (not best or best[0].kind.strength < MatchKind.TRANSLITERATION.strength) \
                    and q.skel in self._patronymics[row]:
                best = [_Match(MatchKind.TRANSLITERATION, 0.9, None, "patronymic")]
            if not best:
                return None
            ties.append(best)
        if not ties:
            return None
        # Among equally good words, take them from the name that holds most of the query,
        # so that the reason names that one name ("birth name Lev Bronstein").
        votes: dict[int, int] = {}
        for best in ties:
            for source in {m.word.source for m in best if m.word is not None}:
                votes[source] = votes.get(source, 0) + 1
        for best in ties:
            matches.append(max(best, key=lambda m: votes.get(m.word.source, 0) if m.word else 0))
        weakest = min(matches, key=lambda m: (m.kind.strength, m.quality))
        primary_words = sum(1 for w in person_words if w.primary) or 1
        covered = len({id(m.word) for m in matches if m.word is not None and m.word.primary})
        average = sum(m.quality for m in matches) / len(matches)
        quality = 0.6 * average + 0.4 * min(1.0, covered / primary_words)
        return weakest.kind, quality, matches

    def _score(self, kind: MatchKind, quality: float, distance: int | None) -> float:
        closeness = 0 if distance is None else max(0, self.FOCUS_DEPTH + 1 - distance)
        return kind.strength * 100.0 + closeness * 10.0 + 9.99 * quality

    # -- reasons -----------------------------------------------------------------
    def _reason(self, row: int, kind: MatchKind, matches: list[_Match], by_xref: bool) -> str:
        person = self._tree.people[self._ids[row]]
        if by_xref and not matches:
            return f"record {person.id}"
        ranking = [m for m in matches if m.kind is kind]
        # explain with the name that holds most of the matched words ("Lev Davidovich": the
        # name with both words, not the first one holding "Lev")
        per_source: dict[int, int] = {}
        for x in matches:
            if x.word is not None:
                per_source[x.word.source] = per_source.get(x.word.source, 0) + 1
        m = min(ranking, key=lambda x: (-per_source.get(x.word.source, 0) if x.word else 0, x.quality),
                default=None)
        if m is None:
            return "exact name"
        if m.note == "patronymic":
            father = self._father_name(person)
            return f"patronymic, father {father}" if father else "patronymic"
        assert m.word is not None
        word = _original_word(person, m.word)
        if kind is MatchKind.EXACT:
            return "exact name"
        if kind is MatchKind.PREFIX:
            return f"prefix of {word}"
        if kind is MatchKind.VARIANT:
            return _label(person, m.word.source)
        if kind is MatchKind.TRANSLITERATION:
            if m.note == "surname":
                return f"surname form of {word}"
            script = script_of(word)
            if script not in ("Latin", ""):
                return f"{script} {word}"
            if m.word.source % _PART_BITS == _NICKNAME:
                return f"transliteration of nickname {word}"
            return f"transliteration of {word}"
        if kind is MatchKind.PHONETIC:
            return f"sounds like {word}"
        return f"typo for {word}"

    def _father_name(self, person: Person) -> str:
        for fid in person.parent_family_ids:
            family = self._tree.families.get(fid)
            father = self._tree.people.get(family.husband_id) if family and family.husband_id else None
            if father is not None:
                return father.display_name()
        return ""


def _post(postings: dict[str, list[int]], key: str, row: int) -> None:
    rows = postings.get(key)
    if rows is None:
        postings[key] = [row]
    elif rows[-1] != row:
        rows.append(row)


def _ordered_union(lists: Iterable[list[int]], cap: int) -> list[int]:
    seen: set[int] = set()
    out: list[int] = []
    for rows in lists:
        for row in rows:
            if row not in seen:
                seen.add(row)
                out.append(row)
        if len(out) >= cap:
            break
    return out


def _match_word(q: _QueryWord, w: _Word) -> _Match | None:
    """How query word `q` matches indexed word `w`, or None."""
    qf, wf = q.folded, w.folded
    if qf == wf:
        return _Match(MatchKind.EXACT if w.primary else MatchKind.VARIANT, 1.0, w)
    if wf.startswith(qf):
        return _Match(MatchKind.PREFIX if w.primary else MatchKind.VARIANT, 0.5 * len(qf) / len(wf), w)
    if q.skel == w.skel:
        return _Match(MatchKind.TRANSLITERATION, 1.0, w)
    if len(q.skel) >= 3 and w.skel.startswith(q.skel):
        return _Match(MatchKind.TRANSLITERATION, 0.5 * len(q.skel) / len(w.skel), w)
    if w.stem and q.stem == w.stem:
        return _Match(MatchKind.TRANSLITERATION, 0.8, w, "surname")
    if q.codes and not q.codes.isdisjoint(w.codes):
        return _Match(MatchKind.PHONETIC, 1.0, w)
    budget = _typo_budget(len(qf))
    if budget and abs(len(qf) - len(wf)) <= budget:
        from rapidfuzz.distance import Levenshtein

        d = Levenshtein.distance(qf, wf, score_cutoff=budget)
        if d <= budget:
            return _Match(MatchKind.TYPO, 1.0 - d / len(qf), w)
    return None


def _name_part(person: Person, source: int) -> tuple[Name | None, str]:
    """The name (or nickname text) an index source number points at."""
    index, part = divmod(source, _PART_BITS)
    if index >= len(person.names):
        return None, ""
    name = person.names[index]
    if part == _NAME_ITSELF:
        return name, name.display()
    if part == _NICKNAME:
        return None, name.nickname
    j = part - _TRANSLATION
    if j < len(name.translations):
        return name.translations[j], name.translations[j].display()
    return None, ""


def _original_word(person: Person, word: _Word) -> str:
    """The matched word as the file spells it ("Rubinštejn"), found again by its folded form."""
    _, text = _name_part(person, word.source)
    for start, end, folded in word_spans(text):
        if folded == word.folded:
            return text[start:end]
    return word.folded


_TYPE_LABELS = {
    NameType.AKA: "also known as", NameType.NICKNAME: "nickname", NameType.MARRIED: "married name",
    NameType.IMMIGRANT: "immigrant name", NameType.MAIDEN: "maiden name", NameType.BIRTH: "birth name",
    NameType.PROFESSIONAL: "professional name", NameType.OTHER: "other name", NameType.NONE: "also known as",
}


def _label(person: Person, source: int) -> str:
    """A stored name as the user should read it: "nickname Seryozha", "Cyrillic Сергей Седов"."""
    index, part = divmod(source, _PART_BITS)
    name, text = _name_part(person, source)
    if part == _NICKNAME:
        return f"nickname {text}"
    script = script_of(text)
    if part >= _TRANSLATION:
        return f"{script} {text}" if script not in ("Latin", "") else f"also written {text}"
    if index == 0:
        return text
    assert name is not None
    label = name.type_phrase if name.type is NameType.OTHER and name.type_phrase else _TYPE_LABELS[name.type]
    if script not in ("Latin", "") and name.type in (NameType.NONE, NameType.AKA):
        label = script
    return f"{label} {text}"
