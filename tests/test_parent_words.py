"""A parent is a father or a mother by their recorded sex, never by the HUSB/WIFE slot; else "parent"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from familytree.evidence import timeline
from familytree.gedcom import read_file, read_text
from familytree.model import Tree
from familytree.relations import RelationshipCalculator, close_family, get_wording
from familytree.search import NameIndex

# Lev and Ada Rubin, of unknown sex, are the parents of Genrietta; Olga, a woman written in the
# HUSB slot, and Ivan, a man written in the WIFE slot, are the parents of Pyotr.
GEDCOM = """0 HEAD
1 GEDC
2 VERS 7.0
0 @P1@ INDI
1 NAME Lev /Rubin/
1 SEX U
1 BIRT
2 DATE 1880
0 @P2@ INDI
1 NAME Ada /Rubin/
1 BIRT
2 DATE 1882
1 DEAT
2 DATE 1950
0 @C@ INDI
1 NAME Genrietta /Rubin/
1 SEX F
1 BIRT
2 DATE 1910
0 @X@ INDI
1 NAME Sergei /Sedov/
1 SEX M
0 @G@ INDI
1 NAME Yulia
1 SEX F
1 BIRT
2 DATE 1936
0 @H@ INDI
1 NAME Olga /Petrova/
1 SEX F
0 @W@ INDI
1 NAME Ivan /Petrov/
1 SEX M
0 @K@ INDI
1 NAME Pyotr /Petrov/
1 SEX M
0 @F1@ FAM
1 HUSB @P1@
1 WIFE @P2@
1 CHIL @C@
1 MARR
2 DATE 1905
0 @F2@ FAM
1 HUSB @X@
1 WIFE @C@
1 CHIL @G@
0 @F3@ FAM
1 HUSB @H@
1 WIFE @W@
1 CHIL @K@
0 TRLR
"""

UNKNOWN = ("@P1@", "@P2@")
# Words that give a sex to the person they name.
SEXED = re.compile(r"\b(?:(?:great-)*grand)?(?:father|mother)\b|\b(?:husband|wife)\b", re.I)
RU_SEXED = {"отец", "мать", "муж", "жена", "дедушка", "бабушка", "свёкор", "свекровь", "тесть", "тёща"}


@pytest.fixture(scope="module")
def tree() -> Tree:
    return read_text(GEDCOM)


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_close_family_words_follow_the_sex_not_the_slot(tree: Tree) -> None:
    of_genrietta = {k.person_id: k.term for k in close_family(tree, "@C@")}
    assert of_genrietta["@P1@"] == of_genrietta["@P2@"] == "parent"
    of_pyotr = {k.person_id: k.term for k in close_family(tree, "@K@")}
    assert of_pyotr == {"@W@": "father", "@H@": "mother"}
    of_lev = {k.person_id: k.term for k in close_family(tree, "@P1@")}
    assert of_lev["@P2@"] == "spouse"


def test_no_relationship_gives_a_sex_to_a_person_recorded_without_one(tree: Tree) -> None:
    calc = RelationshipCalculator(tree)
    ru = get_wording("ru")
    name = {p.id: p.display_name() for p in tree.people.values()}.__getitem__
    seen = 0
    for a in UNKNOWN:
        for b in tree.people:
            for rel in calc.relationships(a, b, limit=5) if a != b else []:
                seen += 1
                assert not SEXED.search(rel.term), (a, b, rel.term)
                ru_term = rel.term_in("ru")  # Russian has no "grandparent": "дедушка или бабушка"
                assert " или " in ru_term or not set(ru_term.split()) & RU_SEXED, (a, b, ru_term)
                # the path's first clause is about A: "Lev Rubin is the parent of ..."
                first = rel.describe_path(tree).split(", who ")[0]
                assert not SEXED.search(first), first
                assert ru.describe_path(rel, name).split(" \u2192 ")[0].split(" \u2014 ")[-1] not in RU_SEXED
    assert seen >= 4
    (grand,) = calc.relationships("@P2@", "@G@", limit=1)
    assert grand.statement(tree) == "Ada Rubin is Yulia's grandparent"
    (swapped,) = calc.relationships("@W@", "@K@", limit=1)
    assert swapped.term == "father"


def test_the_timeline_calls_them_parents(tree: Tree) -> None:
    theirs = [e for e in timeline(tree, "@C@") if e.person_id in UNKNOWN]
    assert {e.relation for e in theirs} == {"parent"}
    assert len(theirs) >= 3  # two births, a death (their marriage is "of parents")
    assert not [e.description for e in timeline(tree, "@C@") if SEXED.search(e.description)]


def test_a_patronymic_names_a_parent_of_unknown_sex_as_parent(tree: Tree) -> None:
    best = NameIndex(tree).search("Genrietta Lvovna")[0]
    assert best.person_id == "@C@"
    assert "patronymic, parent Lev Rubin" in best.reason
    assert not SEXED.search(best.reason)


def test_the_command_line_says_parent(tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from familytree.cli import main

    path = tmp_path / "rubin.ged"
    path.write_text(GEDCOM, encoding="utf-8")
    for other in ("@C@", "@G@", "@X@"):
        assert main(["relationship", "@P1@", other, "--file", str(path)]) == 0
        out = capsys.readouterr().out
        assert "parent" in out
        assert not SEXED.search(out.split(", who ")[0]), out


@pytest.mark.gui
@pytest.mark.parametrize("pid", ["@C@", "@P1@", "@P2@"])
def test_details_panel_and_person_sheet_never_say_father_or_mother(tree: Tree, pid: str) -> None:
    from familytree.render.person_sheet import person_sheet_html
    from familytree.ui.details import person_html

    for html in (person_html(tree, pid), person_sheet_html(tree, pid)):
        text = _plain(html)
        assert "Rubin" in text
        assert not SEXED.search(text), SEXED.findall(text)


def test_bundled_rubinshteins_are_parents_and_grandparents(bundled_path: Path) -> None:
    tree = read_file(bundled_path)
    unknown = [p.id for p in tree.people.values() if p.sex.name == "UNKNOWN"]
    assert len(unknown) == 2
    calc = RelationshipCalculator(tree)
    genrietta = next(p.id for p in tree.people.values() if p.display_name() == "Genrietta Rubinshtein")
    yulia = next(p.id for p in tree.people.values() if p.display_name() == "Yulia")
    for pid in unknown:
        assert [r.term for r in calc.relationships(pid, genrietta, limit=1)] == ["parent"]
        assert [r.term for r in calc.relationships(pid, yulia, limit=1)] == ["grandparent"]
        assert {k.term for k in close_family(tree, genrietta) if k.person_id == pid} == {"parent"}
        # their own notes do not guess either
        assert not SEXED.search(" ".join(tree.note_texts(tree.people[pid].notes)[:1]))
