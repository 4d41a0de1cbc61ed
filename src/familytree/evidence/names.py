"""A person's names as a reader is told them: each form with what it is ("Russian form of Sergei Sedov")."""

from __future__ import annotations

from dataclasses import field

from familytree.model import Citation, Name, NameType, NoteLike, Person
from familytree.model.slotted import slotted
from familytree.model.text import shorten

__all__ = ["NameForm", "capitalised", "language_name", "name_forms"]

_NAME_TYPES = {
    NameType.BIRTH: "Birth name", NameType.AKA: "Also known as", NameType.NICKNAME: "Nickname",
    NameType.MARRIED: "Married name", NameType.IMMIGRANT: "Immigrant name", NameType.MAIDEN: "Maiden name",
    NameType.PROFESSIONAL: "Professional name", NameType.OTHER: "Other name",
}
_LANGUAGES = {"ru": "Russian", "en": "English", "de": "German", "fr": "French", "uk": "Ukrainian",
              "he": "Hebrew", "yi": "Yiddish", "pl": "Polish", "es": "Spanish", "it": "Italian",
              "la": "Latin", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
              "pt": "Portuguese", "cs": "Czech", "hu": "Hungarian", "el": "Greek", "ar": "Arabic",
              "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "fi": "Finnish", "be": "Belarusian"}
# Characters of a name repeated in what another form is ("Russian form of ...").
_NAMED = 80


def capitalised(text: str) -> str:
    """`text` with its first letter a capital and the rest as written ("Trotsky's diary" kept)."""
    return text[:1].upper() + text[1:]


def language_name(code: str) -> str:
    """ "Russian" for "ru" or "ru-Cyrl"; a code we have no name for as it is."""
    return _LANGUAGES.get(code.split("-")[0].lower(), code)


@slotted(frozen=True)
class NameForm:
    """One form of a name: the text, what it is, the citations for it, the notes on the name it ends."""

    text: str
    what: str
    citations: list[Citation] = field(default_factory=list)
    notes: list[NoteLike] = field(default_factory=list)


def _kind(name: Name, first: bool) -> str:
    if name.type_phrase.strip():  # an OTHER type's phrase, or 5.5.1's free text: the file's words
        return capitalised(" ".join(name.type_phrase.split()))
    if name.type is NameType.NONE:
        return "Main name" if first else "Other name"
    return _NAME_TYPES.get(name.type, "Other name")


def name_forms(person: Person) -> list[NameForm]:
    """Every name of a person, in the file's order, each followed by its nickname and its forms in
    other languages or scripts ("Сергей Седов", "Russian form of Sergei Sedov"); a name's notes
    (where a form comes from) go with the last of its forms; then the names written as aliases (ALIA)."""
    out: list[NameForm] = []
    for i, name in enumerate(person.names):
        shown = name.display() or "(no name)"
        of = shorten(shown, _NAMED)
        forms = [NameForm(shown, _kind(name, i == 0), list(name.citations))]
        if name.nickname:
            forms.append(NameForm(name.nickname, f"Nickname of {of}"))
        languages = [language_name(tr.lang) for tr in name.translations if tr.lang]
        for tr in name.translations:
            language = language_name(tr.lang)
            if languages.count(language) > 1 and language != tr.lang:  # en-GB and en-CA: "English (en-GB)"
                language = f"{language} ({tr.lang})"
            what = f"{language} form of {of}" if tr.lang else f"Another form of {of}"
            forms.append(NameForm(tr.display(), what, list(tr.citations)))
        if name.notes:
            last = forms[-1]
            forms[-1] = NameForm(last.text, last.what, last.citations, list(name.notes))
        out.extend(forms)
    # ALIA is a pointer to another record of the same person, but many programs write a name in it
    # ("1 ALIA Eremon"): that name is one the person was known by (a pointer is left to the links)
    for alias in person.extra:
        text = " ".join(alias.value.split())
        if alias.tag == "ALIA" and not alias.pointer and text:
            out.append(NameForm(text, _NAME_TYPES[NameType.AKA]))
    return out
