"""Relatives from the chart: the person menu's edits (add, link, remove a link, delete, order, relations)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox

from familytree.model import ChildRelation, Tree
from familytree.model.text import SHORT_TEXT, for_display
from familytree.relations import PartnerStatus, partner_status
from familytree.render.text import menu_text
from familytree.ui.edit_drafts import locked
from familytree.ui.relative_dialogs import ROLES, LinkDialog, NewPersonDialog, RelativeDialog, with_whom
from familytree.workspace import Edit
from familytree.workspace import relatives as r
from familytree.workspace.editing import family_words, person_words

if TYPE_CHECKING:
    from familytree.ui.editing import EditController

__all__ = ["RELATIONS", "RelativesMenu"]

RELATIONS = ((ChildRelation.BIRTH, "&Birth"), (ChildRelation.ADOPTED, "&Adopted"),
             (ChildRelation.FOSTER, "&Foster"), (ChildRelation.STEP, "&Step"))
STATUSES = ((PartnerStatus.MARRIED, "&Married"), (PartnerStatus.UNMARRIED, "&Not Married"),
            (PartnerStatus.UNKNOWN, "&Unknown"))


class RelativesMenu(QObject):
    """What the chart offers for a person: in its right-click menu (`fill`), under the "+" handle of the
    selected box (`add_menu`), and in the Edit menu for the selected person.

    A new person is named in a small dialog (then the person editor opens, when there is one);
    an existing one is found by name. Whatever the model refuses (a person their own ancestor,
    a family with the same person twice) is said with its reason.
    """

    def __init__(self, controller: EditController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.workspace = controller.workspace
        self.dialog: RelativeDialog | None = None  # the last add or link dialog (open while it is asked)

    def _tree(self, person_id: str) -> Tree | None:
        tree = self.workspace.tree
        return tree if tree is not None and person_id in tree.people else None

    # -- the menus -------------------------------------------------------------------------------
    def add_menu(self, person_id: str, menu: QMenu | None = None) -> QMenu:
        """Add Parent, Partner, Child or Sibling (a new person), and Link Existing in each role."""
        menu = menu if menu is not None else QMenu(self.controller.window.view)
        for role in ROLES:
            action = menu.addAction(f"Add {role.capitalize()}\u2026")
            action.setObjectName(f"add_{role}")
            action.triggered.connect(lambda _c=False, ro=role: self.add_new(ro, person_id))
        link = menu.addMenu("&Link Existing")
        link.setObjectName("link_existing")
        for role in ROLES:
            action = link.addAction(f"As {role.capitalize()}\u2026")
            action.setObjectName(f"link_{role}")
            action.triggered.connect(lambda _c=False, ro=role: self.link_existing(ro, person_id))
        return menu

    def popup_add_menu(self, person_id: str, where: QPoint) -> QMenu | None:
        """The "+" handle's menu, at `where` (global)."""
        if self._tree(person_id) is None:
            return None
        menu = self.add_menu(person_id)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)
        return menu

    def fill(self, menu: QMenu, person_id: str) -> None:
        """The edits of a person's menu, before its other entries (Compare, Relationship…)."""
        tree = self._tree(person_id)
        if tree is None:
            return
        self.add_menu(person_id, menu)
        menu.addSeparator()
        for text, name, fill in (("&Remove Link", "remove_link", self._remove_links),
                                 ("Re&order", "reorder", self._order),
                                 ("Relation to &Parents", "relations", self._relations),
                                 ("Partners&hip", "partnership", self._partnerships)):
            sub = menu.addMenu(text)
            sub.setObjectName(name)
            fill(sub, tree, person_id)
            sub.setEnabled(not sub.isEmpty())
        delete = menu.addAction("&Delete " + menu_text(f"{person_words(tree, person_id)}\u2026"))
        delete.setObjectName("delete_person")
        delete.triggered.connect(lambda _c=False: self.delete(person_id))
        menu.addSeparator()

    def _entry(self, menu: QMenu, text: str, make: Callable[[Tree], Edit], enabled: bool = True,
               name: str = "") -> QAction:
        """An entry doing an edit; `text` as the menu shows it (names from the file through `menu_text`,
        so that their "&" is shown, not taken for a mnemonic)."""
        action = menu.addAction(text)
        action.setEnabled(enabled)
        action.setObjectName(name)
        action.triggered.connect(lambda _c=False: self.controller.push(make))
        return action

    def _remove_links(self, menu: QMenu, tree: Tree, person_id: str) -> None:
        who = person_words(tree, person_id)
        for family in tree.parent_families(person_id):
            self._entry(menu, menu_text(f"{who} as a Child of {family_words(tree, family)}"),
                        partial(r.remove_link, person_id=person_id, family_id=family.id),
                        name=f"remove:{family.id}")
        for family in tree.partner_families(person_id):
            self._entry(menu, menu_text(f"{who} as a Partner in the Family of {family_words(tree, family)}"),
                        partial(r.remove_link, person_id=person_id, family_id=family.id),
                        name=f"remove:{family.id}")

    def _order(self, menu: QMenu, tree: Tree, person_id: str) -> None:
        who = person_words(tree, person_id)
        for family in tree.parent_families(person_id):
            children = [c.person_id for c in family.children]
            if len(children) < 2:
                continue
            at = children.index(person_id)
            among = f"the Children of {family_words(tree, family)}"
            for step, word in ((-1, "Earlier"), (1, "Later")):
                self._entry(menu, menu_text(f"Move {who} {word} Among {among}"),
                            partial(r.move_child, family_id=family.id, source=at, target=at + step),
                            0 <= at + step < len(children), f"move_child:{family.id}:{step}")
        families = tree.partner_families(person_id)
        if len(families) > 1:
            menu.addSeparator()
            for at, family in enumerate(families):
                whom = with_whom(tree, family.id, person_id).removeprefix("with ")
                for step, word in ((-1, "Earlier"), (1, "Later")):
                    self._entry(menu, menu_text(f"Move {whom} {word} Among {who}'s Partners"),
                                partial(r.move_partner_family, person_id=person_id, source=at,
                                        target=at + step),
                                0 <= at + step < len(families), f"move_partner:{family.id}:{step}")

    def _relations(self, menu: QMenu, tree: Tree, person_id: str) -> None:
        """A radio choice of birth, adopted, foster or step for the person and each of their parents."""
        for family in tree.parent_families(person_id):
            for parent_id, relation in r.child_relations(tree, family.id, person_id).items():
                sub = menu.addMenu(menu_text(f"To {person_words(tree, parent_id)}"))
                sub.setObjectName(f"relation_to:{parent_id}")
                group = QActionGroup(sub)
                for value, word in RELATIONS:
                    action = self._entry(sub, word, partial(
                        r.set_child_relation, family_id=family.id, child_id=person_id, relation=value,
                        parent_id=parent_id),
                                         name=f"relation:{parent_id}:{value.value}")
                    action.setCheckable(True)
                    action.setChecked(value is relation)
                    group.addAction(action)

    def _partnerships(self, menu: QMenu, tree: Tree, person_id: str) -> None:
        for family in tree.partner_families(person_id):
            status = partner_status(family)
            words = with_whom(tree, family.id, person_id)
            sub = menu.addMenu(menu_text(words[:1].upper() + words[1:]))
            sub.setObjectName(f"partnership_with:{family.id}")
            group = QActionGroup(sub)
            for value, word in STATUSES:
                action = self._entry(sub, word, partial(r.set_partnership, family_id=family.id,
                                                               status=value),
                                     name=f"partnership:{family.id}:{value.value}")
                action.setCheckable(True)
                action.setChecked(value is status)
                group.addAction(action)

    # -- the commands ----------------------------------------------------------------------------
    def add_new(self, role: str, person_id: str = "") -> RelativeDialog | None:
        """Name a new person and add them in `role` to the person (default: the selected one)."""
        return self._ask(NewPersonDialog, role, person_id or self.workspace.selected_id)

    def link_existing(self, role: str, person_id: str = "") -> RelativeDialog | None:
        """Find an existing person by name and link them in `role` to the person."""
        return self._ask(LinkDialog, role, person_id or self.workspace.selected_id)

    def _ask(self, kind: type[NewPersonDialog] | type[LinkDialog], role: str,
             person_id: str) -> RelativeDialog | None:
        tree = self._tree(person_id)
        if tree is None:
            return None
        dialog = kind(tree, person_id, role, lambda make: self.workspace.undo.push(make(tree)),
                      self.controller.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._added(dialog))
        self.dialog = dialog
        dialog.open()  # window-modal: Enter accepts, Escape cancels
        return dialog

    def _added(self, dialog: RelativeDialog) -> None:
        edit = dialog.edit
        new = [xref for xref in edit.created if xref in self.workspace.tree.people] \
            if edit is not None and self.workspace.tree is not None else []
        if new:
            self.workspace.select(new[0])  # the new person, ready to be told more of
            self._open_editor(new[0])

    def _open_editor(self, person_id: str) -> None:
        """The person editor for a new person (Edit > Edit Person…, when the window has it)."""
        action = self.controller.window.actions_by_id.get("edit.person")
        if action is not None and action.isEnabled() and self.workspace.selected_id == person_id:
            action.trigger()

    def delete(self, person_id: str = "") -> bool:
        """Delete a person after a question naming what goes with them; True when deleted."""
        person_id = person_id or self.workspace.selected_id
        tree = self._tree(person_id)
        if tree is None:
            return False
        who = person_words(tree, person_id)
        pointers = self.controller.workspace.pointers  # (who names them: the workspace's index, not a search)
        consequences = r.deletion_consequences(tree, person_id, pointers)
        box = QMessageBox(QMessageBox.Icon.Warning, "Delete Person", f"Delete {who}?",
                          QMessageBox.StandardButton.Cancel, self.controller.window)
        box.setObjectName("deleteQuestion")
        box.setTextFormat(Qt.TextFormat.PlainText)
        listed = "\n".join(f"\u2022 {for_display(line, 2 * SHORT_TEXT)}" for line in consequences[:12])
        more = f"\n\u2026 and {len(consequences) - 12} more" if len(consequences) > 12 else ""
        lock = (f"\u26a0 The record of {who} is locked (RESN locked): the file asks that it not be changed "
                f"or deleted.\n\n") if locked(tree.people[person_id]) else ""
        box.setInformativeText(f"{lock}This removes:\n{listed}{more}\n\nEdit > Undo puts it all back.")
        delete = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        chosen = box.clickedButton()
        confirmed = chosen is not None and chosen == delete
        box.deleteLater()
        if not confirmed:
            return False
        return self.controller.push(lambda t: r.delete_person(t, person_id, pointers)) is not None

