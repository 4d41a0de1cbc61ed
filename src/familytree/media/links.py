"""Every media file a tree links, and from where: OBJE records and inline OBJE/FILE of 5.5, 5.5.1 and 7.0.

A FILE line is a `MediaFile`, found once whatever links to it; an OBJE on a person, family,
source, fact or citation is a `MediaLink` to the files it shows, with its title, its 7.0
CROP and whether it is marked primary (`_PRIM Y`, as several programs write). This module
reads the model only: where the files are is `familytree.media.locate`'s business.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

from familytree.media.formats import media_type
from familytree.model import (
    Association,
    Citation,
    Diagnostic,
    Event,
    Family,
    Media,
    MediaRef,
    Name,
    Person,
    Severity,
    Source,
    Tree,
    stored_list,
)
from familytree.model.slotted import slotted

__all__ = ["Crop", "MediaFile", "MediaLink", "Owner", "cited_sources", "collect", "media_refs"]


@slotted(frozen=True)
class Crop:
    """The part of an image shown (7.0 CROP), in pixels; a side not given runs to the image's edge."""

    top: int = 0
    left: int = 0
    height: int | None = None
    width: int | None = None


@slotted(frozen=True)
class MediaFile:
    """One FILE line: a media file as the GEDCOM names it."""

    link: str  # the FILE value as written: a path, a file: or http: URI
    form: str = ""  # FORM as written ("image/jpeg" in 7.0, "jpg" in 5.x)
    title: str = ""
    line: int = 0
    media_id: str = ""  # the OBJE record holding it; "" for an inline OBJE

    @property
    def mime(self) -> str:
        return media_type(self.link, self.form)


class Owner(enum.Enum):
    PERSON = "person"
    FAMILY = "family"
    SOURCE = "source"
    MEDIA = "media"  # a record nothing links to


@slotted(frozen=True)
class MediaLink:
    """An OBJE where it stands: whose it is, what files it shows, and how."""

    owner: Owner
    owner_id: str  # the xref of the person, family or source
    via: str  # "" on the record itself, else the fact's tag or "citation" it stands under
    files: tuple[MediaFile, ...]
    title: str = ""
    crop: Crop | None = None
    primary: bool | None = None  # _PRIM Y / N; None when not said
    line: int = 0
    source_id: str = ""  # for a link under a citation: the source cited


def media_refs(tree: Tree) -> Iterator[MediaRef]:
    """Every OBJE link of the tree, wherever it stands."""
    for _, _, _, ref, _ in _placed_refs(tree):
        yield ref


def collect(tree: Tree) -> tuple[list[MediaFile], list[MediaLink], list[Diagnostic]]:
    """The files the tree names (each FILE line once, in the order of the file), the links to
    them, and what could not be read of the links (a CROP that is not one)."""
    files: list[MediaFile] = []
    problems: list[Diagnostic] = []
    records: dict[str, tuple[MediaFile, ...]] = {}
    for m in tree.media.values():
        records[m.id] = _record_files(m)
        files.extend(records[m.id])
    linked: set[str] = set()
    links: list[MediaLink] = []
    for owner, owner_id, via, ref, source_id in _placed_refs(tree):
        if ref.media_id:
            linked.add(ref.media_id)
            shown = records.get(ref.media_id, ())
            record = tree.media.get(ref.media_id)
        else:
            shown = _inline_files(ref)
            files.extend(shown)
            record = None
            if not shown and any(e.tag == "BLOB" for e in ref.extra):
                problems.append(Diagnostic(ref.line, "media embedded in the file (GEDCOM 5.5 BLOB) is "
                                           "not shown", Severity.INFO))
        crop = _crop(ref, problems)
        title = ref.title or next((f.title for f in shown if f.title), "")
        links.append(MediaLink(owner, owner_id, via, shown, title, crop, _primary(ref, record), ref.line,
                               source_id))
    for m in tree.media.values():
        if m.id not in linked:
            links.append(MediaLink(Owner.MEDIA, m.id, "", records[m.id], line=m.line))
    files.sort(key=lambda f: f.line)
    return files, links, problems


def _record_files(m: Media) -> tuple[MediaFile, ...]:
    lines = {e.value: e.line for e in m.extra if e.tag == "FILE" and e.line}
    return tuple(MediaFile(path, form, title, lines.get(path, m.line), m.id) for path, form, title in m.files)


def _inline_files(ref: MediaRef) -> tuple[MediaFile, ...]:
    out = []
    if ref.file:
        # 5.5 puts FORM beside FILE, under the OBJE
        form = ref.form or next((e.value for e in ref.extra if e.tag == "FORM"), "")
        anchor = next((e for e in ref.extra if e.tag == "FILE" and e.continues), None)
        out.append(MediaFile(ref.file, form, ref.title, anchor.line if anchor else ref.line))
    for e in ref.extra:  # more FILE lines under one inline OBJE (5.5.1 allows several)
        if e.tag == "FILE" and not e.continues and e.value:
            form_line = e.child("FORM")
            title_line = e.child("TITL")
            out.append(MediaFile(e.value, form_line.value if form_line else "",
                                 title_line.value if title_line else "", e.line or ref.line))
    return tuple(out)


_YES = frozenset(("Y", "YES", "TRUE", "1"))
_NO = frozenset(("N", "NO", "FALSE", "0"))


def _primary(ref: MediaRef, record: Media | None) -> bool | None:
    for extra in (ref.extra, record.extra if record is not None else ()):
        for e in extra:
            if e.tag == "_PRIM":
                word = e.value.strip().upper()
                if word in _YES:
                    return True
                if word in _NO:
                    return False
    return None


def _crop(ref: MediaRef, problems: list[Diagnostic]) -> Crop | None:
    crop = next((e for e in ref.extra if e.tag == "CROP"), None)
    if crop is None:
        return None
    sides: dict[str, int] = {}
    for part in crop.children:
        if part.tag in ("TOP", "LEFT", "HEIGHT", "WIDTH"):
            value = part.value.strip()
            if not value.isascii() or not value.isdigit():
                problems.append(Diagnostic(part.line or crop.line, f"CROP {part.tag} {value[:20]!r} is not a "
                                           "whole number of pixels; the whole image is shown"))
                return None
            sides.setdefault(part.tag, int(value))
    if sides.get("HEIGHT") == 0 or sides.get("WIDTH") == 0:
        problems.append(Diagnostic(crop.line, "CROP of no height or width; the whole image is shown"))
        return None
    return Crop(sides.get("TOP", 0), sides.get("LEFT", 0), sides.get("HEIGHT"), sides.get("WIDTH"))


_Placed = tuple[Owner, str, str, MediaRef, str]
# (read without making an empty list for each of a million empty fields)
_person_media = stored_list(Person, "media")
_person_citations = stored_list(Person, "citations")
_associations = stored_list(Person, "associations")
_family_media = stored_list(Family, "media")
_family_citations = stored_list(Family, "citations")
_source_media = stored_list(Source, "media")
_event_media = stored_list(Event, "media")
_event_citations = stored_list(Event, "citations")
_name_citations = stored_list(Name, "citations")
_association_citations = stored_list(Association, "citations")
_citation_media = stored_list(Citation, "media")


def _placed_refs(tree: Tree) -> Iterator[_Placed]:
    person, family = Owner.PERSON, Owner.FAMILY
    for p in tree.people.values():
        pid = p.id
        for ref in _person_media(p) or ():
            yield person, pid, "", ref, ""
        citations = _person_citations(p)
        if citations:
            yield from _citation_refs(person, pid, citations)
        for e in p.events:
            for ref in _event_media(e) or ():
                yield person, pid, e.tag, ref, ""
            citations = _event_citations(e)
            if citations:  # (most facts cite nothing: no generator made for them)
                yield from _citation_refs(person, pid, citations)
        for n in p.names:
            citations = _name_citations(n)
            if citations:
                yield from _citation_refs(person, pid, citations)
        for a in _associations(p) or ():
            yield from _citation_refs(person, pid, _association_citations(a))
    for f in tree.families.values():
        fid = f.id
        for ref in _family_media(f) or ():
            yield family, fid, "", ref, ""
        yield from _citation_refs(family, fid, _family_citations(f))
        for e in f.events:
            for ref in _event_media(e) or ():
                yield family, fid, e.tag, ref, ""
            yield from _citation_refs(family, fid, _event_citations(e))
    for s in tree.sources.values():
        for ref in _source_media(s) or ():
            yield Owner.SOURCE, s.id, "", ref, ""


def _citation_refs(owner: Owner, owner_id: str, citations: list[Citation] | None) -> Iterator[_Placed]:
    for c in citations or ():
        for ref in _citation_media(c) or ():
            yield owner, owner_id, "citation", ref, c.source_id


def cited_sources(p: Person) -> list[str]:
    """The sources a person's citations name (on the person, names, facts, associations), each once."""
    seen: dict[str, None] = {}
    groups = [p.citations, *(e.citations for e in p.events), *(n.citations for n in p.names),
              *(a.citations for a in p.associations)]
    for citations in groups:
        for c in citations:
            seen.setdefault(c.source_id)
    return [s for s in seen if s]
