"""The genealogical data model: plain slotted dataclasses, standard library only."""

from familytree.model.date import Calendar, Date, DateModifier, DateQualifier, SimpleDate
from familytree.model.records import (
    EVENT_LABELS,
    Association,
    ChildRef,
    ChildRelation,
    Citation,
    Event,
    Family,
    Media,
    MediaRef,
    Name,
    NameType,
    Note,
    NoteLike,
    NoteRef,
    Person,
    Place,
    Repository,
    Sex,
    Source,
    Structure,
    given_from_pieces,
    list_appender,
    split_gedcom_name,
    stored_list,
)
from familytree.model.tree import Diagnostic, Header, Severity, Tree
from familytree.model.wording import age_text, place_text, recorded_age_text

__all__ = [
    "Association", "Calendar", "ChildRef", "ChildRelation", "Citation", "Date", "DateModifier",
    "DateQualifier", "Diagnostic", "EVENT_LABELS", "Event", "Family", "Header", "Media", "MediaRef",
    "Name", "NameType", "Note", "NoteLike", "NoteRef", "Person", "Place", "Repository", "Severity",
    "Sex", "SimpleDate", "Source", "Structure", "Tree", "split_gedcom_name", "given_from_pieces",
    "list_appender", "stored_list", "age_text", "place_text", "recorded_age_text",
]
