"""The bundled Sedov-Trotsky family, read through our own reader: people, links, facts, names, evidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from familytree.gedcom import read_file
from familytree.model import (
    Citation,
    DateModifier,
    DateQualifier,
    Event,
    NameType,
    Person,
    Severity,
    Sex,
    Tree,
)

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_cac3637671b3ba91.txt"


@pytest.fixture(scope="module")
def tree(bundled_path: Path) -> Tree:
    return read_file(bundled_path)


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip("the seed document is not in ../shared/seed")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def excerpts(seed: str) -> dict[int, str]:
    """The numbered primary-source excerpts at the end of the seed, as printed there."""
    body = seed.split("\nPrimary Sources\n", 1)[1]
    heads = list(re.finditer(r"^\((\d)\) .*$", body, re.M))
    out = {}
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(body)
        out[int(m.group(1))] = body[m.end():end].strip("\n")
    assert sorted(out) == [1, 2, 3, 4, 5, 6]
    return out


def person(tree: Tree, name: str) -> Person:
    found = [p for p in tree.people.values() if p.display_name() == name]
    assert len(found) == 1, f"{len(found)} people called {name!r}"
    return found[0]


def names_of(tree: Tree, ids: list[str]) -> list[str]:
    return [tree.people[i].display_name() for i in ids]


def events(p: Person, label: str) -> list[Event]:
    return [e for e in p.events if e.label == label]


def all_citations(tree: Tree) -> list[Citation]:
    out: list[Citation] = []
    for p in tree.people.values():
        out.extend(tree.person_citations(p.id))
    for f in tree.families.values():
        out.extend(f.citations)
        for e in f.events:
            out.extend(e.citations)
    return out


# -- the file as a whole ----------------------------------------------------------------

def test_reads_without_errors_and_opens_on_sergei(tree: Tree) -> None:
    assert [d for d in tree.diagnostics if d.severity == Severity.ERROR] == []
    assert tree.check() == []
    assert tree.default_person_id() == "@I1@"
    assert tree.people["@I1@"].display_name() == "Sergei Sedov"


def test_everyone_the_sources_mention_is_there(tree: Tree) -> None:
    shown = sorted(p.display_name() for p in tree.people.values())
    assert shown == sorted([
        "Sergei Sedov", "Leon Trotsky", "Natalia Sedova", "Lev Sedov", "Olga Greber",
        "Genrietta Rubinshtein", "Yulia", "David Bronstein", "Rubinshtein", "Rubinshtein",
    ])
    sexes = {p.display_name(): p.sex for p in tree.people.values()}
    assert sexes["Sergei Sedov"] is Sex.MALE
    assert sexes["Natalia Sedova"] is Sex.FEMALE
    assert sexes["Yulia"] is Sex.FEMALE
    assert sexes["Rubinshtein"] is Sex.UNKNOWN  # "her parents": which is which is not said


# -- relationships ------------------------------------------------------------------------

def test_sergei_parents_brother_partners_and_daughter(tree: Tree) -> None:
    sergei = person(tree, "Sergei Sedov")
    assert sorted(names_of(tree, tree.parents(sergei.id))) == ["Leon Trotsky", "Natalia Sedova"]
    assert names_of(tree, tree.siblings(sergei.id)) == ["Lev Sedov"]
    assert names_of(tree, tree.partners(sergei.id)) == ["Olga Greber", "Genrietta Rubinshtein"]
    assert names_of(tree, tree.children(sergei.id)) == ["Yulia"]
    # two partner families, each its own couple: Yulia belongs to Genrietta's
    with_olga, with_genrietta = tree.partner_families(sergei.id)
    assert with_olga.child_ids == []
    assert names_of(tree, with_genrietta.child_ids) == ["Yulia"]
    assert with_olga.is_married  # "his wife Olga"
    assert not with_genrietta.is_married  # a partnership; the sources never say they married


def test_trotsky_family_lists_the_elder_son_first(tree: Tree) -> None:
    trotsky = person(tree, "Leon Trotsky")
    (family,) = tree.partner_families(trotsky.id)
    assert names_of(tree, family.partner_ids) == ["Leon Trotsky", "Natalia Sedova"]
    assert names_of(tree, family.child_ids) == ["Lev Sedov", "Sergei Sedov"]
    assert family.is_married


def test_trotsky_father_is_david_bronstein_mother_unknown(tree: Tree) -> None:
    trotsky = person(tree, "Leon Trotsky")
    (family,) = tree.parent_families(trotsky.id)
    assert names_of(tree, family.partner_ids) == ["David Bronstein"]


def test_yulia_grandparents_on_both_sides(tree: Tree) -> None:
    yulia = person(tree, "Yulia")
    assert sorted(names_of(tree, tree.parents(yulia.id))) == ["Genrietta Rubinshtein", "Sergei Sedov"]
    genrietta = person(tree, "Genrietta Rubinshtein")
    unnamed = [tree.people[i] for i in tree.parents(genrietta.id)]
    assert len(unnamed) == 2
    for p in unnamed:
        assert p.name.given == ""
        assert p.name.surname == "Rubinshtein"
        assert "not name" in tree.note_texts(p.notes)[0]


# -- facts ----------------------------------------------------------------------------------

def test_sergei_birth_deportation_and_believed_death(tree: Tree) -> None:
    sergei = person(tree, "Sergei Sedov")
    assert sergei.birth is not None
    assert sergei.birth.date is not None
    assert sergei.birth.date.to_gedcom() == "21 MAR 1908"
    assert not sergei.birth.date.is_uncertain
    (deported,) = events(sergei, "Deportation")
    assert deported.date is not None
    assert deported.date.to_gedcom() == "3 AUG 1935"
    assert deported.place is not None
    assert deported.place.name.startswith("Krasnoyarsk")
    death = sergei.death
    assert death is not None
    assert death.date is not None
    assert death.date.year == 1937
    assert death.date.qualifier is DateQualifier.BELIEVED
    assert death.date.is_uncertain
    assert sergei.lifespan() == "1908\u20131937?"


@pytest.mark.parametrize(("who", "label", "gedcom_date", "modifier"), [
    ("Sergei Sedov", "Return to Russia", "MAY 1917", DateModifier.EXACT),
    ("Sergei Sedov", "Left home", "BET MAR 1924 AND MAR 1925", DateModifier.BETWEEN),
    ("Sergei Sedov", "Arrest", "BET 1 DEC 1934 AND 3 AUG 1935", DateModifier.BETWEEN),
    ("Sergei Sedov", "Press report", "JAN 1937", DateModifier.EXACT),
    ("Sergei Sedov", "Stayed in the Soviet Union", "1929", DateModifier.EXACT),
    ("Leon Trotsky", "Joined the Bolsheviks", "JUL 1917", DateModifier.EXACT),
    ("Leon Trotsky", "Expulsion", "1929", DateModifier.EXACT),
    ("Natalia Sedova", "Return to Russia", "MAY 1917", DateModifier.EXACT),
    ("Lev Sedov", "Return to Russia", "MAY 1917", DateModifier.EXACT),
    ("Genrietta Rubinshtein", "Arrest", "ABT 1937", DateModifier.ABOUT),
    ("Genrietta Rubinshtein", "Move to Krasnoyarsk", "AFT 3 AUG 1935", DateModifier.AFTER),
    ("Yulia", "Birth", "1936", DateModifier.EXACT),
])
def test_dated_events(tree: Tree, who: str, label: str, gedcom_date: str, modifier: DateModifier) -> None:
    found = events(person(tree, who), label)
    assert found, f"{who} has no {label}"
    dates = [(e.date.to_gedcom(), e.date.modifier) for e in found if e.date is not None]
    assert (gedcom_date, modifier) in dates


def test_places_of_schooling_birth_and_work(tree: Tree) -> None:
    sergei = person(tree, "Sergei Sedov")
    assert "Vienna, Austria" in [e.place.name for e in sergei.events if e.tag == "EDUC" and e.place]
    assert "Kremlin, Moscow, Russia" in [e.place.name for e in sergei.events if e.tag == "RESI" and e.place]
    mine = [e for e in sergei.events if e.tag == "OCCU" and "gold-mine" in e.value]
    assert [e.place.name for e in mine if e.place] == ["Krasnoyarsk, Siberia, Russia"]
    yulia_birth = person(tree, "Yulia").birth
    assert yulia_birth is not None
    assert yulia_birth.place is not None
    assert yulia_birth.place.name == "Moscow, Russia"


def test_natalia_posts(tree: Tree) -> None:
    posts = {e.value: e for e in person(tree, "Natalia Sedova").events if e.tag == "OCCU"}
    assert "Worker at the union of wood-workers" in posts
    assert any("museums and ancient monuments" in v for v in posts)
    committee = next(e for v, e in posts.items() if "Wounded and Sick Red Army Soldiers" in v)
    assert committee.date is not None
    assert committee.date.to_gedcom() == "FROM 1919"


def test_disagreeing_occupations_are_both_kept_each_with_its_source(tree: Tree) -> None:
    sergei = person(tree, "Sergei Sedov")
    jobs = {e.value: e for e in sergei.events if e.tag == "OCCU"}
    professor = jobs["Professor at the Moscow Institute of Technology"]
    instructor = jobs["Instructor at a higher technical school"]
    assert {c.source_id for c in professor.citations} == {"@S1@"}
    assert {tree.sources[c.source_id].author for c in instructor.citations} == {"Bertrand M. Patenaude"}
    assert instructor.age == "< 30y"  # "before the age of thirty"


# -- names ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("who", "spelling"), [
    ("Sergei Sedov", "Sergei Lvovich Sedov"),
    ("Sergei Sedov", "Sergey Sedov"),
    ("Sergei Sedov", "Seryozha"),
    ("Sergei Sedov", "Serezha"),
    ("Sergei Sedov", "Сергей Львович Седов"),
    ("Sergei Sedov", "Серёжа"),
    ("Lev Sedov", "Leva"),
    ("Lev Sedov", "Lyova"),
    ("Lev Sedov", "Лев Львович Седов"),
    ("Lev Sedov", "Лёва"),
    ("Natalia Sedova", "Natalya Sedova"),
    ("Natalia Sedova", "Natalia Trotsky"),
    ("Natalia Sedova", "Наталья Ивановна Седова"),
    ("Leon Trotsky", "Lev Trotsky"),
    ("Leon Trotsky", "Lev Davydovich"),
    ("Leon Trotsky", "Lev Davidovich Bronstein"),
    ("Leon Trotsky", "Лев Давидович Троцкий"),
    ("Leon Trotsky", "Лев Давидович Бронштейн"),
    ("Genrietta Rubinshtein", "Henrietta Rubinstein"),
    ("Genrietta Rubinshtein", "Генриетта Рубинштейн"),
    ("Yulia", "Julia"),
    ("Yulia", "Yuliya"),
    ("Yulia", "Юлия"),
    ("Olga Greber", "Ольга Гребер"),
    ("David Bronstein", "Давид Бронштейн"),
])
def test_every_name_variant_is_kept(tree: Tree, who: str, spelling: str) -> None:
    kept = [t for n in person(tree, who).names for t in n.all_texts()]
    assert spelling in kept


def test_cyrillic_forms_are_russian_transliterations(tree: Tree) -> None:
    cyrillic = re.compile("[\u0400-\u04ff]")
    for p in tree.people.values():
        trans = [t for n in p.names for t in n.translations]
        assert any(cyrillic.search(t.display()) for t in trans), p.display_name()
        for t in trans:
            assert t.lang == "ru", (p.display_name(), t.display())


def test_name_kinds(tree: Tree) -> None:
    trotsky = person(tree, "Leon Trotsky")
    birth_names = [n.display() for n in trotsky.names if n.type is NameType.BIRTH]
    assert birth_names == ["Lev Davidovich Bronstein"]
    sergei = person(tree, "Sergei Sedov")
    assert sergei.name.nickname == "Seryozha"
    nick = next(n for n in sergei.names if n.display() == "Serezha")
    assert nick.type is NameType.OTHER
    assert "Nickname" in nick.type_phrase


# -- evidence -------------------------------------------------------------------------------------

def test_every_person_has_a_biography_and_an_excerpt(tree: Tree) -> None:
    for p in tree.people.values():
        bio = tree.note_texts(p.notes[:1])
        assert bio, f"{p.display_name()} has no biography"
        assert len(bio[0]) > 80
        long_texts = [t for c in p.citations for t in c.text if len(t) > 500]
        assert long_texts, f"{p.display_name()} has no source excerpt"


def test_every_event_cites_an_existing_source(tree: Tree) -> None:
    holders = [(p.display_name(), p.events) for p in tree.people.values()]
    holders += [(f.id, f.events) for f in tree.families.values()]
    for who, evs in holders:
        for e in evs:
            assert e.citations, f"{who}: {e.label} cites nothing"
    for c in all_citations(tree):
        assert c.source_id in tree.sources
        assert c.page


def test_every_event_of_sergei_cites_something(tree: Tree) -> None:
    sergei = person(tree, "Sergei Sedov")
    assert len(sergei.events) >= 15
    assert all(e.citations for e in sergei.events)


def test_all_citation_text_is_verbatim_from_the_seed(tree: Tree, seed: str) -> None:
    texts = [t for c in all_citations(tree) for t in c.text]
    assert len(texts) > 50
    assert [t[:60] for t in texts if t not in seed] == []


@pytest.mark.parametrize(("who", "numbers"), [
    ("Yulia", {6}),
    ("Natalia Sedova", {2, 3, 5}),
    ("Sergei Sedov", {1, 2, 3, 4, 5, 6}),
    ("Genrietta Rubinshtein", {6}),
    ("Olga Greber", {5, 6}),
    ("David Bronstein", {5}),
    ("Lev Sedov", {1, 4}),
])
def test_excerpts_shown_for_each_person(tree: Tree, excerpts: dict[int, str], who: str,
                                        numbers: set[int]) -> None:
    p = person(tree, who)
    by_text = {t: c for c in p.citations for t in c.text}
    for n in numbers:
        citation = by_text.get(excerpts[n])
        assert citation is not None, f"{who} lacks excerpt {n} verbatim"
        assert f"Primary source ({n})" in citation.page
        source = tree.sources[citation.source_id]
        assert source.author
        assert source.title
        assert source.publication


def test_every_source_the_article_names_is_recorded(tree: Tree) -> None:
    shown = {s.display() for s in tree.sources.values()}
    assert {
        "Robert Service, Trotsky (2009)",
        "Leon Trotsky, My Life: An Attempt at an Autobiography (1930)",
        "Bertrand M. Patenaude, Stalin's Nemesis: The Exile and Murder of Leon Trotsky (2009)",
        "Robert V. Daniels, Red October: The Bolshevik Revolution of 1917 (1967)",
    } <= shown
    article = next(s for s in tree.sources.values() if s.title == "Sergei Sedov")
    assert article.author == ""  # the seed does not say who wrote it


# -- held to the seed, line by line ------------------------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+", text) if s]


def _every_note(tree: Tree) -> list[tuple[str, str]]:
    """(whose, text) of every note the file writes in its own words: header, people, names, families."""
    out = [("header", s.value) for s in tree.header.extra if s.tag == "NOTE"]
    for p in tree.people.values():
        out += [(p.display_name(), t) for t in tree.note_texts(p.notes)]
        out += [(p.display_name(), t) for n in p.names for t in tree.note_texts(n.notes)]
    for f in tree.families.values():
        out += [(f.id, t) for t in tree.note_texts(f.notes)]
    out += [(s.id, t) for s in tree.sources.values() for t in tree.note_texts(s.notes)]
    return out


def test_name_citations_are_verbatim_from_the_seed_too(tree: Tree, seed: str) -> None:
    texts = [t for p in tree.people.values() for n in p.names for c in n.citations for t in c.text]
    assert len(texts) >= 15
    assert [t[:60] for t in texts if t not in seed] == []


def test_every_name_form_is_cited_or_says_where_it_comes_from(tree: Tree, seed: str) -> None:
    """A spelling a citation on the name shows is attested; any other is explained in a note on that
    name, which says so when the seed has the form nowhere (Cyrillic forms, patronymics, Sergey...)."""
    unexplained = []
    for p in tree.people.values():
        for name in p.names:
            cited = [t for c in name.citations for t in c.text]
            notes = tree.note_texts(name.notes)
            for form in name.all_texts():
                if any(form in t for t in cited):
                    continue
                why = [n for n in notes if form in n]
                if not why or (form not in seed and not any("not in the sources" in n for n in why)):
                    unexplained.append((p.display_name(), form))
    assert not unexplained, unexplained


@pytest.mark.parametrize(("who", "form"), [
    ("Sergei Sedov", "Sergey Sedov"), ("Sergei Sedov", "Sergei Lvovich Sedov"),
    ("Sergei Sedov", "Сергей Львович Седов"), ("Genrietta Rubinshtein", "Henrietta Rubinstein"),
    ("Yulia", "Julia"), ("Yulia", "Yuliya"), ("Yulia", "Юлия"), ("Leon Trotsky", "Lev Trotsky"),
    ("Leon Trotsky", "Lev Davidovich Bronstein"), ("Natalia Sedova", "Natalia Ivanovna Sedova"),
    ("Lev Sedov", "Lev Lvovich Sedov"), ("Rubinshtein", "Рубинштейн"),
])
def test_forms_the_seed_does_not_give_are_noted_as_such(tree: Tree, seed: str, who: str, form: str) -> None:
    assert form not in seed
    found = [p for p in tree.people.values() if p.display_name() == who]
    notes = [t for p in found for n in p.names if form in n.all_texts() for t in tree.note_texts(n.notes)]
    assert any(form in t and "not in the sources" in t for t in notes), notes


def test_vienna_is_never_dated_to_the_return_to_russia(tree: Tree) -> None:
    # the seed gives no years for Vienna, and never says the family came back from there in 1917
    for who, text in _every_note(tree):
        for sentence in _sentences(text):
            assert not ("Vienna" in sentence and "1917" in sentence), (who, sentence)
    in_vienna = [(p.display_name(), e) for p in tree.people.values() for e in p.events
                 if e.place is not None and "Vienna" in e.place.name]
    assert len(in_vienna) >= 5
    for who, e in in_vienna:
        assert e.date is not None
        assert e.date.modifier is DateModifier.BEFORE, who
        assert "no years" in e.date.phrase, who


def test_header_names_the_rubinshteins_as_genriettas_parents(tree: Tree) -> None:
    (header,) = [s.value for s in tree.header.extra if s.tag == "NOTE"]
    assert "Genrietta's parents" in header
    assert "daughter and grandparents" not in header
    for p in tree.people.values():
        assert p.display_name() in header


@pytest.mark.parametrize(("who", "tag", "excerpt"), [
    ("Sergei Sedov", "EDUC", "who insisted that he complete his schooling"),
    ("Sergei Sedov", "EVEN", "he returned to the family once a week"),
    ("Natalia Sedova", "FACT", "a slight preference for him over Leva"),
    ("Sergei Sedov", "EDUC", "the local Christian school"),
    ("Lev Sedov", "EDUC", "the local Christian school"),
])
def test_seed_facts_are_recorded_with_their_excerpt(tree: Tree, who: str, tag: str, excerpt: str) -> None:
    found = [e for e in person(tree, who).events if e.tag == tag
             if any(excerpt in t for c in e.citations for t in c.text)]
    assert found, f"{who} has no {tag} citing {excerpt!r}"


def test_sergeis_schooling_at_olga_grebers_insistence_is_an_education_fact(tree: Tree) -> None:
    (schooling,) = [e for e in person(tree, "Sergei Sedov").events
                    if e.tag == "EDUC" and "Olga Greber" in e.value]
    assert {tree.sources[c.source_id].author for c in schooling.citations} == {"Robert Service"}


def test_why_sergei_stayed_in_1929_is_a_disagreement_between_two_sources(tree: Tree) -> None:
    from familytree.evidence import person_conflicts

    conflicts = [c for c in person_conflicts(tree, "@I1@") if c.label == "Stayed in the Soviet Union"]
    assert len(conflicts) == 1
    (conflict,) = conflicts
    by_author = {tree.sources[c.source_id].author or tree.sources[c.source_id].title: v.value
                 for v in conflict.values for c in v.citations}
    assert set(by_author) == {"Sergei Sedov", "Bertrand M. Patenaude"}  # the article; Patenaude
    assert "teacher" in by_author["Sergei Sedov"]
    assert "parents" in by_author["Bertrand M. Patenaude"]
    assert "sources differ" in conflict.describe(tree)
    # and the professor/instructor disagreement is still there beside it
    assert "Occupation" in [c.label for c in person_conflicts(tree, "@I1@")]


# Proper names the file must repeat as the seed spells them.
_PROPER_NAMES = ("Committee of Assistance for Wounded and Sick Red Army Soldiers",
                 "People's Commissar for Foreign Affairs", "Moscow Institute of Technology")


def test_notes_are_in_our_own_words(tree: Tree, seed: str) -> None:
    """No sentence of a biography or note repeats seven words running of the seed."""
    run = 7
    seed_words = _words(seed)
    seed_runs = {tuple(seed_words[i:i + run]) for i in range(len(seed_words) - run + 1)}
    copied = []
    for who, text in _every_note(tree):
        for name in _PROPER_NAMES:
            text = text.replace(name, "\u2014")
        for sentence in _sentences(text):
            ws = _words(sentence)
            hits = [" ".join(ws[i:i + run]) for i in range(len(ws) - run + 1)
                    if tuple(ws[i:i + run]) in seed_runs]
            if hits:
                copied.append((who, hits[0]))
    assert not copied, copied
