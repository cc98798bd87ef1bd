"""Switching calls: the unit works one call at a time, so taking another asks what happens to
the current one (hold it in the queue, clear it, or hand it over)."""

from __future__ import annotations

from civilian_responder.models import Call
from civilian_responder.reference import ReferenceData
from civilian_responder_ui.shell.code_labels import shown_of
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


class SwitchCallDialog(QDialog):
    def __init__(
        self,
        reference: ReferenceData,
        current: Call,
        target: Call,
        options: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            fill(translate("SwitchCallDialog", "Switch to call %1"), target.display_number)
        )
        self.setMinimumWidth(520)
        box = QVBoxLayout(self)
        box.addWidget(
            QLabel(
                fill(
                    translate(
                        "SwitchCallDialog", "The unit is working call %1 (%2). What happens to it?"
                    ),
                    current.display_number,
                    shown_of(reference.unit_statuses, current.status).lower(),
                ),
                self,
                objectName="sectionTitle",
                wordWrap=True,
            )
        )
        self.actions = QButtonGroup(self)
        for code in options:
            radio = QRadioButton(shown_of(reference.call_switch_actions, code), self)
            radio.setProperty("code", code)
            self.actions.addButton(radio)
            box.addWidget(radio)
        if self.actions.buttons():
            self.actions.buttons()[0].setChecked(True)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(
            translate("SwitchCallDialog", "Note (optional), e.g. which unit takes it over")
        )
        box.addWidget(self.note_edit)
        buttons = QDialogButtonBox(self)
        go = QPushButton(
            fill(translate("SwitchCallDialog", "Switch to %1"), target.display_number), self
        )
        go.setProperty("role", "primary")
        buttons.addButton(go, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    def choose(self, code: str) -> None:
        for button in self.actions.buttons():
            button.setChecked(button.property("code") == code)

    def action(self) -> str | None:
        checked = self.actions.checkedButton()
        return checked.property("code") if checked else None

    def note(self) -> str:
        return self.note_edit.text().strip()
