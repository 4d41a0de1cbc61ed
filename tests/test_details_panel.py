"""The details panel read as a person reads it: header and facts first, sources marked where they back
the biography, each source once with its excerpt folded until asked for, names saying what they are."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QRect, QRegularExpression, Qt
from PySide6.QtGui import QTextCursor

from familytree.gedcom import read_file
from familytree.model import Citation, Date, Event, Name, NameType, Note, Person, Place, Sex, Source, Tree
from familytree.ui.details import DetailsPanel
from familytree.ui.details_sections import FOLDED_EXCERPT
from support.windows import make_window

pytestmark = pytest.mark.gui

SECTIONS = ("Facts and events", "Family", "Biography", "Names", "Sources")
LONG_EXCERPT = ("While continuing to enjoy meeting the luminaries of the town at the cafe, he took his sons "
                "to the park to play football; and all the family liked to visit their friends. The boys "
                "took to Vienna like ducks to water, rather too much for their father's liking.")


def plain(panel: DetailsPanel) -> str:
    """The page's text without the direction isolates around names, lines joined."""
    return " ".join(panel.toPlainText().replace("\u2068", "").replace("\u2069", "").split())


def anna() -> Tree:
    tree = Tree()
    tree.add_source(Source("@S1@", title="Parish register of Kiev", publication="1901"))
    tree.add_source(Source("@S2@", title="Nursing in Odessa", author="Maria Petrova", publication="1930"))
    tree.add_source(Source("@S3@", title="Anna Lee", abbreviation='Article "Anna Lee"'))
    register = Citation("@S1@", page="folio 3", text=["Born to Ivan Lee, a daughter Anna, 2 May 1901."])
    school = Citation("@S2@", page="p. 40", text=["Anna Lee trained at the hospital school from 1919."])
    article = Citation("@S3@", page='Article "Anna Lee", section "Odessa"', text=[LONG_EXCERPT])
    article_too = Citation("@S3@", page='Article "Anna Lee", section "Odessa"',
                           text=["The boys took to Vienna like ducks to water"])
    person = Person("@I1@", [
        Name.from_gedcom("Anna /Lee/", translations=[Name.from_gedcom("Анна /Ли/", lang="ru")]),
        Name.from_gedcom("Annushka", type=NameType.OTHER,
                         type_phrase="nickname, as spelt in Trotsky's diary",
                         notes=[Note("A form the sources\ndo not give.")]),
    ], Sex.FEMALE, [
        Event("BIRT", date=Date.parse("2 MAY 1901"), place=Place("Kiev,, Ukraine"), citations=[register]),
        Event("OCCU", value="Nurse", place=Place("Odessa"), citations=[school, article_too]),
        Event("DEAT", date=Date.parse("1980"), place=Place("Leeds"), citations=[article]),
    ])
    person.notes = [Note("Anna Lee was born in Kiev on 2 May 1901. She trained as a nurse in\n"
                         "Odessa, at the hospital school. She died in Leeds in 1980.")]
    person.citations = [Citation("@S2@", page="p. 40", text=["trained at the hospital school from 1919"])]
    tree.add_person(person)
    tree.link()
    return tree


def shown(tree: Tree, person_id: str = "@I1@", width: int = 480, height: int = 900) -> DetailsPanel:
    panel = DetailsPanel()
    panel.resize(width, height)
    panel.show_person(tree, person_id)
    return panel


def test_sections_come_header_first_then_facts_family_biography_names_sources(qapp) -> None:
    text = plain(shown(anna()))
    assert text.startswith("Anna Lee 1901\u20131980 Female, born 2 May 1901; died 1980")
    places = [text.index(heading) for heading in SECTIONS if heading in text]
    assert places == sorted(places)
    assert len(places) == 4  # no family: no heading for it


def test_marks_follow_the_sentence_that_states_what_they_back(qapp) -> None:
    text = plain(shown(anna()))
    biography = text[text.index("Biography"):text.index("Names")]
    # the note's lines are joined into its sentences, each followed by the numbers of its sources
    # numbered in reading order: the facts (birth, death, then the undated occupation) first
    assert "Anna Lee was born in Kiev on 2 May 1901.[1] She trained as a nurse in Odessa, at the hospital " \
           "school.[2, 3] She died in Leeds in 1980.[2]" in biography


def test_each_place_in_a_source_is_listed_once_by_its_reference(qapp) -> None:
    text = plain(shown(anna()))
    sources = text[text.index("Sources"):]
    assert re.findall(r"\b\d\. ", sources) == ["1. ", "2. ", "3. "]
    assert "1. Parish register of Kiev (1901), folio 3" in sources
    assert "3. Maria Petrova, Nursing in Odessa (1930), p. 40" in sources
    # the article is cited as an article, not as written by the person it is about
    assert '2. Article "Anna Lee", section "Odessa"' in sources
    assert "Anna Lee, Article" not in text


def test_titles_are_in_italics(qapp) -> None:
    panel = shown(anna())
    cursor = panel.document().find("Nursing in Odessa")
    assert cursor.charFormat().fontItalic()
    assert not panel.document().find("Maria Petrova").charFormat().fontItalic()


def click_anchor(qtbot, panel: DetailsPanel, position: int) -> None:
    """Click the link at a document position, as a user does: scrolled into view, then the mouse."""
    cursor = QTextCursor(panel.document())
    cursor.setPosition(position + 1)
    panel.setTextCursor(cursor)
    panel.ensureCursorVisible()
    rect = panel.cursorRect(cursor)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_an_excerpt_is_folded_until_show_excerpt_is_clicked(qtbot) -> None:
    panel = shown(anna(), height=500)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    ending = "rather too much for their father's liking."
    assert ending not in plain(panel)  # folded to its first words
    assert LONG_EXCERPT[:60] in plain(panel)
    links = panel.anchor_positions("excerpt")
    assert list(links) == ["2"]  # the short excerpts are whole already: no link
    # the excerpts quoted inside longer ones are not shown again
    assert "show excerpt" in plain(panel)
    assert "excerpts" not in plain(panel)
    click_anchor(qtbot, panel, links["2"][0])
    assert ending in plain(panel)
    assert "hide excerpt" in plain(panel)
    click_anchor(qtbot, panel, panel.anchor_positions("excerpt")["2"][0])
    assert ending not in plain(panel)


def test_the_bundled_panel_is_not_a_wall_of_excerpts(qapp, bundled_path) -> None:
    tree = read_file(bundled_path)
    panel = shown(tree)
    sources = plain(panel)[plain(panel).index("Sources"):]
    excerpts = [t for c in tree.person_citations("@I1@") + tree.people["@I1@"].citations for t in c.text]
    assert sum(len(t) for t in excerpts) > 3 * len(sources)  # folded, they take a third of the room
    numbers = [m.group(1) for line in panel.toPlainText().split("\n") if (m := re.match(r"(\d+)\. ", line))]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert len(numbers) <= 12  # each place cited once (the file has 42 citations of Sergei)
    assert "Sergei Sedov, Article" not in plain(panel)


def test_names_say_what_each_form_renders_and_keep_the_sources_capitals(qapp) -> None:
    text = plain(shown(anna()))
    names = text[text.index("Names"):text.index("Sources")]
    assert "Анна Ли \u2014 Russian form of Anna Lee" in names
    assert "Annushka \u2014 Nickname, as spelt in Trotsky's diary A form the sources do not give." in names
    assert "In Russian" not in names


def start_of(panel: DetailsPanel, found: QTextCursor) -> QRect:
    """Where a text found on the page starts, in the panel's viewport."""
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart())
    return panel.cursorRect(cursor)


def test_facts_give_their_values_the_width(qapp) -> None:
    panel = shown(anna(), width=480)
    panel.show()
    facts = panel.document().find("Facts and events")
    value = start_of(panel, panel.document().find("2 May 1901", facts))
    label = start_of(panel, panel.document().find("Birth", facts))
    assert label.left() < value.left() < panel.viewport().width() * 0.32
    place = panel.document().find("Kiev, Ukraine")  # the file's empty jurisdiction dropped
    assert not place.isNull()


def test_a_family_fact_says_who_with_after_what_it_was(qapp) -> None:
    tree = anna()
    tree.add_person(Person("@I2@", [Name.from_gedcom("Pyotr /Ivanov/")], Sex.MALE))
    from familytree.model import Family

    tree.add_family(Family("@F1@", "@I2@", "@I1@", events=[
        Event("RESI", value="Set up home together", date=Date.parse("1925"))]))
    tree.link()
    assert "Residence Set up home together, with Pyotr Ivanov, 1925" in plain(shown(tree))


def test_a_facts_kind_and_notes_are_shown_under_it_as_the_printed_sheet_shows_them(qapp) -> None:
    """A TYPE under any fact ("Tomb in Milverton church" under a death) and a fact's own notes are what the
    file says of it: shown with the fact, the marks after its line; a fact with only a note says the note."""
    tree = anna()
    person = tree.people["@I1@"]
    person.events.append(Event("DEAT", type="Tomb in Milverton church", date=Date.parse("1 MAR 1687"),
                               notes=[Note("Buried beside her mother")],
                               citations=[Citation("@S1@", page="folio 9")]))
    person.events.append(Event("EVEN", type="Marriage", notes=[Note("Description: 2nd marriage")]))
    page = plain(shown(tree))
    assert re.search(r"Death Tomb in Milverton church, 1 March 1687 ?\[\d+\] ?Buried beside her mother", page)
    assert "Marriage Description: 2nd marriage" in page
    assert "no date or place recorded" not in page  # the note is what there is to say of that marriage


def test_an_event_whose_type_is_its_own_tag_is_an_event(qapp) -> None:
    """TGC55C's "1 EVEN / 2 TYPE EVEN": labelled "Event", not a tag, and the type not said again."""
    assert Event("EVEN", type="EVEN").label == "Event"
    assert Event("FACT", type="Skills").label == "Skills"
    tree = anna()
    tree.people["@I1@"].events.append(Event("EVEN", type="EVEN", date=Date.parse("1930")))
    page = plain(shown(tree))
    assert "Event 1930" in page
    assert "EVEN" not in page


def test_a_life_without_dates_reads_birth_first_and_death_last(qapp) -> None:
    """Undated facts follow the dated ones, but an undated birth comes first and an undated burial last:
    "Death 896, Birth Dublin" read backwards (IvarKingOfDublin)."""
    tree = Tree()
    tree.add_person(Person("@I1@", [Name.from_gedcom("Amlaib /Mac Imar/")], Sex.MALE, events=[
        Event("BURI", place=Place("Iona")), Event("DEAT", date=Date.parse("896")),
        Event("OCCU", value="King of Dublin"), Event("BIRT", place=Place("Dublin, Ireland")),
        Event("RESI", date=Date.parse("880"), place=Place("Dublin"))]))
    page = plain(shown(tree))
    order = [page.index(w) for w in ("Birth Dublin, Ireland", "Residence", "Death 896", "King of Dublin",
                                     "Burial Iona")]
    assert order == sorted(order)


def test_header_and_facts_are_on_the_first_screen_of_the_window(qtbot, bundled_path) -> None:
    # 1300 x 800: the dock at its narrowest default (420 pixels), shorter than at 1600 x 1000
    window = make_window(qtbot, bundled_path)
    window.workspace.select("@I1@")
    panel = window.details
    assert panel.width() <= 480
    assert panel.verticalScrollBar().value() == 0
    view = panel.viewport().rect()
    document = panel.document()
    for text in ("Sergei Sedov", "born 21 March 1908", "Facts and events", "Birth", "Residence", "Education"):
        found = document.find(text)
        assert not found.isNull(), text
        assert view.contains(start_of(panel, found)), f"{text} is below the first screen"


@pytest.mark.parametrize("note", [
    # pres2020.ged's note on Bill Clinton: CONT lines inside its sentences
    "Bill Clinton was born William Jefferson Blythe IV.  His last name was legally\n"
    "changed to Clinton on 12 June 1962 in Garland, Arkansas.  Won the 1992\n"
    "election over then president George Bush (votes not currently available).\n"
    "He was inaugurated as the 42nd President of the United States\non 20 January 1993.",
])
def test_a_note_with_hard_line_breaks_reads_as_a_paragraph(qapp, note: str) -> None:
    tree = Tree()
    tree.add_person(Person("@I1@", [Name.from_gedcom("William Jefferson /Clinton/")], Sex.MALE,
                           notes=[Note(note)]))
    panel = shown(tree)
    biography = panel.toPlainText().split("Biography\n", 1)[1].split("\nNames")[0]
    assert "United States on 20 January 1993." in biography
    assert "\n" not in biography


def test_folded_excerpts_are_about_two_lines(qapp, bundled_path) -> None:
    panel = shown(read_file(bundled_path))
    for block_text in panel.toPlainText().split("\n"):
        if block_text.endswith(("show excerpt", "excerpts")):
            assert len(block_text) < FOLDED_EXCERPT + 30


def test_unsourced_is_said_once_where_nothing_is_sourced_and_beside_the_fact_otherwise(qapp) -> None:
    from familytree.ui.evidence import fact_mark_html

    tree = anna()
    panel = DetailsPanel()
    panel.fact_mark = fact_mark_html
    tree.people["@I1@"].events.append(Event("RESI", place=Place("York")))
    panel.show_person(tree, "@I1@")
    text = plain(panel)
    assert text.count("unsourced") == 1
    assert "Residence York \u00b7 unsourced" in text
    assert "citation" not in text  # a sourced fact's marks say it: no "1 citation" beside them
    for event in tree.people["@I1@"].events:
        event.citations.clear()
    for name in tree.people["@I1@"].names:
        name.citations.clear()
    tree.people["@I1@"].citations.clear()
    panel.show_person(tree, "@I1@")
    assert "unsourced" not in plain(panel)
    assert "No source is cited for these facts." in plain(panel)
    # sources cited for the person as a whole (1 SOUR under the INDI): said, not "no source" alone
    tree.people["@I1@"].citations.append(Citation("@S2@", page="p. 40"))
    panel.show_person(tree, "@I1@")
    assert "No source is cited for these facts; the sources below are cited for the person or a name." \
        in plain(panel)


def test_clicking_a_mark_goes_to_its_source(qtbot, bundled_path) -> None:
    panel = shown(read_file(bundled_path), height=400)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    document = panel.document()
    biography = document.find("Biography")
    mark = document.find("]", biography)  # the end of the first mark in the biography
    cursor = QTextCursor(document)
    cursor.setPosition(mark.selectionStart() - 1)  # on its last number
    number = document.characterAt(cursor.position())
    assert number.isdigit()
    cursor.setPosition(cursor.position() + 1)
    panel.setTextCursor(cursor)
    panel.ensureCursorVisible()
    rect = panel.cursorRect(cursor)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - QPoint(3, 0))
    entry = document.find(QRegularExpression(rf"^{number}\. "), document.find("Sources"))
    assert not entry.isNull()
    assert panel.viewport().rect().contains(start_of(panel, entry)), "the source is not in view"
