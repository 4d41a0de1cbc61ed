"""The Relationship dialog: how two people are related, the path in words, and the path shown on the chart."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from familytree.model import Tree
from familytree.model.text import SHORT_TEXT, for_display
from familytree.render.scene import ChartScene
from familytree.render.text import set_person_label
from familytree.ui.chart_panel import ChartPanel
from familytree.ui.search_box import SearchBox
from familytree.workspace import Workspace

if TYPE_CHECKING:
    from familytree.relations import Relationship

__all__ = ["RelationshipDialog", "clear_highlight", "highlight_path", "highlighted_ids"]

# Overlay items carry this tag in data(0) and the highlighted id in data(1).
HIGHLIGHT_TAG = "relationship-path"
_TAG_KEY, _ID_KEY = 0, 1
_BOX_MARGIN = 4.0
_TOUCH = 2.0  # how close a connector end must come to a box to count as joining it


# -- highlighting on the chart --------------------------------------------------------------------
def _highlight_colour(scene: ChartScene) -> QColor:
    return scene.chart_palette.path  # the colour View > Legend shows


def clear_highlight(scene: QGraphicsScene) -> None:
    """Remove a highlighted path from the scene (nothing happens when there is none)."""
    for item in scene.items():
        if item.data(_TAG_KEY) == HIGHLIGHT_TAG:
            scene.removeItem(item)


def highlighted_ids(scene: QGraphicsScene) -> set[str]:
    """The person and family ids currently highlighted."""
    return {str(item.data(_ID_KEY)) for item in scene.items() if item.data(_TAG_KEY) == HIGHLIGHT_TAG}


def _tag(item: QGraphicsItem, ident: str) -> None:
    item.setData(_TAG_KEY, HIGHLIGHT_TAG)
    item.setData(_ID_KEY, ident)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)


def highlight_path(scene: ChartScene, person_ids: tuple[str, ...] | list[str],
                   family_ids: tuple[str, ...] | list[str]) -> QRectF:
    """Outline the boxes of `person_ids` and draw over the connector lines of `family_ids` that join them.

    A family's lines are drawn only where they lead to people on the path: the drop
    to a brother who is not on it stays plain.  Returns the scene rectangle around
    what was highlighted (empty when none of it is on this chart).
    """
    clear_highlight(scene)
    colour = _highlight_colour(scene)
    on_path = set(person_ids)
    bounds = QRectF()
    others = [item.sceneBoundingRect() for pid, item in scene.person_items.items() if pid not in on_path]
    families = set(family_ids)
    for citem in scene.connector_items:
        connector = citem.connector
        if connector.family_id not in families:
            continue
        reach = citem.sceneBoundingRect().adjusted(-_TOUCH, -_TOUCH, _TOUCH, _TOUCH)
        near = [r.adjusted(-_TOUCH, -_TOUCH, _TOUCH, _TOUCH) for r in others if r.intersects(reach)]
        path = QPainterPath()
        for (x1, y1), (x2, y2) in connector.segments:
            if any(r.contains(x, y) for r in near for (x, y) in ((x1, y1), (x2, y2))):
                continue  # this line leads to someone off the path
            path.moveTo(x1, y1)
            path.lineTo(x2, y2)
        if path.isEmpty():
            continue
        line = QGraphicsPathItem(path)
        line.setPen(scene.chart_palette.path_pen())
        line.setZValue(0.5)  # over the plain lines, under the boxes
        _tag(line, connector.family_id)
        scene.addItem(line)
        bounds = bounds.united(line.sceneBoundingRect())
    for pid in person_ids:
        item = scene.item_for(pid)
        if item is None:
            continue
        rect = QRectF(item.box.x, item.box.y, item.box.width, item.box.height).adjusted(
            -_BOX_MARGIN, -_BOX_MARGIN, _BOX_MARGIN, _BOX_MARGIN)
        outline = QPainterPath()
        outline.addRoundedRect(rect, 6.0, 6.0)
        ring = QGraphicsPathItem(outline)
        ring.setPen(QPen(colour, 3.5))
        ring.setZValue(2.0)  # over the boxes
        _tag(ring, pid)
        scene.addItem(ring)
        bounds = bounds.united(rect)
    return bounds


# -- choosing people ------------------------------------------------------------------------------
def _person_field(parent: QWidget, tree: Tree) -> SearchBox:
    """A name search field that emits personChosen(str) for the person picked; it lists people only."""
    field = SearchBox(parent)
    field.people_only = True
    field.setToolTip("Any spelling of a name (Sergei, Sergey, Сергей, Seryozha); filters by years and sex")
    field.setTree(tree)
    return field


def _show_person(label: QLabel, tree: Tree, person_id: str) -> None:
    """The chosen person's name and years under a person field."""
    person = tree.people.get(person_id)
    if person is None:
        set_person_label(label, "(nobody chosen)")
    else:
        set_person_label(label, person.display_name(), person.lifespan())


# -- the dialog -----------------------------------------------------------------------------------
class RelationshipDialog(QDialog):
    """Pick two people; see every relationship between them, closest first, and the path of each.

    Show on Chart re-centres the workspace where the whole path is drawn, and highlights it.
    """

    def __init__(self, workspace: Workspace, chart: ChartPanel, a_id: str = "", b_id: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Relationship")
        self.setObjectName("relationshipDialog")
        self.workspace = workspace
        self.chart = chart
        self.tree: Tree = workspace.tree if workspace.tree is not None else Tree()
        self.a_id = ""
        self.b_id = ""
        self.relationships: list[Relationship] = []
        self.warnings: list[str] = []
        self._shown: Relationship | None = None  # the path kept highlighted across chart rebuilds

        self.a_field = _person_field(self, self.tree)
        self.b_field = _person_field(self, self.tree)
        for person_field in (self.a_field, self.b_field):
            person_field.setFocusPerson(workspace.focus_id)  # rank the chart's family first
            person_field.setPlaceholderText("Type a name, then choose the person")
        self.a_field.setAccessibleName("First person")
        self.b_field.setAccessibleName("Second person")
        self.a_label = QLabel(self)
        self.b_label = QLabel(self)
        for label in (self.a_label, self.b_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # a name <img src=/dev/zero> is a name, not an image
        self.a_field.personChosen.connect(self.set_a)
        self.b_field.personChosen.connect(self.set_b)
        swap = QPushButton("&Swap", self)
        swap.setToolTip("Ask the question the other way round")
        swap.clicked.connect(self.swap)

        form = QFormLayout()
        form.addRow("&First person:", self.a_field)
        form.addRow("", self.a_label)
        form.addRow("&Second person:", self.b_field)
        form.addRow("", self.b_label)

        self.results = QListWidget(self)
        self.results.setObjectName("relationshipResults")
        self.results.setAccessibleName("Relationships, closest first")
        self.results.setWordWrap(True)  # a statement about two long names wraps instead of scrolling
        self.results.currentRowChanged.connect(self._on_row_changed)
        self.results.itemActivated.connect(lambda _item: self.show_on_chart())
        self.path_view = QTextBrowser(self)
        self.path_view.setObjectName("relationshipPath")
        self.path_view.setAccessibleName("The path in words")
        self.path_view.setMaximumHeight(110)
        # an English sentence, left to right even when it starts with a Hebrew or Arabic name
        option = self.path_view.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        self.path_view.document().setDefaultTextOption(option)

        self.show_button = QPushButton("Show on &Chart", self)
        self.show_button.setToolTip("Highlight the people and lines of this path on the chart")
        self.show_button.clicked.connect(self.show_on_chart)
        self.show_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(swap)
        row.addStretch(1)
        row.addWidget(self.show_button)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Relationships (closest first):", self))
        layout.addWidget(self.results, 1)
        layout.addWidget(QLabel("The path:", self))
        layout.addWidget(self.path_view)
        layout.addLayout(row)
        self.resize(560, 460)
        for button in self.findChildren(QPushButton):
            # Enter in a name field chooses the person; it must not also press Swap or Close
            button.setAutoDefault(False)
            button.setDefault(False)

        chart.chartChanged.connect(self._on_chart_changed)
        self.finished.connect(self._on_finished)
        self.set_a(a_id, compute=False)
        self.set_b(b_id, compute=False)
        self.compute()

    # -- choosing ------------------------------------------------------------------------------
    def set_a(self, person_id: str, compute: bool = True) -> None:
        self.a_id = person_id if person_id in self.tree.people else ""
        _show_person(self.a_label, self.tree, self.a_id)
        if compute:
            self.compute()

    def set_b(self, person_id: str, compute: bool = True) -> None:
        self.b_id = person_id if person_id in self.tree.people else ""
        _show_person(self.b_label, self.tree, self.b_id)
        if compute:
            self.compute()

    def swap(self) -> None:
        a, b = self.a_id, self.b_id
        self.set_a(b, compute=False)
        self.set_b(a, compute=False)
        self.compute()

    # -- results -------------------------------------------------------------------------------
    def compute(self) -> None:
        """Find every relationship of A to B and list them, closest first."""
        self.results.clear()
        self.path_view.clear()
        self.relationships = []
        self.warnings = []
        self.show_button.setEnabled(False)
        if not self.a_id or not self.b_id:
            self.path_view.setPlainText("Choose two people.")
            return
        tree = self.tree
        if self.a_id == self.b_id:
            self.path_view.setPlainText(f"{self._name(self.a_id)} is the same person.")
            return
        from familytree.relations import get_wording, relationships

        self.relationships = relationships(tree, self.a_id, self.b_id, warnings=self.warnings)
        self.warnings = [for_display(w, 2 * SHORT_TEXT) for w in self.warnings]  # they may name people
        if not self.relationships:
            item = QListWidgetItem(f"No known relationship between {self._name(self.a_id)} and "
                                   f"{self._name(self.b_id)}.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        for rel in self.relationships:
            self.results.addItem(QListWidgetItem(get_wording().statement(rel, self._name)))
        if self.relationships:
            self.results.setCurrentRow(0)
            return
        from familytree.relations import connection

        chain = connection(tree, self.a_id, self.b_id)
        lines = [] if chain is None else [
            f"No kinship term, but they are connected: {get_wording().describe_path(chain, self._name)}."]
        self.path_view.setPlainText("\n".join(lines + self.warnings))

    def _name(self, person_id: str) -> str:
        """A person's name (cut for display); the two chosen ones with their xrefs when they have
        the same name."""
        people = self.tree.people
        person = people.get(person_id)
        if person is None:
            return for_display(person_id)
        shown = for_display(person.display_name())
        a, b = people.get(self.a_id), people.get(self.b_id)
        same = a is not None and b is not None and a.display_name() == b.display_name()
        if same and person_id in (self.a_id, self.b_id):
            return f"{shown} ({for_display(person_id)})"
        return shown

    def statements(self) -> list[str]:
        """What the result list says, in order (for tests and accessibility checks)."""
        return [item.text() for item in (self.results.item(i) for i in range(self.results.count())) if item]

    def current_relationship(self) -> Relationship | None:
        row = self.results.currentRow()
        return self.relationships[row] if 0 <= row < len(self.relationships) else None

    def _on_row_changed(self, row: int) -> None:
        rel = self.current_relationship()
        self.show_button.setEnabled(rel is not None)
        if rel is None:
            return
        from familytree.relations import get_wording

        text = get_wording().describe_path(rel, self._name)
        text += "" if text.endswith(".") else "."
        notes = "".join(f"<p><i>{html.escape(w)}</i></p>" for w in self.warnings)
        self.path_view.setHtml(f"<p>{html.escape(text)}</p>{notes}")
        if self._shown is not None:
            self.show_on_chart()  # keep the chart in step with the chosen line

    # -- the chart ----------------------------------------------------------------------------
    def show_on_chart(self) -> None:
        """Highlight the current path; re-centre the chart first if it does not show all of it."""
        rel = self.current_relationship()
        ws = self.workspace
        if rel is None or ws.tree is None:
            return
        people = rel.person_ids
        scene = self.chart.scene
        if any(scene.item_for(p) is None for p in people):
            best, best_count = "", -1
            for candidate in (*rel.apex, self.a_id, self.b_id, *people):
                if candidate not in ws.tree.people:
                    continue
                ws.set_focus(candidate)
                count = sum(scene.item_for(p) is not None for p in people)
                if count == len(people):
                    best = ""
                    break
                if count > best_count:
                    best, best_count = candidate, count
            if best and best != ws.focus_id:
                ws.set_focus(best)
        self._shown = rel
        self._highlight()

    def _highlight(self) -> None:
        rel = self._shown
        if rel is None:
            return
        scene = self.chart.scene
        bounds = highlight_path(scene, rel.person_ids, rel.family_ids)
        missing = [p for p in rel.person_ids if scene.item_for(p) is None]
        if missing:
            names = ", ".join(self._name(p) for p in missing if p in self.tree.people)
            self.path_view.append(f"Not on this chart: {names}. Show more generations to see the whole path.")
        if not bounds.isEmpty():
            view = self.chart.view
            view.finish_animation()  # a glide to a new centre still running would carry the view off the path
            # zoomed out as far as the path needs, never in: a zoom to a short path would stay on
            # for the charts after it, each cut off
            view.fit_rect(bounds.adjusted(-40, -40, 40, 40), max_zoom=view.zoom)

    def _on_chart_changed(self) -> None:
        if self._shown is not None and self.isVisible():
            highlight_path(self.chart.scene, self._shown.person_ids, self._shown.family_ids)

    def _on_finished(self, _result: int) -> None:
        self._shown = None  # the highlight stays until the chart is next redrawn
