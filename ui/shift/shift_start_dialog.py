"""Start the shift: choose the crew from the synced roster (each in one of their roles), add
someone not on the roster (flagged), and give the vehicle and its mileage."""

from __future__ import annotations

from civilian_responder.clock import new_id
from civilian_responder.errors import ResponderError, ValidationError
from civilian_responder.models import CrewMember, Shift
from civilian_responder.shifts.service import AD_HOC_PREFIX
from civilian_responder_ui.shell.code_labels import shown, shown_of, shown_short
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, core_text, fill, translate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

NOT_ON_ROSTER = QT_TRANSLATE_NOOP("ShiftStartDialog", "not on roster")


class ShiftStartDialog(QDialog):
    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.started: Shift | None = None
        self.setWindowTitle(
            fill(translate("ShiftStartDialog", "Start shift \u2014 unit %1"), app.unit_id)
        )
        self.setMinimumWidth(560)
        self.rows: list[tuple[QCheckBox, QComboBox, CrewMember]] = []
        box = QVBoxLayout(self)
        box.addWidget(
            QLabel(
                translate("ShiftStartDialog", "Who is on the crew?"),
                self,
                objectName="sectionTitle",
            )
        )
        box.addWidget(self._build_roster(), 1)
        box.addLayout(self._build_extra())
        box.addLayout(self._build_vehicle())
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        box.addWidget(self.error_label)
        buttons = QDialogButtonBox(self)
        self.start_button = QPushButton(translate("ShiftStartDialog", "Start shift"), self)
        self.start_button.setProperty("role", "primary")
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def _build_roster(self) -> QWidget:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        self.grid = QGridLayout(inner)
        self.grid.setColumnStretch(0, 1)
        people = self._app.shifts.roster()
        if not people:
            self.grid.addWidget(
                QLabel(
                    translate(
                        "ShiftStartDialog",
                        "No roster yet: it comes from the station at the next "
                        "sync. Add the crew below.",
                    ),
                    inner,
                ),
                0,
                0,
            )
        for person in people:
            self._add_row(
                CrewMember(
                    person.person_id,
                    person.name,
                    person.role_codes[0] if person.role_codes else "CSO",
                ),
                person.role_codes,
                checked=False,
            )
        scroll.setWidget(inner)
        scroll.setMinimumHeight(180)
        return scroll

    def _add_row(self, member: CrewMember, roles: tuple[str, ...], checked: bool) -> None:
        labels = self._app.reference.crew_roles
        text = member.name + (
            "" if member.on_roster else "  (" + translate("ShiftStartDialog", NOT_ON_ROSTER) + ")"
        )
        check = QCheckBox(text, self)
        check.setChecked(checked)
        check.setProperty("flagged", not member.on_roster)
        combo = QComboBox(self)
        for code in roles or labels.codes():
            combo.addItem(shown_of(labels, code), code)
        combo.setCurrentIndex(max(0, combo.findData(member.role_code)))
        row = len(self.rows)
        self.grid.addWidget(check, row, 0)
        self.grid.addWidget(combo, row, 1)
        self.rows.append((check, combo, member))

    def _build_extra(self) -> QHBoxLayout:
        self.extra_name = QLineEdit(self)
        self.extra_name.setPlaceholderText(
            translate("ShiftStartDialog", "Name of someone not on the roster")
        )
        self.extra_role = QComboBox(self)
        for code in self._app.reference.crew_roles:
            self.extra_role.addItem(shown(code), code.code)
        add = QPushButton(translate("ShiftStartDialog", "Add"), self)
        add.clicked.connect(self._on_add_clicked)
        row = QHBoxLayout()
        row.addWidget(self.extra_name, 1)
        row.addWidget(self.extra_role)
        row.addWidget(add)
        return row

    def _build_vehicle(self) -> QFormLayout:
        self.vehicle_edit = QLineEdit(self)
        self.vehicle_edit.setPlaceholderText(translate("ShiftStartDialog", "e.g. VAN-3"))
        last = self._app.shifts.last()
        if last is not None:
            self.vehicle_edit.setText(last.vehicle)
        self.mileage_spin = QSpinBox(self)
        self.mileage_spin.setRange(0, 9_999_999)
        if last is not None and last.end_mileage is not None:
            self.mileage_spin.setValue(last.end_mileage)
        form = QFormLayout()
        form.addRow(translate("ShiftStartDialog", "Vehicle"), self.vehicle_edit)
        form.addRow(translate("ShiftStartDialog", "Start mileage"), self.mileage_spin)
        return form

    # Public (tests drive these) ---------------------------------------------------------------

    def choose(self, person_id: str, role_code: str | None = None) -> None:
        for check, combo, member in self.rows:
            if member.person_id == person_id:
                check.setChecked(True)
                if role_code:
                    combo.setCurrentIndex(combo.findData(role_code))

    def add_person(self, name: str, role_code: str) -> None:
        self.extra_name.setText(name)
        self.extra_role.setCurrentIndex(self.extra_role.findData(role_code))
        self._on_add_clicked()

    def crew(self) -> list[CrewMember]:
        return [
            CrewMember(m.person_id, m.name, combo.currentData(), m.on_roster)
            for check, combo, m in self.rows
            if check.isChecked()
        ]

    def accept(self) -> None:
        try:
            self.started = self._app.shifts.start(
                self.crew(), self.vehicle_edit.text(), self.mileage_spin.value()
            )
        except ValidationError as exc:
            self._show("; ".join(core_text(v) for v in exc.field_errors.values())
                       if exc.field_errors else core_text(exc))
            return
        except ResponderError as exc:
            self._show(core_text(exc))
            return
        super().accept()

    def _show(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _on_add_clicked(self) -> None:
        name = " ".join(self.extra_name.text().split())
        if not name:
            self._show(translate("ShiftStartDialog", "Type the person's name first."))
            return
        member = CrewMember(
            AD_HOC_PREFIX + new_id()[:8], name, self.extra_role.currentData(), on_roster=False
        )
        self._add_row(member, (), checked=True)
        self.extra_name.clear()
        self.error_label.hide()


def crew_text(app, crew: tuple[CrewMember, ...], short: bool = False) -> str:
    """``Alex Rivera (Community service officer), …``; short: ``Rivera CSO, Ali Clinician``
    (the role's short label, never its code). A flag marks someone not on the roster."""
    labels = app.reference.crew_roles

    def short_label(code: str) -> str:
        found = labels.get(code)
        return shown_short(found) if found else code

    def one(m: CrewMember) -> str:
        flag = "" if m.on_roster else " \u2691"
        if short:
            surname = m.name.split()[-1] if m.name.split() else m.name
            return f"{surname} {short_label(m.role_code)}{flag}"
        return f"{m.name} ({shown_of(labels, m.role_code)}){flag}"

    return ", ".join(one(m) for m in crew)
