"""Name search on real files of the corpus: accented, Nordic, Irish names, ANSEL and GEDCOM 7 names.

(The corpus holds no person named in a non-Latin script; Cyrillic names are tested on the bundled family.)
"""

from __future__ import annotations

from functools import cache

import pytest

from familytree.search import MatchKind, NameIndex
from support.corpus import corpus_file


@cache
def _index(relative: str) -> NameIndex:
    from familytree.gedcom import read_file

    return NameIndex(read_file(str(corpus_file(relative))))


# file, query as a user types it, the display name expected first, the kind of match
CASES = [
    ("encodings/gedcom4j/utf8_lf_nobom.ged", "john gruber", "John Grüber", MatchKind.EXACT),
    ("encodings/gedcom4j/utf8_lf_nobom.ged", "Haegermann", "Mary Hægermann", MatchKind.EXACT),
    ("encodings/gedcom4j/utf8_lf_nobom.ged", "Betsy Grossmann", "Betsy Großmann", MatchKind.EXACT),
    ("encodings/gedcom4j/utf8_lf_nobom.ged", "Grosman", "Betsy Großmann", MatchKind.TRANSLITERATION),
    ("encodings/gedcom4j/utf8_lf_nobom.ged", "Ellen Lowenstein", "Ellen Łowenstėin", MatchKind.EXACT),
    ("encodings/gedcom4j/utf8_lf_nobom.ged", "Loewenstein", "Ellen Łowenstėin", MatchKind.TRANSLITERATION),
    ("encodings/gedcom4j/utf8_lf_nobom.ged", "cuaron", "Daniel Ćuarón", MatchKind.EXACT),
    ("encodings/gedcom4j/utf8_lf_nobom.ged", "Garcon, Michael", "Michael Garçon", MatchKind.EXACT),
    ("encodings/gedcom4j/utf8_lf_nobom.ged", "Jack", "Elizabeth Jåckson", MatchKind.PREFIX),
    ("real/bourbon-ancestris.ged", "Francoise d'Aubigne", "Françoise D'AUBIGNÉ", MatchKind.EXACT),
    ("real/bourbon-ancestris.ged", "marie therese habsbourg", "Marie-Thérèse HABSBOURG", MatchKind.EXACT),
    ("real/bourbon-ancestris.ged", "Elisabeth Pfalz", "Charlotte-Élisabeth VON DER PFALZ-SIMMERN",
     MatchKind.EXACT),
    ("real/IvarKingOfDublin.ged", "Amlaib mac Imar", "Amlaíb Mac Ímar", MatchKind.EXACT),
    ("real/IvarKingOfDublin.ged", "Gudrodur", "Guðröður Goffraid mac Arailt Haraldsson", MatchKind.EXACT),
    ("real/Queen.ged", "Hlodvir Thorfinnsson", None, MatchKind.EXACT),
    ("real/bach-paf.ged", "Lammerhirt", "Maria Elisabetha Lämmerhirt", MatchKind.EXACT),
    ("real/bach-paf.ged", "Laemmerhirt", "Maria Elisabetha Lämmerhirt", MatchKind.TRANSLITERATION),
    # numbers in names, titles before them, suffixes after them: the name as shown finds the person
    ("encodings/vendor/Irish_Kings-ftm17-ANSI-cp1252.ged", "Allod O'Connor-Faley-No.8",
     "Allod O'Connor-Faley-No.8", MatchKind.EXACT),
    ("encodings/vendor/Irish_Kings-ftm17-ANSI-cp1252.ged", "Allod OConnor Faley No 8",
     "Allod O'Connor-Faley-No.8", MatchKind.EXACT),
    ("gedcom55-torture/allged.ged", "Child 2", "Child 2", MatchKind.EXACT),
    ("gedcom55-torture/TGC551LF.ged", "Prof. Joseph Le Torture Jr.", "Prof. Joseph Le Torture Jr.",
     MatchKind.EXACT),
    ("gedcom55-torture/TGC551LF.ged", "Prof Torture", "Prof. Joseph Le Torture Jr.", MatchKind.EXACT),
    ("gedcom7/familysearch-gedcom.io/gedcom70/maximal70.ged", "Lt. Cmndr. Joseph de Allen jr.",
     "Lt. Cmndr. Joseph de Allen jr.", MatchKind.EXACT),
    # wives under their maiden names, found by the name they were known by
    ("real/pres2020.ged", "Hillary Clinton", "Hillary Rodham", MatchKind.MARRIED),
    ("real/pres2020.ged", "Martha Washington", "Martha Dandridge", MatchKind.MARRIED),
    ("real/kennedy-ancestris.ged", "Ethel Kennedy", "Ethel SKAKEL", MatchKind.MARRIED),
]


@pytest.mark.parametrize(("relative", "query", "expected", "kind"), CASES, ids=[c[1] for c in CASES])
def test_corpus_names(relative: str, query: str, expected: str | None, kind: MatchKind) -> None:
    results = _index(relative).search(query)
    assert results, query
    best = results[0]
    if expected is not None:
        assert best.name == expected, results[:3]
    assert best.kind is kind, results[:3]
    assert "(only" not in best.reason, best  # every word of the query matched


def test_gedcom7_name_parts_nicknames_and_translations() -> None:
    idx = _index("gedcom7/familysearch-gedcom.io/gedcom70/maximal70.ged")
    assert idx.search("Joseph Allen")[0].kind is MatchKind.EXACT
    nick = idx.search("John Allen")[0]
    assert (nick.kind, nick.reason) == (MatchKind.VARIANT, "nickname John")
    assert "Doe" in idx.search("John Doe")[0].reason


def test_ansel_encoded_names_fold_like_unicode() -> None:
    # the same people written in ANSEL and in UTF-8: the same search finds the same names (the
    # ANSEL copy loses 186 people's SEX lines in its broken continuation lines, and married names
    # follow from sex: the comparison is of names alone)
    from familytree.gedcom import read_file
    from familytree.model import Sex

    indexes = []
    for relative in ("encodings/gedcom4j/willis-ansel.ged", "encodings/gedcom4j/willis.ged"):
        tree = read_file(str(corpus_file(relative)))
        for person in tree.people.values():
            person.sex = Sex.UNKNOWN
        indexes.append(NameIndex(tree))
    for query in ("Willis", "Mary", "Sarah Willis", "Wilis"):
        found = [sorted((r.score, r.person_id, r.reason) for r in idx.search(query, limit=1000))
                 for idx in indexes]
        assert found[0] == found[1]
        assert found[0]
