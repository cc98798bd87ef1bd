"""The unit in the toolbar: its one status, the crew on shift, start/end shift, out of service;
and, at start-up, a banner for a shift left open (a crash, or across midnight)."""

from __future__ import annotations

from civilian_responder.clock import parse_iso
from civilian_responder.errors import ResponderError
from civilian_responder_ui.shell.code_labels import shown_of
from civilian_responder_ui.shell.error_dialog import show_error
from civilian_responder_ui.shell.translations import fill, translate
from civilian_responder_ui.shift.shift_end_dialog import ShiftEndDialog
from civilian_responder_ui.shift.shift_start_dialog import ShiftStartDialog, crew_text
from PySide6.QtCore import QDateTime, QLocale, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)


class UnitBar(QWidget):
    """Emits ``unit_changed`` after a shift starts or ends or the service state changes."""

    unit_changed = Signal()

    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.setObjectName("unitBar")
        self.status_label = QLabel(self, objectName="unitStatus")
        self.crew_label = QLabel(self, objectName="crewLabel")
        self.shift_button = QPushButton(self, objectName="shiftButton")
        self.shift_button.clicked.connect(self._on_shift_button_clicked)
        self.service_button = QPushButton(self, objectName="serviceButton")
        self.service_button.clicked.connect(self._on_service_button_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.status_label)
        row.addWidget(self.crew_label)
        row.addWidget(self.shift_button)
        row.addWidget(self.service_button)
        self.refresh()

    def refresh(self) -> None:
        app = self._app
        state = app.calls.unit_status()
        self.status_label.setText(shown_of(app.reference.unit_states, state))
        self.status_label.setProperty("state", state)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        shift = app.shifts.current()
        self.crew_label.setText(
            crew_text(app, shift.crew, short=True) if shift else translate("UnitBar", "No shift")
        )
        # Totals are read when the shift ends (a scan of the timeline): not on every tap.
        self.crew_label.setToolTip(
            f"{crew_text(app, shift.crew)}\n{shift.vehicle}" if shift else ""
        )
        self.shift_button.setText(
            translate("UnitBar", "End shift") if shift else translate("UnitBar", "Start shift")
        )
        out = state == "OUT_OF_SERVICE"
        self.service_button.setText(
            translate("UnitBar", "Back in service")
            if out
            else translate("UnitBar", "Out of service")
        )
        self.service_button.setVisible(shift is not None and (out or state == "AVAILABLE"))

    def start_shift(self) -> QDialog:
        return ShiftStartDialog(self._app, self.window())

    def end_shift(self, correction: bool = False) -> QDialog:
        return ShiftEndDialog(self._app, self.window(), correction)

    def _on_shift_button_clicked(self) -> None:
        dialog = self.end_shift() if self._app.shifts.current() else self.start_shift()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.unit_changed.emit()

    def _on_service_button_clicked(self) -> None:
        out = self._app.calls.unit_status() != "OUT_OF_SERVICE"
        try:
            self._app.calls.set_out_of_service(out)
        except ResponderError as exc:
            show_error(self, exc, translate("UnitBar", 'Service state not changed'))
            return
        self.refresh()
        self.unit_changed.emit()


def recovery_text(recovery) -> str:
    """``ShiftRecovery.text`` in the window's language (the day name in its locale too)."""
    started = QLocale().toString(
        QDateTime(parse_iso(recovery.shift.started_at).astimezone()), "ddd HH:mm")
    if recovery.reason == "crash":
        text = translate(
            "ShiftRecoveryBanner",
            "The shift started %1 in %2 is still open: the app closed without ending it.",
        )
    else:
        text = translate(
            "ShiftRecoveryBanner",
            "The shift started %1 in %2 is still open: it was left open across midnight.",
        )
    return fill(text, started, recovery.shift.vehicle)


class ShiftRecoveryBanner(QFrame):
    """A shift still open at start-up: end it with a correction, or keep it going."""

    def __init__(self, app, bar: UnitBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryBanner")
        self._app = app
        self._bar = bar
        recovery = app.shift_recovery
        self.label = QLabel(recovery_text(recovery) if recovery else "", self)
        self.label.setWordWrap(True)
        self.end_button = QPushButton(
            translate("ShiftRecoveryBanner", "End with correction\u2026"), self
        )
        self.end_button.clicked.connect(self._on_end_button_clicked)
        keep = QPushButton(translate("ShiftRecoveryBanner", "Keep it open"), self)
        keep.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 8, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.end_button)
        row.addWidget(keep)
        self.setVisible(recovery is not None)

    def _on_end_button_clicked(self) -> None:
        dialog = self._bar.end_shift(correction=True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.hide()
            self._bar.refresh()
            self._bar.unit_changed.emit()
