"""Editing the bundled family through the workspace's undo stack: what each edit changes, says and refuses."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from familytree.gedcom import read_file, read_text, write_text
from familytree.model import Association, ChildRelation, Citation, Event, Name, Person, Sex, Structure, Tree
from familytree.model.date_input import read_date
from familytree.relations import PartnerStatus, partner_status
from familytree.workspace import EditRefused, TreeChange, UndoStack, Workspace
from familytree.workspace import editing as e
from familytree.workspace import relatives as r
from support.builders import TreeBuilder
from support.edits import NOW, snapshot


@pytest.fixture
def tree(bundled_path: Path) -> Tree:
    return read_file(bundled_path)


@pytest.fixture
def stack(tree: Tree) -> UndoStack:
    return UndoStack(tree)


def who(tree: Tree, name: str) -> str:
    return next(p.id for p in tree.iter_people() if p.display_name() == name)


def reread(tree: Tree) -> Tree:
    return read_text(write_text(tree, now=NOW))


def test_renaming_writes_the_new_name_and_undo_gives_the_old_one_back(tree: Tree, stack: UndoStack) -> None:
    sergei = who(tree, "Sergei Sedov")
    before = snapshot(tree)
    heard: list[TreeChange] = []
    stack.changed.connect(heard.append)
    stack.push(e.edit_name(tree, ("INDI", sergei, "names", 0), given="Sergey"))
    assert stack.undo_text == "Renamed Sergei Sedov to Sergey Sedov"
    assert reread(tree).people[sergei].names[0].full == "Sergey /Sedov/"
    assert heard[-1].names == {sergei}
    assert heard[-1].people == {sergei}
    assert not heard[-1].links
    stack.undo()
    assert snapshot(tree) == before
    assert heard[-1].undone
    assert heard[-1].description == "Renamed Sergei Sedov to Sergey Sedov"


def test_a_name_typed_whole_is_split_and_parts_typed_make_the_whole(tree: Tree, stack: UndoStack) -> None:
    lev = who(tree, "Lev Sedov")
    stack.push(e.edit_name(tree, ("INDI", lev, "names", 0), full="Lev Lvovich /Sedov/ Jr."))
    name = tree.people[lev].names[0]
    assert (name.given, name.surname, name.suffix) == ("Lev Lvovich", "Sedov", "Jr.")
    stack.push(e.edit_name(tree, ("INDI", lev, "names", 0), surname_prefix="von", suffix=""))
    assert tree.people[lev].names[0].full == "Lev Lvovich /von Sedov/"
    assert reread(tree).people[lev].display_name() == "Lev Lvovich von Sedov"


def test_a_transliteration_is_added_with_its_language(tree: Tree, stack: UndoStack) -> None:
    yulia = who(tree, "Yulia")
    form = Name.from_gedcom("Юлия", lang="ru")
    edit = stack.push(e.add_translation(tree, ("INDI", yulia, "names", 0), form))
    assert edit.description == "Added the form \u201cЮлия\u201d to Yulia's name Yulia (ru)"
    form = reread(tree).people[yulia].names[0].translations[-1]
    assert (form.given, form.lang) == ("Юлия", "ru")


def test_adding_a_child_to_yulia_with_a_cited_birth_is_one_entry_that_saves_and_reads_back(
        tree: Tree, stack: UndoStack, tmp_path: Path) -> None:
    from familytree.gedcom import write_file

    yulia = who(tree, "Yulia")
    before = snapshot(tree)
    with stack.macro("Added Anna Sedova, born 1960, as a child of Yulia"):
        anna = stack.push(r.add_child(tree, yulia, Person("", [Name.from_gedcom("Anna /Sedova/")],
                                                          Sex.FEMALE)))
        child = anna.created[0]
        stack.push(e.add_event(tree, child, Event("BIRT", date=read_date("1960").date)))
        source = stack.push(e.add_source(tree, "Birth register", "Moscow registry office")).created[0]
        stack.push(e.add_citation(tree, ("INDI", child, "events", 0),
                                  Citation(source, page="entry 12", text=["Anna, daughter of Yulia"],
                                           quality=3)))
    assert stack.descriptions == ["Added Anna Sedova, born 1960, as a child of Yulia"]
    write_file(tree, tmp_path / "edited.ged")
    saved = read_file(tmp_path / "edited.ged")
    assert tree.people[child].display_name() == saved.people[child].display_name() == "Anna Sedova"
    assert saved.children(yulia) == [child]
    cited = saved.people[child].birth.citations[0]  # type: ignore[union-attr]
    assert (cited.page, cited.text, cited.quality) == ("entry 12", ["Anna, daughter of Yulia"], 3)
    assert saved.sources[cited.source_id].title == "Birth register"
    stack.undo()
    assert snapshot(tree) == before
    stack.redo()
    assert tree.children(yulia) == [child]


def test_an_event_from_typed_date_and_place_is_said_in_the_history(tree: Tree, stack: UndoStack) -> None:
    lev = who(tree, "Lev Sedov")
    edit = stack.push(e.add_event(tree, lev, Event("RESI")))
    where = ("INDI", lev, "events", len(tree.people[lev].events) - 1)
    changed = stack.push(e.edit_event(tree, where, date="abt 1937", place="Paris, France", age="31y"))
    assert edit.description == "Added residence of Lev Sedov"
    assert changed.description == "Changed residence of Lev Sedov: about 1937, Paris, France"
    event = reread(tree).people[lev].events[-1]
    assert (event.date.to_gedcom(), event.place.name, event.age) == ("ABT 1937", "Paris, France", "31y")  # type: ignore[union-attr]


def test_a_date_that_cannot_be_read_is_kept_as_a_phrase(tree: Tree, stack: UndoStack) -> None:
    yulia = who(tree, "Yulia")
    stack.push(e.edit_event(tree, ("INDI", yulia, "events", 0), date="in the spring of 1936?"))
    assert reread(tree).people[yulia].events[0].date.phrase == "in the spring of 1936?"  # type: ignore[union-attr]


def test_notes_and_restriction_are_written_and_undone(tree: Tree, stack: UndoStack) -> None:
    olga = who(tree, "Olga Greber")
    before = snapshot(tree)
    stack.push(e.add_note(tree, ("INDI", olga), "Librarian in Moscow"))
    stack.push(e.set_restriction(tree, ("INDI", olga), "privacy"))
    text = write_text(tree, now=NOW)
    assert "1 NOTE Librarian in Moscow" in text
    assert "1 RESN PRIVACY" in text
    note = ("INDI", olga, "notes", len(tree.people[olga].notes) - 1)
    stack.push(e.edit_note(tree, note, "Librarian"))
    assert tree.people[olga].notes[-1].text == "Librarian"  # type: ignore[union-attr]
    stack.go_to(0)
    assert snapshot(tree) == before


def test_a_restriction_is_only_of_the_gedcom_words(tree: Tree) -> None:
    with pytest.raises(EditRefused, match="not secret"):
        e.set_restriction(tree, ("INDI", who(tree, "Yulia")), "secret")


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda t: r.add_child(t, who(t, "Sergei Sedov"), who(t, "Leon Trotsky")),
         "Leon Trotsky is already an ancestor of Sergei Sedov, and no one can be their own ancestor"),
        (lambda t: r.add_parent(t, who(t, "Leon Trotsky"), who(t, "Yulia"), new_family=True),
         "cannot be a child of Yulia"),
        (lambda t: r.add_child(t, who(t, "Yulia"), who(t, "Yulia")), "their own parent or child"),
        (lambda t: r.add_sibling(t, who(t, "Sergei Sedov"), who(t, "Lev Sedov")),
         "Lev Sedov is already a child in the family of Leon Trotsky and Natalia Sedova: a family cannot "
         "have the same person twice"),
        (lambda t: r.add_sibling(t, who(t, "Sergei Sedov"), who(t, "Yulia")),
         r"Yulia is a descendant of Sergei Sedov \(his daughter\), and no one can be a sibling of their own"),
        (lambda t: r.add_sibling(t, who(t, "Yulia"), who(t, "Leon Trotsky")),
         r"Leon Trotsky is an ancestor of Yulia \(her grandfather\)"),
        (lambda t: r.add_sibling(t, who(t, "David Bronstein"), who(t, "Lev Sedov")),  # (he has no parents)
         r"Lev Sedov is a descendant of David Bronstein \(his grandson\)"),
        (lambda t: r.add_partner(t, who(t, "Sergei Sedov"), who(t, "Olga Greber"),
                                 t.people[who(t, "Sergei Sedov")].family_ids[0]), "the same person twice"),
        (lambda t: r.add_child(t, who(t, "Yulia"), "@I404@"), "There is no person @I404@"),
        (lambda t: r.add_parent(t, who(t, "Sergei Sedov"), Person("", [Name.from_gedcom("A /B/")])),
         r"already has two parents \(Leon Trotsky and Natalia Sedova\); add this parent in a new family"),
        (lambda t: e.add_citation(t, ("INDI", who(t, "Yulia")), Citation("@S1@", quality=4)),
         "0 .* to 3 .*not 4"),
        (lambda t: e.add_citation(t, ("INDI", who(t, "Yulia")), Citation("@S99@")), "no source @S99@"),
        (lambda t: r.set_partnership(t, t.people[who(t, "Olga Greber")].family_ids[0],
                                     PartnerStatus.UNMARRIED),
         "records marriage .*remove that fact first"),
    ],
)
def test_what_would_break_the_model_is_refused_with_the_reason_and_nothing_changes(
        tree: Tree, stack: UndoStack, make: object, why: str) -> None:
    before = snapshot(tree)
    with pytest.raises(EditRefused, match=why):
        stack.push(make(tree))  # type: ignore[operator]
    assert snapshot(tree) == before
    assert not stack.can_undo()


def test_a_link_to_a_person_deleted_earlier_is_refused(tree: Tree, stack: UndoStack) -> None:
    olga = who(tree, "Olga Greber")
    stack.push(r.delete_person(tree, olga))
    with pytest.raises(EditRefused, match=f"no person {olga}"):
        r.add_partner(tree, who(tree, "Lev Sedov"), olga)


def test_deleting_sergei_names_what_goes_and_undo_puts_everything_back(tree: Tree, stack: UndoStack) -> None:
    sergei, yulia = who(tree, "Sergei Sedov"), who(tree, "Yulia")
    original = copy.deepcopy(tree)
    before = snapshot(tree)
    said = r.deletion_consequences(tree, sergei)
    assert said[0].startswith("Sergei Sedov's record: 4 names")
    assert "Sergei Sedov as a child of Leon Trotsky and Natalia Sedova" in said
    assert any("a parent of Yulia (the family stays, with Genrietta Rubinshtein, Yulia)" in s for s in said)
    stack.push(r.delete_person(tree, sergei))
    assert sergei not in tree.people
    assert tree.parents(yulia) == [who(tree, "Genrietta Rubinshtein")]
    assert not reread(tree).check()  # no link left pointing at him
    stack.undo()
    assert snapshot(tree) == before
    assert tree == original
    assert list(tree.people) == list(original.people)


def test_removing_the_only_link_of_a_family_removes_the_empty_family(tree: Tree, stack: UndoStack) -> None:
    david, trotsky = who(tree, "David Bronstein"), who(tree, "Leon Trotsky")
    family = tree.people[trotsky].parent_family_ids[0]
    stack.push(r.remove_link(tree, trotsky, family))
    edit = stack.push(r.remove_link(tree, david, family))
    assert "the family, left with nobody, with it" in edit.description
    assert family not in tree.families
    assert not tree.parents(trotsky)


def test_a_child_can_be_one_parents_by_birth_and_the_others_by_adoption(tree: Tree, stack: UndoStack) -> None:
    yulia, sergei = who(tree, "Yulia"), who(tree, "Sergei Sedov")
    genrietta = who(tree, "Genrietta Rubinshtein")
    family = tree.people[yulia].parent_family_ids[0]
    edit = stack.push(r.set_child_relation(tree, family, yulia, ChildRelation.ADOPTED, parent_id=sergei))
    assert edit.description == "Made Yulia an adopted child of Sergei Sedov"
    assert edit.change().people == {yulia}  # her FAMC line says it too
    assert edit.change().links
    saved = reread(tree)
    assert r.child_relations(saved, family, yulia) == {sergei: ChildRelation.ADOPTED,
                                                       genrietta: ChildRelation.BIRTH}
    # one PEDI for both parents says the link further from birth: no blood link the file does not give
    assert saved.child_relation(saved.families[family], yulia) is ChildRelation.ADOPTED
    assert "2 _FREL Adopted" in write_text(tree, now=NOW)
    stack.push(r.set_child_relation(tree, family, yulia, ChildRelation.BIRTH))
    assert set(r.child_relations(tree, family, yulia).values()) == {ChildRelation.BIRTH}


def test_partnership_type_unmarried_is_written_the_gedcom_7_way(tree: Tree, stack: UndoStack) -> None:
    lev = who(tree, "Lev Sedov")
    edit = stack.push(r.add_partner(tree, lev, Person("", [Name.from_gedcom("Jeanne /Martin/")], Sex.FEMALE)))
    family = tree.people[lev].family_ids[-1]
    assert edit.description == "Added Jeanne Martin as a partner of Lev Sedov"
    stack.push(r.set_partnership(tree, family, PartnerStatus.UNMARRIED))
    assert "1 NO MARR" in write_text(tree, now=NOW)
    assert partner_status(reread(tree).families[family]) is PartnerStatus.UNMARRIED
    stack.push(r.set_partnership(tree, family, PartnerStatus.MARRIED))
    assert partner_status(reread(tree).families[family]) is PartnerStatus.MARRIED
    stack.push(r.set_partnership(tree, family, PartnerStatus.UNKNOWN))
    assert partner_status(reread(tree).families[family]) is PartnerStatus.UNKNOWN


def test_children_and_partners_are_reordered(tree: Tree, stack: UndoStack) -> None:
    sergei, lev = who(tree, "Sergei Sedov"), who(tree, "Lev Sedov")
    family = tree.people[lev].parent_family_ids[0]
    assert tree.families[family].child_ids == [lev, sergei]
    stack.push(r.move_child(tree, family, 1, 0))
    assert reread(tree).families[family].child_ids == [sergei, lev]
    partners = tree.partners(sergei)
    stack.push(r.move_partner_family(tree, sergei, 1, 0))
    assert reread(tree).partners(sergei) == partners[::-1]


def test_sources_repositories_and_citations_are_edited(tree: Tree, stack: UndoStack) -> None:
    yulia = who(tree, "Yulia")
    with stack.macro("Cited the state archive"):
        source = stack.push(e.add_source(tree, "Metric books", "", "Moscow, 1936")).created[0]
        archive = stack.push(e.add_repository(tree, "Central State Archive of Moscow")).created[0]
        stack.push(e.add_repository_link(tree, source, archive, "f. 2126"))
        stack.push(e.add_citation(tree, ("INDI", yulia, "events", 0), Citation(source, page="p. 3")))
    citation = ("INDI", yulia, "events", 0, "citations", len(tree.people[yulia].events[0].citations) - 1)
    stack.push(e.edit_citation(tree, citation, text="Yulia, born", quality=2))
    stack.push(e.edit_source(tree, source, author="Registry office"))
    saved = reread(tree)
    cited = saved.people[yulia].events[0].citations[-1]
    assert (cited.page, cited.text, cited.quality) == ("p. 3", ["Yulia, born"], 2)
    assert saved.sources[source].author == "Registry office"
    assert saved.sources[source].repositories[0].value == archive
    assert saved.repositories[archive].name == "Central State Archive of Moscow"


def test_a_macro_that_fails_part_way_leaves_nothing(tree: Tree, stack: UndoStack) -> None:
    def two_changes() -> None:
        with stack.macro("Two changes"):
            stack.push(e.add_note(tree, ("INDI", who(tree, "Yulia")), "first"))
            stack.push(r.add_child(tree, who(tree, "Yulia"), "@nobody@"))

    before = snapshot(tree)
    with pytest.raises(EditRefused):
        two_changes()
    assert snapshot(tree) == before
    assert not stack.edits


def test_the_stack_says_what_undo_and_redo_would_do_and_whether_the_tree_is_saved(
        tree: Tree, stack: UndoStack) -> None:
    states: list[bool] = []
    stack.state.connect(lambda s: states.append(s.is_clean))
    stack.push(e.set_sex(tree, who(tree, "Yulia"), Sex.UNKNOWN))
    stack.set_clean()
    stack.push(e.add_note(tree, ("INDI", who(tree, "Yulia")), "x"))
    assert (stack.undo_text, stack.redo_text) == ("Added a note to Yulia: \u201cx\u201d", "")
    stack.undo()
    assert stack.redo_text == "Added a note to Yulia: \u201cx\u201d"
    assert states == [False, True, False, True]
    stack.undo()
    assert not stack.is_clean
    stack.push(e.add_note(tree, ("INDI", who(tree, "Yulia")), "y"))
    assert not stack.can_redo()
    assert stack.clean_index is None


def test_an_edit_to_nothing_is_not_recorded(tree: Tree, stack: UndoStack) -> None:
    yulia = who(tree, "Yulia")
    stack.push(e.set_sex(tree, yulia, tree.people[yulia].sex))
    stack.push(e.edit_name(tree, ("INDI", yulia, "names", 0), given="Yulia"))
    assert not stack.edits


def test_an_edit_leaves_every_record_it_does_not_name_as_written_before(tree: Tree, stack: UndoStack) -> None:
    def records(text: str) -> dict[str, str]:
        parts = ("\n" + text).split("\n0 ")[1:]
        return {p.split(" ", 1)[0]: p for p in parts}

    before = records(write_text(tree, now=NOW))
    edit = stack.push(r.add_child(tree, who(tree, "Yulia"), Person("", [Name.from_gedcom("Anna /Sedova/")])))
    change = edit.change()
    after = records(write_text(tree, now=NOW))
    named = change.people | change.families
    assert {x for x in after if before.get(x) != after[x]} == named
    assert named == {who(tree, "Yulia"), *edit.created}


def test_the_workspace_redraws_after_an_edit_and_leaves_a_deleted_focus(bundled_path: Path) -> None:
    ws = Workspace()
    ws.open(read_file(bundled_path))
    tree = ws.tree
    assert tree is not None
    charts: list[object] = []
    ws.events.chart.connect(charts.append)
    sergei = who(tree, "Sergei Sedov")
    ws.set_focus(sergei)
    charts.clear()
    ws.undo.push(e.edit_name(tree, ("INDI", sergei, "names", 0), given="Sergey"))
    assert len(charts) == 1
    assert "Sergey Sedov" in {tree.people[b.person_id].display_name() for b in ws.layout.boxes}
    ws.undo.push(r.delete_person(tree, sergei))
    assert ws.focus_id != sergei
    assert ws.focus_id in tree.people
    assert sergei not in ws.layout.person_ids
    ws.undo.undo()
    assert sergei in ws.layout.person_ids


def test_deleting_a_person_removes_the_associations_and_pointers_of_others_to_them() -> None:
    b = TreeBuilder()
    godfather, child = b.person("Ivan /Petrov/", "M"), b.person("Olga /Sedova/", "F")
    other = b.person("X /Y/")
    b.tree.people[child].associations.append(Association(godfather, "GODP"))
    b.tree.people[other].extra.append(Structure("ALIA", godfather, pointer=True))
    b.tree.people[other].extra.append(Structure("_UID", "1234"))
    tree = b.tree
    before = snapshot(tree)
    said = r.deletion_consequences(tree, godfather)
    assert "the association of Olga Sedova with Ivan Petrov" in said
    assert "the ALIA link of X Y to Ivan Petrov" in said
    stack = UndoStack(tree)
    stack.push(r.delete_person(tree, godfather))
    assert godfather not in write_text(tree, now=NOW)
    assert [s.tag for s in tree.people[other].extra] == ["_UID"]
    stack.undo()
    assert snapshot(tree) == before
