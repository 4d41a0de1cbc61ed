"""The state a user navigates: the open tree, the chart's centre, the selection, chart settings, history.

Qt-free: widgets observe it through `WorkspaceEvents` and change it through its methods;
tests drive it without a window. Edits go through `undo` (an `UndoStack` on the open tree).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field, replace
from typing import TYPE_CHECKING, Protocol

from familytree.layout import (
    BoxSizer,
    ChartLayout,
    ChartType,
    FanOptions,
    LayoutOptions,
    Orientation,
    default_sizer,
)
from familytree.layout import layout_chart as _layout_chart
from familytree.model import Tree
from familytree.model.slotted import slotted
from familytree.model.text import SHORT_TEXT, shorten
from familytree.workspace.events import Emitter, TreeChange
from familytree.workspace.folds import Folds, Side, collapse_all, toggle
from familytree.workspace.navigation import History, Place, nearest_kin, neighbour
from familytree.workspace.undo import UndoStack

if TYPE_CHECKING:  # (who is living is inferred when first asked, who points at whom at the first deletion)
    from familytree.privacy.living import LivingIndex
    from familytree.workspace.relatives import Pointers

__all__ = ["NO_PEOPLE", "ChartSettings", "LayoutFunction", "Workspace", "WorkspaceEvents"]

NO_PEOPLE = "This file has no people yet: there is nobody to draw."


class LayoutFunction(Protocol):
    def __call__(self, tree: Tree, chart: ChartType, focus_id: str, up: int, down: int,
                 sizer: BoxSizer, orientation: Orientation) -> ChartLayout: ...
    # a fan's also takes fan=FanOptions, and a chart laid out otherwise than plainly options=LayoutOptions


@slotted(frozen=True)
class ChartSettings:
    """What chart is drawn around the focus; generations are counts, ALL_GENERATIONS for "all"."""

    chart_type: ChartType = ChartType.HOURGLASS
    generations_up: int = 3
    generations_down: int = 3
    orientation: Orientation = Orientation.VERTICAL
    fan: FanOptions = FanOptions()  # the fan chart's angle and colours
    layout: LayoutOptions = LayoutOptions()  # how the other charts are laid out (compact...)

    def __post_init__(self) -> None:
        for count in (self.generations_up, self.generations_down):
            if count < 1:
                raise ValueError(f"a chart shows at least one generation, not {count}")


@slotted
class WorkspaceEvents:
    """What observers can hear; each emitter carries the new value."""

    tree: Emitter[Tree | None] = field(default_factory=Emitter)  # a file was opened (or closed)
    chart: Emitter[ChartLayout] = field(default_factory=Emitter)  # a new layout around the focus
    chart_failed: Emitter[str] = field(default_factory=Emitter)  # why the chart could not be drawn
    selection: Emitter[str] = field(default_factory=Emitter)  # the selected person's id
    settings: Emitter[ChartSettings] = field(default_factory=Emitter)
    history: Emitter[History] = field(default_factory=Emitter)  # Back/Forward may have changed
    home: Emitter[str] = field(default_factory=Emitter)  # the home person's id
    notice: Emitter[str] = field(default_factory=Emitter)  # a sentence for the status line
    changed: Emitter[TreeChange] = field(default_factory=Emitter)  # an edit was done, undone or redone
    edits: Emitter[UndoStack] = field(default_factory=Emitter)  # Undo/Redo, the History, saved or not


class Workspace:
    """One open family tree and where the user is in it."""

    def __init__(self, settings: ChartSettings | None = None, sizer: BoxSizer = default_sizer,
                 layout: LayoutFunction = _layout_chart) -> None:
        self.events = WorkspaceEvents()
        self.tree: Tree | None = None
        self.path = ""
        self.focus_id = ""
        self.selected_id = ""
        self.home_id = ""
        self.settings = settings or ChartSettings()
        self.history = History()
        self.layout = ChartLayout(self.settings.chart_type, "")
        self.chart_error = ""  # why the last chart could not be drawn, "" when it was
        self.sizer = sizer
        self._layout_function = layout
        # the focus's partners, parents, children and siblings as they were when last drawn: where the
        # chart goes when an edit takes the focus away (by then the tree no longer says who they were)
        self._kin: tuple[str, ...] = ()
        self._living: LivingIndex | None = None
        self._unliving: tuple[set[str], set[str]] = (set(), set())  # people, families edited since asked
        self._pointers: Pointers | None = None
        self.undo = UndoStack(Tree(), self.events.changed, self.events.edits)
        self.events.changed.connect(self._on_tree_changed)  # first: the chart is redrawn before others hear

    # -- the file ------------------------------------------------------------------------------
    def open(self, tree: Tree, path: str = "", focus: str = "", home: str = "") -> None:
        """Show a newly read tree, centred on `focus` (an id or a name), else on the home person.

        `home` is the home person remembered for this file, if any; the file's own
        home person, or its first person with a family, is taken when it is not in the tree.
        """
        self.tree = tree
        self.path = path
        self.undo = UndoStack(tree, self.events.changed, self.events.edits)
        self.history.clear()
        self.focus_id = self.selected_id = ""
        self._kin = ()
        self._living = self._pointers = None
        self._put_folds(Folds())  # (those of another file's people)
        self.home_id = home if home in tree.people else tree.default_person_id()
        self.events.tree.emit(tree)
        start = self.resolve(focus) if focus else ""
        if focus and not start:
            self.events.notice.emit(f"No person {focus!r} in this file; showing the home person")
        start = start or self.home_id
        if not start:  # a file with nobody in it (HEAD and TRLR only): the chart says so
            self.layout = ChartLayout(self.settings.chart_type, "", warnings=[NO_PEOPLE])
            self.events.chart.emit(self.layout)
        else:
            self._show(start, start)
            self._record()
        self.events.history.emit(self.history)
        self.events.edits.emit(self.undo)

    def resolve(self, text: str) -> str:
        """The id of the person `text` names: an xref with or without its @ signs, or a whole name."""
        if self.tree is None:
            return ""
        key = text.strip()
        for candidate in (key, f"@{key.strip('@')}@"):
            if candidate in self.tree.people:
                return candidate
        folded = key.casefold()
        for person in self.tree.iter_people():
            if any(folded == t.casefold() for n in person.names for t in n.all_texts()):
                return person.id
        return ""

    @property
    def living(self) -> LivingIndex:
        """Who is living in the open tree: inferred for everyone when first asked, then after each edit
        for the people it can change (the edited, their relatives, and undated people bounded through
        them), when next asked."""
        tree = self.tree if self.tree is not None else Tree()
        living = self._living
        if living is None or living.tree is not tree:
            from familytree.privacy.living import LivingIndex

            living = self._living = LivingIndex(tree)
            self._unliving = (set(), set())
        elif self._unliving[0] or self._unliving[1]:
            people, families = self._unliving
            self._unliving = (set(), set())
            living.update(people, families)
        return living

    @property
    def pointers(self) -> Pointers:
        """Whose associations and pointers name each person in the open tree (for deleting a person
        without reading everyone's lines): made at the first ask, then kept up to date edit by edit."""
        tree = self.tree if self.tree is not None else Tree()
        if self._pointers is None or self._pointers.tree is not tree:
            from familytree.workspace.relatives import Pointers

            self._pointers = Pointers(tree)
        return self._pointers

    # -- where the user is ---------------------------------------------------------------------
    def set_focus(self, person_id: str, record: bool = True) -> bool:
        """Re-centre the chart on a person and select them; False when there is no such person."""
        if self.tree is None or person_id not in self.tree.people:
            return False
        self._show(person_id, person_id)
        if record:
            self._record()
        return True

    def select(self, person_id: str, record: bool = True) -> bool:
        """Select a person: on the chart when drawn, else re-centre the chart on them."""
        if self.tree is None or person_id not in self.tree.people:
            return False
        if person_id not in self.layout.person_ids:
            return self.set_focus(person_id, record)
        self._select(person_id)
        if record:
            self._record()
        return True

    def move_selection(self, direction: str) -> bool:
        """Arrow keys: "up" to a parent, "down" to a child, "left"/"right" to a partner or sibling."""
        if self.tree is None or not self.selected_id:
            return False
        target = neighbour(self.tree, self.layout, self.selected_id, direction)
        return bool(target) and self.select(target)

    def back(self) -> bool:
        return self._go_to(self.history.back())

    def forward(self) -> bool:
        return self._go_to(self.history.forward())

    def go_home(self) -> bool:
        return bool(self.home_id) and self.set_focus(self.home_id)

    def set_home(self, person_id: str) -> bool:
        if self.tree is None or person_id not in self.tree.people:
            return False
        self.home_id = person_id
        self.events.home.emit(person_id)
        return True

    # -- what is drawn -------------------------------------------------------------------------
    def change_settings(self, **changes: object) -> None:
        """Change the chart type, generations or orientation, keeping the selection when it stays drawn."""
        settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        if settings == self.settings:
            return
        self.settings = settings
        self.events.settings.emit(settings)
        self.redraw()

    # -- folded branches -----------------------------------------------------------------------
    @property
    def folds(self) -> Folds:
        return Folds.of(self.settings.layout)

    def fold(self, person_id: str, side: Side, hidden: bool | None = None) -> bool:
        """Fold (`hidden` True), unfold (False) or switch (None) a person's descendants or ancestors."""
        return self._set_folds(toggle(self.folds, person_id, side, hidden))

    def expand_all(self) -> bool:
        """Unfold every folded branch."""
        return self._set_folds(Folds())

    def collapse_all(self) -> bool:
        """Fold every branch on the chart but the focus' own (see folds.collapse_all)."""
        return self._set_folds(collapse_all(self.folds, self.layout))

    def _put_folds(self, folds: Folds) -> None:
        """Take these folds for the next layout, without laying out now."""
        if folds != self.folds:
            self.settings = replace(self.settings, layout=folds.applied(self.settings.layout))
            self.events.settings.emit(self.settings)

    def _set_folds(self, folds: Folds, record: bool = True) -> bool:
        if folds == self.folds:
            return False
        self.change_settings(layout=folds.applied(self.settings.layout))
        if record:
            self._record()
        return True

    def redraw(self) -> None:
        """Lay the chart out again around the same focus (after a change of settings or sizes)."""
        if self.tree is None or not self.focus_id:
            return
        selected = self.selected_id
        self._show(self.focus_id, lambda: selected if selected in self.layout.person_ids else self.focus_id)

    def _on_tree_changed(self, change: TreeChange) -> None:
        """After an edit: the chart again when it shows what changed; the home person, focus and
        selection moved to someone still there when theirs was deleted.

        A focus deleted (or its addition undone) gives way to the nearest of their relatives still
        there, a partner before a parent, a child, a sibling; to the selected person, or the home
        person, only when none is left.
        """
        tree = self.tree
        if tree is None:
            return
        if self._living is not None:
            self._unliving[0].update(change.people)
            self._unliving[1].update(change.families)
        if self._pointers is not None:
            self._pointers.changed(change.people, change.families)
        if self.home_id not in tree.people:
            self.home_id = tree.default_person_id()
            self.events.home.emit(self.home_id)
        people = tree.people
        focus = self.focus_id if self.focus_id in people else \
            next((p for p in (*self._kin, self.selected_id, self.home_id) if p in people), "")
        if not focus:
            self.focus_id = self.selected_id = ""
            self._kin = ()
            self.layout = ChartLayout(self.settings.chart_type, "", warnings=[NO_PEOPLE])
            self.events.chart.emit(self.layout)
            return
        drawn = self.layout.person_ids
        if focus == self.focus_id and not change.links and drawn.isdisjoint(change.people):
            return  # nothing drawn changed (a removed person changes links)
        selected = self.selected_id if self.selected_id in tree.people else focus
        self._show(focus, lambda: selected if selected in self.layout.person_ids else focus)

    # -- inside --------------------------------------------------------------------------------
    def _show(self, focus_id: str, selected: str | Callable[[], str]) -> None:
        """Lay out around `focus_id`, then select (what `selected` names once the chart is laid out).

        Why a chart could not be drawn is said after the selection, so it is the last word.
        """
        drawn = self._rebuild(focus_id)
        self._select(selected if isinstance(selected, str) else selected())
        if not drawn:
            self.events.chart_failed.emit(self.chart_error)

    def _rebuild(self, focus_id: str) -> bool:
        assert self.tree is not None
        s = self.settings
        # only a fan takes the fan's options, only a chart not laid out plainly the layout's (a layout
        # function need not know what it is never asked)
        extra: dict[str, object] = {"fan": s.fan} if s.chart_type is ChartType.FAN else {}
        if s.chart_type is not ChartType.FAN and s.layout != LayoutOptions():
            extra["options"] = s.layout
        try:
            layout = self._layout_function(self.tree, s.chart_type, focus_id, s.generations_up,
                                           s.generations_down, self.sizer, s.orientation, **extra)
        except Exception as error:  # noqa: BLE001 - a layout failure on odd data must not take the window down
            name = shorten(self.tree.people[focus_id].display_name())
            self.chart_error = shorten(f"The chart around {name} could not be drawn: {error}", 2 * SHORT_TEXT)
            return False
        self.chart_error = ""
        self.focus_id = focus_id
        self._kin = nearest_kin(self.tree, focus_id)
        self.layout = layout
        self.events.chart.emit(layout)
        return True

    def _select(self, person_id: str) -> None:
        self.selected_id = person_id
        self.events.selection.emit(person_id)

    def _record(self) -> None:
        self.history.visit(Place(self.focus_id, self.selected_id, self.folds))
        self.events.history.emit(self.history)

    def _go_to(self, place: Place | None) -> bool:
        if place is None or self.tree is None:
            return False
        if place.focus_id == self.focus_id:
            self._set_folds(place.folds, record=False)
        else:
            self._put_folds(place.folds)  # (laid out with the focus, below: one layout)
        if place.focus_id != self.focus_id:
            self.set_focus(place.focus_id, record=False)
        if place.selected_id and place.selected_id in self.tree.people:
            self.select(place.selected_id, record=False)
        self.events.history.emit(self.history)
        return True

