"""What a newcomer met in the details panel and the person sheet: sources named by their xref, "died"
with nothing after it, facts with nothing in them, "?" in running text, aliases that vanished."""

from __future__ import annotations

import pytest

from familytree.evidence.biography import without_heading
from familytree.evidence.facts import life_summary
from familytree.evidence.names import name_forms
from familytree.evidence.sources import citation_text
from familytree.gedcom import read_file
from familytree.model import Citation, Event, Person, Place, Source, Structure, Tree
from familytree.render.person_sheet import PersonSheet
from familytree.ui.details import DetailsPanel
from support.corpus import corpus_file


def sheet_text(tree: Tree, person_id: str) -> str:
    return " ".join(PersonSheet(tree, person_id, 450, 650).document.toPlainText().split())


def cited(source: Source) -> tuple[str, str]:
    """A source's line in the sources index and a citation of it as a reference reads."""
    tree = Tree()
    tree.add_source(source)
    return source.display(), citation_text(tree, Citation(source.id, page="p. 4"))


@pytest.mark.parametrize(("source", "named"), [
    (Source("@S1@", text="p. 221, MVR 212 [Amended Rec]:45"), "p. 221, MVR 212 [Amended Rec]:45"),
    (Source("@S1@", abbreviation="Kiev register"), "Kiev register"),
    (Source("@S1@", publication="Moscow, 1930"), "Moscow, 1930"),
    (Source("@S1@"), "Untitled source"),
    # EasyTree writes a source's title as "1 NAME", kept as read
    (Source("@S1@", extra=[Structure("NAME", "Rose, by Gail Cameron.")], text="Chapter 3"),
     "Rose, by Gail Cameron."),
])
def test_an_untitled_source_is_named_by_what_it_records_not_its_xref(source: Source, named: str) -> None:
    for line in cited(source):
        assert named in line
        assert "@S1@" not in line


def test_a_long_source_text_names_the_source_by_its_first_words() -> None:
    line, reference = cited(Source("@S1@", text="Register of births of the parish of Kiev " * 40))
    assert line.startswith("Register of births")
    assert line.endswith("\u2026")
    assert len(line) < 80
    assert reference.startswith("Register of births")
    assert reference.endswith("p. 4")


def test_kennedy_sheet_names_his_untitled_source_by_its_text(qapp) -> None:
    tree = read_file(corpus_file("real/kennedy-ancestris.ged"))
    text = sheet_text(tree, "@I104@")
    assert "p. 221, MVR 212" in text
    assert "@S10@" not in text
    assert "@S13@" not in text


def test_a_death_with_a_place_and_no_date_says_where(qapp) -> None:
    tree = read_file(corpus_file("encodings/vendor/Irish_Kings-ftm17-ANSI-cp1252.ged"))
    heremon = tree.people["@I00062@"]
    assert life_summary(heremon) == "died in 1683BC in Ireland"  # the file's place: "1683BC in Ireland"
    assert "Died in 1683BC in Ireland" in sheet_text(tree, heremon.id)
    buried = Person("@I1@", events=[Event("BURI", place=Place("Leeds,,England"))])
    assert life_summary(buried) == "buried in Leeds, England"
    at_sea = Person("@I1@", events=[Event("DEAT", place=Place("at sea"))])
    assert life_summary(at_sea) == "died at sea"


def test_running_text_says_an_unknown_death_year_in_words(qapp) -> None:
    tree = read_file(corpus_file("gramps/sample.ged"))
    martin = tree.people["@I39@"]  # born between 1794 and 1796; a death with no date
    assert martin.lifespan() == "bet. 1794 and 1796 \u2013 ?"  # a chart box keeps its short mark
    assert martin.lifespan(short=False) == "between 1794 and 1796 \u2013 unknown"
    assert "?" not in sheet_text(tree, martin.id)
    # every person whose death the file gives without a year, as the panel and sheet write them
    undated = [p for p in tree.people.values() if p.death and not (p.death.date and p.death.date.year)]
    assert undated
    assert all("?" not in p.lifespan(short=False) for p in undated)


def test_an_alias_written_as_a_name_is_one_of_the_persons_names(qapp) -> None:
    tree = read_file(corpus_file("encodings/vendor/Irish_Kings-ftm17-ANSI-cp1252.ged"))
    heremon = tree.people["@I00062@"]
    assert ("Eremon", "Also known as") in [(f.text, f.what) for f in name_forms(heremon)]
    assert "Eremon \u2014 Also known as" in sheet_text(tree, heremon.id)
    # a pointer ALIA (GEDCOM's own meaning: another record of the same person) is not a name
    pointer = Person("@I1@", extra=[Structure("ALIA", "@I2@", pointer=True)])
    assert name_forms(pointer) == []


def test_a_fact_with_nothing_but_its_name_says_so_in_the_panel_and_on_the_sheet(qapp) -> None:
    tree = read_file(corpus_file("gedcom7/familysearch-gedcom.io/gedcom70/maximal70.ged"))
    panel = DetailsPanel()
    panel.show_person(tree, "@I1@")
    lines = [line.strip() for line in panel.toPlainText().splitlines()]  # a table's cells: a line each
    after = [lines[i + 1] for i, line in enumerate(lines[:-1]) if line == "Baptism"]
    assert len(after) == 2  # "1 BAPM" with only its TYPE, and a bare "1 BAPM Y"
    assert sorted(cell.split(",")[0] for cell in after) == ["bapm type", "no date or place recorded"]
    assert "Baptism no date or place recorded" in sheet_text(tree, "@I1@")


def test_a_biography_that_starts_with_its_own_heading_does_not_repeat_it(qapp) -> None:
    tree = read_file(corpus_file("gramps/sample.ged"))
    panel = DetailsPanel()
    panel.show_person(tree, "@I8@")  # Gramps: "BIOGRAPHY", a blank line, then the text
    for text in (panel.toPlainText(), sheet_text(tree, "@I8@")):
        assert "Hjalmar sailed from Copenhagen" in text
        assert "BIOGRAPHY" not in text
    assert without_heading("Biography:\nBorn in Kiev.", "Biography") == "Born in Kiev."
    assert without_heading("Biography of a soldier", "Biography") == "Biography of a soldier"
    assert without_heading("BIOGRAPHY", "Biography") == "BIOGRAPHY"  # nothing else: kept, not emptied
