"""The optional password for an exported PDF (AES-256); never stored."""

from __future__ import annotations

from civilian_responder_ui.shell.translations import translate
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PdfPasswordDialog(QDialog):
    """Optional AES-256 password for an export; OK only when both fields match."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PdfPasswordDialog", "Protect the PDF"))
        self.setMinimumWidth(380)
        self.protect = QCheckBox(
            translate("PdfPasswordDialog", "Protect with a password (AES-256)")
        )
        hint = QLabel(
            translate(
                "PdfPasswordDialog",
                "Anyone opening the file will need this password. Responder does not "
                "keep it: share it separately from the file.",
            )
        )
        hint.setWordWrap(True)
        self.mismatch = QLabel(translate("PdfPasswordDialog", "The passwords do not match."))
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(translate("PdfPasswordDialog", "Password"), self.password)
        form.addRow(translate("PdfPasswordDialog", "Confirm"), self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.protect)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.mismatch)
        layout.addWidget(self.buttons)
        for signal in (self.protect.toggled, self.password.textChanged,
                       self.confirm.textChanged):
            signal.connect(self._on_input_changed)
        self._on_input_changed()

    def value(self) -> str | None:
        return self.password.text() if self.protect.isChecked() else None

    def _on_input_changed(self, *_: object) -> None:
        on = self.protect.isChecked()
        self.password.setEnabled(on)
        self.confirm.setEnabled(on)
        same = self.password.text() == self.confirm.text()
        ok = not on or (bool(self.password.text()) and same)
        self.mismatch.setVisible(on and bool(self.confirm.text()) and not same)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
