"""Start a self-initiated ("on-view") call: the unit came upon someone who needs help."""

from __future__ import annotations

from civilian_responder.errors import ResponderError, ValidationError
from civilian_responder.models import Call
from civilian_responder_ui.shell.code_labels import shown
from civilian_responder_ui.shell.error_dialog import show_error
from civilian_responder_ui.shell.translations import core_text, translate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class OnViewDialog(QDialog):
    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.created_call: Call | None = None
        self.setWindowTitle(translate("OnViewDialog", "On-view call"))
        self.setMinimumWidth(620)
        self.type_combo = QComboBox(self)
        self.type_combo.setAccessibleName(translate("OnViewDialog", "Call type"))
        self.type_combo.addItem(translate("OnViewDialog", "Choose a call type…"), None)
        for code in app.reference.call_types:
            self.type_combo.addItem(f"{code.code}  {shown(code)}", code.code)
        self.address_edit = QLineEdit(self)
        self.address_edit.setPlaceholderText(
            translate("OnViewDialog", "Address or landmark, e.g. 1200 Pacific Ave bus shelter")
        )
        self.address_edit.setAccessibleName(translate("OnViewDialog", "Address or landmark"))
        self.narrative_edit = QPlainTextEdit(self)
        self.narrative_edit.setPlaceholderText(translate("OnViewDialog", "What you see"))
        self.narrative_edit.setAccessibleName(translate("OnViewDialog", "What you see"))
        self.narrative_edit.setTabChangesFocus(True)
        self.narrative_edit.setFixedHeight(110)
        self.caution_edit = QLineEdit(self)
        self.caution_edit.setPlaceholderText(
            translate("OnViewDialog", "Anything the next responder must know (optional)")
        )
        self.caution_edit.setAccessibleName(translate("OnViewDialog", "Caution notes"))
        self.errors = {name: _error_label(self) for name in ("type_code", "address")}
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(translate("OnViewDialog", "Call type"), self.type_combo)
        form.addRow("", self.errors["type_code"])
        form.addRow(translate("OnViewDialog", "Where"), self.address_edit)
        form.addRow("", self.errors["address"])
        form.addRow(translate("OnViewDialog", "What you see"), self.narrative_edit)
        form.addRow(translate("OnViewDialog", "Caution"), self.caution_edit)
        buttons = QDialogButtonBox(self)
        self.create_button = QPushButton(translate("OnViewDialog", "Start on-view call"), self)
        self.create_button.setProperty("role", "primary")
        self.create_button.setDefault(True)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "OnViewDialog",
                "You came upon someone who needs help. The call is created on this "
                "device now; the station gives it a CAD number at the next sync.",
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("fieldLabel")
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(buttons)

    def accept(self) -> None:
        for label in self.errors.values():
            label.hide()
        try:
            self.created_call = self._app.calls.create_self_initiated(
                self.type_combo.currentData() or "",
                self.address_edit.text(),
                narrative=self.narrative_edit.toPlainText().strip(),
                caution_notes=self.caution_edit.text().strip(),
            )
        except ValidationError as exc:
            self._show_field_errors(exc)
            return
        except ResponderError as exc:
            show_error(self, exc, translate("OnViewDialog", 'On-view call not created'))
            return
        super().accept()

    def _show_field_errors(self, exc: ValidationError) -> None:
        first = None
        for name, said in exc.field_errors.items():
            label = self.errors.get(name)
            if label is None:
                continue
            message = core_text(said)
            label.setText(message[:1].upper() + message[1:])
            label.show()
            first = first or name
        widgets = {"type_code": self.type_combo, "address": self.address_edit}
        if first is None:
            show_error(self, exc, translate("OnViewDialog", 'On-view call not created'))
        else:
            widgets[first].setFocus()


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel("", parent)
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label
