"""The match rules: how a query word matches a name, as one table that every matcher follows."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from functools import lru_cache

from familytree.model.slotted import slotted
from familytree.search.dmsoundex import dm_soundex
from familytree.search.index import IndexedWord, WordIndex, prefixed
from familytree.search.translit import (
    abjad_consonants,
    consonants,
    group_skeletons,
    is_abjad,
    name_group,
    short_forms,
    surname_forms,
    surname_stem,
)

__all__ = [
    "FAMILY_RULES", "KIND_OF_STRENGTH", "LOOKUP_ORDER", "PASSES", "RULES", "SINGLE_WORD_STAGES", "WORD_RULES",
    "FamilyRule", "Match", "MatchKind", "Note", "Pass", "PersonMatch", "QueryWord", "Strength", "WordRule",
    "is_numeral", "match_person", "match_word", "query_word",
]


class Strength(enum.IntEnum):
    """How strongly a match ranks; a person ranks by their query word matched most weakly."""

    TYPO = 1
    PHONETIC = 2
    EQUIVALENT = 3  # the name in another form: romanisation, surname form, language, short form, family
    VARIANT = 4
    PREFIX = 5
    EXACT = 6


class MatchKind(enum.Enum):
    """Why a person matched, as the user and scripts (`search --json`) are told; strongest first."""

    EXACT = "exact", Strength.EXACT
    PREFIX = "prefix", Strength.PREFIX
    VARIANT = "variant", Strength.VARIANT  # a name the file stores besides the primary one: nickname, AKA...
    # another romanisation, a surname's other-sex form, a given name in another language or
    # its short form, a patronymic
    TRANSLITERATION = "transliteration", Strength.EQUIVALENT
    MARRIED = "married", Strength.EQUIVALENT  # a woman by her husband's surname: a married name not on file
    PHONETIC = "phonetic", Strength.PHONETIC  # same Daitch–Mokotoff code
    TYPO = "typo", Strength.TYPO  # a small edit distance

    strength: Strength

    def __new__(cls, value: str, strength: Strength) -> MatchKind:
        kind = object.__new__(cls)
        kind._value_ = value
        kind.strength = strength
        return kind


# The kind a strength is shown as when no match of the person says which (found by record id)
KIND_OF_STRENGTH = {strength: next(kind for kind in MatchKind if kind.strength is strength)
                    for strength in Strength}


class Note(enum.Enum):
    """What a match rests on, where its kind alone does not say (the reason puts it in words)."""

    NONE = enum.auto()  # the usual meaning of its kind
    SURNAME_FORM = enum.auto()  # the other sex's form of a surname: Sedova for Sedov, Nováková for Novák
    OTHER_LANGUAGE = enum.auto()  # the same given name in another language: Leon for Lev
    SHORT_FORM = enum.auto()  # a short form typed for the full name, or the other way round: Bill, William
    PATRONYMIC = enum.auto()  # made from the father's given name: Lvovich, son of Lev


def typo_budget(length: int) -> int:
    """Edit distances allowed for a typo: none under five letters (too many short names are
    a letter apart), one up to seven letters, two from eight."""
    return 0 if length < 5 else 1 if length < 8 else 2


# A word rule's test and the kind (and its strength) of a match by it in the primary name and
# in the others, and its note
_PairTest = tuple[Callable[["QueryWord", IndexedWord], float | None], MatchKind, int, MatchKind, int, Note]


@slotted
class QueryWord:
    """One word of a query, with the keys the rules compare."""

    folded: str
    skel: str
    codes: frozenset[str]
    stem: str
    year: bool  # digits only: matched against life years instead of names
    group: int = 0  # its group of equivalent given names (Lev, Leon, Leo), 0 for none
    forms: tuple[str, ...] = ()  # surname stems of its other-sex forms in other languages (Novák of Nováková)
    abjad: str = ""  # its consonant key, when the tree has names in Hebrew letters (Cohen: כהן)
    short: frozenset[str] = frozenset()  # its short forms, or the full names it is short for (Bill, William)
    typos: int = 0  # edit distances allowed for a typo
    numeral: bool = False  # a regnal number (the II of Elizabeth II): matched as it is, never as a spelling
    tests: tuple[_PairTest, ...] = ()  # the tests of the word rules that can match it, in order
    # its match of each indexed word met so far, by the word's id: people share their names'
    # words, and a query checks hundreds of people
    matched: dict[int, Match | None] = field(default_factory=dict)


# A roman numeral up to XXXIX: the regnal numbers of names (Elizabeth II, Louis XIV, John XXIII)
_NUMERAL = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")


def is_numeral(folded: str) -> bool:
    """Whether a folded word is a roman numeral ("ii", "xiv"), as regnal numbers are written."""
    return bool(folded) and _NUMERAL.fullmatch(folded) is not None


def query_word(folded: str, skel: str, abjad: bool, after_first: bool = False) -> QueryWord:
    """A query word and its keys; `abjad`: the tree has names in Hebrew or Arabic letters.

    A roman numeral after the first word ("Elizabeth II") is a regnal number, a part of the name:
    it matches that numeral alone (and, while it is typed, the beginnings of other words), never
    another numeral that looks or sounds like it (Elizabeth I).
    """
    folded, skel = folded[:64], skel[:64]
    if folded.isdigit():
        return QueryWord(folded, "", frozenset(), "", True)
    if after_first and is_numeral(folded):
        return QueryWord(folded, skel, frozenset(), "", False, numeral=True,
                         tests=(SAME_WORD.pair_test, WORD_BEGINNING.pair_test))
    codes = frozenset(dm_soundex(folded)) if len(folded) >= 3 else frozenset()
    q = QueryWord(folded, skel, codes, surname_stem(skel), False, name_group(skel), surname_forms(skel),
                  consonants(folded) if abjad else "", short_forms(skel), typo_budget(len(folded)))
    q.tests = tuple(test for rule, test in _PAIR_TESTS if rule.applies(q))
    return q


@slotted
class Match:
    """How one query word matched one person."""

    kind: MatchKind
    strength: int  # the kind's, as a plain int: ranking compares it for thousands of people
    quality: float  # 0..1 within the kind: how much of the word was matched
    word: IndexedWord | None  # the person's word that matched; None for a patronymic or a married name
    note: Note = Note.NONE
    query: QueryWord | None = None  # the query word, where the reason quotes it (short forms, married names)


# The weakest Strength of a person's match (a plain int: ranking compares it for thousands of
# people); the quality, 1 or more when every query word matched a whole name word (Давид =
# Давид, not Давид... of Давидович), plus how much of the name the query covers (0..1); the
# match of each query word (None: not worked out yet).
PersonMatch = tuple[int, float, list[Match] | None]
WHOLE_WORD = 0.8  # word qualities from here up mean a whole word matched


def person_quality(whole: bool, average: float, coverage: float) -> float:
    """A person's quality from their words' matches (NameIndex._assign inlines it: hot)."""
    return whole + 0.999 * (0.6 * average + 0.4 * coverage)


# -- the rules --------------------------------------------------------------------
# Each rule tells whether a query word matches a word of a name, and with what quality, and
# lists the words of the index it matches (with the same quality) through the index's keys.

def _always(q: QueryWord) -> bool:
    return True


def _spelled(q: QueryWord) -> bool:
    """Whether a query word may match by its spelling (a regnal number never does)."""
    return not q.numeral


def _beginning(part: str, whole: str) -> float:
    """The quality of a match of the beginning of a word: under half, more for more of it."""
    return 0.5 * len(part) / len(whole)


def _same_word(q: QueryWord, w: IndexedWord) -> float | None:
    return 1.0 if q.folded == w.folded else None


def _same_word_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    yield q.folded, 1.0


def _word_beginning(q: QueryWord, w: IndexedWord) -> float | None:
    if not w.folded.startswith(q.folded) or (q.numeral and is_numeral(w.folded)):
        return None  # (II does not begin III: another king)
    return _beginning(q.folded, w.folded)


def _word_beginning_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    half = 0.5 * len(q.folded)  # _beginning, inlined: a letter or two begin thousands of words
    numeral = q.numeral
    for word in prefixed(index.sorted_words, q.folded):
        if not (numeral and is_numeral(word)):
            yield word, half / len(word)


def _same_skeleton(q: QueryWord, w: IndexedWord) -> float | None:
    return 1.0 if q.skel == w.skel else None


def _same_skeleton_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    for word in index.by_skel.get(q.skel, ()):
        yield word, 1.0


def _long_skeleton(q: QueryWord) -> bool:
    return len(q.skel) >= 3 and not q.numeral  # two letters would begin half the names


def _skeleton_beginning(q: QueryWord, w: IndexedWord) -> float | None:
    return _beginning(q.skel, w.skel) if w.skel.startswith(q.skel) else None


def _skeleton_beginning_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    for skel in prefixed(index.sorted_skels, q.skel):
        quality = _beginning(q.skel, skel)
        for word in index.by_skel[skel]:
            yield word, quality


_SURNAME_FORM_QUALITY = 0.8  # the quality of a surname matched by its form for the other sex


def _surname_form(q: QueryWord, w: IndexedWord) -> float | None:
    return _SURNAME_FORM_QUALITY if w.stem and (q.stem == w.stem or w.stem in q.forms) else None


def _surname_form_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    for stem in (q.stem, *q.forms):
        for word in index.by_stem.get(stem, ()):
            yield word, _SURNAME_FORM_QUALITY


_OTHER_LANGUAGE_QUALITY = 0.8  # the quality of a given name matched by its form in another language


def _has_group(q: QueryWord) -> bool:
    return q.group != 0


def _other_language(q: QueryWord, w: IndexedWord) -> float | None:
    return _OTHER_LANGUAGE_QUALITY if name_group(w.skel) == q.group else None


def _other_language_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    for skel in group_skeletons(q.group):
        if skel != q.skel:  # the name itself is matched by its skeleton, and better
            for word in index.by_skel.get(skel, ()):
                yield word, _OTHER_LANGUAGE_QUALITY


_SHORT_FORM_QUALITY = 0.75  # the quality of a given name matched by its short form (Bill: William) or back


def _has_short_forms(q: QueryWord) -> bool:
    return bool(q.short)


def _short_form(q: QueryWord, w: IndexedWord) -> float | None:
    return _SHORT_FORM_QUALITY if w.skel in q.short else None


def _short_form_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    for skel in sorted(q.short):  # in order: a set's follows the hash seed, and a cap may cut the list
        for word in index.by_skel.get(skel, ()):
            yield word, _SHORT_FORM_QUALITY


_ABJAD_QUALITY = 0.9  # a Latin name matched by the consonants of one in Hebrew or Arabic letters


def _has_consonant_key(q: QueryWord) -> bool:
    return bool(q.abjad)


def _same_consonants(q: QueryWord, w: IndexedWord) -> float | None:
    return _ABJAD_QUALITY if is_abjad(w.folded) and q.abjad in abjad_consonants(w.folded) else None


def _same_consonants_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    for word in index.by_abjad.get(q.abjad, ()):
        yield word, _ABJAD_QUALITY


def _has_codes(q: QueryWord) -> bool:
    return bool(q.codes)


def _same_sound(q: QueryWord, w: IndexedWord) -> float | None:
    return None if q.codes.isdisjoint(w.codes) else 1.0


def _same_sound_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    for code in sorted(q.codes):  # in order: a set's follows the hash seed, and a cap may cut the list
        for word in index.by_code.get(code, ()):
            yield word, 1.0


def _may_have_typos(q: QueryWord) -> bool:
    return q.typos > 0


@lru_cache(maxsize=1)
def _edit_distance() -> Callable[..., int]:
    """rapidfuzz's edit distance, imported on first use to keep `import familytree.search` light.

    Optimal string alignment: a swap of two neighbouring letters (Trotksy) is one edit, as
    the typist made one slip.
    """
    from rapidfuzz.distance import OSA

    return OSA.distance  # type: ignore[no-any-return]


def _typo(q: QueryWord, w: IndexedWord) -> float | None:
    budget = q.typos
    if abs(len(q.folded) - len(w.folded)) > budget:
        return None
    d = _edit_distance()(q.folded, w.folded, score_cutoff=budget)
    return 1.0 - d / len(q.folded) if d <= budget else None


def _typo_lookup(index: WordIndex, q: QueryWord) -> Iterator[tuple[str, float]]:
    """Name words within the typo budget, by rapidfuzz over the words of near length."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    n, budget = len(q.folded), q.typos
    for length in range(n - budget, n + budget + 1):
        choices = index.words_by_length.get(length)
        if choices:
            for word, d, _ in process.extract(q.folded, choices, scorer=OSA.distance, score_cutoff=budget,
                                              limit=200):
                yield word, 1.0 - int(d) / n


def _patronymic(index: WordIndex, q: QueryWord, row: int) -> bool:
    return q.skel in index.patronymics[row]


def _patronymic_lookup(index: WordIndex, q: QueryWord) -> Iterator[list[int]]:
    return index.children_of_fathers(q.skel)


def _has_stem(q: QueryWord) -> bool:
    return bool(q.stem)


def _married_name(index: WordIndex, q: QueryWord, row: int) -> bool:
    return q.stem in index.married_stems(row)


def _married_name_lookup(index: WordIndex, q: QueryWord) -> Iterator[list[int]]:
    yield index.married_into(q.stem)


@slotted(frozen=True)
class WordRule:
    """A way a query word matches a word of a person's names."""

    what: str  # for the reader of the table
    kind: MatchKind  # of a match in the primary name
    elsewhere: MatchKind  # of a match in another name, a nickname or a translation
    note: Note
    applies: Callable[[QueryWord], bool]  # whether the rule can match this query word at all
    test: Callable[[QueryWord, IndexedWord], float | None]  # the quality of its match of a word, or None
    lookup: Callable[[WordIndex, QueryWord], Iterable[tuple[str, float]]]  # the words it matches, how well
    beginning: bool = False  # it matches the beginning of a word

    @property
    def pair_test(self) -> _PairTest:
        """The test and what a match by it is, as one tuple: the pair test unpacks it for every word."""
        return (self.test, self.kind, int(self.kind.strength), self.elsewhere, int(self.elsewhere.strength),
                self.note)


@slotted(frozen=True)
class FamilyRule:
    """A way a query word matches a person by the names of their family, not their own."""

    what: str
    kind: MatchKind
    note: Note
    quality: float
    applies: Callable[[QueryWord], bool]
    holds: Callable[[WordIndex, QueryWord, int], bool]  # whether it matches the person of this row
    lookup: Callable[[WordIndex, QueryWord], Iterable[list[int]]]  # the people it matches, in lists

    @property
    def elsewhere(self) -> MatchKind:
        return self.kind


Rule = WordRule | FamilyRule
_K = MatchKind

# Each rule once: what it matches; the kind of its matches in the primary name, and in the
# person's other names; its note; whether it can match the query word at all; its test of one
# indexed word; its lookup of the indexed words it matches (with the quality its test gives).
SAME_WORD = WordRule(
    "the word itself: Sedov", _K.EXACT, _K.VARIANT, Note.NONE,
    _always, _same_word, _same_word_lookup)
WORD_BEGINNING = WordRule(
    "the beginning of a word, as typed: Sed", _K.PREFIX, _K.VARIANT, Note.NONE,
    _always, _word_beginning, _word_beginning_lookup, beginning=True)
SAME_SKELETON = WordRule(
    "another romanisation or script: Trotskii, Троцкий", _K.TRANSLITERATION, _K.TRANSLITERATION, Note.NONE,
    _spelled, _same_skeleton, _same_skeleton_lookup)
SKELETON_BEGINNING = WordRule(
    "the beginning of another romanisation: Trotzk", _K.TRANSLITERATION, _K.TRANSLITERATION, Note.NONE,
    _long_skeleton, _skeleton_beginning, _skeleton_beginning_lookup, beginning=True)
SURNAME_FORM = WordRule(
    "a surname's form for the other sex: Sedova, Nováková", _K.TRANSLITERATION, _K.TRANSLITERATION,
    Note.SURNAME_FORM, _spelled, _surname_form, _surname_form_lookup)
OTHER_LANGUAGE = WordRule(
    "a given name in another language: Leon for Lev", _K.TRANSLITERATION, _K.TRANSLITERATION,
    Note.OTHER_LANGUAGE, _has_group, _other_language, _other_language_lookup)
SHORT_FORM = WordRule(
    "a short form or the full name: Bill, William", _K.TRANSLITERATION, _K.TRANSLITERATION,
    Note.SHORT_FORM, _has_short_forms, _short_form, _short_form_lookup)
SAME_CONSONANTS = WordRule(
    "the consonants of a name in Hebrew or Arabic letters: Cohen, כהן", _K.TRANSLITERATION,
    _K.TRANSLITERATION, Note.NONE, _has_consonant_key, _same_consonants, _same_consonants_lookup)
SAME_SOUND = WordRule(
    "a word that sounds alike (Daitch–Mokotoff): Rubinshtain", _K.PHONETIC, _K.PHONETIC, Note.NONE,
    _has_codes, _same_sound, _same_sound_lookup)
NEAR_SPELLING = WordRule(
    "a slip of one or two letters: Trotksy", _K.TYPO, _K.TYPO, Note.NONE,
    _may_have_typos, _typo, _typo_lookup)
# the family's rules: the kind of the match, its note, its quality; applies, holds, lookup
PATRONYMIC = FamilyRule(
    "a patronymic from the father's given name: Lvovich", _K.TRANSLITERATION, Note.PATRONYMIC, 0.9,
    _spelled, _patronymic, _patronymic_lookup)
MARRIED_NAME = FamilyRule(
    "a wife by her husband's surname: Jacqueline Kennedy", _K.MARRIED, Note.NONE, 0.7,
    _has_stem, _married_name, _married_name_lookup)

# A pair of words matches by the first of these that holds. The family's rules come last: they
# count only where none of the person's own words matched as strongly.
RULES: tuple[Rule, ...] = (
    SAME_WORD, WORD_BEGINNING, SAME_SKELETON, SKELETON_BEGINNING, SURNAME_FORM, OTHER_LANGUAGE, SHORT_FORM,
    SAME_CONSONANTS, SAME_SOUND, NEAR_SPELLING, PATRONYMIC, MARRIED_NAME,
)
# The lookups meet the rules' words in this order, which decides who is met first where a cap
# cuts a list: the same, but the consonant keys (matches of 0.9) before other languages and
# short forms (0.8, 0.75).
LOOKUP_ORDER: tuple[Rule, ...] = (
    SAME_WORD, WORD_BEGINNING, SAME_SKELETON, SKELETON_BEGINNING, SURNAME_FORM, SAME_CONSONANTS,
    OTHER_LANGUAGE, SHORT_FORM, SAME_SOUND, NEAR_SPELLING, PATRONYMIC, MARRIED_NAME,
)
assert set(LOOKUP_ORDER) == set(RULES)
WORD_RULES = tuple(rule for rule in RULES if isinstance(rule, WordRule))
FAMILY_RULES = tuple(rule for rule in RULES if isinstance(rule, FamilyRule))
_PAIR_TESTS = tuple((rule, rule.pair_test) for rule in WORD_RULES)
_SAME_WORD_TEST = SAME_WORD.pair_test
_FAMILY_BY_STRENGTH = tuple((int(rule.kind.strength), rule) for rule in FAMILY_RULES)


def _single_word_stages() -> tuple[tuple[Strength, tuple[Rule, ...]], ...]:
    """The rules as a one-word query looks them up: grouped by the strength of their matches in
    other names, strongest first (a weaker group is looked at only while it could still make the
    list); in a group whole words first, then beginnings, then the family's names."""
    def place(rule: Rule) -> tuple[bool, bool]:
        return isinstance(rule, FamilyRule), isinstance(rule, WordRule) and rule.beginning

    floors = sorted({rule.elsewhere.strength for rule in LOOKUP_ORDER}, reverse=True)
    return tuple((floor, tuple(sorted((r for r in LOOKUP_ORDER if r.elsewhere.strength == floor), key=place)))
                 for floor in floors)


SINGLE_WORD_STAGES = _single_word_stages()


@slotted(frozen=True)
class Pass:
    """One look for the people a query of several words may match: the rules whose words give
    the candidates (in this order), and how long a query word must be to narrow them."""

    rules: tuple[Rule, ...]
    shortest: int
    # looked at only while fewer people than asked for match at least this strongly (None: always)
    until: Strength | None
    new: tuple[Rule, ...]  # rules of this pass not in the ones before: one must apply to some query word


_STRONG = tuple(rule for rule in LOOKUP_ORDER if rule.kind.strength >= Strength.PREFIX)
_ALL_BUT_TYPOS = tuple(rule for rule in LOOKUP_ORDER if rule.kind is not MatchKind.TYPO)
_TYPOS = tuple(rule for rule in LOOKUP_ORDER if rule.kind is MatchKind.TYPO)
# Whole words and beginnings first (beginnings of two letters still narrow well); the weaker
# kinds only while they could still make the list; typos last, their words first (the others'
# people were looked at already, unless a cap cut them).
PASSES = (
    Pass(_STRONG, 2, None, _STRONG),
    Pass(_ALL_BUT_TYPOS, 3, Strength.VARIANT, tuple(r for r in _ALL_BUT_TYPOS if r not in _STRONG)),
    Pass(_TYPOS + _ALL_BUT_TYPOS, 3, Strength.PHONETIC, _TYPOS),
)


def match_word(q: QueryWord, w: IndexedWord) -> Match | None:
    """How query word `q` matches indexed word `w`: by the first rule that holds, or None."""
    key = id(w)  # the index holds every word for as long as the query lives: ids are not reused
    if key in q.matched:
        return q.matched[key]
    found = None
    for pair in q.tests:
        quality = pair[0](q, w)
        if quality is not None:
            found = _matched_by(pair, q, w, quality)
            break
    q.matched[key] = found
    return found


def _matched_by(pair: _PairTest, q: QueryWord, w: IndexedWord, quality: float) -> Match:
    _, kind, strength, elsewhere, strength_elsewhere, note = pair
    if w.primary:
        return Match(kind, strength, quality, w, note, q)
    return Match(elsewhere, strength_elsewhere, quality, w, note, q)


def match_person(index: WordIndex, row: int, qwords: list[QueryWord]) -> PersonMatch | None:
    """How a person matches every word of a query, or None; each name word serves one query word."""
    person_words = index.words[row]
    options: list[list[Match]] = []  # every match of each query word
    matches: list[Match] = []
    for q in qwords:
        if q.year:
            if any(y is not None and str(y).startswith(q.folded) for y in index.life_years(row)):
                continue
            # not a life year: a number in the name itself ("Child 3", "O'Connor-Faley-No.8")
            numbered = [_matched_by(_SAME_WORD_TEST, q, w, 1.0) for w in person_words if w.folded == q.folded]
            if not numbered:
                return None
            options.append(numbered)
            continue
        found: list[Match] = []
        top = (0, 0.0)
        for w in person_words:
            m = match_word(q, w)
            if m is not None:
                found.append(m)
                top = max(top, (m.strength, m.quality))
        for strength, rule in _FAMILY_BY_STRENGTH:
            if top[0] < strength and rule.applies(q) and rule.holds(index, q, row):
                found.append(Match(rule.kind, strength, rule.quality, None, rule.note, q))
                break
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
    whole = all(m.quality >= WHOLE_WORD for m in matches)
    quality = person_quality(whole, average, min(1.0, covered / primary_words))
    return weakest.strength, quality, matches


def _best(found: list[Match]) -> list[Match]:
    top = max((m.strength, m.quality) for m in found)
    return [m for m in found if (m.strength, m.quality) == top]


def _distinct_words(options: list[list[Match]]) -> list[list[Match]] | None:
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
    order = sorted(range(len(options)), key=lambda i: (ties[i][0].strength, ties[i][0].quality),
                   reverse=True)
    taken: set[str] = set()
    for i in order:
        free = [m for m in options[i] if m.word is None or m.word.folded not in taken]
        if not free:
            return None
        ties[i] = _best(free)
        taken.update(m.word.folded for m in ties[i] if m.word is not None)
    return ties
