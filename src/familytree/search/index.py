"""The name index: every word of every person's names, under the keys the match rules look up."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

from familytree.model import Name, Person, Sex, Tree
from familytree.model.slotted import slotted
from familytree.search.dmsoundex import dm_soundex
from familytree.search.fold import words
from familytree.search.translit import (
    abjad_consonants,
    is_abjad,
    name_skeletons,
    patronymic_skeletons,
    surname_stem,
)

__all__ = ["CANDIDATE_CAP", "IndexedWord", "WordIndex", "is_cjk", "ordered_union", "prefixed"]

# A query that matches more people than about this many looks at the first ones met only
# (NameIndex says how); the married-name lookup stops at as many men of a surname.
CANDIDATE_CAP = 1000

# Where a word comes from within a person: (name number, part); part 0 is the name itself,
# 1 its nickname, 2 + j its j-th translation. Packed into one int to keep the index small.
NAME_ITSELF, NICKNAME, TRANSLATION = 0, 1, 2
PART_BITS = 64


@slotted(frozen=True)
class IndexedWord:
    """One indexed word of one person's names."""

    folded: str
    skel: str
    codes: tuple[str, ...]  # Daitch–Mokotoff codes
    stem: str  # masculine surname stem; "" for given names
    source: int  # name number * PART_BITS + part

    @property
    def primary(self) -> bool:
        return self.source == 0


# An elided particle before a capital: O'Connor, D'Angelo, d'Aubigné, dell'Acqua (not D'yakov
# or Ol'ga, where the apostrophe is a romanised soft sign).
_ELIDED = re.compile(r"(?<![^\W\d_])(?:[OoDdLl]|[Dd]ell|[Dd]all|[Nn]ell|[Ss]ull|[Aa]ll)['’ʼ`´‘](?=[^\W\d_])")


def is_cjk(word: str) -> bool:
    """Whether a word is written in Chinese characters (Japanese kanji) or Korean Hangul only."""
    return all("\u4e00" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3" or "\u3400" <= c <= "\u4dbf"
               for c in word)


# No name is longer than this; what a hostile file puts beyond it is not indexed (a 10 MB name
# took 15 s to index, in the window's thread).
MAX_INDEXED_CHARS = 1000


@lru_cache(maxsize=200_000)
def _make_words(text: str, surname: bool, source: int) -> tuple[IndexedWord, ...]:
    text = text[:MAX_INDEXED_CHARS]
    out = []
    for folded, skel in zip(words(text), name_skeletons(text), strict=True):
        stem = surname_stem(skel) if surname else ""
        # words of one or two letters (de, la, y, initials) sound like too much to be coded
        out.append(IndexedWord(folded, skel, dm_soundex(folded) if len(folded) >= 3 else (), stem, source))
    if not text.isascii():
        # Chinese, Japanese and Korean names written without a space between surname and given
        # name (毛泽东, 김정은): the given name is a word too, whichever its length
        for folded in [w.folded for w in out if 3 <= len(w.folded) <= 5 and is_cjk(w.folded)]:
            out += (w for part in range(1, len(folded) - 1) for w in _make_words(folded[part:], False, source)
                    if w not in out)
    if "'" in text or "’" in text or "ʼ" in text or "`" in text or "´" in text or "‘" in text:
        # the name after an elided particle is a word too: Connor finds O'Connor
        for m in _ELIDED.finditer(text):
            if text[m.end()].isupper():
                out += (w for w in _make_words(text[m.end():].split(" ", 1)[0], surname, source)[:1]
                        if w not in out)
    return tuple(out)


def _person_words(names: list[Name]) -> tuple[tuple[IndexedWord, ...], int]:
    """All indexed words of a person's names, and how many (1..255) belong to the primary name."""
    if len(names) == 1:
        name = names[0]
        if not name.nickname and not name.translations:  # most people: one plain name
            only = _name_part_words(name, 0)
            return only, min(255, len(only)) or 1
    out: list[IndexedWord] = []
    primary = 0
    for i, name in enumerate(names):
        base = i * PART_BITS
        part = _name_part_words(name, base + NAME_ITSELF)
        if i == 0:
            primary = len(part)
        out += part
        if name.nickname:
            out += _make_words(name.nickname, False, base + NICKNAME)
        for j, tran in enumerate(name.translations[: PART_BITS - TRANSLATION]):
            out += _name_part_words(tran, base + TRANSLATION + j)
    return tuple(out), min(255, primary) or 1


def _name_part_words(name: Name, source: int) -> tuple[IndexedWord, ...]:
    return _part_words(name.given, name.surname_prefix, name.surname, name.suffix, name.prefix, name.full,
                       source)


@lru_cache(maxsize=200_000)
def _part_words(given: str, surname_prefix: str, surname: str, suffix: str, title: str, full: str,
                source: int) -> tuple[IndexedWord, ...]:
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


def _father_keys(father: Person | None) -> frozenset[str]:
    """The patronymic skeletons a father's children may carry (none for a parent recorded as a woman)."""
    if father is None or father.sex is Sex.FEMALE:
        return frozenset()
    return frozenset().union(*(patronymic_skeletons(given) for given in _given_names(father)))


def _given_names(person: Person) -> list[str]:
    """Every given name a person is known by (Leon, Lev, Лев): patronymics are formed from any."""
    out = []
    for name in person.names[:8]:
        for n in (name, *name.translations[:4]):
            if n.given and n.given not in out:
                out.append(n.given)
    return out


def prefixed(keys: list[str], prefix: str) -> list[str]:
    """The keys after `prefix` itself that begin with it, from a sorted list (no key holds
    U+10FFFF, a noncharacter, so all of them sort before `prefix` followed by it)."""
    i = bisect_left(keys, prefix)
    if i < len(keys) and keys[i] == prefix:
        i += 1
    return keys[i:bisect_left(keys, prefix + "\U0010ffff", i)]


def ordered_union(lists: Iterable[list[int]], cap: int) -> list[int]:
    """The rows of the lists, each once, in the order met; stops after the list that reaches `cap`."""
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


class WordIndex:
    """Every name word of every person of a tree, and the people of the tree by row.

    People are listed under each word of their names (primary name and other names
    apart); each distinct word is listed under its skeleton, its Daitch–Mokotoff codes
    and, for surnames, its masculine form; words in Hebrew and Arabic letters also under
    their consonant keys; fathers under the patronymics of their children. Married names,
    which need a pass over the families, are worked out when a query first asks.
    """

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.ids: list[str] = list(tree.people)
        self.row_of: dict[str, int] = {pid: row for row, pid in enumerate(self.ids)}
        self.words: list[tuple[IndexedWord, ...]] = []  # each person's words
        self.primary_counts = bytearray()  # how many of them are of the primary name
        self.patronymics: list[frozenset[str]] = []  # the patronymic skeletons each person may have
        by_primary: dict[str, list[int]] = {}  # word -> people with it in their primary name
        by_other: dict[str, list[int]] = {}  # word -> people with it in another name or nickname
        distinct: list[IndexedWord] = []  # one word object per new word of each posting table
        surnames: set[str] = set()  # words met as a surname: another word object if first met otherwise
        # each father's patronymic skeletons, as his children carry them; skeleton -> those fathers
        self._father_keys: dict[str, frozenset[str]] = {}
        self.by_patronymic: dict[str, list[str]] = {}
        empty: frozenset[str] = frozenset()
        people = tree.people
        add_words, add_count = self.words.append, self.primary_counts.append
        add_patronymics, patronymics_of = self.patronymics.append, self._patronymics_of
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
            add_patronymics(patronymics_of(person) if person.parent_family_ids else empty)
        self.by_primary = by_primary
        self.by_other = by_other
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
        self.by_skel = {k: list(v) for k, v in by_skel.items()}
        self.by_code = {k: list(v) for k, v in by_code.items()}
        self.by_stem = {k: list(v) for k, v in by_stem.items()}
        # names in Hebrew letters by their consonant keys, for queries in Latin letters
        self.by_abjad: dict[str, list[str]] = {}
        for w in distinct:
            if is_abjad(w.folded):
                for key in abjad_consonants(w.folded):
                    self.by_abjad.setdefault(key, []).append(w.folded)
        # married names, worked out when a query needs them (a pass over every family would
        # cost a tenth of the build): row -> surname stems taken from partners; stem -> rows
        self._married: dict[int, frozenset[str]] = {}
        self._by_married: dict[str, list[int]] = {}
        self.sorted_words = sorted(by_primary.keys() | by_other.keys())
        self.sorted_skels = sorted(self.by_skel)
        self.words_by_length: dict[int, list[str]] = {}
        for word in self.sorted_words:
            self.words_by_length.setdefault(len(word), []).append(word)
        self._years: dict[int, tuple[int | None, int | None]] = {}  # filled when filters ask

    def __len__(self) -> int:
        return len(self.ids)

    def person(self, row: int) -> Person:
        return self.tree.people[self.ids[row]]

    def known(self, word: str) -> bool:
        return word in self.by_primary or word in self.by_other

    def begins(self, text: str) -> bool:
        """Whether a name word of the tree is `text` or begins with it."""
        i = bisect_left(self.sorted_words, text)
        return i < len(self.sorted_words) and self.sorted_words[i].startswith(text)

    def word_postings(self, words_: Iterable[str]) -> Iterator[list[int]]:
        """The people with each word, in a primary name first, then in another."""
        for word in words_:
            for postings in (self.by_primary, self.by_other):
                rows = postings.get(word)
                if rows:
                    yield rows

    def life_years(self, row: int) -> tuple[int | None, int | None]:
        years = self._years.get(row)
        if years is None:
            person = self.tree.people.get(self.ids[row])  # (none on the row of someone removed)
            years = (person.birth_year, person.death_year) if person is not None else (None, None)
            self._years[row] = years
        return years

    # -- after an edit -------------------------------------------------------------
    def update(self, person_ids: Iterable[str]) -> None:
        """Index these people again as they now are in the tree: renamed, added, removed or linked to
        other parents; everyone else's entries stay. A person added takes a new row at the end; a
        person removed leaves an empty row (`ids` holds "" there). A word nobody has any more stays
        in the lists of words, with no one under it."""
        people = self.tree.people
        changed = list(dict.fromkeys(person_ids))
        for pid in changed:
            row = self.row_of.get(pid)
            if row is not None:
                self._unpost(row)
                self._years.pop(row, None)
            person = people.get(pid)
            if person is None:
                if row is not None:
                    del self.row_of[pid]
                    self.ids[row] = ""
                    self.patronymics[row] = frozenset()
                continue
            if row is None:
                row = self.row_of[pid] = len(self.ids)
                self.ids.append(pid)
                self.words.append(())
                self.primary_counts.append(1)
                self.patronymics.append(frozenset())
            self._post(row, person)
        # a father renamed or linked: his children carry other patronymics
        again = [pid for pid in changed if pid in people]
        for pid in again:
            if self._father_keys.get(pid) is None and not self.tree.children(pid):
                continue
            old, new = self._father_keys.get(pid, frozenset()), _father_keys(people[pid])
            self._father_keys[pid] = new
            for key in old - new:
                self.by_patronymic[key].remove(pid)
            for key in new - old:
                self.by_patronymic.setdefault(key, []).append(pid)
            again.extend(self.tree.children(pid))
        for pid in dict.fromkeys(again):
            row = self.row_of.get(pid)
            if row is not None:
                self.patronymics[row] = self._patronymics_of(people[pid])
        self._married.clear()  # (worked out again as queries ask)
        self._by_married.clear()

    def _unpost(self, row: int) -> None:
        for w in self.words[row]:
            postings = self.by_other if w.source else self.by_primary
            rows = postings.get(w.folded)
            if rows:
                i = bisect_left(rows, row)
                if i < len(rows) and rows[i] == row:
                    del rows[i]
                if not rows:
                    del postings[w.folded]
        self.words[row] = ()

    def _post(self, row: int, person: Person) -> None:
        person_words, primary = _person_words(person.names)
        self.words[row] = person_words
        self.primary_counts[row] = primary
        for w in person_words:
            postings = self.by_other if w.source else self.by_primary
            rows = postings.setdefault(w.folded, [])
            i = bisect_left(rows, row)
            if i == len(rows) or rows[i] != row:
                rows.insert(i, row)
            self._add_word(w)

    def _add_word(self, w: IndexedWord) -> None:
        """List a word under its keys, unless it is there already."""
        keys = [(self.by_skel, w.skel), *((self.by_code, code) for code in w.codes)]
        if w.stem:
            keys.append((self.by_stem, w.stem))
        if is_abjad(w.folded):
            keys.extend((self.by_abjad, key) for key in abjad_consonants(w.folded))
        for table, key in keys:
            listed = table.setdefault(key, [])
            if w.folded not in listed:
                listed.append(w.folded)
        for ordered, key in ((self.sorted_words, w.folded), (self.sorted_skels, w.skel)):
            i = bisect_left(ordered, key)
            if i == len(ordered) or ordered[i] != key:
                ordered.insert(i, key)
                if ordered is self.sorted_words:
                    self.words_by_length.setdefault(len(key), []).append(key)

    def _patronymics_of(self, person: Person) -> frozenset[str]:
        """The patronymic skeletons a person may carry, from their fathers' given names."""
        keys: frozenset[str] = frozenset()
        for fid in person.parent_family_ids:
            family = self.tree.families.get(fid)
            if family is None or not family.husband_id:
                continue
            father_id = family.husband_id
            found = self._father_keys.get(father_id)
            if found is None:
                found = self._father_keys[father_id] = _father_keys(self.tree.people.get(father_id))
                for key in found:
                    self.by_patronymic.setdefault(key, []).append(father_id)
            keys = found if not keys else keys | found
        return keys

    def links(self, row: int) -> int:
        """How many people a person is linked to in the file: parents, partners and children."""
        person = self.person(row)
        families = self.tree.families
        linked: set[str] = set()
        for fid in person.parent_family_ids:
            family = families.get(fid)
            if family is not None:
                linked.update(family.partner_ids)
        for fid in person.family_ids:
            family = families.get(fid)
            if family is not None:
                linked.update(family.partner_ids)
                linked.update(family.child_ids)
        linked.discard(person.id)
        return len(linked)

    def children_of_fathers(self, patronymic: str) -> Iterator[list[int]]:
        """The children of each father whose children carry this patronymic skeleton."""
        for father_id in self.by_patronymic.get(patronymic, ()):
            yield [self.row_of[c] for c in self.tree.children(father_id) if c in self.row_of]

    # -- married names -------------------------------------------------------------
    def own_stems(self, row: int) -> frozenset[str]:
        """The surname stems of a person's first name and its translations."""
        return frozenset(w.stem for w in self.words[row] if w.stem and w.source < PART_BITS)

    def partner_rows(self, row: int) -> Iterator[int]:
        person = self.person(row)
        for fid in person.family_ids:
            family = self.tree.families.get(fid)
            for pid in family.partner_ids if family is not None else ():
                other = self.row_of.get(pid)
                if other is not None and other != row:
                    yield other

    def _takes_name(self, row: int, partner_row: int) -> bool:
        """Whether a person takes a partner's surname: a woman her husband's (or a partner's of
        unknown sex), as files keep her maiden name and users type "Jacqueline Kennedy"; a person
        of unrecorded sex whom a family lists as the WIFE of a man (or of someone of unknown sex) too."""
        person, partner = self.person(row), self.person(partner_row)
        if partner.sex is Sex.FEMALE or person.sex in (Sex.MALE, Sex.OTHER):
            return False
        if person.sex is Sex.FEMALE:
            return True
        families = self.tree.families
        return any(f is not None and f.wife_id == person.id and f.husband_id == partner.id
                   for f in map(families.get, person.family_ids))

    def married_stems(self, row: int) -> frozenset[str]:
        """The surname stems a woman has by marriage and not by her own names."""
        found = self._married.get(row)
        if found is None:
            taken = [self.own_stems(other) for other in self.partner_rows(row)
                     if self._takes_name(row, other)]
            found = frozenset().union(*taken) - self.own_stems(row) if taken else frozenset()
            self._married[row] = found
        return found

    def married_into(self, stem: str) -> list[int]:
        """The women with a surname of this stem by marriage: the wives of the men who have it."""
        rows = self._by_married.get(stem)
        if rows is None:
            men = ordered_union(self.word_postings(self.by_stem.get(stem, ())), CANDIDATE_CAP)
            rows = list(dict.fromkeys(wife for man in men for wife in self.partner_rows(man)
                                      if stem in self.married_stems(wife)))
            self._by_married[stem] = rows
        return rows

    def partner_named(self, row: int, stem: str) -> int | None:
        """The partner with a surname of this stem: the one a married name comes from."""
        for other in self.partner_rows(row):
            if stem in self.own_stems(other):
                return other
        return None
