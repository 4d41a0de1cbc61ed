"""--living on the command line: charts (SVG, PDF, person sheet) and converted files (5.5.1, 7.0, GEDZIP)
hold nothing of the living and the private, in each mode; the default shows everything as before."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from familytree import cli
from familytree.gedcom import read_file
from familytree.privacy import LIVING_NAME, infer_living
from support.privacy import (
    FAMILY,
    HIDDEN_FACTS,
    HIDDEN_NAMES,
    PRIVATE_FACTS,
    PUBLIC_NAMES,
    write_family,
)

MODES = ["show", "name", "private", "omit"]
# what a chart shows of the family: names and life years (no places, notes or occupations)
CHART_HIDDEN = ["1955", "1985", "1800", "1870"]


def _svg_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return raw + "\n" + " ".join(ET.fromstring(raw).itertext())


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text back")
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True)
    return " ".join(done.stdout.split())


def _found(text: str, words: list[str]) -> list[str]:
    return [w for w in words if w in text]


def _expect_hidden(text: str, mode: str, facts: list[str]) -> None:
    """Everything of `facts` and the hidden names shows with `show`; nothing of them otherwise,
    but the names with `name`, and "Living" with `private`."""
    if mode == "show":
        assert _found(text, facts + HIDDEN_NAMES) == facts + HIDDEN_NAMES
        return
    assert _found(text, facts) == []
    assert _found(text, HIDDEN_NAMES) == (HIDDEN_NAMES if mode == "name" else [])
    assert (LIVING_NAME in text) is (mode == "private")


@pytest.mark.gui
@pytest.mark.parametrize("mode", MODES)
def test_svg_chart_in_each_mode(qapp, tmp_path: Path, mode: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "chart.svg"
    assert cli.main(["export", str(out), "--file", str(write_family(tmp_path)), "--focus", "@I3@",
                     "--living", mode]) == 0
    text = _svg_text(out)
    _expect_hidden(text, mode, CHART_HIDDEN)
    assert _found(text, PUBLIC_NAMES + ["1850", "1890"]) == PUBLIC_NAMES + ["1850", "1890"]
    err = capsys.readouterr().err
    if mode == "show":
        assert err == ""
    else:
        assert "3 living people and 1 person marked private" in err
        assert ("left out" if mode == "omit" else "hidden") in err


@pytest.mark.gui
@pytest.mark.parametrize("mode", MODES)
def test_pdf_chart_and_person_sheet_in_each_mode(qapp, tmp_path: Path, mode: str) -> None:
    family = write_family(tmp_path)
    out = tmp_path / "chart.pdf"
    assert cli.main(["export", str(out), "--file", str(family), "--focus", "@I3@", "--person-sheet",
                     "--living", mode]) == 0
    _expect_hidden(_pdf_text(out), mode, CHART_HIDDEN)
    if mode == "omit":
        return  # Sofia is left out: a sheet of her own is refused (below)
    sheet = tmp_path / "sofia.pdf"
    assert cli.main(["export", str(sheet), "--file", str(family), "--focus", "@I6@", "--person-sheet",
                     "--living", mode]) == 0
    facts = ["Kazan", "Pilot", "Murmansk", "1985", "Sofia's diary", "Shared secret", "Register entry"]
    text = _pdf_text(sheet)
    if mode == "show":
        assert _found(text, facts) == facts
    else:
        assert _found(text, facts) == []
        assert ("Sofia Petrova" in text) is (mode == "name")


@pytest.mark.gui
@pytest.mark.parametrize(("mode", "note"), [("show", None), ("name", "hidden (names only"),
                                            ("private", "hidden ("), ("omit", "left out")])
def test_every_printed_page_says_what_was_hidden(qapp, tmp_path: Path, mode: str, note: str | None) -> None:
    out = tmp_path / "chart.pdf"
    assert cli.main(["export", str(out), "--file", str(write_family(tmp_path)), "--focus", "@I3@",
                     "--person-sheet", "--living", mode]) == 0
    text = _pdf_text(out)
    pages = text.count(" Page ")  # each page's footer: "Page 2 of 2"
    assert pages >= 2
    if note is None:
        assert "hidden" not in text
        assert "left out" not in text
    else:
        assert text.count(note) >= pages, text[-300:]


@pytest.mark.gui
def test_a_focus_left_out_is_a_clear_error(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "chart.svg"
    assert cli.main(["export", str(out), "--file", str(write_family(tmp_path)), "--focus", "Sofia Petrova",
                     "--living", "omit"]) != 0
    err = capsys.readouterr().err
    assert "@I6@ is treated as living or private and is left out (--living omit); choose another" in err
    assert not out.exists()


@pytest.mark.gui
@pytest.mark.parametrize(("mode", "yulia"), [("show", "Yulia"), ("name", "Yulia"), ("private", LIVING_NAME)])
def test_the_bundled_family_hides_yulia(qapp, tmp_path: Path, mode: str, yulia: str) -> None:
    out = tmp_path / "bundled.svg"
    assert cli.main(["export", str(out), "--focus", "Yulia", "--living", mode, "--generations", "2"]) == 0
    text = _svg_text(out)
    assert yulia in text
    assert ("1936" in text) is (mode == "show")
    assert "Sergei Sedov" in text  # dead, shown in every mode


# -- convert -----------------------------------------------------------------------------------------

def _convert(source: Path, out: Path, mode: str, *extra: str) -> str:
    assert cli.main(["convert", str(source), str(out), "--living", mode, *extra]) == 0
    if out.suffix == ".gdz":
        with zipfile.ZipFile(out) as z:
            return z.read("gedcom.ged").decode("utf-8-sig")
    return out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("target", ["out.ged:5.5.1", "out.ged:7.0", "out.gdz:7.0"])
def test_converted_files_in_each_mode(tmp_path: Path, mode: str, target: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    name, _, version = target.partition(":")
    out = tmp_path / name
    text = _convert(write_family(tmp_path), out, mode, "--gedcom", version)
    facts = HIDDEN_FACTS + PRIVATE_FACTS
    if mode == "show":
        assert _found(text, facts) == facts
    else:
        _expect_hidden(text, mode, facts)
    again = read_file(out)
    assert again.diagnostics == []  # the output reads back with no problem
    assert again.check() == []
    people = len(again.people)
    assert people == (3 if mode == "omit" else 7)
    said = capsys.readouterr()
    assert f"{people} individuals" in said.out
    assert ("marked private" in said.err) is (mode != "show")


def test_gedzip_leaves_out_the_photos_of_the_hidden(tmp_path: Path) -> None:
    source = tmp_path / "family.gdz"
    with zipfile.ZipFile(source, "w") as z:
        z.writestr("gedcom.ged", FAMILY)
        z.writestr("sofia.jpg", b"\xff\xd8 a photo of Sofia")
        z.writestr("ivan.jpg", b"\xff\xd8 a photo of Ivan")
        z.writestr("unused.jpg", b"\xff\xd8 named by no record")
    for mode, members in (("show", ["gedcom.ged", "ivan.jpg", "sofia.jpg", "unused.jpg"]),
                          ("name", ["gedcom.ged", "ivan.jpg", "unused.jpg"])):
        out = tmp_path / f"{mode}.gdz"
        _convert(source, out, mode)
        with zipfile.ZipFile(out) as z:
            assert sorted(z.namelist()) == members


def test_the_bundled_family_shared_with_names_holds_no_date_place_or_note_of_the_living(
        tmp_path: Path, bundled_path: Path) -> None:
    original = read_file(bundled_path)
    verdicts = infer_living(original)
    living = {pid for pid, v in verdicts.items() if v.living}
    assert "Yulia" in {original.people[pid].display_name() for pid in living}
    out = tmp_path / "shared.ged"
    _convert(bundled_path, out, "name")
    shared = read_file(out)
    assert shared.diagnostics == []
    for pid in living:
        p = shared.people[pid]
        assert p.display_name() == original.people[pid].display_name()
        assert (p.events, p.notes, p.citations, p.media, p.extra) == ([], [], [], [], [])
    for f in shared.families.values():
        if any(p in living for p in f.partner_ids):
            assert (f.events, f.notes, f.media, f.citations) == ([], [], [], [])
    assert len(shared.people) == len(original.people)


# A dead husband and a living widow: their wedding is hers as much as his.
WIDOW = """\
0 HEAD
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR UTF-8
0 @I1@ INDI
1 NAME John /Kennard/
1 SEX M
1 BIRT
2 DATE 29 MAY 1917
1 DEAT
2 DATE 22 NOV 1963
2 PLAC Dallas
1 FAMS @F1@
0 @I2@ INDI
1 NAME Jacqueline /Bouvard/
1 SEX F
1 BIRT
2 DATE 28 JUL 1969
1 FAMS @F1@
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 MARR
2 DATE 12 SEP 1953
2 PLAC Newport
2 MAP
3 LATI N41.49
3 LONG W71.31
2 SOUR @S1@
3 PAGE Wedding register
1 NOTE A small wedding at the chapel
1 OBJE @M1@
0 @S1@ SOUR
1 TITL Parish register
0 @M1@ OBJE
1 FILE wedding.jpg
2 FORM jpg
0 TRLR
"""
WEDDING = ["1953", "Newport", "N41.49", "Wedding register", "small wedding", "wedding.jpg", "Parish register"]


@pytest.mark.parametrize("mode", ["name", "private", "omit"])
def test_a_family_with_one_living_partner_keeps_none_of_its_facts(tmp_path: Path, mode: str) -> None:
    source = tmp_path / "widow.ged"
    source.write_text(WIDOW, encoding="utf-8")
    shown = _convert(source, tmp_path / "show.ged", "show")
    assert _found(shown, WEDDING) == WEDDING
    text = _convert(source, tmp_path / f"{mode}.ged", mode)
    assert _found(text, WEDDING) == []
    assert _found(text, ["1917", "Dallas", "John /Kennard/"]) == ["1917", "Dallas", "John /Kennard/"]
    assert read_file(tmp_path / f"{mode}.ged").diagnostics == []


@pytest.mark.gui
@pytest.mark.parametrize("mode", ["name", "private"])
def test_the_dead_partners_sheet_shows_no_wedding_of_the_living(qapp, tmp_path: Path, mode: str) -> None:
    source = tmp_path / "widow.ged"
    source.write_text(WIDOW, encoding="utf-8")
    sheet = tmp_path / "john.pdf"
    assert cli.main(["export", str(sheet), "--file", str(source), "--focus", "@I1@", "--person-sheet",
                     "--living", mode]) == 0
    text = _pdf_text(sheet)
    assert "John Kennard" in text
    assert "Dallas" in text
    assert _found(text, ["1953", "Newport", "married", "small wedding"]) == []


@pytest.mark.gui
@pytest.mark.parametrize(("focus", "kind"), [("@I6@", "a living person"),
                                             ("@I7@", "a person marked private")])
def test_a_hidden_focus_titles_the_chart_as_a_kind_of_person(qapp, tmp_path: Path, focus: str, kind: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "chart.svg"
    assert cli.main(["export", str(out), "--file", str(write_family(tmp_path)), "--focus", focus,
                     "--living", "private"]) == 0
    said = capsys.readouterr().out
    assert f"Hourglass chart of {kind}," in said
    assert f"chart of {kind}" in out.read_text(encoding="utf-8")  # the SVG's title
    assert "chart of Living" not in said + out.read_text(encoding="utf-8")
