"""Media links found as a user keeps photos: beside the GEDCOM, in a GEDZIP, by file: URI, by their name
when written on another machine; what cannot be found is a problem with its line; the web is not fetched."""

from __future__ import annotations

import json
import socket
import zipfile
from pathlib import Path

import pytest

from familytree.cli import main
from familytree.gedcom import read_file, read_text
from familytree.media import Crop, Found, NameSearch, Owner, media_catalog, media_problems
from familytree.model import Severity
from support.images import gedcom_linking, write_image


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    """A family's folder: photos beside and below it, two files called ivan.jpg, a PDF."""
    write_image(tmp_path / "photos" / "elena.png", seed=1)
    write_image(tmp_path / "photos" / "my photo.jpg", seed=2)
    write_image(tmp_path / "photos" / "2019" / "ivan.jpg", seed=3)
    write_image(tmp_path / "scans" / "ivan.jpg", seed=4)
    (tmp_path / "photos" / "census.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return tmp_path


@pytest.mark.parametrize(("link", "kind", "found"), [
    ("photos/elena.png", Found.RELATIVE, "photos/elena.png"),
    ("./photos/elena.png", Found.RELATIVE, "photos/elena.png"),
    ("photos\\elena.png", Found.RELATIVE, "photos/elena.png"),  # written on Windows, relative
    ("photos/my%20photo.jpg", Found.RELATIVE, "photos/my photo.jpg"),  # a 7.0 URI reference
    ("{folder}/photos/elena.png", Found.AS_WRITTEN, "photos/elena.png"),
    ("file://{folder}/photos/my%20photo.jpg", Found.URI, "photos/my photo.jpg"),
    ("file://localhost{folder}/photos/elena.png", Found.URI, "photos/elena.png"),
    # written on another machine: found by the file's name under the GEDCOM's folder
    ("C:\\Users\\Ann\\Family Photos\\elena.png", Found.BY_NAME, "photos/elena.png"),
    ("/Users/ann/Pictures/Family/elena.png", Found.BY_NAME, "photos/elena.png"),
    ("file:///C:/Users/Ann/Pictures/my%20photo.jpg", Found.BY_NAME, "photos/my photo.jpg"),
    ("\\\\server\\photos\\elena.png", Found.BY_NAME, "photos/elena.png"),
    ("C:\\Pictures\\ELENA.PNG", Found.BY_NAME, "photos/elena.png"),  # Windows ignores case
    ("D:\\old\\2019\\ivan.jpg", Found.BY_NAME, "photos/2019/ivan.jpg"),  # its folder tells the two apart
    ("C:\\Users\\Ann\\ivan.jpg", Found.AMBIGUOUS, ""),
    ("C:\\Users\\Ann\\nobody.jpg", Found.MISSING, ""),
    ("nobody.jpg", Found.MISSING, ""),
    ("https://example.org/photos/elena.png", Found.REMOTE, ""),
    ("photos", Found.NOT_A_FILE, ""),
    ("mailto:ann@example.org", Found.NOT_A_FILE, ""),
])
def test_a_link_leads_where_the_photo_is(photos: Path, link: str, kind: Found, found: str) -> None:
    tree = read_file(gedcom_linking(photos, [link.format(folder=photos)]))
    catalog = media_catalog(tree)
    (file,) = catalog.files
    where = catalog.location(file)
    assert where.kind is kind
    if found:
        assert Path(where.path) == photos / found
        assert where.found
    else:
        assert not where.found


def test_every_link_that_leads_nowhere_is_a_problem_on_its_line(photos: Path) -> None:
    links = ["photos/elena.png", "nobody.jpg", "C:\\Users\\Ann\\ivan.jpg", "https://example.org/a.jpg",
             "photos/census.pdf", "C:\\Users\\Ann\\Family Photos\\elena.png", "photos/elena.png"]
    path = gedcom_linking(photos, links)
    problems = media_problems(read_file(path))
    text = path.read_text(encoding="utf-8").splitlines()
    by_link = {}
    for d in problems:
        obje, file = text[d.line - 1], text[d.line]  # the line of the OBJE, with its FILE under it
        assert obje == "1 OBJE"
        by_link[file.removeprefix("2 FILE ")] = d
    assert set(by_link) == set(links[1:6])  # a link that leads to its photo is no problem
    assert by_link["nobody.jpg"].severity is Severity.WARNING
    assert "not found" in by_link["nobody.jpg"].message
    ambiguous = by_link["C:\\Users\\Ann\\ivan.jpg"].message
    assert "photos/2019/ivan.jpg" in ambiguous
    assert "scans/ivan.jpg" in ambiguous
    assert "not fetched" in by_link["https://example.org/a.jpg"].message
    assert "PDF document" in by_link["photos/census.pdf"].message
    used = by_link["C:\\Users\\Ann\\Family Photos\\elena.png"]
    assert used.severity is Severity.INFO
    assert "using photos/elena.png" in used.message


def test_remote_media_are_listed_never_fetched(photos: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("media were fetched from the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    tree = read_file(gedcom_linking(photos, ["https://example.org/elena.png", "http://example.org/x.jpg"]))
    catalog = media_catalog(tree)
    assert [catalog.location(f).kind for f in catalog.files] == [Found.REMOTE, Found.REMOTE]
    assert catalog.primary_photo("@I1@") is None


def test_the_name_search_is_bounded(tmp_path: Path) -> None:
    write_image(tmp_path / "a" / "b" / "c" / "deep.png")
    for i in range(30):
        (tmp_path / f"f{i:02}.txt").write_text("x")
    tree = read_file(gedcom_linking(tmp_path, ["C:\\deep.png"]))
    assert media_catalog(tree).location(media_catalog(tree).files[0]).kind is Found.BY_NAME
    shallow = media_catalog(tree, search=NameSearch(depth=2))
    assert shallow.location(shallow.files[0]).kind is Found.MISSING
    few = media_catalog(tree, search=NameSearch(entries=20))
    assert few.location(few.files[0]).kind is Found.MISSING
    assert few.locator.searched == 21
    assert "up to the first 20 files" in few.problems[0].message


GEDCOM_7 = """0 HEAD
1 GEDC
2 VERS 7.0
0 @I1@ INDI
1 NAME Elena /Sedova/
1 OBJE @M1@
1 OBJE @M2@
2 TITL Elena in 1930
2 CROP
3 TOP 5
3 LEFT 10
3 HEIGHT 20
3 WIDTH 15
1 BIRT
2 DATE 1906
2 OBJE @M3@
2 SOUR @S1@
3 OBJE @M4@
1 FAMS @F1@
0 @F1@ FAM
1 HUSB @I1@
1 OBJE @M5@
0 @S1@ SOUR
1 TITL Parish register
1 OBJE @M6@
0 @M1@ OBJE
1 FILE media/letter.pdf
2 FORM application/pdf
0 @M2@ OBJE
1 FILE media/elena.png
2 FORM image/png
3 MEDI PHOTO
2 TITL Portrait
0 @M3@ OBJE
1 FILE media/birth.jpg
2 FORM image/jpeg
0 @M4@ OBJE
1 FILE media/entry.jpg
2 FORM image/jpeg
0 @M5@ OBJE
1 FILE media/wedding.jpg
2 FORM image/jpeg
0 @M6@ OBJE
1 FILE media/register.tif
2 FORM image/tiff
0 TRLR
"""


def test_gedcom_7_records_titles_crops_and_whose_photos_they_are(tmp_path: Path) -> None:
    for name in ("elena.png", "birth.jpg", "entry.jpg", "wedding.jpg", "register.tiff"):
        write_image(tmp_path / "media" / name)
    (tmp_path / "media" / "register.tiff").rename(tmp_path / "media" / "register.tif")
    (tmp_path / "media" / "letter.pdf").write_bytes(b"%PDF-1.4\n")
    path = tmp_path / "family.ged"
    path.write_text(GEDCOM_7, encoding="utf-8")
    catalog = media_catalog(read_file(path))
    primary = catalog.primary_photo("@I1@")
    assert primary is not None  # the PDF linked first is no portrait
    assert primary.file.link == "media/elena.png"
    assert primary.title == "Elena in 1930"
    assert primary.crop == Crop(top=5, left=10, height=20, width=15)
    gallery = [p.file.link for p in catalog.photos("@I1@")]
    # hers, her birth's, her citation's, then the source she cites; not her family's
    assert gallery == ["media/letter.pdf", "media/elena.png", "media/birth.jpg", "media/entry.jpg",
                       "media/register.tif"]
    assert [p.shown for p in catalog.photos("@I1@")] == [False, True, True, True, True]
    (family,) = [link for link in catalog.links if link.owner is Owner.FAMILY]
    assert family.files[0].link == "media/wedding.jpg"
    assert [d.message for d in catalog.problems] == [
        "OBJE @M1@: media file 'media/letter.pdf' is a PDF document: listed, not shown "
        "(familytree shows JPEG, PNG, GIF, BMP, WebP and TIFF images)"]


@pytest.mark.parametrize(("marks", "primary"), [
    (("", "", ""), "a.png"),  # the first linked
    (("", "Y", ""), "b.png"),  # the one marked _PRIM Y
    (("N", "", ""), "b.png"),  # the first not marked _PRIM N
    (("N", "N", "N"), None),
])
def test_the_primary_photo_is_the_first_or_the_one_marked_prim(tmp_path: Path, marks: tuple[str, ...],
                                                              primary: str | None) -> None:
    lines = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "0 @I1@ INDI", "1 NAME Ann /Lee/"]
    for name, mark in zip(("a.png", "b.png", "c.png"), marks, strict=True):
        write_image(tmp_path / name)
        lines += ["1 OBJE", f"2 FILE {name}", "3 FORM png"] + ([f"2 _PRIM {mark}"] if mark else [])
    path = tmp_path / "f.ged"
    path.write_text("\n".join([*lines, "0 TRLR", ""]))
    photo = media_catalog(read_file(path)).primary_photo("@I1@")
    assert (photo.file.link if photo else None) == primary


def test_gedcom_55_form_beside_file_and_a_missing_first_photo(tmp_path: Path) -> None:
    write_image(tmp_path / "second.bmp", "BMP")
    tree = read_text("0 HEAD\n1 GEDC\n2 VERS 5.5\n0 @I1@ INDI\n1 OBJE\n2 FORM jpeg\n2 FILE gone.jpg\n"
                     "1 OBJE\n2 FORM bmp\n2 TITL Ann\n2 FILE second.bmp\n0 TRLR\n")
    tree.path = str(tmp_path / "f.ged")
    catalog = media_catalog(tree)
    assert [f.mime for f in catalog.files] == ["image/jpeg", "image/bmp"]
    photo = catalog.primary_photo("@I1@")
    assert photo is not None
    assert photo.file.link == "second.bmp"
    assert photo.title == "Ann"
    assert [d.line for d in catalog.problems] == [5]


def test_a_crop_that_is_not_one_is_a_problem_and_shows_the_whole_image(tmp_path: Path) -> None:
    write_image(tmp_path / "a.png")
    path = tmp_path / "f.ged"
    path.write_text("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 OBJE @M1@\n2 CROP\n3 TOP ten\n"
                    "0 @M1@ OBJE\n1 FILE a.png\n2 FORM image/png\n0 TRLR\n")
    catalog = media_catalog(read_file(path))
    photo = catalog.primary_photo("@I1@")
    assert photo is not None
    assert photo.crop is None
    (problem,) = catalog.problems
    assert problem.line == 7
    assert "TOP 'ten'" in problem.message


def _archive(path: Path, gedcom: str, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("gedcom.ged", gedcom)
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_links_into_a_gedzip_lead_to_its_members(tmp_path: Path) -> None:
    photo = write_image(tmp_path / "elena.png")
    gedcom = "0 HEAD\n1 GEDC\n2 VERS 7.0\n" + "".join(
        f"0 @M{i}@ OBJE\n1 FILE {link}\n2 FORM image/png\n" for i, link in enumerate([
            "media/elena.png", "media/my%20photo.png", "./media/elena.png", "C:\\Users\\Ann\\ivan.png",
            "../escape.png", "media/bomb.png", "media/none.png"])) + "0 TRLR\n"
    bomb = bytes(32 << 20)  # inflates 32 MiB from 32 KiB: past the ratio a real photo has
    path = _archive(tmp_path / "family.gdz", gedcom, {
        "media/elena.png": photo, "media/my photo.png": photo, "media/ivan.png": photo,
        "../escape.png": photo, "media/bomb.png": bomb})
    catalog = media_catalog(read_file(path))
    where = [catalog.location(f) for f in catalog.files]
    assert [(w.kind, w.path) for w in where] == [
        (Found.MEMBER, "media/elena.png"), (Found.MEMBER, "media/my photo.png"),
        (Found.MEMBER, "media/elena.png"), (Found.BY_NAME, "media/ivan.png"),
        (Found.REFUSED, "../escape.png"), (Found.REFUSED, "media/bomb.png"), (Found.MISSING, "")]
    assert all(w.archive == str(path) for w in where[:6])
    messages = [d.message for d in catalog.problems]
    assert any("'../escape.png' is in the archive but not read (a path out of the archive)" in m
               for m in messages)
    assert any("'media/bomb.png' is in the archive but not read (inflates" in m for m in messages)


def test_info_lists_the_media_problems_with_their_lines(photos: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = gedcom_linking(photos, ["photos/elena.png", "nobody.jpg", "https://example.org/a.jpg"])
    assert main(["info", "--file", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Media problems: 2\n" in out
    assert "  line 10: media file 'nobody.jpg' not found" in out
    assert "  line 14: media file 'https://example.org/a.jpg' is on the web" in out
    assert main(["info", "--file", str(path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["media_problems"]
    assert [(p["line"], p["severity"]) for p in listed] == [(10, "warning"), (14, "info")]
