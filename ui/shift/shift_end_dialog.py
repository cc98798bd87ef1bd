"""End the shift: the end mileage, and what the shift adds up to (hours, calls, time on task).
For a shift left open (a crash, or across midnight) the crew enters when it really ended and
why: a correction."""

from __future__ import annotations

from datetime import datetime

from civilian_responder.clock import parse_iso
from civilian_responder.errors import ResponderError, ValidationError
from civilian_responder.models import Shift, ShiftTotals
from civilian_responder_ui.shell.translations import core_text, fill, translate
from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


def totals_text(totals: ShiftTotals) -> str:
    miles = (
        fill(translate("shift_end_dialog", "  ·  %1 miles"), totals.miles)
        if totals.miles is not None
        else ""
    )
    return fill(
        translate("shift_end_dialog", "%1 h on shift  ·  %2 calls  ·  %3 min on task%4"),
        f"{totals.hours:.1f}",
        totals.calls,
        totals.time_on_task_minutes,
        miles,
    )


class ShiftEndDialog(QDialog):
    def __init__(self, app, parent: QWidget | None = None, correction: bool = False) -> None:
        super().__init__(parent)
        self._app = app
        self.ended: tuple[Shift, ShiftTotals] | None = None
        shift = app.shifts.current()
        assert shift is not None
        self.shift = shift
        self.setWindowTitle(
            fill(translate("ShiftEndDialog", "End shift \u2014 unit %1"), app.unit_id)
        )
        self.setMinimumWidth(520)
        box = QVBoxLayout(self)
        started = parse_iso(shift.started_at).astimezone()
        box.addWidget(
            QLabel(
                fill(
                    translate("ShiftEndDialog", "Shift in %1 since %2"),
                    shift.vehicle,
                    f"{started:%H:%M}",
                ),
                self,
                objectName="sectionTitle",
            )
        )
        self.totals_label = QLabel(
            totals_text(app.shifts.totals(shift)), self, objectName="shiftTotals"
        )
        box.addWidget(self.totals_label)
        form = QFormLayout()
        self.mileage_spin = QSpinBox(self)
        self.mileage_spin.setRange(shift.start_mileage, 9_999_999)
        self.mileage_spin.setValue(shift.start_mileage)
        form.addRow(translate("ShiftEndDialog", "End mileage"), self.mileage_spin)
        self.correct_check = QCheckBox(
            translate("ShiftEndDialog", "The shift ended earlier (correction)"), self
        )
        self.ended_edit = QDateTimeEdit(self)
        self.ended_edit.setCalendarPopup(True)
        self.ended_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.ended_edit.setMinimumDateTime(QDateTime(started.replace(tzinfo=None)))
        self.ended_edit.setDateTime(QDateTime(datetime.now().replace(second=0, microsecond=0)))
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(
            translate("ShiftEndDialog", "Why the end is entered now (e.g. app closed)")
        )
        form.addRow(self.correct_check)
        form.addRow(translate("ShiftEndDialog", "Really ended"), self.ended_edit)
        form.addRow(translate("ShiftEndDialog", "Note"), self.note_edit)
        box.addLayout(form)
        self.correct_check.toggled.connect(self._on_correct_check_toggled)
        self.correct_check.setChecked(correction)
        self._on_correct_check_toggled(correction)
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        box.addWidget(self.error_label)
        buttons = QDialogButtonBox(self)
        self.end_button = QPushButton(translate("ShiftEndDialog", "End shift"), self)
        self.end_button.setProperty("role", "primary")
        buttons.addButton(self.end_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def set_ended_at(self, local: datetime) -> None:
        self.correct_check.setChecked(True)
        self.ended_edit.setDateTime(QDateTime(local.replace(tzinfo=None)))

    def accept(self) -> None:
        at = None
        if self.correct_check.isChecked():
            at = self.ended_edit.dateTime().toPython().astimezone()
        try:
            self.ended = self._app.shifts.end(self.mileage_spin.value(), at, self.note_edit.text())
        except ValidationError as exc:
            self._show("; ".join(core_text(v) for v in exc.field_errors.values())
                       if exc.field_errors else core_text(exc))
            return
        except ResponderError as exc:
            self._show(core_text(exc))
            return
        self.totals_label.setText(totals_text(self.ended[1]))
        super().accept()

    def _show(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _on_correct_check_toggled(self, on: bool) -> None:
        self.ended_edit.setEnabled(on)
        self.note_edit.setEnabled(on)
