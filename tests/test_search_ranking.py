"""Search results in the user's words and order: the best-known namesake first, regnal numbers as written,
partners not called married."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from familytree.gedcom import read_file
from familytree.model import Tree
from familytree.search import MatchKind, NameIndex
from familytree.search.rules import is_numeral
from support.builders import TreeBuilder
from support.corpus import corpus_path


@pytest.fixture(scope="module")
def royal92() -> tuple[Tree, NameIndex]:
    tree = read_file(corpus_path("real/royal92.ged"))
    return tree, NameIndex(tree)


def _links(tree: Tree, person_id: str) -> int:
    """Parents, partners and children: the people one family step away."""
    return len(set(tree.parents(person_id)) | set(tree.partners(person_id)) | set(tree.children(person_id)))




def _given_names(tree: Tree, least: int) -> list[str]:
    counts = Counter(p.names[0].given.split()[0] for p in tree.people.values()
                     if p.names and p.names[0].given.split())
    return sorted(name for name, n in counts.items() if n >= least and name.isalpha())


def test_a_given_name_lists_the_best_connected_bearers_first(royal92: tuple[Tree, NameIndex]) -> None:
    """Among the people who have the name itself (no focus: none is nearer), the most family links first."""
    tree, index = royal92
    names = _given_names(tree, 3)
    assert len(names) > 40
    for name in names:
        bearers = [r for r in index.search(name, limit=1000) if r.kind is MatchKind.EXACT]
        links = [_links(tree, r.person_id) for r in bearers]
        assert len(links) >= 2
        assert links == sorted(links, reverse=True), (name, [(r.name, n) for r, n in zip(bearers, links,
                                                                                          strict=True)][:6])


@pytest.mark.parametrize(("query", "first"), [("Victoria", "@I1@"), ("Albert", "@I2@")])
def test_queen_victoria_and_her_husband_rank_above_their_namesakes(royal92: tuple[Tree, NameIndex],
                                                                   query: str, first: str) -> None:
    _, index = royal92
    assert index.search(query)[0].person_id == first
    # the focus' own family still comes first: closeness outranks fame
    grandson = "@I52@"  # Elizabeth II, whose family has Victorias of its own nearer than the queen
    near = index.search(query, focus_id=grandson)[0]
    assert index.distance(near.person_id, grandson) <= (index.distance(first, grandson) or 99)


def test_a_regnal_number_is_part_of_the_name(royal92: tuple[Tree, NameIndex]) -> None:
    _, index = royal92
    assert [r.person_id for r in index.search("Elizabeth II")] == ["@I52@"]
    assert "@I52@" not in [r.person_id for r in index.search("Elizabeth I")]
    assert index.search("Elizabeth I")[0].person_id == "@I849@"


def test_no_one_is_found_by_another_regnal_number_than_the_one_typed(royal92: tuple[Tree, NameIndex]) -> None:
    tree, index = royal92
    numbered = {(words[0], word) for p in tree.people.values() if p.names
                for words in [p.names[0].display().split()]
                for word in words[1:] if word.isupper() and is_numeral(word.lower())}
    assert len(numbered) > 30
    for given, numeral in sorted(numbered):
        for r in index.search(f"{given} {numeral}", limit=50):
            if "(only" in r.reason:
                continue  # nobody has both words: each is listed by the word they have
            names = tree.people[r.person_id].names
            words = {w.lower() for n in names for w in re.findall(r"\w+", n.display())}
            assert numeral.lower() in words or any(w.startswith(numeral.lower()) and not is_numeral(w)
                                                   for w in words), (given, numeral, r)
            assert not re.search(rf"(transliteration of|sounds like|typo for) {numeral}\b", r.reason), r


@pytest.mark.parametrize(("family", "reason"), [
    ({"married": True}, "married to Ivan Orlov"), ({"divorced": True}, "married to Ivan Orlov"),
    ({}, "partner of Ivan Orlov"), ({"unmarried": True}, "partner of Ivan Orlov")])
def test_a_woman_found_by_her_partners_surname_is_called_his_wife_only_when_they_married(
        family: dict[str, bool], reason: str) -> None:
    b = TreeBuilder()
    ivan, anna = b.person("Ivan /Orlov/", "M"), b.person("Anna /Petrova/", "F")
    b.family(ivan, anna, **family)
    found = NameIndex(b.tree).search("Anna Orlova")
    assert [(r.person_id, r.reason) for r in found] == [(anna, reason)]


@pytest.mark.parametrize(("sexes", "found"), [("MU", True), ("UU", True), ("UM", False), ("FM", False)])
def test_a_wife_of_unrecorded_sex_is_found_by_her_husbands_surname(sexes: str, found: bool) -> None:
    """Many files record no sex: the family's WIFE line says who took the HUSB's name (gedcom4j's
    Mary Hægermann, "Mary Gruber"); listed the other way round, nobody is."""
    b = TreeBuilder()
    ivan, anna = b.person("Ivan /Orlov/", sexes[0]), b.person("Anna /Petrova/", sexes[1])
    b.family(ivan, anna, married=True)
    results = NameIndex(b.tree).search("Anna Orlova")
    assert ((anna, "married to Ivan Orlov") in [(r.person_id, r.reason) for r in results]) is found


def test_the_bundled_familys_unmarried_partner_is_his_partner(bundled_path) -> None:  # type: ignore[no-untyped-def]
    index = NameIndex(read_file(bundled_path))
    reasons = {r.name: r.reason for r in index.search("Sedova")}
    assert reasons["Genrietta Rubinshtein"] == "partner of Sergei Sedov"
    assert reasons["Olga Greber"] == "married to Sergei Sedov"
