"""Ask for police backup: a coded reason (required) and an optional note."""

from __future__ import annotations

from civilian_responder.reference import ReferenceData
from civilian_responder_ui.shell.code_labels import shown
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class PoliceBackupDialog(QDialog):
    def __init__(
        self, reference: ReferenceData, call_number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            fill(translate("PoliceBackupDialog", "Request police backup — %1"), call_number)
        )
        self.setMinimumWidth(520)
        self.reasons = QButtonGroup(self)
        box = QVBoxLayout(self)
        box.setSpacing(4)
        title = QLabel(
            translate("PoliceBackupDialog", "Why is police backup needed?"),
            self,
            objectName="sectionTitle",
        )
        box.addWidget(title)
        for code in reference.backup_reasons:
            radio = QRadioButton(shown(code), self)
            radio.setProperty("code", code.code)
            self.reasons.addButton(radio)
            box.addWidget(radio)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(
            translate("PoliceBackupDialog", "Note for dispatch (optional)")
        )
        self.note_edit.setAccessibleName(translate("PoliceBackupDialog", "Backup note"))
        box.addSpacing(8)
        box.addWidget(self.note_edit)
        self.error_label = QLabel("", self)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        box.addWidget(self.error_label)
        buttons = QDialogButtonBox(self)
        self.request_button = QPushButton(translate("PoliceBackupDialog", "Request backup"), self)
        self.request_button.setProperty("role", "danger")
        buttons.addButton(self.request_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def reason_code(self) -> str | None:
        checked = self.reasons.checkedButton()
        return checked.property("code") if checked else None

    def note(self) -> str:
        return self.note_edit.text().strip()

    def select_reason(self, code: str) -> None:
        for button in self.reasons.buttons():
            button.setChecked(button.property("code") == code)

    def accept(self) -> None:
        if self.reason_code() is None:
            self.error_label.setText(translate("PoliceBackupDialog", "Choose a reason first."))
            self.error_label.show()
            return
        super().accept()
