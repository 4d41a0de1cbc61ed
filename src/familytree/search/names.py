"""The name index: find people by any spelling of any of their names, best match first."""

from __future__ import annotations

import enum
import heapq
import re
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from familytree.model import Name, NameType, Person, Sex, Tree
from familytree.search.dmsoundex import dm_soundex
from familytree.search.fold import MAX_QUERY_CHARS, MAX_QUERY_WORDS, script_of, word_spans, words
from familytree.search.translit import (
    abjad_consonants,
    consonants,
    group_skeletons,
    is_abjad,
    is_short_for,
    name_group,
    name_skeletons,
    patronymic_skeletons,
    short_forms,
    skeleton,
    surname_forms,
    surname_stem,
)

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
_KIND_OF = {v: k for k, v in _STRENGTH.items()}
_EXACT, _PREFIX, _VARIANT, _TRANSLITERATION, _PHONETIC, _TYPO = 6, 5, 4, 3, 2, 1


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
    group: int = 0  # its group of equivalent given names (Lev, Leon, Leo), 0 for none
    forms: tuple[str, ...] = ()  # surname stems of its other-sex forms in other languages (Novák of Nováková)
    abjad: str = ""  # its consonant key, when the tree has names in Hebrew letters (Cohen: כהן)
    short: frozenset[str] = frozenset()  # its short forms, or the full names it is short for (Bill, William)


@dataclass(slots=True)
class _Match:
    strength: int  # MatchKind.strength: an int, as ranking compares it for thousands of people
    quality: float  # 0..1 within the kind: how much of the word was matched
    word: _Word | None  # the person's word that matched; None for a patronymic or life year
    note: str = ""  # "surname", "patronymic", "married:" + stem or "" (the usual meaning of the kind)

    @property
    def kind(self) -> MatchKind:
        return _KIND_OF[self.strength]


# The weakest kind's strength; the quality, 1 or more when every query word matched a whole
# name word (Давид = Давид, not Давид... of Давидович), plus how much of the name the query
# covers (0..1); the match of each query word (None: not worked out yet).
_PersonMatch = tuple[int, float, list[_Match] | None]
_WHOLE_WORD = 0.8  # word qualities from here up mean a whole word matched
_OTHER_LANGUAGE = 0.8  # the quality of a given name matched by its form in another language
_ABJAD = 0.9  # the quality of a Latin name matched by the consonants of one in Hebrew letters
_SHORT_FORM = 0.75  # the quality of a given name matched by its short form (Bill: William) or back
_MARRIED = 0.7  # the quality of a surname matched by a partner's surname (a married name the file lacks)


def _typo_budget(length: int) -> int:
    """Edit distances allowed for a typo: none under five letters (too many short names are
    a letter apart), one up to seven letters, two from eight."""
    return 0 if length < 5 else 1 if length < 8 else 2


# An elided particle before a capital: O'Connor, D'Angelo, d'Aubigné, dell'Acqua (not D'yakov
# or Ol'ga, where the apostrophe is a romanised soft sign).
_ELIDED = re.compile(r"(?<![^\W\d_])(?:[OoDdLl]|[Dd]ell|[Dd]all|[Nn]ell|[Ss]ull|[Aa]ll)['’ʼ`´‘](?=[^\W\d_])")


def _is_cjk(word: str) -> bool:
    """Whether a word is written in Chinese characters (Japanese kanji) or Korean Hangul only."""
    return all("\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3" or "\u3400" <= c <= "\u4dbf"
               for c in word)


@lru_cache(maxsize=200_000)
def _make_words(text: str, surname: bool, source: int) -> tuple[_Word, ...]:
    out = []
    for folded, skel in zip(words(text), name_skeletons(text), strict=True):
        stem = surname_stem(skel) if surname else ""
        # words of one or two letters (de, la, y, initials) sound like too much to be coded
        out.append(_Word(folded, skel, dm_soundex(folded) if len(folded) >= 3 else (), stem, source))
    if not text.isascii():
        # Chinese, Japanese and Korean names written without a space between surname and given
        # name (毛泽东, 김정은): the given name is a word too, whichever its length
        for folded in [w.folded for w in out if 3 <= len(w.folded) <= 5 and _is_cjk(w.folded)]:
            out += (w for part in range(1, len(folded) - 1) for w in _make_words(folded[part:], False, source)
                    if w not in out)
    if "'" in text or "’" in text or "ʼ" in text or "`" in text or "´" in text or "‘" in text:
        # the name after an elided particle is a word too: Connor finds O'Connor
        for m in _ELIDED.finditer(text):
            if text[m.end()].isupper():
                out += (w for w in _make_words(text[m.end():].split(" ", 1)[0], surname, source)[:1]
                        if w not in out)
    return tuple(out)


def _person_words(names: list[Name]) -> tuple[tuple[_Word, ...], int]:
    """All indexed words of a person's names, and how many (1..255) belong to the primary name."""
    if len(names) == 1:
        name = names[0]
        if not name.nickname and not name.translations:  # most people: one plain name
            only = _name_part_words(name, 0)
            return only, min(255, len(only)) or 1
    out: list[_Word] = []
    primary = 0
    for i, name in enumerate(names):
        base = i * _PART_BITS
        part = _name_part_words(name, base + _NAME_ITSELF)
        if i == 0:
            primary = len(part)
        out += part
        if name.nickname:
            out += _make_words(name.nickname, False, base + _NICKNAME)
        for j, tran in enumerate(name.translations[: _PART_BITS - _TRANSLATION]):
            out += _name_part_words(tran, base + _TRANSLATION + j)
    return tuple(out), min(255, primary) or 1


def _name_part_words(name: Name, source: int) -> tuple[_Word, ...]:
    return _part_words(name.given, name.surname_prefix, name.surname, name.suffix, name.prefix, name.full,
                       source)


@lru_cache(maxsize=200_000)
def _part_words(given: str, surname_prefix: str, surname: str, suffix: str, title: str, full: str,
                source: int) -> tuple[_Word, ...]:
    """The words of one name from its parts (one cached call per name: most names repeat).

    The words after the surname count too: "Jr." of "John /Smith/ Jr.", and the given name
    of a name written surname first ("/Kovács/ János", "/山田/ 太郎"); so do the words of a
    title before the name ("Prof.", "Lt. Cmndr."), shown with it.
    """
    if surname_prefix:
        surname = f"{surname_prefix} {surname}"
    if not given and not surname:
        return _make_words(full.replace("/", " "), False, source)
    if not surname:
        out = _make_words(given, False, source)
    elif not given:
        out = _make_words(surname, True, source)
    else:
        out = _make_words(given, False, source) + _make_words(surname, True, source)
    for extra in (suffix, title):
        if extra:
            out += tuple(w for w in _make_words(extra, False, source) if w not in out)
    return out


def _given_names(person: Person) -> list[str]:
    """Every given name a person is known by (Leon, Lev, Лев): patronymics are formed from any."""
    out = []
    for name in person.names[:8]:
        for n in (name, *name.translations[:4]):
            if n.given and n.given not in out:
                out.append(n.given)
    return out


def _year_words(person: Person, birth: bool) -> str:
    """The year of a birth or death as a reason says it: "1908", "before 1908", "about 1890"."""
    event = person.birth if birth else person.death
    short = event.date.short_year() if event is not None and event.date is not None else ""
    for mark, words_ in (("<", "before "), (">", "after "), ("c.", "about ")):
        if short.startswith(mark):
            return words_ + short[len(mark):]
    return short


class NameIndex:
    """Every name of every person of a tree, indexed for search as you type.

    People are listed under each word of their names (primary name and other names
    apart); each distinct word is listed under its skeleton, its Daitch–Mokotoff codes
    and, for surnames, its masculine form. Lookups go through these dictionaries and
    sorted word lists (prefixes by bisection), so a query touches only the people who
    can match; the one scan over all distinct words is the typo fallback, done in C by
    rapidfuzz and only when the other kinds of match leave the result list short.
    """

    # A one-word query that matches more people than twice this (a single letter in a big
    # tree) ranks the first ones met, strongest kind first and in alphabetical order of the
    # matching word, and the relatives of the focus person (NEAR) whatever their name.
    CANDIDATE_CAP = 1000
    VERIFY_CAP = 500  # likewise for the people checked word by word for a query of several words
    FOCUS_DEPTH = 6  # relatives further than this are "not close" for ranking
    FOCUS_NODES = 2000
    NEAR = 3  # relatives this close are always considered, however common the name

    def __init__(self, tree: Tree) -> None:
        self._tree = tree
        self._ids: list[str] = list(tree.people)
        self._row_of: dict[str, int] = {pid: row for row, pid in enumerate(self._ids)}
        self._words: list[tuple[_Word, ...]] = []
        self._primary_counts = bytearray()
        self._patronymics: list[frozenset[str]] = []
        self._years: dict[int, tuple[int | None, int | None]] = {}  # filled when filters ask
        self._year_rows: dict[str, list[int]] | None = None  # life year -> rows, for queries of years
        by_primary: dict[str, list[int]] = {}  # word -> people with it in their primary name
        by_other: dict[str, list[int]] = {}  # word -> people with it in another name or nickname
        distinct: list[_Word] = []  # one word object per new word of each posting table
        surnames: set[str] = set()  # words met as a surname: another word object if first met otherwise
        father_keys: dict[str, frozenset[str]] = {}
        empty: frozenset[str] = frozenset()
        people, families = tree.people, tree.families
        add_words, add_count = self._words.append, self._primary_counts.append
        for row, person in enumerate(people.values()):
            person_words, primary = _person_words(person.names)
            add_words(person_words)
            add_count(primary)
            for w in person_words:
                postings = by_other if w.source else by_primary
                rows = postings.get(w.folded)
                if rows is None:
                    postings[w.folded] = [row]
                    distinct.append(w)
                    if w.stem:
                        surnames.add(w.folded)
                else:
                    if rows[-1] != row:
                        rows.append(row)
                    if w.stem and w.folded not in surnames:  # first met as a given name (Washington)
                        surnames.add(w.folded)
                        distinct.append(w)
            keys = empty
            for fid in person.parent_family_ids:
                family = families.get(fid)
                if family is None or not family.husband_id:
                    continue
                father_id = family.husband_id
                found = father_keys.get(father_id)
                if found is None:
                    father = people.get(father_id)
                    found = empty if father is None or father.sex is Sex.FEMALE else empty.union(
                        *(patronymic_skeletons(given) for given in _given_names(father)))
                    father_keys[father_id] = found
                keys = found if not keys else keys | found
            self._patronymics.append(keys)
        self._by_primary = by_primary
        self._by_other = by_other
        # distinct words by skeleton, phonetic code and masculine surname form
        by_skel: dict[str, dict[str, None]] = {}  # dicts as ordered sets: no quadratic dedupe
        by_code: dict[str, dict[str, None]] = {}
        by_stem: dict[str, dict[str, None]] = {}
        for w in distinct:
            by_skel.setdefault(w.skel, {})[w.folded] = None
            for code in w.codes:
                by_code.setdefault(code, {})[w.folded] = None
            if w.stem:
                by_stem.setdefault(w.stem, {})[w.folded] = None
        self._by_skel = {k: list(v) for k, v in by_skel.items()}
        self._by_code = {k: list(v) for k, v in by_code.items()}
        self._by_stem = {k: list(v) for k, v in by_stem.items()}
        # names in Hebrew letters by their consonant keys, for queries in Latin letters
        self._by_abjad: dict[str, list[str]] = {}
        for w in distinct:
            if is_abjad(w.folded):
                for key in abjad_consonants(w.folded):
                    self._by_abjad.setdefault(key, []).append(w.folded)
        # patronymic skeleton -> the fathers whose children carry it
        self._by_patronymic: dict[str, list[str]] = {}
        for father_id, keys in father_keys.items():
            for key in keys:
                self._by_patronymic.setdefault(key, []).append(father_id)
        # married names, worked out when a query needs them (a pass over every family would
        # cost a tenth of the build): row -> surname stems taken from partners; stem -> rows
        self._married: dict[int, frozenset[str]] = {}
        self._by_married: dict[str, list[int]] = {}
        self._sorted_words = sorted(by_primary.keys() | by_other.keys())
        self._sorted_skels = sorted(self._by_skel)
        self._words_by_length: dict[int, list[str]] = {}
        for word in self._sorted_words:
            self._words_by_length.setdefault(len(word), []).append(word)
        self._focus_cache: tuple[str, dict[int, int]] = ("", {})
        self._complete = True

    def _own_stems(self, row: int) -> frozenset[str]:
        return frozenset(w.stem for w in self._words[row] if w.stem and w.source < _PART_BITS)

    def _takes_name(self, row: int, partner_row: int) -> bool:
        """Whether a person takes a partner's surname: a woman her husband's (or a partner's of
        unknown sex), as files keep her maiden name and users type "Jacqueline Kennedy"."""
        people = self._tree.people
        return (people[self._ids[row]].sex is Sex.FEMALE
                and people[self._ids[partner_row]].sex is not Sex.FEMALE)

    def _partner_rows(self, row: int) -> Iterator[int]:
        person = self._tree.people[self._ids[row]]
        for fid in person.family_ids:
            family = self._tree.families.get(fid)
            for pid in family.partner_ids if family is not None else ():
                other = self._row_of.get(pid)
                if other is not None and other != row:
                    yield other

    def _married_stems(self, row: int) -> frozenset[str]:
        """The surname stems a woman has by marriage and not by her own names."""
        found = self._married.get(row)
        if found is None:
            taken = [self._own_stems(other) for other in self._partner_rows(row)
                     if self._takes_name(row, other)]
            found = frozenset().union(*taken) - self._own_stems(row) if taken else frozenset()
            self._married[row] = found
        return found

    def _married_into(self, stem: str) -> list[int]:
        """The women with a surname of this stem by marriage: the wives of the men who have it."""
        rows = self._by_married.get(stem)
        if rows is None:
            men = _ordered_union(self._word_postings(self._by_stem.get(stem, ())), self.CANDIDATE_CAP)
            rows = list(dict.fromkeys(wife for man in men for wife in self._partner_rows(man)
                                      if stem in self._married_stems(wife)))
            self._by_married[stem] = rows
        return rows

    def __len__(self) -> int:
        return len(self._ids)

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
        out: list[str] = []
        for i in range(len(words_) - 1):
            for j in (i + 2, i + 3):
                run = words_[i:j]
                if j > len(words_) or any(w.isdigit() for w in run):
                    continue
                joined = "".join(run)
                if self._known(joined) or skeleton(joined) in self._by_skel:
                    out.append(" ".join((*words_[:i], joined, *words_[j:])))
        for i, word in enumerate(words_):
            if 2 <= len(word) <= 40 and not word.isdigit() and (not self._begins(word) or _is_cjk(word)):
                parts = self._split(word, 3, i == len(words_) - 1)
                if parts:
                    out.append(" ".join((*words_[:i], *parts, *words_[i + 1:])))
        return out[:4]

    def _known(self, word: str) -> bool:
        return word in self._by_primary or word in self._by_other

    def _begins(self, text: str) -> bool:
        """Whether a name word of the tree is `text` or begins with it."""
        i = bisect_left(self._sorted_words, text)
        return i < len(self._sorted_words) and self._sorted_words[i].startswith(text)

    def _split(self, word: str, pieces: int, last: bool) -> list[str] | None:
        """`word` as two or more words of the tree, longest first word first; the last piece may be
        the beginning of a word (three letters or more) when the query ends with it."""
        for i in range(len(word) - 1, 0, -1):
            head, rest = word[:i], word[i:]
            if not self._known(head):
                continue
            if self._known(rest) or (last and len(rest) >= 3 and self._begins(rest)):
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
        qwords = [self._query_word(w, k) for w, k in zip(words(query), name_skeletons(query), strict=True)]
        if self._by_abjad:
            for q in qwords:
                q.abjad = "" if q.year else consonants(q.folded)
        qwords = qwords[:MAX_QUERY_WORDS]
        name_words = [q for q in qwords if not q.year]
        distances = self._distances(focus_id)
        if filters is not None and not filters.active:
            filters = None
        found: dict[int, _PersonMatch] = {}
        if by_id is not None:
            found[by_id] = (_EXACT, 1.0, [])
        if name_words:
            if len(qwords) == 1:
                complete = self._collect_single_word(qwords[0], limit, filters, found)
            else:
                # whole words and beginnings first; weaker kinds of match are looked for
                # only while they could still make the list
                self._complete = True  # set False by _candidates when its cap cuts a list
                self._collect(self._candidates(name_words, "strong"), qwords, filters, found)
                if _count_at_least(found, _VARIANT) < limit:
                    rows = self._candidates(name_words, "all")
                    self._collect(rows, qwords, filters, found)
                typos = any(_typo_budget(len(q.folded)) for q in name_words)
                if typos and _count_at_least(found, _PHONETIC) < limit:
                    rows = self._candidates(name_words, "typos")
                    self._collect(rows, qwords, filters, found)
                complete = self._complete
            if not complete:
                # the cap cut the candidates: the focus person's relatives must not be among
                # those left out
                near = [row for row, d in distances.items() if d <= self.NEAR][: self.CANDIDATE_CAP]
                self._collect(near, qwords, filters, found)
        elif by_id is None and qwords:
            return self._by_years(qwords, limit, distances, filters)
        if not found and len(name_words) > 1:
            if not partial:
                return []
            return self._partial(name_words, limit, focus_id, filters)
        # ties keep the file's order: cheaper than sorting thousands of names alphabetically
        scored = [(-self._score(strength, quality, distances.get(row)), row)
                  for row, (strength, quality, _) in found.items()]
        out = []
        for negative, row in heapq.nsmallest(limit, scored):
            strength, _, matches = found[row]
            if matches is None:  # found by the fast path: work out the words for the reason
                again = self._match_person(row, qwords)
                matches = again[2] if again is not None and again[2] is not None else []
            kind = _KIND_OF[strength]
            out.append(SearchResult(self._ids[row], self._display(row), round(-negative, 3),
                                    self._reason(row, kind, matches, by_id == row), kind))
        return out

    def prepare_years(self) -> dict[str, list[int]]:
        """The people by life year (birth or death), built once: a background thread may call it
        so that the first query of a year does not wait (a 100,000-person file takes 0.4 s)."""
        if self._year_rows is None:
            by_year: dict[str, list[int]] = {}
            for row in range(len(self._ids)):
                for y in set(self._life_years(row)):
                    if y is not None:
                        by_year.setdefault(str(y), []).append(row)
            self._year_rows = by_year
        return self._year_rows

    def _by_years(self, qwords: list[_QueryWord], limit: int, distances: dict[int, int],
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
            birth, death = self._life_years(row)
            said: list[str] = []
            for q in qwords:
                if birth is not None and str(birth).startswith(q.folded):
                    said.append(f"born {_year_words(self._tree.people[self._ids[row]], True)}")
                elif death is not None and str(death).startswith(q.folded):
                    said.append(f"died {_year_words(self._tree.people[self._ids[row]], False)}")
                else:
                    break
            else:
                d = distances.get(row)
                hits.append((self.FOCUS_DEPTH + 1 if d is None else d, row, ", ".join(dict.fromkeys(said))))
        out = []
        for d, row, reason in heapq.nsmallest(limit, hits):
            closeness = max(0, self.FOCUS_DEPTH + 1 - d)
            out.append(SearchResult(self._ids[row], self._display(row), _EXACT * 100.0 + closeness * 5.0,
                                    reason, MatchKind.EXACT))
        return out

    def _partial(self, name_words: list[_QueryWord], limit: int, focus_id: str | None,
                 filters: SearchFilters | None) -> list[SearchResult]:
        """No one has every word ("Alix Hesse"): the people who have one of them, saying which."""
        best: dict[str, SearchResult] = {}
        for q in name_words:
            for r in self.search(q.folded, limit, focus_id, filters):
                if r.person_id not in best or r.score > best[r.person_id].score:
                    best[r.person_id] = SearchResult(r.person_id, r.name, r.score,
                                                     f"{r.reason} (only \u201c{q.folded}\u201d)", r.kind)
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

    @staticmethod
    def _query_word(folded: str, skel: str) -> _QueryWord:
        folded, skel = folded[:64], skel[:64]
        if folded.isdigit():
            return _QueryWord(folded, "", frozenset(), "", True)
        codes = frozenset(dm_soundex(folded)) if len(folded) >= 3 else frozenset()
        return _QueryWord(folded, skel, codes, surname_stem(skel), False, name_group(skel),
                          surname_forms(skel), short=short_forms(skel))

    def _display(self, row: int) -> str:
        return self._tree.people[self._ids[row]].display_name()

    def _life_years(self, row: int) -> tuple[int | None, int | None]:
        years = self._years.get(row)
        if years is None:
            person = self._tree.people[self._ids[row]]
            years = (person.birth_year, person.death_year)
            self._years[row] = years
        return years

    def _accepts(self, row: int, filters: SearchFilters) -> bool:
        birth, death = self._life_years(row)
        return filters.accepts(birth, death, self._tree.people[self._ids[row]].sex)

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

    def _collect_single_word(self, q: _QueryWord, limit: int, filters: SearchFilters | None,
                             found: dict[int, _PersonMatch]) -> bool:
        """The people a one-word query matches, kind by kind, strongest first.

        A person's kind and quality follow from the matching word alone, so nobody is
        checked word by word: this path serves the first letters typed, which match the
        most people. A weaker kind is looked for only while it could still make the list.
        Returns False when it stopped at the candidate cap, with some matches not looked at.
        """
        qf, qs = q.folded, q.skel
        # whole words and beginnings of words: EXACT, PREFIX, or VARIANT in another name
        for word in (qf, *_prefixed(self._sorted_words, qf)):
            ratio = 1.0 if word == qf else 0.5 * len(qf) / len(word)
            strength = _EXACT if ratio == 1.0 else _PREFIX
            if not self._assign(word, strength, ratio, filters, found):
                return False
        if _count_at_least(found, _VARIANT) >= limit:
            return True
        # other romanisations, the other sex's surname form, patronymics
        groups = [(self._by_skel.get(qs, ()), 1.0), (self._by_stem.get(q.stem, ()), 0.8)]
        groups += [(self._by_stem.get(form, ()), 0.8) for form in q.forms]
        if q.abjad:
            groups.append((self._by_abjad.get(q.abjad, ()), _ABJAD))
        groups += [(self._by_skel.get(k, ()), _OTHER_LANGUAGE) for k in group_skeletons(q.group) if k != qs]
        groups += [(self._by_skel.get(k, ()), _SHORT_FORM) for k in q.short]
        if len(qs) >= 3:
            groups += [(self._by_skel[k], 0.5 * len(qs) / len(k)) for k in _prefixed(self._sorted_skels, qs)]
        for words_, ratio in groups:
            for word in words_:
                if not self._assign(word, _TRANSLITERATION, ratio, filters, found):
                    return False
        for father_id in self._by_patronymic.get(qs, ()):
            for child in self._tree.children(father_id):
                row = self._row_of.get(child)
                if row is not None and row not in found and (filters is None or self._accepts(row, filters)):
                    found[row] = (_TRANSLITERATION, 1.0 + 0.999 * 0.6 * 0.9, None)
        for row in self._married_into(q.stem) if q.stem else ():
            if row not in found and (filters is None or self._accepts(row, filters)):
                found[row] = (_TRANSLITERATION, 1.0 + 0.999 * 0.6 * _MARRIED, None)
        if _count_at_least(found, _TRANSLITERATION) >= limit:
            return True
        for code in q.codes:
            for word in self._by_code.get(code, ()):
                if not self._assign(word, _PHONETIC, 1.0, filters, found):
                    return False
        if _count_at_least(found, _PHONETIC) >= limit:
            return True
        for word, distance in self._typos(qf):
            if not self._assign(word, _TYPO, 1.0 - distance / len(qf), filters, found):
                return False
        return True

    def _assign(self, word: str, strength: int, ratio: float, filters: SearchFilters | None,
                found: dict[int, _PersonMatch]) -> bool:
        """Record the people with `word` in a name at this kind, unless they match better already.

        Returns False once enough people are found for any ranking to need no more.
        """
        counts = self._primary_counts
        whole = ratio >= _WHOLE_WORD
        for rows, primary in ((self._by_primary.get(word), True), (self._by_other.get(word), False)):
            if not rows:
                continue
            kind = strength if primary or strength < _VARIANT else _VARIANT
            for row in rows:
                quality = whole + 0.999 * (0.6 * ratio + (0.4 / counts[row] if primary else 0.0))
                current = found.get(row)
                if current is not None and (current[0], current[1]) >= (kind, quality):
                    continue
                if filters is not None and not self._accepts(row, filters):
                    continue
                found[row] = (kind, quality, None)
        return len(found) < 2 * self.CANDIDATE_CAP

    def _typos(self, folded: str) -> list[tuple[str, int]]:
        """Name words within the typo budget of `folded`, by rapidfuzz over words of near length."""
        budget = _typo_budget(len(folded))
        if not budget:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        out: list[tuple[str, int]] = []
        n = len(folded)
        for length in range(n - budget, n + budget + 1):
            choices = self._words_by_length.get(length)
            if choices:
                out.extend((word, int(d)) for word, d, _ in process.extract(
                    folded, choices, scorer=OSA.distance, score_cutoff=budget, limit=200))
        return out

    def _candidates(self, qwords: list[_QueryWord], reach: str) -> list[int]:
        """People who may match every query word, the likely strongest matches first.

        Only words of a few letters narrow the search (a single letter would list half
        the tree); each candidate is then checked against every word.
        """
        shortest = 2 if reach == "strong" else 3  # beginnings of two letters still narrow well
        selective = [q for q in qwords if len(q.folded) >= shortest]
        if not selective:
            selective = [max(qwords, key=lambda q: len(q.folded))]
        lists = []
        for q in selective:
            if reach == "strong":  # the words themselves and words they begin
                postings: Iterator[list[int]] = self._word_postings((q.folded, *_prefixed(self._sorted_words,
                                                                                           q.folded)))
            elif reach == "typos":
                postings = self._typo_postings(q)
            else:
                postings = self._postings(q)
            rows = _ordered_union(postings, 20 * self.CANDIDATE_CAP)
            if len(rows) >= 20 * self.CANDIDATE_CAP:
                self._complete = False
            lists.append(rows)
        lists.sort(key=len)
        first, others = lists[0], [set(rows) for rows in lists[1:]]
        if others:
            first = [row for row in first if all(row in rows for rows in others)]
        self._complete = self._complete and len(first) <= self.VERIFY_CAP
        return first[: self.VERIFY_CAP]

    def _words_for(self, q: _QueryWord) -> Iterator[str]:
        """Name words that may match `q`, roughly strongest kind first."""
        yield q.folded
        yield from _prefixed(self._sorted_words, q.folded)
        yield from self._by_skel.get(q.skel, ())
        if len(q.skel) >= 3:
            for skel in _prefixed(self._sorted_skels, q.skel):
                yield from self._by_skel[skel]
        yield from self._by_stem.get(q.stem, ())
        for form in q.forms:
            yield from self._by_stem.get(form, ())
        if q.abjad:
            yield from self._by_abjad.get(q.abjad, ())
        for key in group_skeletons(q.group):
            yield from self._by_skel.get(key, ())
        for key in q.short:
            yield from self._by_skel.get(key, ())
        for code in q.codes:
            yield from self._by_code.get(code, ())

    def _word_postings(self, words_: Iterable[str]) -> Iterator[list[int]]:
        for word in words_:
            for postings in (self._by_primary, self._by_other):
                rows = postings.get(word)
                if rows:
                    yield rows

    def _postings(self, q: _QueryWord) -> Iterator[list[int]]:
        yield from self._word_postings(self._words_for(q))
        for father_id in self._by_patronymic.get(q.skel, ()):
            yield [self._row_of[c] for c in self._tree.children(father_id) if c in self._row_of]
        if q.stem:
            yield self._married_into(q.stem)

    def _typo_postings(self, q: _QueryWord) -> Iterator[list[int]]:
        yield from self._word_postings(word for word, _ in self._typos(q.folded))
        yield from self._postings(q)

    def _collect(self, rows: Iterable[int], qwords: list[_QueryWord], filters: SearchFilters | None,
                 found: dict[int, _PersonMatch]) -> None:
        for row in rows:
            if row in found:
                continue
            if filters is not None and not self._accepts(row, filters):
                continue
            result = self._match_person(row, qwords)
            if result is not None:
                found[row] = result

    def _match_person(self, row: int, qwords: list[_QueryWord]) -> _PersonMatch | None:
        person_words = self._words[row]
        options: list[list[_Match]] = []  # every match of each query word
        matches: list[_Match] = []
        for q in qwords:
            if q.year:
                if any(y is not None and str(y).startswith(q.folded) for y in self._life_years(row)):
                    continue
                # not a life year: a number in the name itself ("Child 3", "O'Connor-Faley-No.8")
                numbered = [_Match(_EXACT if w.primary else _VARIANT, 1.0, w) for w in person_words
                            if w.folded == q.folded]
                if not numbered:
                    return None
                options.append(numbered)
                continue
            found: list[_Match] = []
            top = (0, 0.0)
            for w in person_words:
                m = _match_word(q, w)
                if m is not None:
                    found.append(m)
                    top = max(top, (m.strength, m.quality))
            if top[0] < _TRANSLITERATION and q.skel in self._patronymics[row]:
                found.append(_Match(_TRANSLITERATION, 0.9, None, "patronymic"))
            elif top[0] < _TRANSLITERATION and q.stem and q.stem in self._married_stems(row):
                found.append(_Match(_TRANSLITERATION, _MARRIED, None, "married:" + q.stem))
            if not found:
                return None
            options.append(found)
        ties = _distinct_words(options)
        if not ties:
            return None
        if len(ties) == 1:
            matches = [ties[0][0]]
        else:
            # Among equally good words, take them from the name that holds most of the query,
            # so that the reason names that one name ("birth name Lev Bronstein").
            votes: dict[int, int] = {}
            for best in ties:
                for source in {m.word.source for m in best if m.word is not None}:
                    votes[source] = votes.get(source, 0) + 1
            for best in ties:
                matches.append(max(best, key=lambda m: votes.get(m.word.source, 0) if m.word else 0))
        weakest = min(matches, key=lambda m: (m.strength, m.quality))
        primary_words = sum(1 for w in person_words if w.primary) or 1
        covered = len({id(m.word) for m in matches if m.word is not None and m.word.primary})
        average = sum(m.quality for m in matches) / len(matches)
        whole = all(m.quality >= _WHOLE_WORD for m in matches)
        quality = whole + 0.999 * (0.6 * average + 0.4 * min(1.0, covered / primary_words))
        return weakest.strength, quality, matches

    def _score(self, strength: int, quality: float, distance: int | None) -> float:
        """Kind first; within a kind whole words before beginnings, then closeness, then coverage."""
        closeness = 0 if distance is None else max(0, self.FOCUS_DEPTH + 1 - distance)
        whole = quality >= 1.0
        return strength * 100.0 + 40.0 * whole + closeness * 5.0 + 4.99 * (quality - whole)

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
        if m.note.startswith("married:"):
            partner = self._partner_named(person, m.note.partition(":")[2])
            return f"married to {partner}" if partner else "married name"
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
            if m.note == "language":
                return f"{word} in another language"
            if m.note.startswith("short:"):  # "Bill for William", whichever of the two was typed
                _, skel, typed = m.note.split(":", 2)
                typed = typed.title()
                return f"{typed} for {word}" if is_short_for(skel, m.word.skel) else f"{word} for {typed}"
            script = script_of(word)
            if script not in ("Latin", ""):
                return f"{script} {word}"
            if m.word.source % _PART_BITS == _NICKNAME:
                return f"transliteration of nickname {word}"
            return f"transliteration of {word}"
        if kind is MatchKind.PHONETIC:
            return f"sounds like {word}"
        return f"typo for {word}"

    def _partner_named(self, person: Person, stem: str) -> str:
        """The partner with a surname of this stem: the one a married name comes from."""
        for other in self._partner_rows(self._row_of[person.id]):
            if stem in self._own_stems(other):
                return self._display(other)
        return ""

    def _father_name(self, person: Person) -> str:
        for fid in person.parent_family_ids:
            family = self._tree.families.get(fid)
            father = self._tree.people.get(family.husband_id) if family and family.husband_id else None
            if father is not None:
                return father.display_name()
        return ""


def _best(found: list[_Match]) -> list[_Match]:
    top = max((m.strength, m.quality) for m in found)
    return [m for m in found if (m.strength, m.quality) == top]


def _distinct_words(options: list[list[_Match]]) -> list[list[_Match]] | None:
    """The equally best matches of each query word, each name word serving one query word only:
    in "Mary Moroe" the word Mary, matched by "mary", cannot also be what "moroe" sounds like.
    The query words with the strongest matches choose first; None when one is left with none."""
    ties = [_best(found) for found in options]
    if len(ties) < 2:
        return ties
    seen: set[str] = set()
    clash = False
    for best in ties:  # most queries: each query word's best match is a word of its own
        words_ = {m.word.folded for m in best if m.word is not None}
        clash = clash or not seen.isdisjoint(words_)
        seen |= words_
    if not clash:
        return ties
    order = sorted(range(len(options)), key=lambda i: (ties[i][0].strength, ties[i][0].quality), reverse=True)
    taken: set[str] = set()
    for i in order:
        free = [m for m in options[i] if m.word is None or m.word.folded not in taken]
        if not free:
            return None
        ties[i] = _best(free)
        taken.update(m.word.folded for m in ties[i] if m.word is not None)
    return ties


def _prefixed(keys: list[str], prefix: str) -> Iterator[str]:
    """The keys after `prefix` itself that begin with it, from a sorted list."""
    i = bisect_left(keys, prefix)
    if i < len(keys) and keys[i] == prefix:
        i += 1
    while i < len(keys) and keys[i].startswith(prefix):
        yield keys[i]
        i += 1


def _count_at_least(found: dict[int, _PersonMatch], strength: int) -> int:
    return sum(1 for match in found.values() if match[0] >= strength)


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


@lru_cache(maxsize=1)
def _edit_distance() -> Callable[..., int]:
    """rapidfuzz's edit distance, imported on first use to keep `import familytree.search` light.

    Optimal string alignment: a swap of two neighbouring letters (Trotksy) is one edit, as
    the typist made one slip.
    """
    from rapidfuzz.distance import OSA

    return OSA.distance  # type: ignore[no-any-return]


def _match_word(q: _QueryWord, w: _Word) -> _Match | None:
    """How query word `q` matches indexed word `w`, or None."""
    qf, wf = q.folded, w.folded
    if qf == wf:
        return _Match(_EXACT if w.primary else _VARIANT, 1.0, w)
    if wf.startswith(qf):
        return _Match(_PREFIX if w.primary else _VARIANT, 0.5 * len(qf) / len(wf), w)
    if q.skel == w.skel:
        return _Match(_TRANSLITERATION, 1.0, w)
    if len(q.skel) >= 3 and w.skel.startswith(q.skel):
        return _Match(_TRANSLITERATION, 0.5 * len(q.skel) / len(w.skel), w)
    if w.stem and (q.stem == w.stem or w.stem in q.forms):
        return _Match(_TRANSLITERATION, 0.8, w, "surname")
    if q.group and name_group(w.skel) == q.group:
        return _Match(_TRANSLITERATION, _OTHER_LANGUAGE, w, "language")
    if q.short and w.skel in q.short:
        return _Match(_TRANSLITERATION, _SHORT_FORM, w, f"short:{q.skel}:{q.folded}")
    if q.abjad and is_abjad(wf) and q.abjad in abjad_consonants(wf):
        return _Match(_TRANSLITERATION, _ABJAD, w)
    if q.codes and not q.codes.isdisjoint(w.codes):
        return _Match(_PHONETIC, 1.0, w)
    budget = _typo_budget(len(qf))
    if budget and abs(len(qf) - len(wf)) <= budget:
        d = _edit_distance()(qf, wf, score_cutoff=budget)
        if d <= budget:
            return _Match(_TYPO, 1.0 - d / len(qf), w)
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
    spans = word_spans(text)
    for start, end, folded in spans:
        if folded == word.folded:
            return text[start:end]
    for start, end, folded in spans:  # the name after a particle: "Connor" of "O'Connor"
        if folded.endswith(word.folded):
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
    if name.type_phrase:  # the file's own words: "Nickname, as spelt in Trotsky's diary"
        return f"{name.type_phrase}: {text}"
    label = _TYPE_LABELS[name.type]
    if script not in ("Latin", "") and name.type in (NameType.NONE, NameType.AKA):
        label = script
    return f"{label} {text}"
