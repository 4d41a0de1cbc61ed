"""The details panel's text: names, facts in date order, family links, biography, excerpts under citations."""

from __future__ import annotations

import re

import pytest

from familytree.model import (
    ChildRef,
    ChildRelation,
    Citation,
    Date,
    Event,
    Family,
    Name,
    NameType,
    Note,
    NoteRef,
    Person,
    Place,
    Sex,
    Source,
    Tree,
)
from familytree.ui.details import DetailsPanel, link_target, person_html, person_link
from familytree.workspace.navigation import History, neighbour
from familytree.workspace.navigation import Place as Spot

pytestmark = pytest.mark.gui

EVIL = '<b>bold</b> & <a href=x>'


def sample_tree() -> Tree:
    tree = Tree()
    tree.add_source(Source("@S1@", title="Trotsky", author="Robert Service", publication="2009"))
    tree.add_source(Source("@S2@", title="My Life", author="Leon Trotsky", publication="1930"))
    cite_service = Citation("@S1@", page="p. 12", text=["Sergei was the younger son.\nHe loved the circus."])
    cite_life = Citation("@S2@", page="ch. 3", text=[f"An excerpt with markup {EVIL}"])
    sergei = Person("@I1@", [
        Name.from_gedcom("Sergei /Sedov/", translations=[Name.from_gedcom("Сергей /Седов/", lang="ru")]),
        Name.from_gedcom("Seryozha", type=NameType.NICKNAME),
        Name.from_gedcom("Sergey /Sedov/", type=NameType.AKA),
    ], Sex.MALE)
    sergei.events = [
        Event("DEAT", date=Date.parse("1937", "believed 1937"), citations=[cite_service]),
        Event("OCCU", value="engineer"),  # undated: after every dated fact
        Event("BIRT", date=Date.parse("21 MAR 1908"), place=Place("Vienna, Austria"),
              citations=[cite_service, cite_life]),
        Event("RESI", date=Date.parse("MAY 1917"), place=Place("Moscow"), citations=[cite_life]),
    ]
    sergei.notes = [Note(f"Biography with {EVIL}\n\nSecond paragraph.")]
    tree.add_person(sergei)
    tree.add_person(Person("@I2@", [Name.from_gedcom("Leon /Trotsky/")], Sex.MALE))
    tree.add_person(Person("@I3@", [Name.from_gedcom("Natalia /Sedova/")], Sex.FEMALE))
    tree.add_person(Person("@I4@", [Name.from_gedcom("Lev /Sedov/")], Sex.MALE))
    tree.add_person(Person("@I5@", [Name.from_gedcom("Half /Brother/")], Sex.MALE))
    tree.add_person(Person("@I6@", [Name.from_gedcom("Other /Wife/")], Sex.FEMALE))
    tree.add_person(Person("@I7@", [Name.from_gedcom("Yulia")], Sex.FEMALE))
    tree.add_person(Person("@I8@", [Name.from_gedcom("Genrietta /Rubinshtein/")], Sex.FEMALE))
    tree.add_person(Person("@I9@", [Name.from_gedcom("Adopted /Child/")], Sex.UNKNOWN))
    tree.add_note(Note("Shared note", id="@N1@"))
    tree.people["@I7@"].notes = [NoteRef("@N1@")]
    tree.add_family(Family("@F1@", "@I2@", "@I3@", [ChildRef("@I4@"), ChildRef("@I1@")]))
    tree.add_family(Family("@F2@", "@I2@", "@I6@", [ChildRef("@I5@")]))
    children = [ChildRef("@I7@"), ChildRef("@I9@", ChildRelation.ADOPTED)]
    tree.add_family(Family("@F3@", "@I1@", "@I8@", children, events=[Event("MARR", date=Date.parse("1935"))]))
    tree.link()
    return tree


def _unisolated(text: str) -> str:
    """Page text without the direction isolates around names."""
    return text.replace("\u2068", "").replace("\u2069", "")


def _text(tree: Tree, pid: str, qapp) -> str:
    panel = DetailsPanel()
    panel.show_person(tree, pid)
    return panel.toPlainText()


def test_all_names_with_nicknames_variants_and_cyrillic(qapp):
    text = _text(sample_tree(), "@I1@", qapp)
    for name in ("Sergei Sedov", "Seryozha", "Sergey Sedov", "Сергей Седов"):
        assert name in text
    # each form says what it renders, not "In Russian" three times over
    assert "Сергей Седов \u2014 Russian form of Sergei Sedov" in _unisolated(text)


def test_facts_in_date_order_undated_last(qapp):
    text = _text(sample_tree(), "@I1@", qapp)
    facts = text.index("Facts and events")  # the header says "21 March 1908" and "believed 1937" too
    order = [text.index(s, facts) for s in ("21 March 1908", "May 1917", "Marriage", "believed 1937",
                                            "engineer")]
    assert order == sorted(order)
    assert "Vienna, Austria" in text


def test_citation_marks_number_sources_once_each(qapp):
    tree = sample_tree()
    html_text = person_html(tree, "@I1@")
    text = _text(tree, "@I1@", qapp)
    # birth cites [1] and [2]; the death repeats [1] rather than numbering it again
    assert "[1, 2]" in text
    assert "[3]" not in text
    assert html_text.count("name='cite-1'") == 1


def test_excerpts_are_verbatim_under_full_citation(qapp):
    text = _text(sample_tree(), "@I1@", qapp)
    heading = text.index("Robert Service, Trotsky (2009), p. 12")
    excerpt = text.index("Sergei was the younger son.")
    assert heading < excerpt
    assert "He loved the circus." in text
    assert "Leon Trotsky, My Life (1930), ch. 3" in text


@pytest.mark.parametrize("where", ["biography", "excerpt"])
def test_markup_in_data_is_shown_literally(qapp, where):
    tree = sample_tree()
    panel = DetailsPanel()
    panel.show_person(tree, "@I1@")
    text = panel.toPlainText()
    prefix = "Biography with " if where == "biography" else "An excerpt with markup "
    assert prefix + EVIL in text
    # and no link to "x" was created from the data
    hrefs = re.findall(r'href="([^"]*)"', panel.toHtml())
    assert "x" not in hrefs


def test_family_links_with_half_siblings_and_relations(qapp):
    tree = sample_tree()
    panel = DetailsPanel()
    panel.show_person(tree, "@I1@")
    links = panel.link_positions()
    for pid in ("@I2@", "@I3@", "@I4@", "@I5@", "@I8@", "@I7@", "@I9@"):
        assert pid in links, pid
    text = panel.toPlainText()
    assert re.search(r"Half Brother.*half-sibling", text)
    assert not re.search(r"Lev Sedov[^,\n]*half-sibling", text)
    assert re.search(r"Adopted Child.*adopted", text)
    assert "married 1935" in text


def test_link_emits_person(qtbot):
    tree = sample_tree()
    panel = DetailsPanel()
    qtbot.addWidget(panel)
    panel.show_person(tree, "@I1@")
    with qtbot.waitSignal(panel.personLinkActivated) as blocker:
        panel.anchorClicked.emit(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl(person_link("@I4@")))
    assert blocker.args == ["@I4@"]


@pytest.mark.parametrize("pid", ["@I1@", "@I22@", "@I 1@", "@a/b?c#d@"])
def test_person_links_round_trip(pid):
    assert link_target(person_link(pid)) == ("person", pid)


def test_shared_note_is_the_biography(qapp):
    assert "Shared note" in _text(sample_tree(), "@I7@", qapp)


def test_history_back_forward_and_branching():
    h = History()
    for pid in ("a", "b", "c"):
        h.visit(Spot("f", pid))
    assert h.back() == Spot("f", "b")
    assert h.back() == Spot("f", "a")
    assert h.back() is None
    assert h.forward() == Spot("f", "b")
    h.visit(Spot("g", "d"))  # a new visit drops "c"
    assert not h.can_go_forward()
    assert h.back() == Spot("f", "b")


def test_arrow_neighbours_without_a_chart():
    tree = sample_tree()
    assert neighbour(tree, None, "@I1@", "up") in ("@I2@", "@I3@")
    assert neighbour(tree, None, "@I1@", "down") == "@I7@"
    assert neighbour(tree, None, "@I1@", "right") == "@I8@"  # partners first
    assert neighbour(tree, None, "@I7@", "down") == ""


def test_an_event_the_file_denies_is_not_shown_as_a_fact(qapp) -> None:
    """royal92 writes "1 DIV N" for couples who never divorced: no "Divorce: N" row."""
    from familytree.model import Event, Family, Name, Person, Sex, Tree
    from familytree.ui.details import person_html

    tree = Tree()
    tree.add_person(Person("@V@", [Name.from_gedcom("Victoria /Hanover/")], Sex.FEMALE))
    tree.add_person(Person("@A@", [Name.from_gedcom("Albert /Saxe-Coburg/")], Sex.MALE))
    tree.add_family(Family("@F@", "@A@", "@V@", events=[Event("MARR"), Event("DIV", value="N")]))
    tree.link()
    page = person_html(tree, "@V@")
    assert "Marriage" in page
    assert "Divorce" not in page


def test_hebrew_names_keep_their_place_in_an_english_page(qapp) -> None:
    from PySide6.QtCore import Qt

    from familytree.model import ChildRef, Family, Name, Person, Sex, Tree
    from familytree.ui.details import DetailsPanel

    tree = Tree()
    tree.add_person(Person("@P@", [Name.from_gedcom("Avraham /Cohen/")], Sex.MALE))
    for pid, given in (("@C1@", "\u05e9\u05dc\u05d5\u05dd"), ("@C2@", "\u05e8\u05d7\u05dc")):
        tree.add_person(Person(pid, [Name.from_gedcom(f"{given} /\u05db\u05d4\u05df/")], Sex.UNKNOWN))
    tree.add_family(Family("@F@", "@P@", children=[ChildRef("@C1@"), ChildRef("@C2@")]))
    tree.link()
    panel = DetailsPanel()
    panel.show_person(tree, "@C1@")
    block = panel.document().begin()
    assert block.layout() is not None
    while block.isValid():
        assert block.textDirection() == Qt.LayoutDirection.LeftToRight
        block = block.next()


def test_a_parent_named_by_two_of_the_families_is_listed_once(qapp) -> None:
    """The same father in the family recorded twice (a common merge leftover): one link, not two."""
    tree = sample_tree()
    tree.add_family(Family("@F9@", "@I2@", "", [ChildRef("@I1@")]))
    tree.link()
    panel = DetailsPanel()
    panel.show_person(tree, "@I1@")
    parents_line = re.search(r"Parents(.*?)Siblings", panel.toPlainText(), re.S).group(1)
    assert parents_line.count("Leon Trotsky") == 1
    assert "Natalia Sedova" in parents_line
