"""Kinship terms: every English term the calculator uses, on families built in code."""

from __future__ import annotations

import pytest

from familytree.model import ChildRelation, Sex
from familytree.relations import Lineage, RelationshipCalculator, kinship_term
from support.builders import TreeBuilder

M, F, U = Sex.MALE, Sex.FEMALE, Sex.UNKNOWN
Family = tuple[RelationshipCalculator, dict[str, str]]


@pytest.mark.parametrize(
    ("up", "down", "sex", "half", "lineage", "term"),
    [
        (0, 1, M, False, Lineage.BIRTH, "father"),
        (0, 1, U, False, Lineage.BIRTH, "parent"),
        (1, 0, F, False, Lineage.BIRTH, "daughter"),
        (0, 3, F, False, Lineage.BIRTH, "great-grandmother"),
        (0, 4, M, False, Lineage.BIRTH, "great-great-grandfather"),
        (0, 5, M, False, Lineage.BIRTH, "3rd great-grandfather"),
        (0, 2999, M, False, Lineage.BIRTH, "2,997th great-grandfather"),
        (13, 0, U, False, Lineage.BIRTH, "11th great-grandchild"),
        (1, 1, U, True, Lineage.BIRTH, "half-sibling"),
        (1, 2, U, False, Lineage.BIRTH, "aunt or uncle"),
        (1, 4, M, False, Lineage.BIRTH, "great-great-uncle"),
        (2, 1, U, False, Lineage.BIRTH, "niece or nephew"),
        (4, 1, F, False, Lineage.BIRTH, "great-grand-niece"),
        (2, 2, U, True, Lineage.BIRTH, "half first cousin"),
        (2, 4, M, False, Lineage.BIRTH, "first cousin twice removed"),
        (5, 3, F, False, Lineage.BIRTH, "second cousin twice removed"),
        (4, 8, F, False, Lineage.BIRTH, "third cousin four times removed"),
        (12, 12, M, False, Lineage.BIRTH, "11th cousin"),
        (2, 15, M, False, Lineage.BIRTH, "first cousin 13 times removed"),
        (0, 1, F, False, Lineage.ADOPTED, "adoptive mother"),
        (1, 0, M, False, Lineage.ADOPTED, "adopted son"),
        (0, 1, M, False, Lineage.FOSTER, "foster father"),
        (1, 1, F, False, Lineage.FOSTER, "foster sister"),
        (0, 1, F, False, Lineage.STEP, "stepmother"),
        (0, 2, F, False, Lineage.STEP, "step-grandmother"),
        (1, 1, M, False, Lineage.STEP, "stepbrother"),
    ],
)
def test_kinship_term_table(up: int, down: int, sex: Sex, half: bool, lineage: Lineage, term: str) -> None:
    assert kinship_term(up, down, sex, half, lineage) == term


def test_kinship_term_rejects_negative_generations() -> None:
    with pytest.raises(ValueError, match="negative"):
        kinship_term(-1, 2)


def _family() -> Family:
    """Four generations below a great-grandfather, with second marriages, in-laws and adoptions."""
    b = TreeBuilder(marriages=True)
    sexes = {
        "GGF": "M", "GGM": "F", "GF": "M", "GM": "F", "GreatAunt": "F", "GreatAuntHusband": "M",
        "C1": "F", "C1Husband": "M", "C1Child": "M", "C1Grandchild": "F",
        "Dad": "M", "Mum": "F", "StepMum": "F", "StepMumFirstHusband": "M", "StepBro": "M",
        "Aunt": "F", "AuntHusband": "M", "Uncle": "M", "UncleWife": "F",
        "Me": "M", "Sister": "F", "Brother": "M", "Sib": "U", "SibKid": "U", "Girlfriend": "F",
        "HalfBro": "M", "HalfSis": "F", "Cousin": "F", "CousinChild": "M", "CousinU": "M",
        "Wife": "F", "ExWife": "F", "WifeDad": "M", "WifeMum": "F", "WifeSister": "F",
        "WifeBrother": "M", "WifeBrotherWife": "F", "SisterHusband": "M",
        "Son": "M", "Daughter": "F", "AdoptedSon": "M", "FosterDaughter": "F", "StepKid": "F", "DIL": "F",
        "Nephew": "M", "Niece": "F", "GrandNephew": "M", "GrandNiece": "F", "Grandson": "M",
        "GreatGrandson": "M",
    }
    p = {name: b.person(f"{name} /Test/", sex) for name, sex in sexes.items()}
    b.family(p["GGF"], p["GGM"], [p["GF"], p["GreatAunt"]])
    b.family(p["GreatAuntHusband"], p["GreatAunt"], [p["C1"]])
    b.family(p["C1Husband"], p["C1"], [p["C1Child"]])
    b.family(p["C1Child"], "", [p["C1Grandchild"]])
    b.family(p["GF"], p["GM"], [p["Dad"], p["Aunt"], p["Uncle"]])
    b.family(p["Dad"], p["Mum"], [p["Me"], p["Sister"], p["Brother"], p["Sib"]])
    b.family(p["StepMumFirstHusband"], p["StepMum"], [p["StepBro"]], divorced=True)
    b.family(p["Dad"], p["StepMum"], [p["HalfBro"], p["HalfSis"]])
    b.family(p["AuntHusband"], p["Aunt"], [p["Cousin"]])
    b.family(p["Cousin"], "", [p["CousinChild"]])
    b.family(p["Uncle"], p["UncleWife"], [p["CousinU"]])
    b.family(p["Sib"], "", [p["SibKid"]])
    b.family(p["Brother"], p["Girlfriend"], unmarried=True)
    b.family(p["Me"], p["ExWife"], divorced=True)
    b.family(p["WifeDad"], p["WifeMum"], [p["Wife"], p["WifeSister"], p["WifeBrother"]])
    b.family(p["WifeBrother"], p["WifeBrotherWife"])
    kids = [p[n] for n in ("Son", "Daughter", "AdoptedSon", "FosterDaughter", "StepKid")]
    b.family(p["Me"], p["Wife"], kids,
             relations={p["AdoptedSon"]: ChildRelation.ADOPTED, p["FosterDaughter"]: ChildRelation.FOSTER,
                        p["StepKid"]: ChildRelation.STEP})
    b.family(p["SisterHusband"], p["Sister"], [p["Nephew"], p["Niece"]])
    b.family(p["Nephew"], "", [p["GrandNephew"], p["GrandNiece"]])
    b.family(p["Son"], p["DIL"], [p["Grandson"]])
    b.family(p["Grandson"], "", [p["GreatGrandson"]])
    return RelationshipCalculator(b.tree), p


@pytest.fixture(scope="module")
def family() -> Family:
    return _family()


# (A, B, what A is to B)
TERMS = [
    ("Dad", "Me", "father"),
    ("Mum", "Me", "mother"),
    ("Sib", "SibKid", "parent"),
    ("Son", "Me", "son"),
    ("Daughter", "Me", "daughter"),
    ("SibKid", "Sib", "child"),
    ("Brother", "Me", "brother"),
    ("Sister", "Me", "sister"),
    ("Sib", "Me", "sibling"),
    ("HalfBro", "Me", "half-brother"),
    ("HalfSis", "Sister", "half-sister"),
    ("StepMum", "Me", "stepmother"),
    ("Dad", "StepBro", "stepfather"),
    ("StepBro", "Dad", "stepson"),
    ("StepBro", "Me", "stepbrother"),
    ("StepBro", "Nephew", "step-uncle"),
    ("Nephew", "StepBro", "step-nephew"),
    ("Sister", "StepMum", "stepdaughter"),
    ("Grandson", "Me", "grandson"),
    ("GF", "Me", "grandfather"),
    ("GGF", "Me", "great-grandfather"),
    ("GGM", "Son", "great-great-grandmother"),
    ("GreatGrandson", "Me", "great-grandson"),
    ("Aunt", "Me", "aunt"),
    ("Uncle", "Sister", "uncle"),
    ("Sib", "Nephew", "aunt or uncle"),
    ("Niece", "Me", "niece"),
    ("Nephew", "Brother", "nephew"),
    ("SibKid", "Me", "niece or nephew"),
    ("GrandNephew", "Me", "grand-nephew"),
    ("GrandNiece", "Brother", "grand-niece"),
    ("GreatAunt", "Me", "great-aunt"),
    ("Cousin", "Me", "first cousin"),
    ("CousinChild", "Me", "first cousin once removed"),
    ("Me", "CousinChild", "first cousin once removed"),
    ("C1Child", "Me", "second cousin"),
    ("C1Grandchild", "Me", "second cousin once removed"),
    ("Me", "C1Grandchild", "second cousin once removed"),
    ("C1Child", "Son", "second cousin once removed"),
    ("Me", "Wife", "husband"),
    ("Wife", "Me", "wife"),
    ("Girlfriend", "Brother", "partner"),
    ("ExWife", "Me", "ex-wife"),
    ("Me", "ExWife", "ex-husband"),
    ("SisterHusband", "Dad", "son-in-law"),
    ("DIL", "Me", "daughter-in-law"),
    ("WifeMum", "Me", "mother-in-law"),
    ("WifeDad", "Me", "father-in-law"),
    ("WifeSister", "Me", "sister-in-law"),
    ("SisterHusband", "Me", "brother-in-law"),
    ("Me", "WifeBrother", "brother-in-law"),
    ("WifeBrotherWife", "Me", "brother-in-law's wife"),
    ("Sib", "Wife", "sibling-in-law"),
    ("Sib", "Girlfriend", "partner's sibling"),
    ("SibKid", "Wife", "husband's niece or nephew"),
    ("Wife", "AdoptedSon", "adoptive mother"),
    ("AdoptedSon", "Me", "adopted son"),
    ("Me", "FosterDaughter", "foster father"),
    ("FosterDaughter", "Wife", "foster daughter"),
    ("AdoptedSon", "Son", "adoptive brother"),
    ("Me", "StepKid", "stepfather"),
    ("StepKid", "Wife", "stepdaughter"),
    ("StepKid", "Daughter", "stepsister"),
    ("AuntHusband", "Me", "uncle by marriage"),
    ("Girlfriend", "Me", "brother's partner"),
    ("ExWife", "Dad", "son's ex-wife"),
    ("DIL", "Wife", "daughter-in-law"),
    ("Wife", "Sister", "sister-in-law"),
    ("Wife", "GF", "granddaughter-in-law"),
    ("Wife", "Cousin", "first cousin's wife"),
    ("Cousin", "Wife", "husband's first cousin"),
    ("StepMumFirstHusband", "HalfBro", "mother's ex-husband"),
]


@pytest.mark.parametrize(("a", "b", "term"), TERMS, ids=[f"{a}-{b}" for a, b, _ in TERMS])
def test_closest_relationship_term(family: Family,
                                   a: str, b: str, term: str) -> None:
    calc, p = family
    found = calc.relationships(p[a], p[b])
    assert found, f"no relationship found for {a} -> {b}"
    assert found[0].term == term, [r.term for r in found]


@pytest.mark.parametrize(("a", "b"), [("Mum", "StepMum"), ("GGF", "WifeDad"), ("ExWife", "Wife")])
def test_unrelated_people_have_no_relationship(family: Family,
                                               a: str, b: str) -> None:
    calc, p = family
    assert calc.relationships(p[a], p[b]) == []


def test_every_path_runs_from_a_to_b_over_real_links(family: Family) -> None:
    calc, p = family
    tree = calc.tree
    for a, b, _ in TERMS:
        for rel in calc.relationships(p[a], p[b]):
            assert rel.steps[0].from_id == p[a]
            assert rel.steps[-1].to_id == p[b]
            for s1, s2 in zip(rel.steps, rel.steps[1:], strict=False):
                assert s1.to_id == s2.from_id
            for s in rel.steps:
                fam = tree.families[s.family_id]
                assert {s.from_id, s.to_id} <= set(fam.partner_ids) | set(fam.child_ids)
