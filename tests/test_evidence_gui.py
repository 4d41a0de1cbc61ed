"""The Timeline, Conflicts and Sources docks on the bundled family, driven by clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu, QTreeWidget, QTreeWidgetItem

from familytree.evidence import FactAnnotation, citation_text, fact_annotations
from familytree.gedcom import read_file
from familytree.model import Citation, Date, Event, Name, Person, Tree
from familytree.ui.evidence import EvidenceTools, fact_mark_html, person_menu_actions
from familytree.ui.main_window import MainWindow
from familytree.ui.sources_view import child_items
from familytree.workspace.editing import add_event

pytestmark = pytest.mark.gui




@pytest.fixture
def window(qtbot, bundled_path) -> MainWindow:
    win = MainWindow(tree=read_file(bundled_path), path=str(bundled_path), focus="@I1@")
    qtbot.addWidget(win)
    win.evidence  # noqa: B018 (built as after the first paint)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    return win


def tools(window: MainWindow) -> EvidenceTools:
    return window.evidence  # type: ignore[attr-defined,no-any-return]


def click(qtbot, widget: QTreeWidget, item: QTreeWidgetItem) -> None:
    widget.scrollToItem(item)
    rect = widget.visualItemRect(item)
    # near the start of the text: a long line may reach beyond the viewport
    pos = QPoint(rect.left() + min(rect.width() // 2, 30), rect.center().y())
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def find_item(widget: QTreeWidget, text: str) -> QTreeWidgetItem:
    found = widget.findItems(text, Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive, 0) or \
        widget.findItems(text, Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive, 2)
    assert found, f"no line with {text!r}"
    return found[0]


def test_timeline_lists_sergeis_life_with_ages(window):
    dock = tools(window).timeline
    assert dock.person_label.text() == "Sergei Sedov (1908 \u2013 believed 1937)"
    rows = dock.rows()
    events = [r[2] for r in rows]
    assert ("21 March 1908", "", "Birth", "", "1 citation") in rows
    deportation = next(r for r in rows if r[2].startswith("Deportation"))
    assert deportation[:2] == ("3 August 1935", "aged 27")
    assert deportation[3] == "Krasnoyarsk, Siberia, Russia"
    assert next(r for r in rows if r[2] == "Birth of daughter Yulia")[1] == "aged about 28"
    # in date order: birth, the return to Russia in 1917, deportation, his daughter's birth, death
    order = [events.index(e) for e in ("Birth", "Return to Russia: With his parents and brother",
                                       "Deportation: Sent from Moscow to Siberia", "Birth of daughter Yulia",
                                       "Death")]
    assert order == sorted(order)


def test_timeline_names_a_hebrew_named_person_at_the_left(qtbot, window):
    # a label follows its text's direction: a Hebrew name sat at the far right, by the check boxes
    hebrew = Name.from_gedcom("\u05d9\u05d5\u05dc\u05d9\u05d4 /Sedova/")
    window.workspace.tree.people["@I7@"].names[0] = hebrew
    dock = tools(window).timeline
    dock.set_person(window.workspace.tree, "@I7@")
    label = dock.person_label
    image = label.grab().toImage()
    inked = [x for x in range(image.width()) for y in range(image.height())
             if image.pixelColor(x, y).lightness() < 100]
    assert inked
    assert min(inked) < label.fontMetrics().horizontalAdvance(label.text()) // 2


def test_clicking_a_timeline_event_selects_the_person_and_shows_the_citation(qtbot, window):
    dock = tools(window).timeline
    item = find_item(dock.list, "Birth of daughter Yulia")
    click(qtbot, dock.list, item)
    assert window.workspace.selected_id == "@I7@"
    assert "Yulia" in window.details.toPlainText()
    cited = dock.citation_view.toPlainText()
    assert "Birth of daughter Yulia" in cited
    entry = dock.entries[dock.list.indexOfTopLevelItem(item)]
    assert entry.citations
    assert entry.citations[0].page in cited


def test_timeline_follows_the_focus(window):
    dock = tools(window).timeline
    window.workspace.set_focus("@I2@")
    assert dock.person_label.text().startswith("Leon Trotsky")
    assert any(r[2] == "Birth of son Sergei Sedov" for r in dock.rows())


def test_conflicts_dock_shows_professor_against_instructor(qtbot, window):
    dock = tools(window).conflicts
    dock.toggleViewAction().trigger()  # View > Conflicts
    qtbot.waitUntil(lambda: dock.list.topLevelItemCount() > 0)
    assert "Sergei Sedov \u2014 Occupation: sources differ" in dock.rows()
    top = find_item(dock.list, "Occupation: sources differ")
    claims = [c.text(0) for c in child_items(top)]
    assert any(c.startswith("Professor at the Moscow Institute of Technology") for c in claims)
    assert any(c.startswith("Instructor at a higher technical school") for c in claims)
    assert any("Patenaude" in c.text(1) for c in child_items(top))
    window.workspace.select("@I2@")
    click(qtbot, dock.list, top)
    assert window.workspace.selected_id == "@I1@"


def test_conflicts_dock_of_a_file_without_disagreements_says_so(qtbot, window):
    dock = tools(window).conflicts
    tree = Tree()
    tree.add_person(Person("@A@", events=[Event("BIRT", value="Y")]))  # cites no source at all
    dock.set_tree(tree)
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: dock.summary.text() != "")
    assert dock.summary.text() == "No two records of the same fact disagree. No date is implausible."
    assert dock.rows() == []


def test_conflicts_dock_lists_an_implausible_date_with_its_facts_and_sources_after_each_edit(qtbot, window):
    dock = tools(window).conflicts
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: dock.list.topLevelItemCount() > 0)
    assert not [row for row in dock.rows() if row.startswith("\u26a0")]  # the bundled family is plausible
    tree = window.workspace.tree
    cited = Citation("@S1@", page="p. 2")
    born = Event("BIRT", date=Date.parse("1930"), citations=[cited])
    window.editing.push(lambda t: add_event(t, "@I6@", born))  # Genrietta, Yulia's mother, born 1930
    warning = ("\u26a0 Genrietta Rubinshtein, the mother, was at most 6 when Yulia was born (1936): younger "
               "than 12")
    qtbot.waitUntil(lambda: warning in dock.rows(), timeout=3000)
    assert "1 implausible date" in dock.summary.text()
    top = find_item(dock.list, "Genrietta Rubinshtein, the mother")
    facts = [(child.text(0), child.text(1)) for child in child_items(top)]
    assert facts[0] == ("Birth of Genrietta Rubinshtein: 1930", citation_text(tree, cited))
    assert facts[1][0] == "Birth of Yulia: 1936, Moscow, Russia"
    assert facts[1][1] == citation_text(tree, tree.people["@I7@"].birth.citations[0])
    click(qtbot, dock.list, child_items(top)[1])
    assert window.workspace.selected_id == "@I7@"
    window.actions_by_id["edit.undo"].trigger()
    qtbot.waitUntil(lambda: warning not in dock.rows(), timeout=3000)


def test_sources_dock_lists_sources_citations_and_facts(qtbot, window):
    dock = tools(window).sources
    dock.toggleViewAction().trigger()  # View > Sources
    qtbot.waitUntil(lambda: dock.list.topLevelItemCount() > 0)
    titles = dock.source_titles()
    assert any(t.startswith("Robert Service, Trotsky (2009) (") for t in titles)
    assert any(t.startswith("Robert V. Daniels, Red October") and t.endswith("(0 facts)") for t in titles)
    # open the source and the page that cite Yulia's birth, as a user expands them
    s, c = next((s, c) for s, entry in enumerate(dock.entries) for c, cit in enumerate(entry.citations)
                if any(u.person_ids == ["@I7@"] and u.what.startswith("Birth") for u in cit.uses))
    top = dock.list.topLevelItem(s)
    assert top.childCount() == 0  # filled in only when opened
    top.setExpanded(True)
    page = top.child(c)
    page.setExpanded(True)
    yulia = next(leaf for leaf in child_items(page) if leaf.text(0).startswith("Yulia: Birth"))
    click(qtbot, dock.list, yulia)
    assert window.workspace.selected_id == "@I7@"
    use = next(u for u in dock.entries[s].citations[c].uses
               if u.person_ids == ["@I7@"] and u.what.startswith("Birth"))
    assert use.citation.text  # the bundled file quotes its sources
    shown = dock.excerpt_view.toPlainText()
    assert " ".join(use.citation.text[0].split()[:6]) in " ".join(shown.split())
    service = find_item(dock.list, "Robert Service, Trotsky")
    click(qtbot, dock.list, service)
    assert "Robert Service" in window.details.toPlainText()


def test_sources_filter_hides_what_does_not_match(qtbot, window):
    dock = tools(window).sources
    dock.toggleViewAction().trigger()
    qtbot.waitUntil(lambda: dock.list.topLevelItemCount() > 0)
    qtbot.keyClicks(dock.filter, "Patenaude")
    visible = [i.text(0) for i in child_items(dock.list.invisibleRootItem()) if not i.isHidden()]
    assert len(visible) == 1
    assert "Patenaude" in visible[0]
    # a person's name finds the sources that cite them, and opening one shows only their facts
    dock.filter.setText("Olga Greber")
    shown = [i for i in child_items(dock.list.invisibleRootItem()) if not i.isHidden()]
    assert shown
    assert not any("Daniels" in i.text(0) for i in shown)
    shown[0].setExpanded(True)
    pages = [p for p in child_items(shown[0]) if not p.isHidden()]
    pages[0].setExpanded(True)
    facts = [f.text(0) for f in child_items(pages[0]) if not f.isHidden()]
    assert facts
    assert all("Olga Greber" in f for f in facts)


def test_menus_offer_the_docks_and_the_relationship_dialog(window):
    titles = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    view_actions = [a.text() for a in titles["View"].actions()]
    for name in ("Timeline", "Sources", "Conflicts"):
        assert name in view_actions
    assert "Relationship…" in [a.text().replace("&", "") for a in titles["Tools"].actions()]


def test_person_menu_compares_with_the_selected_person(qtbot, window):
    window.workspace.select("@I2@")
    menu = QMenu()
    compare, _other = person_menu_actions(tools(window), menu, "@I7@")
    assert compare.text() == "Compare with Leon Trotsky"
    compare.trigger()
    dialog = tools(window).dialogs[-1]  # a child of the window, deleted when closed
    assert dialog.statements()[0] == "Yulia is Leon Trotsky's granddaughter"
    dialog.close()


def test_right_click_on_a_box_opens_the_person_menu(qtbot, window):
    window.view.finish_animation() if hasattr(window.view, "finish_animation") else None
    item = window.scene.item_for("@I1@")
    assert item is not None
    window.view.ensureVisible(item, 10, 10)
    point = window.view.mapFromScene(item.sceneBoundingRect().center())
    window.view.viewport().customContextMenuRequested.emit(point)
    menus = [m for m in window.view.findChildren(QMenu) if m.isVisible()]
    assert menus, "no context menu"
    assert "Relationship…" in [a.text() for a in menus[-1].actions()]
    menus[-1].close()
    QApplication.processEvents()


def test_fact_marks_for_the_details_dock(bundled_path):
    tree = read_file(bundled_path)
    sergei = tree.people["@I1@"]
    marks = fact_annotations(tree, "@I1@")
    professor = next(i for i, e in enumerate(sergei.events) if e.value.startswith("Professor"))
    text = fact_mark_html(tree, marks[professor])
    assert "1 citation" in text
    assert "sources differ" in text
    assert "Instructor at a higher technical school" in text
    assert "Patenaude" in text
    birth = next(i for i, e in enumerate(sergei.events) if e.tag == "BIRT")
    assert "sources differ" not in fact_mark_html(tree, marks[birth])
    assert "unsourced" in fact_mark_html(tree, FactAnnotation(0))


def test_fact_marks_escape_what_the_file_says():
    tree = Tree()
    tree.add_person(Person("@I1@", events=[
        Event("OCCU", "<b>boss</b>", citations=[Citation(description="<i>one</i>")]),
        Event("OCCU", "clerk & co", citations=[Citation(description="two")]),
    ]))
    text = fact_mark_html(tree, fact_annotations(tree, "@I1@")[1])
    assert "&lt;b&gt;boss&lt;/b&gt;" in text
    assert "&lt;i&gt;one&lt;/i&gt;" in text
    assert "<b>boss" not in text


def test_timeline_follows_the_selected_person_and_says_whose_it_is(qtbot, window):
    dock = tools(window).timeline
    assert dock.windowTitle() == "Timeline: Sergei Sedov"
    window.workspace.select("@I7@")  # a click on Yulia's box
    assert dock.person_label.text().startswith("Yulia")
    assert dock.windowTitle() == "Timeline: Yulia"
    assert dock.toggleViewAction().text() == "Timeline"  # the View menu keeps its word
    # a line of her timeline about her father shows him on the chart, and her timeline stays
    click(qtbot, dock.list, find_item(dock.list, "Death of father Sergei Sedov"))
    assert window.workspace.selected_id == "@I1@"
    assert dock.windowTitle() == "Timeline: Yulia"
