"""A quick outreach contact without a 911 call: place, people met (known or new), services
offered and accepted, shelter placement."""

from __future__ import annotations

from civilian_responder.errors import ValidationError
from civilian_responder.models import KnownPerson
from civilian_responder_ui.people.person_suggestions import PersonSuggestions, describe
from civilian_responder_ui.shell.code_labels import shown
from civilian_responder_ui.shell.translations import core_text, fill, translate
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

OFFERED, ACCEPTED = 1, 2


class OutreachDialog(QDialog):
    recorded = Signal(int)  # contacts made

    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("OutreachDialog", "Outreach contact"))
        self._app = app
        ref = app.reference
        self.met: list[str | tuple[str, str]] = []
        self.place = QLineEdit(
            self, placeholderText=translate("OutreachDialog", "Where (camp, corner, landmark)")
        )
        self.name = QLineEdit(
            self, placeholderText=translate("OutreachDialog", "Name or nickname of someone met")
        )
        self.age = QComboBox(self)
        for code in ref.age_ranges.offered():
            self.age.addItem(shown(code), code.code)
        self.add_new = QPushButton(translate("OutreachDialog", "Add as new person"), self)
        self.suggestions = PersonSuggestions(app.people.suggest, ref.age_ranges, self)
        self.people = QListWidget(self)
        self.people.setMaximumHeight(90)
        self.services = QTableWidget(len(ref.services.offered()), 3, self)
        self.services.setHorizontalHeaderLabels(
            [
                translate("OutreachDialog", "Service"),
                translate("OutreachDialog", "Offered"),
                translate("OutreachDialog", "Accepted"),
            ]
        )
        for row, code in enumerate(ref.services.offered()):
            label = QTableWidgetItem(shown(code))
            label.setData(Qt.ItemDataRole.UserRole, code.code)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.services.setItem(row, 0, label)
            for col in (OFFERED, ACCEPTED):
                box = QTableWidgetItem()
                box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                box.setCheckState(Qt.CheckState.Unchecked)
                self.services.setItem(row, col, box)
        self.shelter = QComboBox(self)
        self.shelter.addItem(translate("OutreachDialog", "No shelter outcome"), None)
        for code in ref.shelter_placements.offered():
            self.shelter.addItem(shown(code), code.code)
        self.note = QLineEdit(
            self, placeholderText=translate("OutreachDialog", "What helped (optional)")
        )
        self.error = QLabel(self, objectName="fieldError")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._layout()
        self.name.textEdited.connect(self.suggestions.update_for)
        self.suggestions.chosen.connect(self.add_known)
        self.add_new.clicked.connect(self._on_add_new_clicked)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _layout(self) -> None:
        who = QGridLayout()
        who.addWidget(self.name, 0, 0)
        who.addWidget(self.age, 0, 1)
        who.addWidget(self.add_new, 0, 2)
        who.addWidget(self.suggestions, 1, 0, 1, 3)
        who.addWidget(self.people, 2, 0, 1, 3)
        form = QFormLayout()
        form.addRow(translate("OutreachDialog", "Place"), self.place)
        form.addRow(translate("OutreachDialog", "People met"), who)
        form.addRow(translate("OutreachDialog", "Services"), self.services)
        form.addRow(translate("OutreachDialog", "Shelter"), self.shelter)
        form.addRow(translate("OutreachDialog", "Note"), self.note)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.buttons)
        box.addLayout(row)
        self.resize(620, 640)

    def add_known(self, person: KnownPerson) -> None:
        if person.id not in self.met:
            self.met.append(person.id)
            self.people.addItem(translate("OutreachDialog", 'Known: ') + describe(person))
        self.name.clear()

    def _on_add_new_clicked(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText(translate("OutreachDialog", "Type a name or nickname first"))
            return
        self.met.append((name, self.age.currentData()))
        self.people.addItem(
            fill(translate("OutreachDialog", "New: %1 · %2"), name, self.age.currentText())
        )
        self.name.clear()
        self.suggestions.hide()

    def checked(self, column: int) -> list[str]:
        return [
            self.services.item(r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(self.services.rowCount())
            if self.services.item(r, column).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        accepted = self.checked(ACCEPTED)
        offered = list(dict.fromkeys([*self.checked(OFFERED), *accepted]))
        try:
            made = self._app.people.record_outreach(
                self.place.text(),
                self.met,
                offered,
                accepted,
                self.shelter.currentData(),
                self.note.text().strip(),
            )
        except ValidationError as exc:
            self.error.setText(
                "; ".join(core_text(v) for v in exc.field_errors.values()) or core_text(exc))
            return
        self.recorded.emit(len(made))
        self.accept()
