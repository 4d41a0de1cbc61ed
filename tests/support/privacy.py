"""A family with someone in each situation the privacy rule knows, and what of theirs must not be shared."""

from __future__ import annotations

from pathlib import Path

__all__ = ["FAMILY", "HIDDEN_FACTS", "PRIVATE_FACTS", "PUBLIC_FACTS", "HIDDEN_NAMES", "PUBLIC_NAMES",
           "write_family"]

# Verdicts (in any year before 2090):
#   @I1@ Ivan Oldman, born 1850, no death: dead (born more than 110 years ago)
#   @I2@ Maria Oldman, 1890-1970: dead; her occupation is marked RESN confidential
#   @I3@ Pyotr Oldman, "DEAT Y", no dates: dead
#   @I4@ Anna Kovaleva, no dates of her own but a marriage in 1983 and a daughter born 1985: living
#   @I5@ Boris Petrov, born 1955: living; married to Anna in 1983 (a living couple's marriage)
#   @I6@ Sofia Petrova, born 1985, with every kind of fact: living
#   @I7@ Yakov Oldman, 1800-1870, record marked RESN privacy: private though dead
FAMILY = """\
0 HEAD
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR UTF-8
1 SUBM @U1@
0 @U1@ SUBM
1 NAME Compiler
0 @I1@ INDI
1 NAME Ivan /Oldman/
1 SEX M
1 BIRT
2 DATE 12 MAR 1850
2 PLAC Tula
1 OBJE @M2@
1 ASSO @I6@
2 RELA Ancestor
1 FAMC @F0@
1 FAMS @F1@
0 @I2@ INDI
1 NAME Maria /Oldman/
1 SEX F
1 BIRT
2 DATE 1890
1 DEAT
2 DATE 1970
2 PLAC Kaluga
1 OCCU Secret agent
2 RESN confidential
1 FAMS @F1@
0 @I3@ INDI
1 NAME Pyotr /Oldman/
1 SEX M
1 DEAT Y
1 FAMC @F1@
1 FAMS @F2@
0 @I4@ INDI
1 NAME Anna /Kovaleva/
1 SEX F
1 FAMC @F2@
1 FAMS @F3@
0 @I5@ INDI
1 NAME Boris /Petrov/
1 SEX M
1 BIRT
2 DATE 1955
2 PLAC Smolensk
1 FAMS @F3@
0 @I6@ INDI
1 NAME Sofia /Petrova/
2 SOUR @S2@
3 PAGE Register entry 77
1 SEX F
1 BIRT
2 DATE 4 JUL 1985
2 PLAC Kazan
2 SOUR @S2@
1 OCCU Pilot
2 DATE 2010
2 PLAC Murmansk
1 RESI
2 ADDR Lenina street 5
1 _MILT Navy reserve
2 DATE 2005
1 NOTE Sofia's diary entry
1 NOTE @N1@
1 OBJE @M1@
1 FAMC @F3@
0 @I7@ INDI
1 RESN privacy
1 NAME Yakov /Oldman/
1 SEX M
1 BIRT
2 DATE 1800
2 PLAC Odessa
1 DEAT
2 DATE 1870
1 NOTE Yakov's secret
1 FAMS @F0@
0 @F0@ FAM
1 HUSB @I7@
1 CHIL @I1@
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 CHIL @I3@
1 MARR
2 DATE 1885
2 PLAC Tula
0 @F2@ FAM
1 HUSB @I3@
1 CHIL @I4@
0 @F3@ FAM
1 HUSB @I5@
1 WIFE @I4@
1 CHIL @I6@
1 MARR
2 DATE 12 JUN 1983
2 PLAC Minsk
1 NOTE Wedding guest list
0 @N1@ NOTE Shared secret about Sofia
0 @S1@ SOUR
1 TITL Parish register of Tula
0 @S2@ SOUR
1 TITL Sofia school records
0 @M1@ OBJE
1 FILE sofia.jpg
2 FORM jpg
0 @M2@ OBJE
1 FILE ivan.jpg
2 FORM jpg
0 TRLR
"""

# what no privacy mode may let out: the living people's and the private record's facts, the
# private fact of a dead woman, and the records only they used
HIDDEN_FACTS = ["1955", "Smolensk", "1985", "Kazan", "Pilot", "Murmansk", "Lenina", "Navy", "2005",
                "Sofia's diary", "Shared secret", "Register entry", "school records", "sofia.jpg",
                "1983", "Minsk", "Wedding guest"]
PRIVATE_FACTS = ["1800", "Odessa", "1870", "Yakov's secret", "Secret agent"]
PUBLIC_FACTS = ["1850", "Tula", "1890", "1970", "Kaluga", "ivan.jpg", "1885"]
HIDDEN_NAMES = ["Anna", "Kovaleva", "Boris", "Petrov", "Sofia", "Yakov"]
PUBLIC_NAMES = ["Ivan", "Maria", "Pyotr"]
LIVING = {"@I4@", "@I5@", "@I6@"}


def write_family(folder: Path) -> Path:
    path = folder / "privacy-family.ged"
    path.write_text(FAMILY, encoding="utf-8")
    return path
