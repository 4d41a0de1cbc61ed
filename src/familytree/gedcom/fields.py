"""Which GEDCOM lines fill which fields of the model, and in what order: one table for reader and writer."""

from __future__ import annotations

from typing import NamedTuple

from familytree.model import NameType

__all__ = [
    "INDI_EVENTS", "FAM_EVENTS", "NAME_TYPES", "TextField", "EVENT_FIELDS", "CITATION_FIELDS",
    "SOURCE_FIELDS", "REPOSITORY_FIELDS", "NOTE_FIELDS", "PLACE_FIELDS", "MEDIA_REF_FIELDS", "FILE_FIELDS",
    "NAME_PARTS", "NAME_LINE", "SEX_LINE", "EVENT_LINE", "PARENTS_LINE", "PARTNER_LINE", "ASSOCIATION_LINE",
    "CITATION_LINE", "NOTE_LINE", "MEDIA_LINE", "HUSBAND_LINE", "WIFE_LINE", "CHILD_LINE", "KEPT_LINE",
    "PERSON_LINE_ORDER", "FAMILY_LINE_ORDER",
]

INDI_EVENTS = frozenset((
    "BIRT", "CHR", "BAPM", "DEAT", "BURI", "CREM", "ADOP", "BARM", "BASM", "BLES", "CHRA", "CONF", "FCOM",
    "ORDN", "NATU", "EMIG", "IMMI", "CENS", "PROB", "WILL", "GRAD", "RETI", "EVEN", "CAST", "DSCR", "EDUC",
    "IDNO", "NATI", "NCHI", "NMR", "OCCU", "PROP", "RELI", "RESI", "SSN", "TITL", "FACT",
))
FAM_EVENTS = frozenset((
    "ANUL", "CENS", "DIV", "DIVF", "ENGA", "MARB", "MARC", "MARL", "MARR", "MARS", "EVEN", "RESI", "FACT",
    "NCHI",
))

NAME_TYPES = {t.value: t for t in NameType if t.value}  # a 5.x TYPE (upper case) as a NameType
NAME_TYPES.update({"NICKNAME": NameType.NICKNAME, "ALSO KNOWN AS": NameType.AKA,
                   "MARRIEDNAME": NameType.MARRIED})


class TextField(NamedTuple):
    """A line read into a text field of the model: the first such line with a value, while the field is empty.

    Any other line of the tag is kept as read; so are the lines under a line read into the
    field (in a `continues` structure, for the writer to put back under it).
    """

    attribute: str
    stripped: bool = False  # the value read without the spaces around it
    leaf: bool = False  # only a line with no lines under it is read into the field


# By tag, in the order the writer writes them (before or after lines of other kinds).
EVENT_FIELDS = {"TYPE": TextField("type"), "AGE": TextField("age"), "CAUS": TextField("cause"),
                "AGNC": TextField("agency")}
CITATION_FIELDS = {"PAGE": TextField("page")}
SOURCE_FIELDS = {"AUTH": TextField("author"), "TITL": TextField("title"), "ABBR": TextField("abbreviation"),
                 "PUBL": TextField("publication"), "TEXT": TextField("text")}
REPOSITORY_FIELDS = {"NAME": TextField("name"), "ADDR": TextField("address")}
NOTE_FIELDS = {"MIME": TextField("mime", stripped=True, leaf=True),
               "LANG": TextField("lang", stripped=True, leaf=True)}
PLACE_FIELDS = {"FORM": TextField("form", leaf=True)}
MEDIA_REF_FIELDS = {"TITL": TextField("title", leaf=True)}
FILE_FIELDS = {"FORM": TextField("form"), "TITL": TextField("title", leaf=True)}  # of a FILE line
# The parts of a NAME: its value fills given, surname and suffix first, so here the first line
# of each tag is read, whatever the field holds.
NAME_PARTS = {"NPFX": TextField("prefix"), "GIVN": TextField("given"), "NICK": TextField("nickname"),
              "SPFX": TextField("surname_prefix"), "SURN": TextField("surname"), "NSFX": TextField("suffix")}

# The kinds of lines of a person and a family, a letter each: Person.file_order and
# Family.file_order spell the lines of a record in the file's order with them, so that the
# writer keeps that order.
NAME_LINE = "N"
SEX_LINE = "S"
EVENT_LINE = "E"
PARENTS_LINE = "C"  # a person's FAMC
PARTNER_LINE = "F"  # a person's FAMS
ASSOCIATION_LINE = "A"
CITATION_LINE = "R"
NOTE_LINE = "O"
MEDIA_LINE = "M"
HUSBAND_LINE = "H"
WIFE_LINE = "W"
CHILD_LINE = "C"  # a family's CHIL
KEPT_LINE = "X"  # kept as read, in the record's `extra`
# The order the writer gives lines the file did not have (added since reading)
PERSON_LINE_ORDER = (NAME_LINE + SEX_LINE + EVENT_LINE + PARENTS_LINE + PARTNER_LINE + ASSOCIATION_LINE
                     + CITATION_LINE + NOTE_LINE + MEDIA_LINE)
FAMILY_LINE_ORDER = (HUSBAND_LINE + WIFE_LINE + CHILD_LINE + EVENT_LINE + CITATION_LINE + NOTE_LINE
                     + MEDIA_LINE)
