"""Adding a relative: a new person's name and sex, or an existing person found by name; where they go and,
for a parent in a family of their own, how they are the person's parent."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familytree.model import ChildRelation, Name, Person, Sex, Tree
from familytree.model.text import SHORT_TEXT, for_display
from familytree.render.text import plain_label, set_person_label, set_plain_text
from familytree.ui.edit_drafts import locked
from familytree.ui.edit_fields import WARNING_STYLE, fit_to_content, note_label
from familytree.ui.search_box import SearchBox
from familytree.workspace import Edit, EditRefused
from familytree.workspace import relatives as r
from familytree.workspace.editing import family_words, person_words

__all__ = ["PARENT_RELATIONS", "ROLES", "FamilyChoice", "LinkDialog", "NewPersonDialog", "RelativeDialog",
           "birth_parents", "family_choices", "relative_edit", "with_whom"]

ROLES = ("parent", "partner", "child", "sibling")
_SEXES = (("Unknown", Sex.UNKNOWN), ("Female", Sex.FEMALE), ("Male", Sex.MALE), ("Other", Sex.OTHER))
# How a parent in a family of their own is the person's parent (the PEDI of the child's link to it)
PARENT_RELATIONS = (("Birth parent", ChildRelation.BIRTH), ("Adoptive parent", ChildRelation.ADOPTED),
                    ("Step-parent", ChildRelation.STEP), ("Foster parent", ChildRelation.FOSTER))
_RELATION_WORDS = {ChildRelation.BIRTH: "a birth parent", ChildRelation.ADOPTED: "an adoptive parent",
                   ChildRelation.STEP: "a step-parent", ChildRelation.FOSTER: "a foster parent"}


class FamilyChoice(NamedTuple):
    """Where a relative goes: into a family of the person's (its xref), or into a new family."""

    words: str
    family_id: str = ""
    new_family: bool = False


def with_whom(tree: Tree, family_id: str, person_id: str) -> str:
    """A family of the person's, as a choice: "with Olga Greber", "in the family of Yulia"."""
    family = tree.families[family_id]
    partner = next((p for p in family.partner_ids if p != person_id and p in tree.people), "")
    if partner:
        return f"with {person_words(tree, partner)}"
    return f"in the family of {family_words(tree, family)}"


def family_choices(tree: Tree, person_id: str, role: str) -> list[FamilyChoice]:
    """The families a new or linked relative can go into, the one taken by default first."""
    families = {"child": tree.partner_families(person_id), "partner": tree.partner_families(person_id),
                "parent": tree.parent_families(person_id), "sibling": tree.parent_families(person_id)}[role]
    if role == "child":
        return [FamilyChoice(with_whom(tree, f.id, person_id), f.id) for f in families] + \
            [FamilyChoice("with no other parent (a family of their own)", new_family=True)]
    if role == "sibling":
        return [FamilyChoice(f"a child of {family_words(tree, f)}", f.id) for f in families] or \
            [FamilyChoice("the two of them in a family with no parents recorded")]
    free = [f for f in families if not (f.husband_id and f.wife_id)]
    if role == "partner":
        return [FamilyChoice(with_whom(tree, f.id, person_id), f.id) for f in free] + \
            [FamilyChoice("in a new family of the two")]
    own = "in a new family of their own (not with the parents recorded)" if families \
        else "in a new family (the first parent recorded)"
    return [FamilyChoice(with_whom(tree, f.id, person_id), f.id) for f in free] + \
        [FamilyChoice(own, new_family=True)]


def birth_parents(tree: Tree, person_id: str) -> list[str]:
    """The person's parents by birth, as the file records them (by each parent's own relation)."""
    out: list[str] = []
    for family in tree.parent_families(person_id):
        out.extend(p for p, relation in r.child_relations(tree, family.id, person_id).items()
                   if relation is ChildRelation.BIRTH and p in tree.people and p not in out)
    return out


def relative_edit(tree: Tree, person_id: str, role: str, relative: str | Person, choice: FamilyChoice,
                  relation: ChildRelation = ChildRelation.BIRTH) -> Edit:
    """The edit adding `relative` (an xref, or a new person) in `role` to the person; EditRefused if not.
    `relation`: how a parent in a new family of theirs is the person's parent."""
    if role == "parent":
        return r.add_parent(tree, person_id, relative, choice.family_id, relation, choice.new_family)
    if role == "child":
        return r.add_child(tree, person_id, relative, choice.family_id, new_family=choice.new_family)
    if role == "partner":
        return r.add_partner(tree, person_id, relative, choice.family_id)
    return r.add_sibling(tree, person_id, relative, choice.family_id)


class RelativeDialog(QDialog):
    """A relative of one person in one role: what the subclass asks, where they go, why it was refused.

    A parent who goes into a family of their own is asked for: an adoptive, step, foster or
    birth parent (a third birth parent with a warning), and the dialog says what OK will do.
    OK makes the edit through `push`; a refusal (a person their own ancestor, a family full)
    is said in the dialog, which stays open for another choice, and grows to show it.
    """

    def __init__(self, tree: Tree, person_id: str, role: str, push: Callable[[Callable[[Tree], Edit]], Edit],
                 title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.tree = tree
        self.person_id = person_id
        self.role = role
        self.edit: Edit | None = None  # the edit made, once accepted
        self._push = push
        self.choices = family_choices(tree, person_id, role)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.family = QComboBox(self)
        self.family.setAccessibleName("Family")
        for choice in self.choices:
            self.family.addItem(for_display(choice.words, 2 * SHORT_TEXT))
        if len(self.choices) > 1:
            self.form.addRow("&Family:", self.family)
        else:  # nothing to choose, but where they go is said
            self.family.hide()
            only = plain_label(self.choices[0].words, self, 2 * SHORT_TEXT)
            only.setWordWrap(True)
            only.setAccessibleName("Family")
            only.setObjectName("family_words")
            self.form.addRow("Family:", only)
        self.relation = QComboBox(self)
        self.relation.setAccessibleName("Relation to the person")
        self.births = birth_parents(tree, person_id) if role == "parent" else []
        for words, relation in PARENT_RELATIONS:
            self.relation.addItem(words, relation.value)
        # with two birth parents recorded, another parent is most likely adoptive (the first choice then)
        self.relation.setCurrentIndex(1 if len(self.births) >= 2 else 0)
        if role == "parent":
            self.form.addRow("&Relation:", self.relation)
        else:
            self.relation.hide()
        self.outcome = note_label(self, "What OK does", "")
        self.outcome.setObjectName("outcome")
        self.caution = note_label(self, "Warning", WARNING_STYLE)
        self.caution.setObjectName("caution")
        self.refusal = plain_label("", self, 4 * SHORT_TEXT)
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #b3261e")
        self.refusal.hide()
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons.Ok | buttons.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        heading = plain_label(f"{role.capitalize()} of {person_words(tree, person_id)}", self, 2 * SHORT_TEXT)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        box = QVBoxLayout(self)
        box.addWidget(heading)
        box.addLayout(self.form)
        box.addWidget(self.outcome)
        box.addWidget(self.caution)
        box.addWidget(self.refusal)
        box.addWidget(self.buttons)
        self.family.currentIndexChanged.connect(lambda _i: self.explain())
        self.relation.currentIndexChanged.connect(lambda _i: self.explain())

    def relative(self) -> str | Person | None:
        """The relative the dialog names (None: not yet)."""
        raise NotImplementedError

    def relative_words(self) -> str:
        """The relative as the explanation names them ("Jane Northover", "the new parent")."""
        return f"the new {self.role}"

    def choice(self) -> FamilyChoice:
        return self.choices[max(0, self.family.currentIndex())]

    def chosen_relation(self) -> ChildRelation:
        return ChildRelation(self.relation.currentData())

    def explain(self) -> None:
        """Say what OK will do (for a parent: into which family, and as what kind of parent), and warn of
        a third birth parent. The dialog grows to the words."""
        self.refusal.hide()
        outcome = caution = ""
        if self.role == "parent":
            tree, who = self.tree, person_words(self.tree, self.person_id)
            choice = self.choice()
            self.relation.setEnabled(choice.new_family)
            parents = " and ".join(person_words(tree, p) for p in tree.parents(self.person_id))
            if choice.new_family:
                relation = self.chosen_relation()
                outcome = (f"OK records {self.relative_words()} as {_RELATION_WORDS[relation]} of {who}, "
                           f"in a new family of their own")
                outcome += f"; the parents recorded ({parents}) stay as they are." if parents else "."
                if relation is ChildRelation.BIRTH and len(self.births) >= 2:
                    births = " and ".join(person_words(tree, p) for p in self.births)
                    caution = (f"\u26a0 {who} already has two birth parents ({births}). A third birth parent "
                               f"is most likely a mistake: choose adoptive, step or foster unless the file "
                               f"is wrong about one of them.")
            else:
                outcome = (f"OK records {self.relative_words()} as a parent of {who}, {choice.words} (in the "
                           f"family {who} is a child of).")
        if locked(self.tree.people.get(self.person_id)):
            caution += (f"\n\u26a0 The record of {person_words(self.tree, self.person_id)} is locked (RESN "
                        f"locked): the file asks that it not be changed, and OK links to it.")
        caution = caution.strip()
        set_plain_text(self.outcome, outcome, 4 * SHORT_TEXT)
        set_plain_text(self.caution, caution, 4 * SHORT_TEXT)
        self.outcome.setVisible(bool(outcome))
        self.caution.setVisible(bool(caution))
        fit_to_content(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        fit_to_content(self)  # the wrapped words' height is known at the width shown

    def accept(self) -> None:
        relative = self.relative()
        if relative is None:
            return
        choice, relation = self.choice(), self.chosen_relation()
        try:
            self.edit = self._push(lambda tree: relative_edit(tree, self.person_id, self.role, relative,
                                                              choice, relation))
        except EditRefused as refusal:
            self.refusal.setText(for_display(str(refusal), 4 * SHORT_TEXT))
            self.refusal.show()
            fit_to_content(self)
            return
        super().accept()


class NewPersonDialog(RelativeDialog):
    """A new person: given names, surname (for a child or sibling, the family's), sex."""

    def __init__(self, tree: Tree, person_id: str, role: str, push: Callable[[Callable[[Tree], Edit]], Edit],
                 parent: QWidget | None = None) -> None:
        super().__init__(tree, person_id, role, push, f"Add {role.capitalize()}", parent)
        self.given = QLineEdit(self)
        self.given.setAccessibleName("Given names")
        self.surname = QLineEdit(self)
        self.surname.setAccessibleName("Surname")
        self.sex = QComboBox(self)
        self.sex.setAccessibleName("Sex")
        for label, sex in _SEXES:
            self.sex.addItem(label, sex)
        self.form.insertRow(0, "&Given names:", self.given)
        self.form.insertRow(1, "&Surname:", self.surname)
        self.form.insertRow(2, "S&ex:", self.sex)
        self.surname.setText(_family_surname(tree, person_id, role))
        self.given.setFocus()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.given.textChanged.connect(lambda _t: ok.setEnabled(self._named()))
        self.surname.textChanged.connect(lambda _t: ok.setEnabled(self._named()))
        ok.setEnabled(self._named())
        self.given.textChanged.connect(lambda _t: self.explain())
        self.surname.textChanged.connect(lambda _t: self.explain())
        self.resize(420, self.sizeHint().height())
        self.explain()

    def _named(self) -> bool:
        return bool(self.given.text().strip() or self.surname.text().strip())

    def relative_words(self) -> str:
        typed = " ".join(f"{self.given.text()} {self.surname.text()}".split())
        return for_display(typed, SHORT_TEXT) if typed else super().relative_words()

    def relative(self) -> str | Person | None:
        if not self._named():
            return None
        given = " ".join(self.given.text().split())
        surname = " ".join(self.surname.text().replace("/", " ").split())
        name = Name.from_gedcom(f"{given} /{surname}/" if surname else given)
        return Person("", [name], self.sex.currentData())


def _family_surname(tree: Tree, person_id: str, role: str) -> str:
    """The surname a new child or sibling most likely has: the father's of the family, else the person's."""
    person = tree.people.get(person_id)
    if person is None or role not in ("child", "sibling"):
        return ""
    families = tree.partner_families(person_id) if role == "child" else tree.parent_families(person_id)
    fathers = [tree.people[f.husband_id] for f in families[:1] if f.husband_id in tree.people]
    for who in (*fathers, person):
        if who.names and who.names[0].surname:
            return who.names[0].surname
    return ""


class LinkDialog(RelativeDialog):
    """An existing person, found by any spelling of their name as in the toolbar's search."""

    def __init__(self, tree: Tree, person_id: str, role: str, push: Callable[[Callable[[Tree], Edit]], Edit],
                 parent: QWidget | None = None) -> None:
        super().__init__(tree, person_id, role, push, f"Link Existing Person as {role.capitalize()}", parent)
        self.chosen_id = ""
        self.field = SearchBox(self)
        self.field.people_only = True
        self.field.setPlaceholderText("Type a name, then choose the person")
        self.field.setAccessibleName("Person to link")
        self.field.setTree(tree)  # (the window's index of the tree, shared)
        self.field.personChosen.connect(self.choose)
        self.chosen = QLabel(self)
        self.chosen.setTextFormat(Qt.TextFormat.PlainText)
        self.form.insertRow(0, "&Person:", self.field)
        self.form.insertRow(1, "", self.chosen)
        self.choose("")
        for button in self.buttons.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in the field picks a person; it does not press OK
            button.setDefault(False)
        self.field.setFocus()
        self.resize(480, self.sizeHint().height())
        self.explain()

    def choose(self, person_id: str) -> None:
        person = self.tree.people.get(person_id)
        self.chosen_id = person_id if person is not None else ""
        if person is None:
            set_person_label(self.chosen, "(nobody chosen)")
        else:
            set_person_label(self.chosen, person.display_name(), person.lifespan())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.chosen_id))
        self.explain()

    def relative_words(self) -> str:
        person = self.tree.people.get(self.chosen_id)
        return for_display(person.display_name(), SHORT_TEXT) if person is not None else "the person chosen"

    def relative(self) -> str | Person | None:
        return self.chosen_id or None
