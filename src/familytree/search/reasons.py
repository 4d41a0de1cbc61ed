"""Why a person was found, in the user's words: "nickname Seryozha", "married to Leon Trotsky"."""

from __future__ import annotations

from collections.abc import Callable

from familytree.model import Name, NameType, Person, Sex
from familytree.search.fold import script_of, word_spans
from familytree.search.index import (
    MAX_INDEXED_CHARS,
    NAME_ITSELF,
    NICKNAME,
    PART_BITS,
    TRANSLATION,
    IndexedWord,
    WordIndex,
)
from familytree.search.rules import KIND_OF_STRENGTH, Match, MatchKind, Note, Strength
from familytree.search.translit import is_short_for

__all__ = ["explain", "only_some", "year_reason"]


def explain(index: WordIndex, row: int, strength: int, matches: list[Match],
            by_xref: bool) -> tuple[MatchKind, str]:
    """The kind a person is shown with and the reason, from the matches of their query words:
    the match explained is one of those the person ranks by (the weakest), from the name that
    holds most of the matched words ("Lev Davidovich": the name with both words, not the first
    one holding "Lev")."""
    person = index.person(row)
    if by_xref and not matches:
        return MatchKind.EXACT, f"record {person.id}"
    ranking = [m for m in matches if m.strength == strength]
    per_source: dict[int, int] = {}
    for x in matches:
        if x.word is not None:
            per_source[x.word.source] = per_source.get(x.word.source, 0) + 1
    m = min(ranking, key=lambda x: (-per_source.get(x.word.source, 0) if x.word else 0, x.quality),
            default=None)
    if m is None:
        return KIND_OF_STRENGTH[Strength(strength)], "exact name"
    # a note, where the match has one, says more than its kind
    wording = _BY_NOTE.get(m.note) or _BY_KIND[m.kind]
    return m.kind, wording(index, row, person, m)


Wording = Callable[[WordIndex, int, Person, Match], str]


def _exact(index: WordIndex, row: int, person: Person, m: Match) -> str:
    return "exact name"


def _prefix(index: WordIndex, row: int, person: Person, m: Match) -> str:
    return f"prefix of {_original_word(person, _word(m))}"


def _variant(index: WordIndex, row: int, person: Person, m: Match) -> str:
    return _label(person, _word(m).source)


def _other_spelling(index: WordIndex, row: int, person: Person, m: Match) -> str:
    word = _original_word(person, _word(m))
    script = script_of(word)
    if script not in ("Latin", ""):
        return f"{script} {word}"
    if _word(m).source % PART_BITS == NICKNAME:
        return f"transliteration of nickname {word}"
    return f"transliteration of {word}"


def _married(index: WordIndex, row: int, person: Person, m: Match) -> str:
    """"married to Sergei Sedov", or "partner of" him where the file records no marriage."""
    assert m.query is not None
    partner = index.partner_named(row, m.query.stem)
    if partner is None:
        return "married name"
    other = index.person(partner)
    return f"{'married to' if _married_to(index, person, other.id) else 'partner of'} {other.display_name()}"


def _married_to(index: WordIndex, person: Person, partner_id: str) -> bool:
    """Whether a family of the two records a marriage (or its end by divorce)."""
    for fid in person.family_ids:
        family = index.tree.families.get(fid)
        if family is not None and partner_id in family.partner_ids \
                and (family.is_married or family.is_divorced):
            return True
    return False


def _sounds_alike(index: WordIndex, row: int, person: Person, m: Match) -> str:
    return f"sounds like {_original_word(person, _word(m))}"


def _typo(index: WordIndex, row: int, person: Person, m: Match) -> str:
    return f"typo for {_original_word(person, _word(m))}"


def _surname_form(index: WordIndex, row: int, person: Person, m: Match) -> str:
    return f"surname form of {_original_word(person, _word(m))}"


def _other_language(index: WordIndex, row: int, person: Person, m: Match) -> str:
    return f"{_original_word(person, _word(m))} in another language"


def _short_form(index: WordIndex, row: int, person: Person, m: Match) -> str:
    """"Bill for William", whichever of the two was typed."""
    assert m.query is not None
    word, typed = _original_word(person, _word(m)), m.query.folded.title()
    return f"{typed} for {word}" if is_short_for(m.query.skel, _word(m).skel) else f"{word} for {typed}"


def _patronymic(index: WordIndex, row: int, person: Person, m: Match) -> str:
    parent = _patronymic_parent(index, person)
    if parent is None:
        return "patronymic"
    # the file's HUSB slot says nothing of sex: a parent recorded with none is a "parent"
    word = "father" if parent.sex is Sex.MALE else "parent"
    return f"patronymic, {word} {parent.display_name()}"


_BY_KIND: dict[MatchKind, Wording] = {
    MatchKind.EXACT: _exact, MatchKind.PREFIX: _prefix, MatchKind.VARIANT: _variant,
    MatchKind.TRANSLITERATION: _other_spelling, MatchKind.MARRIED: _married,
    MatchKind.PHONETIC: _sounds_alike, MatchKind.TYPO: _typo,
}
_BY_NOTE: dict[Note, Wording] = {
    Note.SURNAME_FORM: _surname_form, Note.OTHER_LANGUAGE: _other_language, Note.SHORT_FORM: _short_form,
    Note.PATRONYMIC: _patronymic,
}
assert set(_BY_KIND) == set(MatchKind)
assert set(_BY_NOTE) == set(Note) - {Note.NONE}


def _word(m: Match) -> IndexedWord:
    assert m.word is not None  # every kind but a family's rests on a word of the person's names
    return m.word


def only_some(reason: str, word: str) -> str:
    """The reason of a person who has one word of the query only."""
    return f"{reason} (only \u201c{word}\u201d)"


def year_reason(person: Person, birth: bool) -> str:
    """A life year as a reason says it: "born 1908", "died before 1908", "born about 1890"."""
    event = person.birth if birth else person.death
    when = event.date.year_text() if event is not None and event.date is not None else ""
    return f"{'born' if birth else 'died'} {when}"


def _patronymic_parent(index: WordIndex, person: Person) -> Person | None:
    """The parent the index forms patronymics from: the first HUSB of the person's families not
    recorded as a woman."""
    for fid in person.parent_family_ids:
        family = index.tree.families.get(fid)
        parent = index.tree.people.get(family.husband_id) if family and family.husband_id else None
        if parent is not None and parent.sex is not Sex.FEMALE:
            return parent
    return None


def _name_part(person: Person, source: int) -> tuple[Name | None, str]:
    """The name (or nickname text) an index source number points at."""
    number, part = divmod(source, PART_BITS)
    if number >= len(person.names):
        return None, ""
    name = person.names[number]
    if part == NAME_ITSELF:
        return name, name.display()
    if part == NICKNAME:
        return None, name.nickname
    j = part - TRANSLATION
    if j < len(name.translations):
        return name.translations[j], name.translations[j].display()
    return None, ""


def _original_word(person: Person, word: IndexedWord) -> str:
    """The matched word as the file spells it ("Rubinštejn"), found again by its folded form."""
    _, text = _name_part(person, word.source)
    spans = word_spans(text[:MAX_INDEXED_CHARS])  # as far as the name was indexed
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
    number, part = divmod(source, PART_BITS)
    name, text = _name_part(person, source)
    if part == NICKNAME:
        return f"nickname {text}"
    script = script_of(text)
    if part >= TRANSLATION:
        return f"{script} {text}" if script not in ("Latin", "") else f"also written {text}"
    if number == 0:
        return text
    assert name is not None
    if name.type_phrase:  # the file's own words: "Nickname, as spelt in Trotsky's diary"
        return f"{name.type_phrase}: {text}"
    label = _TYPE_LABELS[name.type]
    if script not in ("Latin", "") and name.type in (NameType.NONE, NameType.AKA):
        label = script
    return f"{label} {text}"
