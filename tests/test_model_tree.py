"""The Tree answers family questions and reports inconsistent links."""

from __future__ import annotations

import pytest

from familytree.model import ChildRef, ChildRelation, Date, Event, Family, Name, Person, Sex, Tree


def build_remarried_tree() -> Tree:
    """A father with children from two marriages, one child adopted."""
    tree = Tree()
    for pid, name, sex in [
        ("@F@", "John /Smith/", Sex.MALE), ("@M1@", "Ann /Brown/", Sex.FEMALE),
        ("@M2@", "Eve /White/", Sex.FEMALE), ("@A@", "Amy /Smith/", Sex.FEMALE),
        ("@B@", "Bob /Smith/", Sex.MALE), ("@C@", "Cid /Smith/", Sex.MALE),
    ]:
        tree.add_person(Person(pid, [Name.from_gedcom(name)], sex))
    tree.add_family(Family("@F1@", "@F@", "@M1@", [ChildRef("@A@"), ChildRef("@B@")]))
    tree.add_family(Family("@F2@", "@F@", "@M2@", [ChildRef("@C@", ChildRelation.ADOPTED)]))
    tree.link()
    return tree


def test_link_makes_both_sides_agree() -> None:
    tree = build_remarried_tree()
    assert tree.people["@F@"].family_ids == ["@F1@", "@F2@"]
    assert tree.people["@C@"].parent_family_ids == ["@F2@"]
    assert tree.check() == []


def test_family_questions() -> None:
    tree = build_remarried_tree()
    assert tree.parents("@A@") == ["@F@", "@M1@"]
    assert tree.children("@F@") == ["@A@", "@B@", "@C@"]
    assert tree.partners("@F@") == ["@M1@", "@M2@"]
    assert tree.siblings("@A@") == ["@B@", "@C@"]  # Cid is a half (adopted) brother
    assert tree.parents("@C@", birth_only=True) == []


def test_check_reports_dangling_and_one_sided_links() -> None:
    tree = build_remarried_tree()
    tree.people["@A@"].parent_family_ids.append("@NOPE@")
    tree.families["@F2@"].children.append(ChildRef("@GHOST@"))
    messages = [d.message for d in tree.check()]
    assert any("@NOPE@" in m and "does not exist" in m for m in messages)
    assert any("@GHOST@" in m for m in messages)
    # queries ignore what does not exist
    assert tree.children("@F@") == ["@A@", "@B@", "@C@"]


def test_name_display_and_lifespan() -> None:
    p = Person("@I1@", [Name.from_gedcom("Sergei /Sedov/")], Sex.MALE, events=[
        Event("BIRT", date=Date.parse("21 MAR 1908")),
        Event("DEAT", date=Date.parse("1937", phrase="believed")),
    ])
    assert p.display_name() == "Sergei Sedov"
    assert p.lifespan() == "1908\u20131937?"
    assert p.lifespan(short=False) == "1908 \u2013 believed 1937"
    assert Person("@X@").display_name() == "(unknown)"
    assert Person("@Y@", events=[Event("DEAT", value="Y")]).lifespan() == ""
    assert Name.from_gedcom("/Rubinshtein/").display() == "Rubinshtein"


def test_default_person_is_first_unless_file_names_one() -> None:
    tree = build_remarried_tree()
    assert tree.default_person_id() == "@F@"
    tree.header.home_person_id = "@B@"
    assert tree.default_person_id() == "@B@"


def test_an_event_the_file_denies_does_not_count() -> None:
    """royal92 writes "1 DIV N" for couples who never divorced."""
    fam = Family("@F1@", "@A@", "@B@", events=[Event("MARR"), Event("DIV", value="N")])
    assert fam.is_married
    assert not fam.is_divorced
    fam.events.append(Event("DIV"))
    assert fam.is_divorced
    assert not Family("@F2@", events=[Event("MARR", value="N")]).is_married


def _messy_tree(seed: int) -> Tree:
    """People and families whose links disagree in every way: one-sided, dangling, repeated."""
    import random

    rng = random.Random(seed)
    tree = Tree()
    pids = [f"@I{i}@" for i in range(12)] + ["@GONE@"]
    fids = [f"@F{i}@" for i in range(5)] + ["@NOFAM@"]
    for pid in pids[:-1]:
        p = Person(pid, [Name.from_gedcom(f"P {pid} /X/")])
        p.parent_family_ids.extend(rng.choice(fids) for _ in range(rng.randint(0, 2)))
        p.family_ids.extend(rng.choice(fids) for _ in range(rng.randint(0, 2)))
        tree.add_person(p)
    for fid in fids[:-1]:
        husband, wife = (rng.choice(pids + ["", ""]) for _ in range(2))
        kids = [ChildRef(rng.choice(pids)) for _ in range(rng.randint(0, 4))]
        tree.add_family(Family(fid, husband, wife, kids))
    return tree


def test_check_and_link_does_what_check_then_link_do() -> None:
    for seed in range(200):
        one, two = _messy_tree(seed), _messy_tree(seed)
        expected = one.check()
        one.link()
        assert two.check_and_link() == expected, seed
        assert two.people == one.people, seed
        assert two.families == one.families, seed
        # afterwards only what link cannot mend is left: a third partner, pointers to nothing
        assert not [d for d in two.check() if "as a child" in d.message], seed


def test_control_characters_in_a_name_are_not_shown() -> None:
    """They are kept for writing back, but a chart or page would draw them as boxes."""
    name = Name.from_gedcom("Ann\x07a\tMaria /Or\x01lova/")
    assert name.display() == "Anna Maria Orlova"
    assert name.full == "Ann\x07a\tMaria /Or\x01lova/"
    assert Name.from_gedcom("Юлия /Седова/").display() == "Юлия Седова"


def test_default_person_skips_a_first_person_without_relatives() -> None:
    """pres2020.ged starts with its compiler, who has no family in the file: open on a family."""
    tree = build_remarried_tree()
    loner = Person("@Z@", [Name.from_gedcom("Paul /Compiler/")])
    tree.people = {"@Z@": loner, **tree.people}
    assert tree.default_person_id() == "@F@"
    # a family of one (only the loner in it) is still no family to show
    tree.families["@ZF@"] = Family("@ZF@", "@Z@", "")
    loner.family_ids.append("@ZF@")
    assert tree.default_person_id() == "@F@"
    # nobody related at all: the first person it is
    alone = Tree(people={"@Z@": Person("@Z@"), "@Y@": Person("@Y@")})
    assert alone.default_person_id() == "@Z@"


@pytest.mark.parametrize(("value", "shown"), [
    ("Nicholas_II Alexandrovich /Romanov/", "Nicholas II Alexandrovich Romanov"),  # royal92 (PAF)
    ("Louise /of_Mecklenburg-Strelitz/", "Louise of Mecklenburg-Strelitz"),
    ("Rachel /_____/", "Rachel"),  # pres2020: a surname not known
    ("____ /Mitchell/", "Mitchell"),
    ("/____/", ""),
])
def test_underscores_of_older_programs_are_shown_as_spaces(value: str, shown: str) -> None:
    name = Name.from_gedcom(value)
    assert name.display() == shown
    assert name.full == value  # written back as read
    assert Person("@I1@", [name]).display_name() == (shown or "(unknown)")


@pytest.mark.parametrize("value", [
    "Nicholas_II\x01 " + "A" * 2000 + " /Romanov/",  # long: underscores and control characters still go
    "\t".join(["Anna"] * 600) + " /Lee/",
    "Ann /" + "L" * 5000 + "/",
])
def test_a_name_of_thousands_of_characters_is_shown_as_a_short_one_would_be(value: str) -> None:
    long = Name.from_gedcom(value)
    shown = long.display()
    assert "_" not in shown
    assert shown.isprintable()
    assert shown == " ".join(shown.split())
    assert long.display() is shown  # asked again (a window asks a dozen times a click): not computed again
    long.given = "Bob"
    assert long.display().startswith("Bob ")  # ... unless the name changed


def test_what_a_citation_cites_is_named_whatever_the_file_recorded() -> None:
    from familytree.model import Citation, Source

    tree = Tree()
    tree.add_source(Source("@S1@", title="Trotsky", author="Robert Service", publication="2009"))
    assert tree.cited_source(Citation("@S1@", page="p. 12")) == "Robert Service, Trotsky (2009)"
    inline = Citation("", description="Family  Bible\nof the Sedovs")  # a 5.5.1 source written in place
    assert tree.cited_source(inline) == "Family Bible of the Sedovs"
    assert tree.cited_source(Citation("@S9@")) == "@S9@ (source record missing)"
    # GEDCOM 7: SOUR @VOID@ is a citation of a source nobody recorded, not a record called @VOID@
    assert tree.cited_source(Citation("@VOID@", page="Entire source")) == "(source not recorded)"
    assert tree.cited_source(Citation("")) == "(source not recorded)"


def test_birth_and_death_years_fall_back_to_christening_and_burial() -> None:
    p = Person("@I1@", events=[Event("CHR", date=Date.parse("ABT 1732")),
                               Event("BURI", date=Date.parse("1799"))])
    assert (p.birth_year, p.death_year) == (1732, 1799)
    undated = Person("@I2@", events=[Event("DEAT", value="Y")])
    assert (undated.birth_year, undated.death_year) == (None, None)


def test_half_siblings_on_both_sides_come_in_the_same_order_whatever_the_hash_seed() -> None:
    """Python orders sets differently in each run; the chart's sibling order must not follow it."""
    import os
    import subprocess
    import sys

    script = (
        "from familytree.model import ChildRef, Family, Name, Person, Tree\n"
        "t = Tree()\n"
        "for pid in ('@DAD@', '@MUM@', '@ME@', '@X@', '@Y@', '@P@', '@Q@'):\n"
        "    t.add_person(Person(pid, [Name.from_gedcom(pid.strip('@'))]))\n"
        "t.add_family(Family('@F1@', '@DAD@', '@MUM@', [ChildRef('@ME@')]))\n"
        "t.add_family(Family('@F2@', '@DAD@', '@P@', [ChildRef('@X@')]))\n"
        "t.add_family(Family('@F3@', '@Q@', '@MUM@', [ChildRef('@Y@')]))\n"
        "t.link()\n"
        "print(t.siblings('@ME@'))\n"
    )
    orders = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in "0123456"}
    assert orders == {"['@X@', '@Y@']\n"}
