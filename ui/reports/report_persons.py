"""Persons contacted: a list of small cards (coded role, name, age, phone, note), add/remove."""

from __future__ import annotations

from typing import Any

from civilian_responder.clock import new_id
from civilian_responder.models import KnownPerson, Person
from civilian_responder.reference import CodeList
from civilian_responder_ui.people.person_suggestions import PersonSuggestions, Suggester, describe
from civilian_responder_ui.reports.report_fields import CodeCombo, TextLine, touch
from civilian_responder_ui.shell.translations import translate
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

MAX_AGE = 120


class PersonRow(QFrame):
    edited = Signal()
    removed = Signal(object)

    def __init__(self, roles: CodeList, person: Person, parent: QWidget | None = None,
                 suggest: Suggester | None = None, ages: CodeList | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.person_id = person.id
        self.known_id = person.known_id
        self.known = QLabel()
        self.known.setObjectName("knownPerson")
        self.known.setVisible(False)
        self.triggers = TextLine(translate("PersonRow", 'Known triggers (for the next team)'))
        self.what_helped = TextLine(translate("PersonRow", 'What helped ("responds well to …")'))
        self.suggestions = PersonSuggestions(suggest, ages) if suggest else None
        self.role = CodeCombo(roles, translate("PersonRow", 'Role…'))
        self.name = TextLine(translate("PersonRow", 'Name (if given)'))
        self.age = QSpinBox()
        touch(self.age)
        self.age.setRange(-1, MAX_AGE)
        self.age.setSpecialValueText(translate("PersonRow", "age ?"))
        # Room for "age ?" and "120" clear of the arrows and the edge.
        self.age.setMinimumWidth(
            self.age.fontMetrics().horizontalAdvance(translate("PersonRow", "age ?")) + 80
        )
        self.phone = TextLine(translate("PersonRow", 'Phone'))
        self.note = TextLine(translate("PersonRow", 'Note (e.g. how to reach them)'))
        self.remove = QPushButton(translate("PersonRow", "Remove"))
        touch(self.remove)
        self.remove.setToolTip(translate("PersonRow", "Remove this person from the report"))
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.addWidget(self.role, 0, 0)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self.age, 0, 2)
        grid.addWidget(self.phone, 1, 0, 1, 2)
        grid.addWidget(self.remove, 1, 2)
        # The note has a line of its own: squeezed beside the phone its placeholder was cut.
        grid.addWidget(self.note, 2, 0, 1, 3)
        # What the next team needs: a line each, so the placeholders are read in full.
        grid.addWidget(self.triggers, 3, 0, 1, 3)
        grid.addWidget(self.what_helped, 4, 0, 1, 3)
        grid.addWidget(self.known, 5, 0, 1, 3)
        if self.suggestions is not None:
            grid.addWidget(self.suggestions, 6, 0, 1, 3)
            self.name.textEdited.connect(self._on_name_text_edited)
            self.suggestions.chosen.connect(self.link)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 2)
        # Wide enough for the longest role ("Person served" was cut to "Person servec").
        self.role.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.name.setMinimumWidth(60)
        for line in (self.note, self.triggers, self.what_helped):
            line.setMinimumWidth(60)
        self.set_person(person)
        for w in (self.role, self.name, self.phone, self.note, self.triggers, self.what_helped):
            w.edited.connect(self.edited)
        self.age.valueChanged.connect(lambda _v: self.edited.emit())
        self.remove.clicked.connect(lambda: self.removed.emit(self))

    def set_person(self, p: Person) -> None:
        self.age.blockSignals(True)
        self.role.set_value(p.role_code)
        self.name.set_value(p.name)
        self.age.setValue(-1 if p.age is None else p.age)
        self.phone.set_value(p.phone)
        self.note.set_value(p.note)
        self.triggers.set_value(p.triggers)
        self.what_helped.set_value(p.what_helped)
        self.known_id = p.known_id
        self._show_known(None)
        self.age.blockSignals(False)

    def _on_name_text_edited(self, text: str) -> None:
        if self.suggestions is not None:
            self.suggestions.update_for(text)

    def link(self, person: KnownPerson) -> None:
        """The responder picked a known person: this row is them (nothing else is merged)."""
        self.known_id = person.id
        self.name.set_value(person.display_name)
        self._show_known(person)
        self.edited.emit()

    def _show_known(self, person: KnownPerson | None) -> None:
        if person is not None:
            self.known.setText(translate("PersonRow", 'Known person: ') + describe(person))
        elif self.known_id:
            self.known.setText(translate("PersonRow", "Known person (linked)"))
        self.known.setVisible(bool(self.known_id))

    def value(self) -> Person | None:
        role = self.role.value()
        if role is None:
            return None  # a row without a role is not a person yet; it stays on screen
        age = self.age.value()
        return Person(
            self.person_id,
            role,
            self.name.value().strip(),
            None if age < 0 else age,
            self.phone.value().strip(),
            self.note.value().strip(),
            self.known_id,
            self.triggers.value().strip(),
            self.what_helped.value().strip(),
        )

    def set_read_only(self, flag: bool) -> None:
        self.role.set_read_only(flag)
        for w in (self.name, self.phone, self.note, self.triggers, self.what_helped):
            w.set_read_only(flag)
        self.age.setReadOnly(flag)
        self.remove.setVisible(not flag)


class PersonsEditor(QWidget):
    edited = Signal()

    def __init__(self, roles: CodeList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._roles = roles
        self.rows: list[PersonRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(translate("PersonsEditor", "No one added yet."))
        self.add_button = QPushButton(translate("PersonsEditor", "&Add person"))
        touch(self.add_button)
        self.add_button.setMinimumWidth(180)
        self.add_button.clicked.connect(self._on_add_clicked)
        self._layout.addWidget(self.empty)
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._read_only = False
        self._suggest: Suggester | None = None
        self._ages: CodeList | None = None

    def set_suggester(self, suggest: Suggester, ages: CodeList | None = None) -> None:
        """Offer known people from the unit's cache while a name is typed (new rows)."""
        self._suggest, self._ages = suggest, ages

    def _on_add_clicked(self) -> None:
        # Most contacts are the person served; the role stays visible and easy to change.
        row = self._add_row(Person(new_id(), self._roles.items[0].code))
        row.role.setFocus()
        self.edited.emit()

    def _add_row(self, person: Person) -> PersonRow:
        row = PersonRow(self._roles, person, suggest=self._suggest, ages=self._ages)
        row.edited.connect(self.edited)
        row.removed.connect(self._on_row_removed)
        row.set_read_only(self._read_only)
        self._layout.insertWidget(len(self.rows), row)
        row.show()  # at once, not on the next event-loop pass, so focus can move into it now
        self._keep_tab_order(row)
        self.rows.append(row)
        self.empty.setVisible(False)
        return row

    def _keep_tab_order(self, row: PersonRow) -> None:
        """A row added later would otherwise be last in the window's Tab order; put its fields
        where they appear: after the rows above it, before "Add person"."""
        previous = self.add_button.previousInFocusChain()
        for widget in (row.role, row.name, row.age, row.remove, row.phone, row.note):
            QWidget.setTabOrder(previous, widget)
            previous = widget
        QWidget.setTabOrder(previous, self.add_button)

    def _on_row_removed(self, row: PersonRow) -> None:
        self.rows.remove(row)
        self._drop(row)
        self.empty.setVisible(not self.rows)
        self.add_button.setFocus()
        self.edited.emit()

    def _drop(self, row: PersonRow) -> None:
        self._layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def value(self) -> tuple[Person, ...]:
        return tuple(p for p in (r.value() for r in self.rows) if p is not None)

    def set_value(self, value: Any) -> None:
        for row in self.rows:
            self._drop(row)
        self.rows = []
        for person in value or ():
            self._add_row(person)
        self.empty.setVisible(not self.rows)

    def set_read_only(self, flag: bool) -> None:
        self._read_only = flag
        self.add_button.setVisible(not flag)
        for row in self.rows:
            row.set_read_only(flag)
