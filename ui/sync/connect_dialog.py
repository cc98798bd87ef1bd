""""Connect to station": trade the one-time code from the station for this device's token.

The network request runs on the TaskRunner; the answer is stored on the GUI thread. When no
secure keyring is available the user is told the sign-in lasts only for this session.
"""

from __future__ import annotations

from typing import Any

from civilian_responder.errors import ResponderError, SyncError, ValidationError
from civilian_responder.sync import Enrollment, EnrollmentGrant, SyncEngine, request_enrollment
from civilian_responder_ui.shell.translations import core_text, fill, translate
from civilian_responder_ui.sync.error_words import error_words
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MEMORY_ONLY_TEXT = (
    "This computer has no secure key storage, so the station sign-in is kept only until "
    "Responder closes. Next time you will need a new code from the station."
)


def connected_text(enrollment: Enrollment) -> str:
    text = fill(
        translate("connect_dialog", "Connected to %1 as unit %2."),
        enrollment.station_url,
        enrollment.unit_id,
    )
    return text if enrollment.token_persistent else f"{text}\n\n{MEMORY_ONLY_TEXT}"


class ConnectDialog(QDialog):
    enrolled = Signal(object)  # Enrollment

    def __init__(self, engine: SyncEngine, tasks: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="connectDialog")
        self._engine = engine
        self._tasks = tasks
        self.enrollment: Enrollment | None = None
        self.setWindowTitle(translate("ConnectDialog", "Connect to station"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "ConnectDialog",
                "Ask your supervisor for the station address and a one-time "
                "enrollment code for your unit.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url_edit = QLineEdit(engine.station_url, objectName="stationUrl")
        self.url_edit.setPlaceholderText(translate("ConnectDialog", "https://station.example.org"))
        self.code_edit = QLineEdit(objectName="enrollCode")
        self.code_edit.setPlaceholderText(translate("ConnectDialog", "ABCD-EFGH"))
        form.addRow(translate("ConnectDialog", "Station address"), self.url_edit)
        form.addRow(translate("ConnectDialog", "Code"), self.code_edit)
        layout.addLayout(form)
        self.message = QLabel(objectName="connectMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.connect_button = QPushButton(
            translate("ConnectDialog", "Connect"), objectName="connectButton"
        )
        self.connect_button.setProperty("role", "primary")
        self.connect_button.setDefault(True)
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button.clicked.connect(self.connect_to_station)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def connect_to_station(self) -> None:
        url, code = self.url_edit.text(), self.code_edit.text()
        self._say(translate("ConnectDialog", 'Connecting…'), error=False)
        self.connect_button.setEnabled(False)
        self._tasks.run(request_enrollment, url, code, pool="sync",
                        on_result=self._on_granted, on_error=self._on_failed)

    def _on_granted(self, grant: EnrollmentGrant) -> None:
        try:
            self.enrollment = self._engine.complete_enrollment(grant)
        except ResponderError as exc:
            self._on_failed(exc)
            return
        self._say(connected_text(self.enrollment), error=False)
        self.connect_button.hide()
        self.close_button.setText(translate("ConnectDialog", "Done"))
        self.buttons.rejected.disconnect()
        self.buttons.rejected.connect(self.accept)
        self.enrolled.emit(self.enrollment)

    def _on_failed(self, error: BaseException) -> None:
        self.connect_button.setEnabled(True)
        if isinstance(error, SyncError):
            self._say(f"{error_words(error.kind)}: {core_text(error)}", error=True)
        elif isinstance(error, ValidationError):
            self._say(core_text(error), error=True)
        else:
            self._say(fill(translate("ConnectDialog", 'Could not connect: %1'), core_text(error)),
                      error=True)

    def _say(self, text: str, error: bool) -> None:
        self.message.setText(text)
        # The theme's error colour (day or night), not a fixed red that fades at night.
        self.message.setProperty("role", "error" if error else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()
