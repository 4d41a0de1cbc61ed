"""ANSEL files: each character read as Unicode, accents on their letters, any length in linear time."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from familytree.gedcom import LoadCancelled, read_bytes, read_file
from familytree.gedcom.ansel import decode
from familytree.gedcom.encoding import decode_bytes
from support.corpus import ROOT

FINDINGS = ROOT.parent / "shared" / "fuzz-findings"
HEAD = b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR ANSEL\n"


def finding(name: str) -> Path:
    path = FINDINGS / name
    if not path.exists():
        pytest.skip(f"{name}: the fuzzer's reproducers (../shared/fuzz-findings) are not beside the checkout")
    return path


# -- the table: ANSEL bytes -> the text a UTF-8 file holds ------------------------------------------
@pytest.mark.parametrize(("data", "expected"), [
    # one mark before its letter
    (b"Ren\xe2e", "René"), (b"\xe1a", "à"), (b"\xe3o", "ô"), (b"Nu\xe4nez", "Nuñez"), (b"\xe5a", "ā"),
    (b"\xe6a", "ă"), (b"\xe7zaba", "żaba"), (b"M\xe8uller", "Müller"), (b"\xe9Capek", "Čapek"),
    (b"h\xeaar", "hår"), (b"id\xeeoszaki", "időszaki"), (b"\xf0ca", "ça"), (b"\xf1a", "ą"), (b"\xf2t", "ṭ"),
    (b"\xf7s", "ș"), (b"\xe0a", "ả"), (b"\xf4a", "ḁ"), (b"\xf3u", "ṳ"), (b"\xf9h", "ḫ"),
    (b"\xfeo", "o\u0313"), (b"\xedo", "o\u0315"), (b"\xefa", "a\u0310"), (b"\xf6a", "a\u0332"),
    (b"\xf5a", "a\u0333"), (b"\xf8a", "a\u031c"), (b"\xfco", "o\u0338"),
    (b"\xebt\xecs", "t\ufe20s\ufe21"), (b"\xfan\xfbg", "n\ufe22g\ufe23"),
    # two marks: those above are written top to bottom, Unicode starts next to the letter
    (b"\xe5\xe8u", "ǖ"), (b"\xe2\xe8u", "ǘ"), (b"\xe2\xe3a", "ấ"), (b"\xe2\xe5o", "ṓ"),
    (b"\xf2\xe3e", "ệ"), (b"\xe3\xf2e", "ệ"), (b"Vi\xe3\xf2et", "Việt"),
    (b"\xf2\xf6a", "ạ\u0332"), (b"\xf6\xf2a", "a\u0332\u0323"),  # below the letter: already in order
    # the spacing characters, and marks on them
    (bytes(range(0xA1, 0xAE)), "ŁØĐÞÆŒʹ·♭®±ƠƯ"), (bytes(range(0xB1, 0xBB)), "łøđþæœʺı£ð"),
    (b"\xbc\xbd\xbe\xbf", "ơư□■"), (bytes(range(0xC0, 0xC9)), "°ℓ℗©♯¿¡ß€"), (b"\xcd\xce\xcf", "eoß"),
    (b"\xe2\xac", "Ớ"), (b"\xe8\xb8", "ı\u0308"),
    (b"\xaeAli \xb0Abd", "ʾAli ʿAbd"),  # the half rings of alif and ayn
    # marks with no letter after them stand on a space
    (b"Jos\xe2\nX", "Jos \u0301\nX"), (b"Jos\xe2\r\nX", "Jos \u0301\r\nX"), (b"x\xe2", "x \u0301"),
    (b"\xe2 a", " \u0301a"), (b"\xe2\xe8", " \u0308\u0301"),
    # bytes ANSEL does not define
    (b"a\x90b", "a\ufffdb"), (b"\xe2\x90", "\ufffd\u0301"),
])
def test_ansel_bytes_read_as_the_unicode_text(data: bytes, expected: str) -> None:
    assert decode(data) == expected
    assert unicodedata.is_normalized("NFC", decode(data))


def test_ansel_in_a_file_is_read_into_the_names() -> None:
    tree = read_bytes(HEAD + b"0 @I1@ INDI\n1 NAME \xa1ech \xe2Sm\xe2ilek /Dvo\xe9r\xeaak/\n0 TRLR\n")
    assert tree.people["@I1@"].names[0].full == "Łech Śmílek /Dvořåk/"
    assert tree.header.encoding_detected == "ANSEL"
    assert not [d for d in tree.diagnostics if d.severity != "info"]


def test_a_file_with_bytes_neither_ansel_nor_cp1252_names_the_first_line() -> None:
    tree = read_bytes(HEAD + b"0 @I1@ INDI\n1 NAME Jos\xe2e /B/\n1 NOTE a\x81b\x90\n0 TRLR\n")
    person = tree.people["@I1@"]
    assert person.names[0].full == "José /B/"
    assert person.notes[0].text == "a\ufffdb\ufffd"  # type: ignore[union-attr]
    assert [d.line for d in tree.diagnostics if "could not be decoded" in d.message] == [7]


def test_eszett_and_euro_of_marc8_do_not_hide_a_windows_file() -> None:
    # GEDCOM's ANSEL has its eszett at 0xCF; 0xC7 and 0xC8 in a file calling itself ANSEL are Ç and È
    tree = read_bytes(HEAD + b"0 @I1@ INDI\n1 NAME FRAN\xc7OIS /L\xe9vesque/\n0 TRLR\n")
    assert tree.people["@I1@"].names[0].full == "FRANÇOIS /Lévesque/"
    assert tree.header.encoding_detected == "CP1252"


# -- any length in linear time (the package took minutes: quadratic runs of marks) -------------------
def test_a_megabyte_of_marks_on_one_letter_is_read() -> None:
    n = 1 << 20
    text = decode(b"x" + b"\xe1" * n + b"a\n")
    assert text == "x" + "à" + "\u0300" * (n - 1) + "\n"


def test_marks_above_and_below_in_turn_are_read() -> None:
    # Unicode's normalisation sorts such a run by insertion (quadratic) unless it comes sorted
    n = 100_000
    text = decode(b"\xe2\xf2" * n + b"a")
    assert text == "ạ" + "\u0323" * (n - 1) + "\u0301" * n


def test_a_megabyte_of_accented_letters_and_undefined_bytes() -> None:
    n = 1 << 19
    assert decode(b"\xe2e" * n) == "é" * n
    assert decode(b"\xe2\x90" * n) == "\ufffd\u0301" * n


def test_no_char_line_guessed_as_ansel_with_a_long_run() -> None:
    data = b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NOTE " + b"\xe1a" * 300_000 + b"\xe1" * 200_000 + \
        b"\n0 TRLR\n"
    decoded = decode_bytes(data)
    assert decoded.detected == "ANSEL"
    assert decoded.text.endswith("NOTE " + "à" * 300_000 + " " + "\u0300" * 200_000 + "\n0 TRLR\n")


@pytest.mark.parametrize(("name", "marks", "replaced"), [
    ("min-ansel-combining-run-slow.ged", 400_000, 0),
    ("min-ansel-undefined-bytes-slow.ged", 0, 800_000),
    ("min-ansel-autodetect-combining-run-slow.ged", 800_000, 0),
])
def test_the_fuzzers_slow_ansel_files_are_read_whole(name: str, marks: int, replaced: int) -> None:
    tree = read_file(finding(name))
    person = tree.people["@I1@"]
    text = "".join(n.full for n in person.names) + "".join(getattr(n, "text", "") for n in person.notes)
    assert tree.header.encoding_detected == "ANSEL"
    assert unicodedata.normalize("NFD", text).count("\u0300") == marks
    assert text.count("\ufffd") == replaced


def test_cancel_stops_the_decoding_of_one_long_ansel_line() -> None:
    # one line: the lexer, which asks between chunks of lines, never asks; decoding must
    data = HEAD + b"0 @I1@ INDI\n1 NOTE " + b"\xe1a" * (1 << 20) + b"\n0 TRLR\n"
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) == 5

    with pytest.raises(LoadCancelled):
        read_bytes(data, cancel=cancel)
    assert len(asked) == 5  # it went on while the answer was no, and stopped at the first yes
