"""The printed person sheet: every section the dock shows, every value escaped, pages laid out."""

from __future__ import annotations

import pytest

from familytree.model import (
    ChildRef,
    ChildRelation,
    Citation,
    Date,
    Event,
    Family,
    Name,
    Note,
    NoteRef,
    Person,
    Place,
    Sex,
    Source,
    Tree,
)
from familytree.render.person_sheet import PersonSheet, person_sheet_html

pytestmark = pytest.mark.gui

EVIL = "<b>x</b> & <a href='y'>"


def nm(given: str, surname: str) -> Name:
    """A name built from its parts: markup in it must not meet the GEDCOM slash syntax."""
    return Name(full=f"{given} /{surname}/", given=given, surname=surname)


def family(evil: str = "") -> Tree:
    tree = Tree()
    other = Name(full="Other", given=f"Other{evil}", surname="Name", type_phrase="Also called")
    child = Person("@I1@", [nm(f"Child{evil}", "Person"), other], Sex.FEMALE)
    child.names[0].nickname = f"Kid{evil}"
    child.names[0].translations.append(Name(given=f"Дитя{evil}", lang="ru"))
    source = Source("@S1@", title=f"Parish register{evil}", author=f"Clerk{evil}", publication="1900")
    tree.add_source(source)
    cite = Citation("@S1@", page=f"folio 3{evil}", text=[f"baptised the child{evil}"], quality=3)
    child.events.append(Event("BIRT", date=Date.parse("2 MAR 1901"), place=Place(f"Town{evil}"),
                              citations=[cite]))
    child.events.append(Event("OCCU", value=f"weaver{evil}", notes=[Note(f"in the mill{evil}")]))
    child.notes.append(NoteRef("@N1@"))
    tree.add_note(Note(f"A life story{evil}\nwith two lines", id="@N1@"))
    tree.add_person(child)
    tree.add_person(Person("@I2@", [nm(f"Father{evil}", "Person")], Sex.MALE))
    tree.add_person(Person("@I3@", [nm(f"Husband{evil}", "Other")], Sex.MALE))
    tree.add_person(Person("@I4@", [nm(f"Grandchild{evil}", "Other")], Sex.FEMALE))
    tree.add_person(Person("@I5@", [nm(f"Brother{evil}", "Person")], Sex.MALE))
    tree.add_family(Family("@F1@", husband_id="@I2@", children=[ChildRef("@I1@"), ChildRef("@I5@")]))
    tree.add_family(Family("@F2@", husband_id="@I3@", wife_id="@I1@",
                           children=[ChildRef("@I4@", ChildRelation.ADOPTED)],
                           events=[Event("MARR", date=Date.parse("1925"))]))
    tree.link()
    return tree


def sheet_text(tree: Tree, person_id: str = "@I1@") -> str:
    return " ".join(PersonSheet(tree, person_id, 450, 650).document.toPlainText().split())


def test_every_section_is_on_the_sheet(qapp) -> None:
    text = sheet_text(family())
    for expected in ("Child Person", "Names", "Other Name \u2014 Also called",
                     "Kid \u2014 Nickname of Child Person", "Дитя \u2014 Russian form of Child Person",
                     "Facts",
                     "Birth", "2 March 1901, Town", "Occupation", "weaver",
                     "in the mill", "Family", "Parents", "Father Person", "Siblings", "Brother Person",
                     "Spouse", "Husband Other", "married 1925", "Children", "Grandchild Other", "adopted",
                     "Biography", "A life story", "with two lines", "Sources",
                     "Clerk, Parish register (1900), folio 3", "baptised the child", "primary evidence"):
        assert expected in text, expected


def test_citations_are_numbered_and_point_to_their_source(qapp) -> None:
    text = sheet_text(family())
    assert "2 March 1901, Town[1]" in text
    assert "[1] Clerk, Parish register" in text


@pytest.mark.parametrize("person_id", ["@I1@", "@I3@"])
def test_markup_in_any_value_is_text(qapp, person_id: str) -> None:
    tree = family(EVIL)
    html = person_sheet_html(tree, person_id)
    assert "<b>x</b>" not in html
    assert "<a href" not in html
    text = sheet_text(tree, person_id)
    names = [p.display_name() for p in tree.people.values() if p.display_name() in text]
    assert len(names) >= 2  # the person and family, with their markup characters as written
    assert all(EVIL in n for n in names)


def test_a_long_biography_runs_over_several_pages(qapp) -> None:
    tree = family()
    tree.notes["@N1@"].text = "\n".join(f"Paragraph {i} of a long life." * 8 for i in range(120))
    sheet = PersonSheet(tree, "@I1@", 450, 650)
    assert sheet.page_count > 2
    assert "Paragraph 119" in sheet.document.toPlainText()


def test_an_unknown_person_is_said_so(qapp) -> None:
    assert "No person @X9@" in sheet_text(family(), "@X9@")


@pytest.mark.parametrize("height", [97.0, 180.0, 333.0, 650.0])
def test_no_line_is_cut_between_pages(qapp, height: float) -> None:
    tree = family()
    tree.notes["@N1@"].text = "\n".join(f"Paragraph {i} of a long life, told at length." * 5
                                        for i in range(30))
    for i in range(25):  # a long table of facts, with two-line cells
        tree.people["@I1@"].events.append(Event("RESI", value=f"House {i}", date=Date.parse(f"{1920 + i}"),
                                                place=Place("Somewhere")))
    sheet = PersonSheet(tree, "@I1@", 450, height)
    lines = sheet._lines()
    assert sheet.page_count == len(sheet.breaks) - 1 > 1
    for cut in sheet.breaks[1:-1]:
        assert not any(top < cut < bottom for top, bottom in lines), f"a line is cut at {cut}"
    for top, bottom in zip(sheet.breaks, sheet.breaks[1:], strict=False):
        assert 0 < bottom - top <= height
    assert sheet.breaks[-1] >= max(bottom for _, bottom in lines)


def test_a_fact_with_no_details_says_so_and_marriages_say_how_they_ended(qapp) -> None:
    tree = family()
    tree.people["@I1@"].events.append(Event("CREM", value="Y"))  # happened; nothing more known
    tree.families["@F2@"].events.append(Event("DIV", date=Date.parse("1931")))
    text = sheet_text(tree)
    assert "Cremation no date or place recorded" in text
    assert "married 1925, divorced 1931" in text
    # PAF writes "DIV N" on couples who never divorced
    tree.families["@F2@"].events[-1] = Event("DIV", value="N")
    assert "divorced" not in sheet_text(tree)
    assert "married 1925" in sheet_text(tree)


def test_a_divorce_with_no_marriage_recorded_is_a_former_spouse(qapp) -> None:
    tree = family()
    tree.families["@F2@"].events = [Event("DIV", date=Date.parse("1931"))]
    assert "Spouse Husband Other divorced 1931" in sheet_text(tree).replace(" \u2014", "")


def test_a_list_headed_by_a_hebrew_name_is_still_set_left_to_right(qapp) -> None:
    # a block takes the direction of its first letter: the children's cell went flush right
    tree = family()
    tree.people["@I4@"].names[0] = nm("\u05e9\u05dc\u05d5\u05dd", "\u05db\u05d4\u05df")  # Shalom Cohen
    tree.add_person(Person("@I6@", [nm("Second", "Child")], Sex.MALE))
    tree.families["@F2@"].children.append(ChildRef("@I6@"))
    tree.link()
    sheet = PersonSheet(tree, "@I1@", 450, 650)
    block = sheet.document.begin()
    while block.isValid() and "Second Child" not in block.text():
        block = block.next()
    assert block.isValid()
    lines = block.layout()
    lefts = [lines.lineAt(i).naturalTextRect().left() for i in range(lines.lineCount())]
    assert len(lefts) == 2
    assert max(lefts) < 1.0  # both names start at the cell's left edge


def test_dates_ages_and_places_are_in_words_as_in_the_window(qapp) -> None:
    tree = family()
    child = tree.people["@I1@"]
    child.events.append(Event("DEAT", date=Date.parse("BEF 1956"), age="<55y",
                              place=Place("Buckingham House,,London,England")))
    tree.people["@I2@"].events.append(Event("BIRT", date=Date.parse("ABT 1870")))
    text = sheet_text(tree)
    assert "1901 \u2013 before 1956" in text  # the life years
    assert "Buckingham House, London, England" in text
    assert "aged under 55" in text
    assert "born about 1870" in text  # the father, in the family
    assert "<" not in text


def test_quotation_marks_pair_up_and_each_excerpt_is_printed_once(qapp) -> None:
    tree = family()
    child = tree.people["@I1@"]
    # excerpts cut out of quotations: one opened and not closed, one closed and not opened
    page = "folio 4"
    cut_open = Citation("@S1@", page=page, text=['"Natalia is haunted by the thought (if he is in prison).'])
    cut_close = Citation("@S1@", page=page, text=['Soon he was released and worked in the mines."'])
    child.events.append(Event("RESI", value="Prison", citations=[cut_open, cut_close]))
    child.events.append(Event("EMIG", citations=[Citation("@S1@", page=page, text=["worked in the mines"])]))
    text = sheet_text(tree)
    sources = text[text.index("Sources"):]
    for quote_open, quote_close in (('"', '"'), ("\u201c", "\u201d")):
        assert sources.count(quote_open) % 2 == 0 if quote_open == '"' else \
            sources.count(quote_open) == sources.count(quote_close)
    assert '"Natalia is haunted by the thought (if he is in prison)."' in sources
    assert '"Soon he was released and worked in the mines."' in sources
    assert sources.count("worked in the mines") == 1  # the shorter excerpt is inside the longer one
    assert sources.count("folio 4") == 1  # one place in the source, one entry


def test_a_note_wrapped_by_hand_prints_as_paragraphs(qapp) -> None:
    tree = family()
    tree.notes["@N1@"].text = ("He was inaugurated as the 42nd President of the United States\n"
                               "on 20 January 1993, and served two terms in the office.\n\n"
                               "A second paragraph.")
    sheet = PersonSheet(tree, "@I1@", 450, 650)
    plain = sheet.document.toPlainText()
    assert "United States on 20 January 1993" in plain
    assert "\nA second paragraph." in plain


def test_the_sheet_says_birth_and_death_in_words_and_sex_without_a_symbol(qapp) -> None:
    tree = family()
    death = Date.parse("1937", "believed executed later in 1937")
    tree.people["@I1@"].events.append(Event("DEAT", date=death, cause="Believed executed"))
    text = sheet_text(tree)
    assert "Born 2 March 1901; believed executed 1937" in text
    assert "female" in text
    assert "\u2640" not in text


@pytest.mark.parametrize("height", [120.0, 211.0, 300.0, 437.0])
def test_no_heading_is_left_at_the_foot_of_a_page(qapp, bundled_path, height: float) -> None:
    """A heading and the first line under it share a page: never the heading drawn at the foot
    of one page and its section on the next."""
    from familytree.gedcom import read_file

    tree = read_file(bundled_path)
    for person_id in ("@I1@", "@I2@"):
        sheet = PersonSheet(tree, person_id, 450, height)
        layout = sheet.document.documentLayout()
        block = sheet.document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel():
                top = layout.blockBoundingRect(block).top()
                following = block.next()
                while following.isValid() and not following.text().strip():
                    following = following.next()
                first_line = following.layout().lineAt(0)
                bottom = layout.blockBoundingRect(following).top() + first_line.y() + first_line.height()
                page = next(i for i, cut in enumerate(sheet.breaks[1:]) if top < cut)
                assert bottom <= sheet.breaks[page + 1] + 0.5, (person_id, block.text())
            block = block.next()


def test_the_sheets_pages_are_headed_person_sheet_not_the_chart(qapp, bundled_path, tmp_path) -> None:
    import shutil
    import subprocess

    from familytree.gedcom import read_file
    from familytree.layout import ChartType, layout_chart
    from familytree.render.export import ChartPrint, PageKind, PrintOptions, write_pdf
    from familytree.render.items import make_sizer

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text back")
    tree = read_file(bundled_path)
    layout = layout_chart(tree, ChartType.HOURGLASS, "@I1@", 3, 3, make_sizer())
    job = ChartPrint(tree, layout, PrintOptions(person_sheet=True))
    out = tmp_path / "sheet.pdf"
    write_pdf(job, out)
    for number, page in enumerate(job.pages, start=1):
        pages = ["-f", str(number), "-l", str(number)]
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(out), "-"],
                              check=True, capture_output=True, text=True).stdout
        head = text.strip().split("\n")[0]
        if page.kind is PageKind.PERSON_SHEET:
            assert head.startswith("Person sheet: Sergei Sedov"), head
            assert "chart of" not in text
        else:
            assert head.startswith("Hourglass chart of Sergei Sedov"), head
