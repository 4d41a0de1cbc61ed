"""The open file's photos in the window: its media catalog, the portraits in chart boxes, the gallery.

The catalog is found off the GUI thread (it reads folders, and a big file links thousands of
photos), again whenever the window shows another tree or the tree is saved elsewhere (Save As
.gdz reads the photos from the archive it wrote). Until it is found the chart is drawn with
room for portraits when the file links photos to people, so that faces arriving move nothing.
The first is looked for once the window's first chart is on screen (or the gallery is built,
if sooner): the media modules, the thumbnail decoder and the thread are no part of the launch.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from familytree.layout import BoxSizer
from familytree.model import Diagnostic, Tree, stored_list
from familytree.model.records import Person
from familytree.render.items import make_sizer
from familytree.render.portraits import Portraits, has_portraits
from familytree.ui.settings import Keys

if TYPE_CHECKING:
    from familytree.media import MediaCatalog
    from familytree.render.thumbnails import Thumbnails
    from familytree.ui.gallery import Gallery
    from familytree.ui.main_window import MainWindow

__all__ = ["WindowPhotos"]

_person_media = stored_list(Person, "media")


class WindowPhotos(QObject):
    """What the window shows of the open file's photos; View > Portraits switches the chart's off."""

    catalogReady = Signal(object)  # noqa: N815 (the MediaCatalog of the tree shown, once found)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.enabled = window.settings.get(Keys.PORTRAITS)
        self._thumbnails: Thumbnails | None = None
        self._gallery: Gallery | None = None
        self.catalog: MediaCatalog | None = None
        self.portraits: Portraits | None = None  # of the catalog found, drawn or not
        self.room = False  # whether the chart is laid out with room for portraits
        self._sizers: dict[bool, BoxSizer] = {False: self.workspace.sizer}
        self._finding = 0  # the latest search: a slower earlier one's answer is dropped
        self._started = False  # whether the window's first chart is on screen (or the gallery wanted)
        self._unsearched: Tree | None = None  # the tree shown before that, its photos not yet looked for
        self._relay = _Relay()
        self._relay.found.connect(self._on_found)
        events = self.workspace.events
        events.tree.connect(self._on_tree)
        events.chart.connect(self._on_chart)
        window.files.saved.connect(self._on_saved)
        window.view.firstPainted.connect(self._start)

    @property
    def thumbnails(self) -> Thumbnails:
        """The thumbnails of the portraits and the gallery (made when the first is needed)."""
        if self._thumbnails is None:
            from familytree.render.thumbnails import Thumbnails

            self._thumbnails = Thumbnails(self)
        return self._thumbnails

    @property
    def gallery(self) -> Gallery:
        """The details panel's Photos (built with the panel, after the first chart is drawn)."""
        if self._gallery is None:
            from familytree.ui.gallery import Gallery

            self._start()  # the photos are looked for by now
            self._gallery = Gallery(self.thumbnails, self)
            self._gallery.set_catalog(self.catalog)
        return self._gallery

    # -- what is drawn ---------------------------------------------------------------------------
    @property
    def shown_portraits(self) -> Portraits | None:
        """The portraits the chart draws (None when switched off or the file has none): print them too."""
        return self.portraits if self.room and self.enabled else None

    def set_enabled(self, on: bool) -> None:
        """View > Portraits: the chart with or without portraits (remembered)."""
        self.enabled = on
        self.window.settings.set(Keys.PORTRAITS, on)
        self._apply()

    def _apply(self, room: bool | None = None) -> None:
        """Lay the chart out again when its boxes gain or lose their portraits' room."""
        if room is None:
            room = self.catalog is not None and has_portraits(self.catalog)
        room = room and self.enabled
        portraits = self.portraits if room else None
        scene = self.window.scene
        if room == self.room and scene.portraits is portraits:
            return
        self.room = room
        if room not in self._sizers:
            self._sizers[room] = make_sizer(portraits=room)
        self.workspace.sizer = self._sizers[room]
        scene.setPortraits(portraits)
        self.workspace.redraw()

    def _on_chart(self, _layout: object) -> None:
        if self.portraits is not None:
            self.portraits.forget_queued()  # the boxes of the last chart are gone: theirs are not made

    # -- finding the photos ----------------------------------------------------------------------
    def _on_tree(self, tree: Tree | None) -> None:
        self._forget()
        if tree is None:
            return
        # before the first chart: room for portraits when the file links any photo to a person
        # (whether they are found is known a moment later)
        self.room = self.enabled and any(_person_media(p) for p in tree.people.values())
        if self.room not in self._sizers:  # (measuring fonts for a sizer takes milliseconds)
            self._sizers[self.room] = make_sizer(portraits=self.room)
        self.workspace.sizer = self._sizers[self.room]
        if self._started:
            self._find(tree)
        else:
            self._unsearched = tree

    def _start(self) -> None:
        """The first chart is on screen: the photos of the tree shown are looked for from now on."""
        if self._started:
            return
        self._started = True
        tree, self._unsearched = self._unsearched, None
        if tree is not None and tree is self.workspace.tree:
            self._find(tree)

    def _on_saved(self, _path: str) -> None:
        tree = self.workspace.tree
        if tree is not None and self._started:  # (else they are looked for once the chart is on screen)
            self._find(tree)  # the links were written relative to the new place, or into the archive

    def _forget(self) -> None:
        self._unsearched = None
        self.window.scene.setPortraits(None)
        if self.portraits is not None:
            self.portraits.close()
        self.portraits = None
        self.catalog = None
        if self._gallery is not None:
            self._gallery.catalog = None

    def _find(self, tree: Tree) -> None:
        self._finding += 1
        number, path, relay = self._finding, self.workspace.path or tree.path, self._relay

        from familytree.media import media_catalog

        def find() -> None:
            try:
                relay.found.emit(number, tree, media_catalog(tree, path), "")
            except Exception as error:  # noqa: BLE001 - a folder that cannot be read is a problem, not a crash
                relay.found.emit(number, tree, None, f"{type(error).__name__}: {error}")

        threading.Thread(target=find, name="media catalog", daemon=True).start()

    def _on_found(self, number: int, tree: Tree, catalog: MediaCatalog | None, error: str) -> None:
        if number != self._finding or tree is not self.workspace.tree:
            return
        problems = catalog.problems if catalog is not None else \
            [Diagnostic(0, f"the file's photos could not be looked for: {error}")]
        if catalog is not None:
            if self.portraits is not None:
                self.portraits.close()
            self.catalog = catalog
            self.portraits = Portraits(catalog, self.thumbnails, parent=self)
            self._apply(has_portraits(catalog))
        self.window.show_media_problems(tree, problems)
        if self._gallery is not None:
            self._gallery.set_catalog(catalog)
        self.catalogReady.emit(catalog)

    def close(self) -> None:
        self._finding += 1  # the answer of a search still under way is dropped: nothing is opened after this
        self._forget()  # (and none waits for the first paint)
        if self._thumbnails is not None:
            self._thumbnails.close()


class _Relay(QObject):
    """Carries the catalog from the thread that found it to the GUI thread."""

    found = Signal(int, object, object, str)
