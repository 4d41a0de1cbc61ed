"""The family graph and the relationship engine: several relationships, paths, deep and cyclic data, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from familytree.cli import main
from familytree.model import ChildRelation, Structure
from familytree.relations import (
    FamilyGraph,
    Lineage,
    PartnerStatus,
    RelationshipCalculator,
    Role,
    close_family,
    connection,
    partner_status,
    relationships,
)
from support.builders import TreeBuilder, generated_tree
from support.families import sedov_family


def _double_cousins() -> tuple[TreeBuilder, dict[str, str]]:
    """Two brothers married two sisters; their children are double first cousins."""
    b = TreeBuilder(marriages=True)
    p = {n: b.person(f"{n} /Test/", s) for n, s in [
        ("Pa", "M"), ("Ma", "F"), ("Pb", "M"), ("Mb", "F"), ("B1", "M"), ("B2", "M"), ("S1", "F"),
        ("S2", "F"), ("Kid1", "F"), ("Kid2", "M")]}
    b.family(p["Pa"], p["Ma"], [p["B1"], p["B2"]])
    b.family(p["Pb"], p["Mb"], [p["S1"], p["S2"]])
    b.family(p["B1"], p["S1"], [p["Kid1"]])
    b.family(p["B2"], p["S2"], [p["Kid2"]])
    return b, p


def test_double_cousins_are_cousins_twice_through_each_grandparent_couple() -> None:
    b, p = _double_cousins()
    found = relationships(b.tree, p["Kid1"], p["Kid2"])
    assert [r.term for r in found] == ["first cousin", "first cousin"]
    grandparents = {frozenset((p["Pa"], p["Ma"])), frozenset((p["Pb"], p["Mb"]))}
    assert {frozenset(r.apex) for r in found} == grandparents


def test_cousins_who_married_are_husband_and_wife_and_cousins_closest_first() -> None:
    b = TreeBuilder(marriages=True)
    gf, gm = b.person("Gf /X/", "M"), b.person("Gm /X/", "F")
    s1, s2 = b.person("Son /X/", "M"), b.person("Dau /X/", "F")
    he, she, child = b.person("He /X/", "M"), b.person("She /Y/", "F"), b.person("Child /X/", "F")
    b.family(gf, gm, [s1, s2])
    b.family(s1, "", [he])
    b.family("", s2, [she])
    b.family(he, she, [child])
    assert [r.term for r in relationships(b.tree, he, she)] == ["husband", "first cousin"]
    assert [r.term for r in relationships(b.tree, she, he)] == ["wife", "first cousin"]
    # pedigree collapse: their daughter descends from the grandparents through both parents
    found = relationships(b.tree, gf, child)
    assert [r.term for r in found] == ["great-grandfather", "great-grandfather"]
    assert {r.steps[-1].from_id for r in found} == {he, she}


def test_a_grandfather_who_is_also_a_great_uncle() -> None:
    """Pedigree collapse through a lineal ancestor: A's mother is the daughter of B's sister."""
    b = TreeBuilder(marriages=True)
    top, grandpa, sister = b.person("Top /P/", "M"), b.person("Grandpa /P/", "M"), b.person("Sister /P/", "F")
    father, mother, me = b.person("Father /P/", "M"), b.person("Mother /Q/", "F"), b.person("Me /P/", "M")
    b.family(top, "", [grandpa, sister])
    b.family(grandpa, "", [father])
    b.family("", sister, [mother])
    b.family(father, mother, [me])
    assert [r.term for r in relationships(b.tree, me, grandpa)] == ["grandson", "grand-nephew"]
    assert [r.term for r in relationships(b.tree, grandpa, me)] == ["grandfather", "great-uncle"]


def test_a_couple_who_divorced_and_remarried_are_husband_and_wife_first() -> None:
    b = TreeBuilder(marriages=True)
    he, she = b.person("He /R/", "M"), b.person("She /R/", "F")
    b.family(he, she, divorced=True)
    b.family(he, she)
    assert [r.term for r in relationships(b.tree, she, he)] == ["wife", "ex-wife"]


@pytest.mark.parametrize(("generations", "terms"), [(6, ["husband's fifth cousin"]), (7, [])])
def test_in_law_paths_reach_six_generations_each_side(generations: int, terms: list[str]) -> None:
    b = TreeBuilder(marriages=True)
    firsts = [b.person("L0 /T/", "M"), b.person("R0 /T/", "M")]
    b.family(b.person("Top /T/", "M"), "", firsts)
    ends = []
    for side, person in zip("LR", firsts, strict=True):
        for i in range(1, generations):
            child = b.person(f"{side}{i} /T/", "M")
            b.family(person, "", [child])
            person = child
        ends.append(person)
    wife = b.person("Wife /W/", "F")
    b.family(ends[0], wife)
    assert [r.term for r in relationships(b.tree, ends[1], ends[0])][:1] == [
        "fifth cousin" if generations == 6 else "sixth cousin"]
    assert [r.term for r in relationships(b.tree, ends[1], wife)] == terms


def test_adoptive_and_birth_parents_are_both_named() -> None:
    b = TreeBuilder(marriages=True)
    mother, adopter = b.person("Birth /Mother/", "F"), b.person("Adoptive /Mother/", "F")
    kid = b.person("Kid /K/", "M")
    b.family("", mother, [kid])
    b.family("", adopter, [kid], relations={kid: ChildRelation.ADOPTED})
    assert [r.term for r in relationships(b.tree, mother, kid)] == ["mother"]
    found = relationships(b.tree, adopter, kid)
    assert [r.term for r in found] == ["adoptive mother"]
    assert found[0].lineage is Lineage.ADOPTED
    assert not found[0].is_blood


def test_path_ids_and_words_for_a_granddaughter() -> None:
    b = TreeBuilder(marriages=True)
    leon, sergei = b.person("Leon /Trotsky/", "M"), b.person("Sergei /Sedov/", "M")
    yulia = b.person("Yulia", "F")
    f1 = b.family(leon, "", [sergei])
    f2 = b.family(sergei, "", [yulia])
    (rel,) = relationships(b.tree, yulia, leon)
    assert rel.term == "granddaughter"
    assert rel.path == (yulia, f2, sergei, f1, leon)
    assert rel.person_ids == (yulia, sergei, leon)
    assert rel.family_ids == (f2, f1)
    assert rel.statement(b.tree) == "Yulia is Leon Trotsky's granddaughter"
    assert rel.describe_path(b.tree) == ("Yulia is the daughter of Sergei Sedov, "
                                         "who is the son of Leon Trotsky")
    assert [s.role for s in rel.steps] == [Role.CHILD, Role.CHILD]


def test_three_thousand_generations_without_recursion() -> None:
    b = TreeBuilder(marriages=True)
    chain = [b.person("Adam /Line/", "M")]
    for i in range(2999):
        chain.append(b.person(f"Gen{i + 2} /Line/", "F" if i % 2 else "M"))
        b.family(chain[-2], "", [chain[-1]])
    top, bottom = chain[0], chain[-1]
    (down,) = relationships(b.tree, top, bottom)
    assert down.term == "2,997th great-grandfather"
    assert down.down == 2999
    (up,) = relationships(b.tree, bottom, top)
    assert up.term == "2,997th great-grandson"
    assert len(up.path) == 2 * 3000 - 1
    words = up.describe_path(b.tree)
    assert words.startswith("Gen3000 Line is the son of Gen2999 Line, who is the daughter of Gen2998 Line")
    assert words.count(", who is the ") == 2998
    assert words.endswith("who is the son of Adam Line")
    graph = FamilyGraph(b.tree)
    ancestors = graph.ancestors(bottom)
    assert len(ancestors) == 2999
    assert ancestors[top] == 2999
    assert ancestors[chain[-2]] == 1
    assert graph.descendants(top, generations=10) == {c: i for i, c in enumerate(chain[1:11], start=1)}
    assert graph.cycles() == []
    assert graph.warnings == []


def _cycle() -> tuple[TreeBuilder, list[str]]:
    """Root is the parent of X; X, Y and Z are each other's parents round a loop."""
    b = TreeBuilder(marriages=True)
    root, x, y, z = (b.person(f"{n} /Loop/", "M") for n in ("Root", "X", "Y", "Z"))
    b.family(root, "", [x])
    b.family(x, "", [y])
    b.family(y, "", [z])
    b.family(z, "", [x])
    return b, [root, x, y, z]


def test_a_cycle_ends_with_a_warning_in_the_engine() -> None:
    b, (root, x, y, z) = _cycle()
    warnings: list[str] = []
    found = relationships(b.tree, z, root, warnings=warnings)
    assert [r.term for r in found] == ["great-grandson"]
    assert sorted(warnings) == sorted(f"{n} Loop ({i}) is recorded as their own ancestor"
                                      for n, i in (("X", x), ("Y", y), ("Z", z)))


def test_a_cycle_ends_with_a_warning_in_the_graph() -> None:
    b, (root, x, y, z) = _cycle()
    graph = FamilyGraph(b.tree)
    assert graph.ancestors(z) == {y: 1, x: 2, root: 3}
    assert any(w.startswith("Z Loop") for w in graph.warnings)
    assert [sorted(c) for c in graph.cycles()] == [sorted([x, y, z])]
    assert len(graph.warnings) == 3


def test_graph_answers_family_questions() -> None:
    b = TreeBuilder(marriages=True)
    dad, mum, step = b.person("Dad /G/", "M"), b.person("Mum /G/", "F"), b.person("Step /G/", "F")
    a, c, half, adopted = (b.person(f"{n} /G/", "U") for n in ("A", "C", "Half", "Adopted"))
    b.family(dad, mum, [a, c])
    fam2 = b.family(dad, step, [half, adopted], unmarried=True, relations={adopted: ChildRelation.ADOPTED})
    graph = FamilyGraph(b.tree)
    assert graph.parents(a) == [dad, mum]
    assert graph.children(dad) == [a, c, half, adopted]
    assert graph.children(dad, lineages=[Lineage.BIRTH]) == [a, c, half]
    assert graph.partners(dad) == [mum, step]
    assert graph.partners(dad, PartnerStatus.UNMARRIED) == [step]
    assert graph.full_siblings(a) == [c]
    assert graph.half_siblings(a) == [half, adopted]
    sib = {s.person_id: s for s in graph.siblings(a)}
    assert sib[adopted].lineage is Lineage.ADOPTED
    assert sib[half].family_ids[1] == fam2
    assert graph.graph.nodes[fam2]["kind"] == "family"
    assert graph.graph.edges[fam2, adopted]["lineage"] is Lineage.ADOPTED


def test_close_family_names_each_relative() -> None:
    b = TreeBuilder(marriages=True)
    dad, mum, step = b.person("Dad /K/", "M"), b.person("Mum /K/", "F"), b.person("Step /K/", "F")
    me, sister, half = b.person("Me /K/", "F"), b.person("Sister /K/", "F"), b.person("Half /K/", "M")
    ex, kid = b.person("Ex /K/", "M"), b.person("Kid /K/", "U")
    b.family(dad, mum, [me, sister])
    b.family(dad, step, [half], unmarried=True)
    fam = b.family(ex, me, [kid], divorced=True, relations={kid: ChildRelation.ADOPTED})
    got = [(k.person_id, k.role.value, k.term) for k in close_family(b.tree, me)]
    assert got == [(dad, "parent", "father"), (mum, "parent", "mother"), (sister, "sibling", "sister"),
                   (half, "sibling", "half-brother"), (ex, "partner", "ex-husband"),
                   (kid, "child", "adopted child")]
    assert close_family(b.tree, kid)[0].family_id == fam


def test_a_person_recorded_as_their_own_parent_is_a_warning() -> None:
    b = TreeBuilder(marriages=True)
    odd, other = b.person("Odd /One/", "M"), b.person("Other /One/", "F")
    b.family(odd, "", [odd, other])
    calc = RelationshipCalculator(b.tree)
    assert [r.term for r in calc.relationships(other, odd)] == ["daughter"]
    assert calc.warnings == ["Odd One (@I1@) is recorded as their own ancestor"]
    graph = FamilyGraph(b.tree)
    assert graph.cycles() == [[odd]]


@pytest.mark.parametrize(
    ("extra", "events", "status"),
    [
        ([], ["MARR"], PartnerStatus.MARRIED),
        ([], [], PartnerStatus.UNKNOWN),
        ([Structure("NO", "MARR")], [], PartnerStatus.UNMARRIED),
        ([Structure("TYPE", "Civil Union")], [], PartnerStatus.UNMARRIED),
        ([Structure("_STAT", "Never married")], [], PartnerStatus.UNMARRIED),
        ([], ["DIV"], PartnerStatus.MARRIED),  # royal92: a divorce with no marriage recorded
        ([], ["ANUL"], PartnerStatus.MARRIED),
        ([Structure("TYPE", "Civil union")], ["DIV"], PartnerStatus.UNMARRIED),  # a union dissolved
    ],
)
def test_partner_status_is_read_from_the_usual_markers(extra: list[Structure], events: list[str],
                                                       status: PartnerStatus) -> None:
    from familytree.model import Event, Family

    fam = Family("@F1@", extra=extra, events=[Event(t) for t in events])
    assert partner_status(fam) is status


def test_max_depth_bounds_the_search() -> None:
    b = TreeBuilder(marriages=True)
    chain = [b.person("P0 /D/", "M")]
    for i in range(5):
        chain.append(b.person(f"P{i + 1} /D/", "M"))
        b.family(chain[-2], "", [chain[-1]])
    assert RelationshipCalculator(b.tree, max_depth=4).relationships(chain[-1], chain[0]) == []
    found = RelationshipCalculator(b.tree, max_depth=5).relationships(chain[-1], chain[0])
    assert [r.term for r in found] == ["3rd great-grandson"]


# -- the bundled family -------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(bundled_path: Path) -> RelationshipCalculator:
    if not bundled_path.exists():
        pytest.skip("the bundled family is not written yet")
    from familytree.commands.common import resolve_person
    from familytree.gedcom import read_file

    tree = read_file(str(bundled_path))
    calc = RelationshipCalculator(tree)
    calc.resolve = lambda name: resolve_person(tree, name)  # type: ignore[attr-defined]
    return calc


@pytest.mark.parametrize(
    ("a", "b", "term"),
    [
        ("Yulia", "Leon Trotsky", "granddaughter"),
        ("Lev Sedov", "Yulia", "uncle"),
        ("Olga Greber", "Natalia Sedova", "daughter-in-law"),
        ("Sergei Sedov", "Olga Greber", "husband"),
        ("Leon Trotsky", "Natalia Sedova", "husband"),
        ("Lev Sedov", "Sergei Sedov", "brother"),
        ("David Bronstein", "Yulia", "great-grandfather"),
        ("Olga Greber", "Yulia", "stepmother"),
        ("Natalia Sedova", "David Bronstein", "daughter-in-law"),
    ],
)
def test_bundled_family(bundled: RelationshipCalculator, a: str, b: str, term: str) -> None:
    found = bundled.relationships(bundled.resolve(a), bundled.resolve(b))  # type: ignore[attr-defined]
    assert [r.term for r in found][:1] == [term]


# -- the command ---------------------------------------------------------------------------

_GEDCOM = """0 HEAD
1 GEDC
2 VERS 7.0
0 @I1@ INDI
1 NAME Anna /Roe/
1 SEX F
1 FAMS @F1@
0 @I2@ INDI
1 NAME Boris /Roe/
1 SEX M
1 FAMC @F1@
1 FAMS @F2@
0 @I3@ INDI
1 NAME Clara /Roe/
1 SEX F
1 FAMC @F2@
1 FAMS @F3@
0 @I4@ INDI
1 NAME Dmitri /Stranger/
1 SEX M
0 @F1@ FAM
1 WIFE @I1@
1 CHIL @I2@
0 @F2@ FAM
1 HUSB @I2@
1 CHIL @I3@
0 @F3@ FAM
1 WIFE @I3@
1 CHIL @I1@
0 TRLR
"""


@pytest.fixture
def cyclic_file(tmp_path: Path) -> Path:
    path = tmp_path / "loop.ged"
    path.write_text(_GEDCOM, encoding="utf-8")
    return path


def test_cli_prints_the_relationship_and_path_and_warns_of_the_cycle(
        cyclic_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["relationship", "Clara", "@I2@", "--file", str(cyclic_file)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "Clara Roe is Boris Roe's daughter"
    assert lines[1].strip() == "Clara Roe is the daughter of Boris Roe"
    assert "Anna Roe (@I1@) is recorded as their own ancestor" in err


def test_cli_json(cyclic_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["relationship", "I1", "Clara Roe", "--file", str(cyclic_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["a"] == "@I1@"
    assert data["b"] == "@I3@"
    assert data["relationships"] == ["daughter", "grandmother"]
    assert data["paths"][0]["path"] == ["@I1@", "@F3@", "@I3@"]
    assert data["paths"][1]["description"] == ("Anna Roe is the mother of Boris Roe, "
                                               "who is the father of Clara Roe")
    assert data["warnings"]


def test_limit_keeps_the_closest_and_counts_the_rest() -> None:
    b, p = _double_cousins()
    calc = RelationshipCalculator(b.tree)
    assert len(calc.relationships(p["Kid1"], p["Kid2"], limit=1)) == 1
    assert calc.last_count == 2


def test_cli_limit(cyclic_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["relationship", "Anna", "Clara", "--file", str(cyclic_file), "--limit", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["Anna Roe is Clara Roe's daughter", "  Anna Roe is the daughter of Clara Roe",
                     "... and 1 more distant relationship (--limit 0 shows all)"]


def test_cli_no_known_relationship(cyclic_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["relationship", "Dmitri", "Anna", "--file", str(cyclic_file)]) == 0
    assert capsys.readouterr().out == "Dmitri Stranger and Anna Roe: no known relationship\n"
    assert main(["relationship", "Dmitri", "Anna", "--file", str(cyclic_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["relationships"] == ["no known relationship"]
    assert data["related"] is False


def test_cli_unknown_person_is_a_one_line_error(cyclic_file: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["relationship", "@I99@", "Anna", "--file", str(cyclic_file)]) == 1
    assert capsys.readouterr().err.strip() == f"familytree: {cyclic_file}: no person has the id @I99@"
    assert main(["relationship", "Nobody Such-Name", "Anna", "--file", str(cyclic_file)]) == 1
    said = capsys.readouterr().err.strip()
    assert said == f"familytree: {cyclic_file}: no person matches 'Nobody Such-Name'"


def test_an_id_not_in_the_file_is_an_error_never_a_name_to_search_for() -> None:
    """"@I999@" or "X1" missing from the file must not pick Christian X or anyone else by name."""
    from familytree.commands.common import CommandError, resolve_person

    tree, _ = sedov_family()
    for key in ("@I999999@", "I999999", "X1", "@X1@"):
        with pytest.raises(CommandError, match="no person has the id"):
            resolve_person(tree, key)
    family = next(iter(tree.families))
    with pytest.raises(CommandError, match=f"{family} is a family, not a person"):
        resolve_person(tree, family)
    assert resolve_person(tree, "I4") == "@I4@"  # the file's own id, written without its @


def test_cli_on_the_bundled_family(bundled_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not bundled_path.exists():
        pytest.skip("the bundled family is not written yet")
    assert main(["relationship", "Yulia", "Leon Trotsky"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Yulia")
    assert out[0].endswith("is Leon Trotsky's granddaughter")
    assert "daughter of Sergei Sedov, who is the son of Leon Trotsky" in out[1]


# -- properties on a generated tree ------------------------------------------------------


@pytest.fixture(scope="module")
def generated() -> tuple[RelationshipCalculator, FamilyGraph]:
    tree = generated_tree(3000, seed=5, clans=4)
    return RelationshipCalculator(tree), FamilyGraph(tree)


def _kin_pairs(calc: RelationshipCalculator, count: int) -> list[tuple[str, str]]:
    """Pairs found by walking up then down (often related), and random ones (mostly not)."""
    import random

    rng = random.Random(11)
    tree = calc.tree
    ids = list(tree.people)
    pairs = []
    for _ in range(count):
        a = person = rng.choice(ids)
        for _ in range(rng.randint(0, 4)):
            person = rng.choice(tree.parents(person) or [person])
        for _ in range(rng.randint(0, 4)):
            person = rng.choice(tree.children(person) or [person])
        pairs.append((a, person if person != a else rng.choice(ids)))
    return pairs


def test_every_relationship_is_a_real_path_of_its_shape(
        generated: tuple[RelationshipCalculator, FamilyGraph]) -> None:
    calc, _ = generated
    tree = calc.tree
    seen = 0
    for a, b in _kin_pairs(calc, 150):
        for rel in calc.relationships(a, b):
            seen += 1
            assert rel.term
            assert rel.steps[0].from_id == a
            assert rel.steps[-1].to_id == b
            assert all(s1.to_id == s2.from_id for s1, s2 in zip(rel.steps, rel.steps[1:], strict=False))
            roles = [s.role for s in rel.steps]
            assert roles.count(Role.CHILD) == rel.up
            assert roles.count(Role.PARENT) == rel.down
            for s in rel.steps:
                fam = tree.families[s.family_id]
                if s.role is Role.CHILD:
                    assert s.from_id in fam.child_ids
                    assert s.to_id in fam.partner_ids
                elif s.role is Role.PARENT:
                    assert s.from_id in fam.partner_ids
                    assert s.to_id in fam.child_ids
                else:
                    assert {s.from_id, s.to_id} == set(fam.partner_ids)
    assert seen > 100


def test_relationships_mirror_each_other(generated: tuple[RelationshipCalculator, FamilyGraph]) -> None:
    calc, _ = generated
    for a, b in _kin_pairs(calc, 100):
        there = sorted((r.up, r.down, r.half) for r in calc.relationships(a, b))
        back = sorted((r.down, r.up, r.half) for r in calc.relationships(b, a))
        assert there == back


def test_lineal_relationships_agree_with_the_graph(
        generated: tuple[RelationshipCalculator, FamilyGraph]) -> None:
    calc, graph = generated
    checked = 0
    for a, _ in _kin_pairs(calc, 60):
        for ancestor, generation in graph.ancestors(a, generations=5).items():
            blood = [r for r in calc.relationships(a, ancestor) if r.is_blood]
            assert min(r.up for r in blood if r.down == 0) == generation
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("parent", ["", "@I404@"], ids=["no parent", "parent not in the file"])
def test_children_of_a_family_with_no_parent_recorded_are_siblings(parent: str) -> None:
    # real files list families of children only (pres2020.ged has one); the dock calls them siblings
    b = TreeBuilder(marriages=True)
    jon, tom = b.person("Jon /Horton/", "M"), b.person("Tom /Horton/", "M")
    sue, wife = b.person("Sue /Horton/", "F"), b.person("Ann /Wife/", "F")
    niece, cousin = b.person("Niece /Horton/", "F"), b.person("Cousin /Horton/", "M")
    fam = b.family("", "", [jon, tom, sue])
    b.tree.families[fam].husband_id = parent  # a dangling HUSB pointer counts as no parent
    b.family(tom, wife, [niece])
    b.family("", sue, [cousin])
    found = relationships(b.tree, jon, tom)
    assert [r.term for r in found] == ["brother"]
    assert found[0].path == (jon, fam, tom)
    assert found[0].person_ids == (jon, tom)
    assert found[0].describe_path(b.tree) == (
        f"Jon Horton is the son of the unnamed parents of family {fam}, who are the parents of Tom Horton")
    assert "неизвестные родители" in found[0].describe_path(b.tree, "ru")
    assert [r.term for r in relationships(b.tree, niece, jon)] == ["niece"]
    assert [r.term for r in relationships(b.tree, jon, niece)] == ["uncle"]
    assert [r.term for r in relationships(b.tree, niece, cousin)] == ["first cousin"]
    assert [r.term for r in relationships(b.tree, wife, sue)] == ["sister-in-law"]
    assert [r.term_in("ru") for r in relationships(b.tree, sue, jon)] == ["сестра"]


def test_a_couple_divorced_with_no_marriage_recorded_were_married() -> None:
    # royal92.ged: Aribert of Anhalt and Marie Louise have "1 DIV Y" and no MARR
    b = TreeBuilder(marriages=True)
    he, she = b.person("Aribert /Anhalt/", "M"), b.person("Marie /Louise/", "F")
    b.family(he, she, married=False, divorced=True)
    assert [r.term for r in relationships(b.tree, he, she)] == ["ex-husband"]
    assert [r.term for r in relationships(b.tree, she, he)] == ["ex-wife"]


def test_no_path_passes_through_a_person_twice_in_cyclic_data() -> None:
    # malformed/gedcom-go/circular-reference.ged: each of three people is a child of the other two.
    # "One is Three's brother: One is the son of One and Two, who are the parents of Three" was listed.
    b = TreeBuilder(marriages=True)
    one, two, three = b.person("One /P/", "M"), b.person("Two /P/", "F"), b.person("Three /P/", "M")
    b.family(one, two, [three, one])
    b.family(three, one, [two])
    b.family(two, three, [one])
    calc = RelationshipCalculator(b.tree)
    found = calc.relationships(one, three)
    assert found
    assert calc.warnings  # the cycle is reported
    for rel in found:
        people = [rel.steps[0].from_id, *(s.to_id for s in rel.steps)]
        assert len(people) == len(set(people)), rel.describe_path(b.tree)
        assert not (len(rel.apex) == 2 and set(rel.apex) <= set(people)), rel.describe_path(b.tree)
    assert "brother" not in [r.term for r in found]
    assert calc.last_count == len(found)
    assert len(calc.relationships(one, three, limit=2)) == 2
    assert calc.last_count == len(found)  # "... and N more" counts only what --limit 0 would show


@pytest.mark.parametrize(("died", "born", "first", "back"), [
    ("1814", "1819", "mother's husband", "wife's daughter"),  # royal92: Emich Karl and Queen Victoria
    ("1830", "1819", "stepfather", "stepdaughter"),  # he lived on: her stepfather
    ("ABT 1814", "1819", "stepfather", "stepdaughter"),  # the dates do not settle it
    ("", "1819", "stepfather", "stepdaughter"),
])
def test_a_partner_who_died_before_the_child_was_born_is_no_step_parent(died: str, born: str, first: str,
                                                                        back: str) -> None:
    from familytree.model import Date, Event

    b = TreeBuilder(marriages=True)
    first_husband, mother = b.person("Emich /Leiningen/", "M"), b.person("Victoria /Saxe/", "F")
    father, child = b.person("Edward /Hanover/", "M"), b.person("Victoria /Hanover/", "F")
    b.family(first_husband, mother)
    b.family(father, mother, [child])
    if died:
        b.tree.people[first_husband].events.append(Event("DEAT", date=Date.parse(died)))
    b.tree.people[child].events.append(Event("BIRT", date=Date.parse(born)))
    assert [r.term for r in relationships(b.tree, first_husband, child)] == [first]
    assert [r.term for r in relationships(b.tree, child, first_husband)] == [back]
    russian = relationships(b.tree, first_husband, child)[0].term_in("ru")
    assert (russian == "отчим") == (first == "stepfather")


def test_cli_tells_apart_two_people_of_the_same_name(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # royal92.ged: Karl of Leiningen (@I902@) is the father of Karl of Leiningen (@I904@)
    path = tmp_path / "karls.ged"
    path.write_text("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
                    "0 @K1@ INDI\n1 NAME Karl /Leiningen/\n1 SEX M\n1 FAMS @F1@\n"
                    "0 @K2@ INDI\n1 NAME Karl /Leiningen/\n1 SEX M\n1 FAMC @F1@\n"
                    "0 @K3@ INDI\n1 NAME Karl /Leiningen/\n0 @F1@ FAM\n1 HUSB @K1@\n1 CHIL @K2@\n0 TRLR\n",
                    encoding="utf-8")
    assert main(["relationship", "@K1@", "@K2@", "--file", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Karl Leiningen (@K1@) is Karl Leiningen (@K2@)'s father",
        "  Karl Leiningen (@K1@) is the father of Karl Leiningen (@K2@)"]
    assert main(["relationship", "@K1@", "@K3@", "--file", str(path)]) == 0
    assert capsys.readouterr().out.strip() == \
        "Karl Leiningen (@K1@) and Karl Leiningen (@K3@): no known relationship"


def test_people_without_a_kinship_term_are_told_how_they_are_connected(
        bundled_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Sergei Sedov's two partners: no word for it, but the chain of links says how."""
    from familytree.gedcom import read_file

    tree = read_file(str(bundled_path))
    olga, genrietta = "@I5@", "@I6@"
    assert relationships(tree, olga, genrietta) == []
    chain = connection(tree, olga, genrietta)
    assert chain is not None
    assert [s.role for s in chain.steps] == [Role.PARTNER, Role.PARTNER]
    assert chain.person_ids == (olga, "@I1@", genrietta)
    assert main(["relationship", olga, genrietta]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Olga Greber and Genrietta Rubinshtein: no known relationship",
        "  connected: Olga Greber is the wife of Sergei Sedov, who is the partner of Genrietta Rubinshtein"]
    assert main(["relationship", olga, genrietta, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["relationships"] == ["no known relationship"]
    assert data["connection"]["path"][::2] == [olga, "@I1@", genrietta]  # people, with their families between


def test_a_connection_is_the_shortest_chain_and_none_when_apart() -> None:
    b = TreeBuilder(marriages=True)
    a, x, y, z, far = (b.person(n) for n in ("A /P/", "X /P/", "Y /P/", "Z /P/", "Far /Away/"))
    b.family(a, x)
    b.family(x, y)
    b.family(y, z)
    b.family(a, z)  # the short way round
    assert [s.to_id for s in connection(b.tree, a, z).steps] == [z]
    assert [s.to_id for s in connection(b.tree, a, y).steps] in ([x, y], [z, y])
    assert connection(b.tree, a, far) is None
    assert connection(b.tree, a, a) is None
    assert connection(b.tree, a, y, max_links=1) is None


def test_a_connection_ends_on_a_long_chain_and_a_cycle() -> None:
    b = TreeBuilder(marriages=True)
    people = [b.person(f"P{i} /Chain/") for i in range(3000)]
    for upper, lower in zip(people, people[1:], strict=False):
        b.family(upper, "", [lower])
    b.family(people[-1], "", [people[0]])  # the last is the first's parent: a cycle
    stranger = b.person("S /Nobody/")
    assert connection(b.tree, people[0], stranger, max_links=5000) is None
    assert len(connection(b.tree, people[0], people[1500], max_links=5000).steps) == 1500
