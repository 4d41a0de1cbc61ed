"""The media of one tree found: each file its links name, where it is, the problems, each person's photos."""

from __future__ import annotations

import os

from familytree.gedcom.gedzip import LIMITS, Limits
from familytree.media.formats import is_shown, kind_words
from familytree.media.links import Crop, MediaFile, MediaLink, Owner, cited_sources, collect
from familytree.media.locate import NAME_SEARCH, Found, Location, Locator, NameSearch
from familytree.model import Diagnostic, Severity, Tree
from familytree.model.slotted import slotted
from familytree.model.text import shorten

__all__ = ["Photo", "MediaCatalog", "media_catalog", "media_problems"]

_SHOWN_NAMES = "JPEG, PNG, GIF, BMP, WebP and TIFF"  # (SHOWN_TYPES in words)


@slotted(frozen=True)
class Photo:
    """A media file as one link shows it: where it is, its title, its crop."""

    file: MediaFile
    location: Location
    link: MediaLink

    @property
    def title(self) -> str:
        return self.link.title or self.file.title

    @property
    def crop(self) -> Crop | None:
        return self.link.crop

    @property
    def shown(self) -> bool:
        """Whether the file was found and is an image familytree draws."""
        return self.location.found and is_shown(self.file.mime)


class MediaCatalog:
    """What `media_catalog` found: the files, their links and locations, and the problems."""

    def __init__(self, tree: Tree, locator: Locator, files: list[MediaFile], links: list[MediaLink],
                 problems: list[Diagnostic]) -> None:
        self.tree = tree
        self.locator = locator
        self.files = files  # every FILE line, in the order of the file
        self.links = links
        self.problems = problems
        self._by_owner: dict[tuple[Owner, str], list[MediaLink]] = {}
        for link in links:
            self._by_owner.setdefault((link.owner, link.owner_id), []).append(link)

    @property
    def path(self) -> str:
        """The GEDCOM file or GEDZIP archive the links were read against."""
        return self.tree.path

    def location(self, file: MediaFile) -> Location:
        return self.locator.locate(file.link)

    def photos(self, person_id: str) -> list[Photo]:
        """Every media file of a person (their own, their facts', their citations'), then of the
        sources they cite, in the order of the file; shown or not (see Photo.shown)."""
        links = list(self._by_owner.get((Owner.PERSON, person_id), ()))
        person = self.tree.people.get(person_id)
        if person is not None:
            for source_id in cited_sources(person):
                links.extend(self._by_owner.get((Owner.SOURCE, source_id), ()))
        return [Photo(f, self.location(f), link) for link in links for f in link.files]

    def primary_photo(self, person_id: str) -> Photo | None:
        """The person's portrait: the image linked to them marked `_PRIM Y`, else the first one
        linked not marked `_PRIM N`; only images found and shown count."""
        first: Photo | None = None
        for link in self._by_owner.get((Owner.PERSON, person_id), ()):
            if link.via or link.primary is False:
                continue  # a fact's or citation's photo is no portrait
            for f in link.files:
                photo = Photo(f, self.location(f), link)
                if not photo.shown:
                    continue
                if link.primary:
                    return photo
                if first is None:
                    first = photo
        return first


def media_catalog(tree: Tree, path: str | None = None, search: NameSearch = NAME_SEARCH,
                  limits: Limits = LIMITS) -> MediaCatalog:
    """Find the media files of `tree`, its links read against `path` (default: the file it was read from).

    Reads the folders beside the GEDCOM (bounded by `search`) and the archive's directory;
    never fetches a remote file. Run it off the GUI thread for a large tree.
    """
    locator = Locator(tree.path if path is None else path, search, limits)
    files, links, problems = collect(tree)
    if locator.archive_problem:
        problems.append(Diagnostic(0, f"media in the archive cannot be read: {locator.archive_problem}"))
    for f in files:
        message, severity = _problem(f, locator.locate(f.link), locator)
        if message:
            where = f"OBJE {f.media_id}: " if f.media_id else ""
            problems.append(Diagnostic(f.line, where + message, severity))
    problems.sort(key=lambda d: d.line)
    return MediaCatalog(tree, locator, files, links, problems)


def media_problems(tree: Tree, path: str | None = None) -> list[Diagnostic]:
    """What is wrong with the media links of `tree`, each with its line (see `media_catalog`)."""
    return media_catalog(tree, path).problems


def _problem(f: MediaFile, where: Location, locator: Locator) -> tuple[str, Severity]:
    shown = f"'{shorten(f.link.strip(), 120)}'"
    kind = where.kind
    if kind is Found.MISSING:
        if not f.link.strip():
            return "a media FILE line names no file", Severity.WARNING
        return f"media file {shown} not found{_looked(locator)}", Severity.WARNING
    if kind is Found.AMBIGUOUS:
        return (f"media file {shown} not found where written, and several files have its name "
                f"({shorten(where.note, 240)}): none is used"), Severity.WARNING
    if kind is Found.REMOTE:
        return f"media file {shown} is on the web: listed, not fetched", Severity.INFO
    if kind is Found.REFUSED:
        return f"media file {shown} is in the archive but not read ({where.note})", Severity.WARNING
    if kind is Found.NOT_A_FILE:
        return f"media file {shown} is {where.note}", Severity.WARNING
    if not is_shown(f.mime):
        return (f"media file {shown} is {kind_words(f.mime, f.link)}: listed, not shown (familytree shows "
                f"{_SHOWN_NAMES} images)"), Severity.INFO
    if kind is Found.BY_NAME:
        return (f"media file {shown} not found where written; using {locator.shown(where)}, the one file "
                "of that name"), Severity.INFO
    return "", Severity.INFO


def _looked(locator: Locator) -> str:
    if not locator.folder:
        return " (the tree was not read from a file, so there is no folder to look in)"
    cut = f", up to the first {locator.search.entries:,} files" if locator.search_cut else ""
    place = "in the archive or " if locator.archive else ""
    return f" ({place}by its name in {os.path.basename(locator.folder) or locator.folder} and its " \
           f"folders{cut})"
