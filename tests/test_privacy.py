"""Who is treated as living and why, RESN notices, and trees redacted for sharing in each mode (no Qt)."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest

from familytree.gedcom import read_file, write_text
from familytree.model import Date, Event, Note, Structure, Tree
from familytree.privacy import (
    LIVING_NAME,
    PRIVATE_NAME,
    Basis,
    Mode,
    infer_living,
    is_restricted,
    reason,
    redact,
)
from support.builders import TreeBuilder, generated_tree
from support.privacy import (
    HIDDEN_FACTS,
    HIDDEN_NAMES,
    LIVING,
    PRIVATE_FACTS,
    PUBLIC_FACTS,
    PUBLIC_NAMES,
    write_family,
)

YEAR = 2026
NOON = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)  # the header's time stamp


@pytest.fixture(scope="module")
def family(tmp_path_factory: pytest.TempPathFactory) -> Tree:
    tree = read_file(write_family(tmp_path_factory.mktemp("privacy")))
    assert tree.diagnostics == []
    return tree


# -- who is living ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("pid", "living", "why"), [
    ("@I1@", False, "no death recorded; born 1850, more than 110 years ago"),
    ("@I2@", False, "death recorded (1970)"),
    ("@I3@", False, "death recorded"),
    ("@I4@", True, "no death recorded; daughter born 1985"),
    ("@I5@", True, "no death recorded; born 1955"),
    ("@I6@", True, "no death recorded; born 1985"),
    ("@I7@", False, "death recorded (1870)"),
])
def test_each_situation_of_the_family_and_its_reason(family: Tree, pid: str, living: bool, why: str) -> None:
    verdicts = infer_living(family, YEAR)
    assert verdicts[pid].living is living
    assert reason(family, verdicts, pid) == why


def test_the_bundled_family_keeps_yulia_living_and_the_dead_dead(bundled_path: Path) -> None:
    tree = read_file(bundled_path)
    verdicts = infer_living(tree)
    by_name = {p.display_name(): verdicts[pid] for pid, p in tree.people.items()}
    yulia = next(pid for pid, p in tree.people.items() if p.display_name() == "Yulia")
    assert by_name["Yulia"].living
    assert reason(tree, verdicts, yulia) == "no death recorded; born 1936"
    assert not by_name["Sergei Sedov"].living
    assert not by_name["Leon Trotsky"].living  # DEAT Y, no date
    # Natalia's own first record is 1917, but her son was born in 1908 (or 1906): not living
    assert not by_name["Natalia Sedova"].living
    assert by_name["Natalia Sedova"].basis is Basis.RELATIVE


def _person(b: TreeBuilder, *events: tuple[str, str], sex: str = "U") -> str:
    pid = b.person("Some /One/", sex)
    for tag, date in events:
        tag, _, kind = tag.partition(":")
        value = "Y" if tag == "DEAT" and not date else ""
        b.tree.people[pid].events.append(Event(tag, value, kind, date=Date.parse(date) if date else None))
    return pid


@pytest.mark.parametrize(("events", "living"), [
    ([("DEAT", "")], False),  # DEAT Y
    ([("DEAT", "1990")], False),
    ([("BURI", "")], False),
    ([("CREM", "2001")], False),
    ([("EVEN:Age at death", "")], False),
    ([("BIRT", "1990"), ("DEAT", "")], False),  # a death recorded anywhere wins over a recent birth
    ([("BIRT", str(YEAR - 111))], False),  # more than 110 years ago
    ([("BIRT", str(YEAR - 110))], True),
    ([("CHR", "1900")], False),
    ([("BAPM", "1950")], True),
    ([("BIRT", "BEF 1900")], False),
    ([("BIRT", "BET 1900 AND 1960")], True),  # could be 1960
    ([("BIRT", "AFT 1850")], True),  # could be any year since
    ([("BIRT", "ABT 1900")], False),
    ([("BIRT", "@#DJULIAN@ 1800")], False),
    ([("CENS", "1900")], False),  # first recorded more than 110 years ago
    ([("CENS", "1950"), ("RESI", "1890")], False),  # the first record counts
    ([("OCCU", "1960")], True),
    ([("BIRT", "(in the spring)")], True),  # words, no year
    ([], True),  # nothing at all: living, the safe side
])
def test_own_events_decide(events: list[tuple[str, str]], living: bool) -> None:
    b = TreeBuilder()
    pid = _person(b, *events)
    assert infer_living(b.tree, YEAR)[pid].living is living


def test_relatives_bound_the_undated_and_the_reason_names_them() -> None:
    b = TreeBuilder()
    old_father = b.person("Old /Father/", "M")
    old_son = b.person("Old /Son/", "M", born="1850")
    b.family(old_father, "", [old_son])
    mother = b.person("Young /Mother/", "F")
    daughter = b.person("Young /Daughter/", "F", born="1985")
    b.family("", mother, [daughter])
    child = b.person("Undated /Child/", "M")
    parent = b.person("Dated /Parent/", "F", born="1800")
    b.family("", parent, [child])
    wife = b.person("Dated /Wife/", "F", born="1850")
    husband = b.person("Undated /Husband/", "M")
    b.family(husband, wife)
    grandmother = b.person("Undated /Grandmother/", "F")
    middle = b.person("Undated /Son/", "M")
    grandchild = b.person("Dated /Granddaughter/", "F", born="1900")
    b.family("", grandmother, [middle])
    b.family(middle, "", [grandchild])
    nobody = [b.person("No /Dates/"), b.person("No /Dates2/")]
    b.family(nobody[0], nobody[1])
    v = infer_living(b.tree, YEAR)

    def said(pid: str) -> str:
        return reason(b.tree, v, pid)

    assert not v[old_father].living
    assert said(old_father) == "no death recorded; son born 1850, so born by 1838, more than 110 years ago"
    assert v[mother].living
    assert said(mother) == "no death recorded; daughter born 1985"
    assert not v[child].living
    assert said(child).startswith("no death recorded; mother born 1800")
    assert not v[husband].living
    assert said(husband).startswith("no death recorded; wife born 1850")
    assert not v[grandmother].living
    assert said(grandmother).startswith("no death recorded; son's daughter born 1900")
    assert all(v[p].living and said(p) == "no death recorded, and no dates in the family" for p in nobody)


def test_a_death_denied_is_no_death() -> None:
    """GEDCOM 7's NO DEAT says a death did not happen (in some period): only a death event makes
    someone dead."""
    b = TreeBuilder()
    pid = b.person("Still /Here/", born="1950")
    b.tree.people[pid].extra.append(Structure("NO", "DEAT"))
    assert infer_living(b.tree, YEAR)[pid].living


def test_a_birth_date_is_not_overruled_by_a_relative() -> None:
    """A wrong link (a parent born 1850 for someone born 1990) must not make the living dead."""
    b = TreeBuilder()
    parent = b.person("Old /Parent/", born="1850")
    child = b.person("Young /Child/", born="1990")
    b.family(parent, "", [child])
    assert infer_living(b.tree, YEAR)[child].living


def test_a_marriage_dates_the_partners() -> None:
    b = TreeBuilder()
    old = [b.person("Old /Husband/", "M"), b.person("Old /Wife/", "F")]
    young = [b.person("Young /Husband/", "M"), b.person("Young /Wife/", "F")]
    for couple, year in ((old, "1890"), (young, "1983")):
        fid = b.family(*couple)
        b.tree.families[fid].events.append(Event("MARR", date=Date.parse(year)))
    v = infer_living(b.tree, YEAR)
    assert [v[p].living for p in old + young] == [False, False, True, True]
    assert reason(b.tree, v, young[0]) == "no death recorded; married 1983"


@pytest.mark.parametrize("dated", ["", "1990"])
def test_a_cycle_of_parents_finishes(dated: str) -> None:
    """A is B's parent and B is A's: a file error that must not hang the inference or kill anyone."""
    b = TreeBuilder()
    a, c = b.person("A /Loop/"), b.person("B /Loop/")
    b.family(a, "", [c])
    b.family(c, "", [a])
    kid = b.person("Kid /Loop/", born=dated)
    b.family(a, "", [kid])
    b.family(kid, "", [a])  # and the kid is A's parent too
    v = infer_living(b.tree, YEAR)
    assert v[kid].living
    assert all(v[p].living for p in (a, c))  # a child born 1990 makes a parent born by 1978: living


@pytest.mark.parametrize("dated_end", ["top", "bottom"])
def test_a_chain_of_3000_generations_finishes(dated_end: str) -> None:
    b = TreeBuilder()
    chain = [b.person(f"G{i} /Chain/", "M") for i in range(3000)]
    for parent, child in zip(chain, chain[1:], strict=False):
        b.family(parent, "", [child])
    tree = b.tree
    if dated_end == "top":  # the founder born 1000; every descendant undated
        tree.people[chain[0]].events.append(Event("BIRT", date=Date.parse("1000")))
        v = infer_living(tree, YEAR)
        assert not v[chain[1]].living  # born by 1065
        assert v[chain[-1]].living  # far down the line, nothing bounds them: the safe side
        assert "links away (G0 Chain)" in reason(tree, v, chain[20])
    else:  # the last born 2000; every ancestor undated
        tree.people[chain[-1]].events.append(Event("BIRT", date=Date.parse("2000")))
        v = infer_living(tree, YEAR)
        assert v[chain[-2]].living  # born by 1988
        assert not v[chain[0]].living
        assert reason(tree, v, chain[-4]).startswith("no death recorded; son's son's son born 2000")
    for mode in (Mode.NAME, Mode.OMIT):
        assert redact(tree, mode, v).tree.check() == []


@pytest.mark.parametrize("seed", range(12))
def test_nobody_born_within_110_years_is_called_dead(seed: int) -> None:
    """Families with true birth years (children 15-40 years after their parents, partners within ten
    years of each other) of which only some are written down: whoever the inference calls dead
    was in truth born more than 110 years ago."""
    rng = random.Random(seed)
    b = TreeBuilder()
    born: dict[str, int] = {}

    def person(year: int) -> str:
        shown = rng.random() < 0.3
        pid = b.person(f"P{len(born)} /R/", rng.choice("MF"), born=str(year) if shown else "")
        born[pid] = year
        return pid

    generation = [person(rng.randint(1700, 1800)) for _ in range(6)]
    while len(born) < 400:
        following = []
        for pid in generation:
            partner = person(born[pid] + rng.randint(-10, 10))
            first, last = sorted((born[pid], born[partner]))
            kids = [person(last + rng.randint(15, 40)) for _ in range(rng.randint(0, 3))]
            b.family(pid, partner, kids)
            following.extend(kids)
        generation = following or [person(rng.randint(1700, 2000))]
    v = infer_living(b.tree, YEAR)
    wrongly_dead = [pid for pid, year in born.items() if not v[pid].living and year >= YEAR - 110]
    assert wrongly_dead == []
    assert any(not v[pid].living for pid in born)  # and the rule does find the dead


# -- RESN ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "restricted"), [
    ("privacy", True), ("PRIVACY", True), ("confidential", True), ("CONFIDENTIAL, LOCKED", True),
    ("LOCKED, PRIVACY", True), ("locked", False), ("LOCKED", False), ("", False),
])
def test_resn_privacy_and_confidential_are_private_locked_is_not(value: str, restricted: bool) -> None:
    assert is_restricted([Structure("NOTE", "x"), Structure("RESN", value)]) is restricted


# -- redacted trees ------------------------------------------------------------------------------------

def _present(text: str, words: list[str]) -> list[str]:
    return [w for w in words if w in text]


def test_show_is_the_tree_itself(family: Tree) -> None:
    r = redact(family, Mode.SHOW)
    assert r.tree is family
    assert r.hidden == 0


@pytest.mark.parametrize("version", ["5.5.1", "7.0"])
@pytest.mark.parametrize("mode", [Mode.NAME, Mode.PRIVATE, Mode.OMIT])
def test_each_mode_writes_nothing_of_the_living_and_the_private(family: Tree, mode: Mode,
                                                                version: str) -> None:
    before = write_text(family, version, now=NOON)
    r = redact(family, mode, this_year=YEAR)
    text = write_text(r.tree, version, now=NOON)
    assert write_text(family, version, now=NOON) == before  # the original untouched
    assert (r.living, r.restricted) == (3, 1)
    assert _present(text, HIDDEN_FACTS + PRIVATE_FACTS) == []
    assert _present(text, PUBLIC_FACTS + PUBLIC_NAMES) == PUBLIC_FACTS + PUBLIC_NAMES
    names = _present(text, HIDDEN_NAMES)
    if mode is Mode.NAME:
        assert names == HIDDEN_NAMES
    else:
        assert names == []
    assert (LIVING_NAME in text) is (mode is Mode.PRIVATE)
    assert (PRIVATE_NAME in text) is (mode is Mode.PRIVATE)
    assert r.tree.check() == []
    if mode is Mode.OMIT:
        assert not any(pid in text for pid in [*LIVING, "@I7@"])  # no xref of someone left out
        assert len(r.tree.people) == 3
    else:
        for pid in LIVING:
            assert r.tree.people[pid].sex is family.people[pid].sex


def test_private_mode_leaves_a_living_box_with_the_sex_and_the_links(family: Tree) -> None:
    sofia = redact(family, Mode.PRIVATE, this_year=YEAR).tree.people["@I6@"]
    assert sofia.display_name() == LIVING_NAME
    assert sofia.sex is family.people["@I6@"].sex
    assert sofia.parent_family_ids == ["@F3@"]
    assert (sofia.events, sofia.notes, sofia.citations, sofia.media, sofia.extra) == ([], [], [], [], [])


def test_omit_leaves_out_the_families_that_only_linked_the_living(family: Tree) -> None:
    tree = redact(family, Mode.OMIT, this_year=YEAR).tree
    # F3 (the living couple and their daughter) and F2 (Pyotr and his living daughter) go;
    # F0 keeps Ivan as the child of a father left out
    assert sorted(tree.families) == ["@F0@", "@F1@"]
    assert tree.families["@F0@"].husband_id == ""
    assert tree.families["@F0@"].child_ids == ["@I1@"]
    assert tree.people["@I3@"].family_ids == []
    assert tree.people["@I1@"].associations == []  # the link to Sofia


def test_records_only_the_hidden_used_go_and_the_others_stay(family: Tree) -> None:
    r = redact(family, Mode.NAME, this_year=YEAR)
    assert "@N1@" not in r.tree.notes
    assert "@S2@" not in r.tree.sources
    assert "@M1@" not in r.tree.media
    assert "@M2@" in r.tree.media  # Ivan's photo
    assert "@S1@" in r.tree.sources  # cited by nobody before: kept as it was
    assert "@N1@" not in r.tree.record_order
    assert "sofia.jpg" in r.removed_files
    assert "ivan.jpg" not in r.removed_files


def test_a_fact_marked_private_goes_even_from_the_dead(family: Tree) -> None:
    maria = redact(family, Mode.NAME, this_year=YEAR).tree.people["@I2@"]
    assert [e.tag for e in maria.events] == ["BIRT", "DEAT"]
    assert [e.tag for e in family.people["@I2@"].events] == ["BIRT", "DEAT", "OCCU"]


def test_a_line_kept_as_read_and_marked_private_goes_and_locked_stays() -> None:
    b = TreeBuilder()
    pid = b.person("Old /Soldier/", born="1850")
    b.tree.people[pid].extra.extend([
        Structure("_MILT", "Secret regiment", children=[Structure("RESN", "PRIVACY")]),
        Structure("_MILT", "Known regiment", children=[Structure("RESN", "LOCKED")]),
        Structure("RESN", "locked"),
    ])
    kept = redact(b.tree, Mode.NAME, this_year=YEAR).tree.people[pid].extra
    assert [(s.tag, s.value) for s in kept] == [("_MILT", "Known regiment"), ("RESN", "locked")]
    assert len(b.tree.people[pid].extra) == 3


def _dated_tree(seed: int) -> Tree:
    tree = generated_tree(600, seed)
    rng = random.Random(seed)
    for p in tree.people.values():
        r = rng.random()
        if r < 0.4:
            p.events.append(Event("BIRT", date=Date.parse(str(rng.randint(1800, 2010))), notes=[]))
        elif r < 0.5:
            p.events.append(Event("DEAT", "Y"))
        if rng.random() < 0.1:
            p.extra.append(Structure("RESN", "privacy"))
        if rng.random() < 0.2:
            p.extra.append(Structure("_LINK", rng.choice(list(tree.people)), pointer=True))
    for f in tree.families.values():
        if rng.random() < 0.5:
            f.events.append(Event("MARR", date=Date.parse(str(rng.randint(1820, 2020)))))
    return tree


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("mode", [Mode.NAME, Mode.PRIVATE, Mode.OMIT])
def test_redacted_trees_keep_their_links_consistent(seed: int, mode: Mode) -> None:
    tree = _dated_tree(seed)
    before = write_text(tree, "7.0", now=NOON)
    r = redact(tree, mode, this_year=YEAR)
    out = r.tree
    assert write_text(tree, "7.0", now=NOON) == before
    assert out.check() == []
    verdicts = infer_living(tree, YEAR)
    hidden = {pid for pid, p in tree.people.items() if verdicts[pid].living or is_restricted(p.extra)}
    assert len(hidden) == r.hidden > 0
    if mode is Mode.OMIT:
        assert out.people.keys() == tree.people.keys() - hidden
        text = write_text(out, "7.0", now=NOON)
        assert not any(f"{pid}\n" in text or f"{pid} " in text for pid in hidden)
        assert all(f.partner_ids or f.children for f in out.families.values())
    else:
        assert out.people.keys() == tree.people.keys()
        for pid in hidden:
            p = out.people[pid]
            assert (p.events, p.extra, p.notes, p.citations) == ([], [], [], [])
        for f in out.families.values():
            if any(p in hidden for p in f.partner_ids):  # one hidden partner is enough
                assert (f.events, f.extra, f.notes, f.media, f.citations) == ([], [], [], [], [])


def test_a_family_whose_every_member_is_left_out_goes() -> None:
    b = TreeBuilder()
    a, c = b.person("Young /A/", born="1990"), b.person("Young /B/", born="1992")
    fid = b.family(a, c)
    b.tree.families[fid].events.append(Event("MARR", date=Date.parse("2015")))
    out = redact(b.tree, Mode.OMIT).tree
    assert (out.people, out.families, out.record_order) == ({}, {}, [])
    assert [e.tag for e in b.tree.families[fid].events] == ["MARR"]  # the original keeps it


def _kept_texts(tree: Tree, hidden: frozenset[str] = frozenset()) -> list[str]:
    """Every free text of a tree: notes, excerpts, sources' texts, EVEN and FACT descriptions (but for
    those of the `hidden` people and of families with one as a partner)."""
    out: list[str] = [s.text for s in tree.sources.values()] + [n.text for n in tree.notes.values()]
    out += [s.value for s in tree.header.extra if s.tag == "NOTE"]

    def events(evs: list[Event]) -> None:
        for e in evs:
            out.extend(tree.note_texts(e.notes))
            out.extend(t for c in e.citations for t in c.text)
            if e.tag in ("EVEN", "FACT"):
                out.append(e.value)
    for p in tree.people.values():
        if p.id in hidden:
            continue
        out.extend(tree.note_texts(p.notes))
        out.extend(t for c in p.citations for t in c.text)
        events(p.events)
    for f in tree.families.values():
        if hidden & set(f.partner_ids):
            continue
        out.extend(tree.note_texts(f.notes))
        events(f.events)
    return out


@pytest.mark.parametrize("mode", [Mode.NAME, Mode.PRIVATE, Mode.OMIT])
def test_free_text_naming_someone_hidden_goes_the_rest_stays(bundled_path: Path, mode: Mode) -> None:
    """Sergei's biography says "their daughter Yulia was born in Moscow in 1936": in a copy that hides
    Yulia it goes whole; a text naming no one hidden is kept word for word."""
    from familytree.privacy.mentions import LEFT_OUT

    tree = read_file(bundled_path)
    r = redact(tree, mode, this_year=YEAR)
    verdicts = infer_living(tree, YEAR)
    hidden = [p for pid, p in tree.people.items() if verdicts[pid].living]
    assert {p.display_name() for p in hidden} >= {"Yulia", "Genrietta Rubinshtein"}
    given = {w for p in hidden for n in p.names for w in n.given.split() if len(w) > 2}
    texts = _kept_texts(r.tree)
    assert LEFT_OUT in texts
    assert not [t for t in texts if any(w in t for w in given)]
    before = set(_kept_texts(tree))
    assert [t for t in texts if t != LEFT_OUT and t not in before] == []  # nothing else rewritten
    visible = set(_kept_texts(tree, frozenset(p.id for p in hidden)))
    naming_none = [t for t in visible if t and not any(w in t for w in given | {"Rubinshtein"})]
    assert set(naming_none) <= set(texts) | {""}  # kept, each


def test_a_given_name_alone_counts_only_in_the_texts_of_the_persons_own_family() -> None:
    b = TreeBuilder()
    father = b.person("Ivan /Petrov/", "M", born="1900", died="1970")
    child = b.person("Anna /Petrova/", "F", born="1990")  # living
    b.family(father, "", [child])
    stranger = b.person("Boris /Orlov/", "M", born="1850", died="1920")
    tree = b.tree
    tree.people[father].notes.append(Note("His daughter Anna lives in Kiev."))
    tree.people[stranger].notes.append(Note("Anna Karenina was his favourite book."))
    tree.people[stranger].notes.append(Note("He met Anna Petrova in Paris."))  # full name: anywhere
    r = redact(tree, Mode.OMIT, this_year=YEAR)
    from familytree.privacy.mentions import LEFT_OUT

    assert [n.text for n in r.tree.people[father].notes] == [LEFT_OUT]
    kept = [n.text for n in r.tree.people[stranger].notes]
    assert kept == ["Anna Karenina was his favourite book.", LEFT_OUT]


def test_names_in_any_words_of_a_record_go_middle_names_and_namesakes_do_not_count() -> None:
    """A fact's value, a date's phrase, a citation's page, a source's title and a shared note read in
    the family are words a name is in as much as a note; a hidden person's middle name, or a name a
    person who is shown bears too, names no one hidden."""
    from familytree.model import Citation, Media, NoteRef, Source
    from familytree.privacy.mentions import LEFT_OUT

    b = TreeBuilder()
    father = b.person("Ivan /Petrov/", "M", born="1900", died="1970")
    child = b.person("Zelda Mary /Petrova/", "F", born="1990")  # living
    namesake = b.person("Ivan /Petrov/", "M", born="1995")  # living, the father's namesake
    b.family(father, "", [child, namesake])
    tree = b.tree
    tree.add_source(Source("@S1@", title="Diary of Zelda Petrova"))
    tree.add_source(Source("@S2@", title="Parish book of Saint Mary"))
    tree.notes["@N1@"] = Note("His daughter Zelda was born in Leeds.", id="@N1@")
    tree.media["@M1@"] = Media("@M1@", files=[("z.jpg", "jpg", "Zelda Petrova at school")])
    me = tree.people[father]
    me.events.append(Event("OCCU", value="Partner in Zelda's firm",
                           date=Date.parse("(while Zelda was small)")))
    me.events.append(Event("RESI", citations=[Citation("@S2@", page="Letter from Zelda Petrova")]))
    me.notes.extend([NoteRef("@N1@"), Note("Ivan Petrov was born in Minsk."),
                     Note("He married at St. Mary's.")])
    r = redact(tree, Mode.OMIT, this_year=YEAR)
    kept = r.tree.people[father]
    occu, resi = kept.events[-2:]
    assert occu.value == LEFT_OUT
    assert occu.date is not None
    assert occu.date.phrase == LEFT_OUT
    assert resi.citations[0].page == LEFT_OUT
    assert r.tree.notes["@N1@"].text == LEFT_OUT
    assert r.tree.media["@M1@"].files[0][2] == LEFT_OUT
    assert r.tree.sources["@S1@"].title == LEFT_OUT
    # his own name, borne by his living namesake too, and Mary, the living daughter's middle name: kept
    assert [n.text for n in kept.notes if isinstance(n, Note)] == ["Ivan Petrov was born in Minsk.",
                                                                     "He married at St. Mary's."]
    assert r.tree.sources["@S2@"].title == "Parish book of Saint Mary"
