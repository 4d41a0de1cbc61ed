"""A person's names as a reader is told them: each form saying what it is."""

from __future__ import annotations

from familytree.evidence.names import language_name, name_forms
from familytree.model import Citation, Name, NameType, Note, Person, Sex


def test_each_form_says_what_it_renders() -> None:
    cite = Citation("@S1@", page="diary")
    sergei = Person("@I1@", [
        Name.from_gedcom("Sergei /Sedov/", nickname="Seryozha",
                         translations=[Name.from_gedcom("Сергей /Седов/", lang="ru")]),
        Name.from_gedcom("Sergey /Sedov/", type=NameType.OTHER, type_phrase="transliteration",
                         translations=[Name.from_gedcom("Сергей /Седов/", lang="ru-Cyrl"),
                                       Name.from_gedcom("Sergej /Sedov/")],
                         notes=[Note("Not in the sources.")]),
        Name.from_gedcom("Serezha", type=NameType.OTHER, type_phrase="nickname, as spelt in Trotsky's diary",
                         citations=[cite]),
        Name.from_gedcom("Lev /Sedov/", type=NameType.AKA),
        Name.from_gedcom("Seryozha /X/"),
    ], Sex.MALE)
    forms = [(f.text, f.what) for f in name_forms(sergei)]
    assert forms == [
        ("Sergei Sedov", "Main name"), ("Seryozha", "Nickname of Sergei Sedov"),
        ("Сергей Седов", "Russian form of Sergei Sedov"),
        ("Sergey Sedov", "Transliteration"), ("Сергей Седов", "Russian form of Sergey Sedov"),
        ("Sergej Sedov", "Another form of Sergey Sedov"),
        ("Serezha", "Nickname, as spelt in Trotsky's diary"),  # the file's capital T kept
        ("Lev Sedov", "Also known as"), ("Seryozha X", "Other name")]
    by_text = {f.what: f for f in name_forms(sergei)}
    assert by_text["Nickname, as spelt in Trotsky's diary"].citations == [cite]
    assert [n.text for n in by_text["Another form of Sergey Sedov"].notes] == ["Not in the sources."]
    assert not by_text["Transliteration"].notes  # a name's notes go with its last form, once


def test_language_names() -> None:
    assert language_name("ru") == "Russian"
    assert language_name("de-AT") == "German"
    assert language_name("x-klingon") == "x-klingon"


def test_two_forms_in_one_language_say_which_is_which() -> None:
    """maximal70's en-GB and en-CA forms were both "English form of ...": told apart by their tags."""
    name = Name.from_gedcom("Joseph /Allen/")
    name.translations = [Name.from_gedcom("Joe /Allen/", lang="en-GB"),
                         Name.from_gedcom("Jo /Allen/", lang="en-CA"),
                         Name.from_gedcom("Иосиф /Аллен/", lang="ru")]
    whats = [f.what for f in name_forms(Person("@I1@", [name], Sex.MALE))]
    assert whats[1:] == ["English (en-GB) form of Joseph Allen", "English (en-CA) form of Joseph Allen",
                         "Russian form of Joseph Allen"]
