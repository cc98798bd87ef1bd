"""The panel that lists exactly what blocks finalizing, by field label; each item jumps to its
field. Also the save-problem banner, so both warnings look and behave the same."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from responder.reports import FIELD_LABELS


def link(label: QLabel, href: str, text: str) -> str:
    """A link in the label's own text colour: the default link blue is unreadable at night."""
    color = label.palette().color(QPalette.ColorRole.WindowText).name()
    return f'<a href="{href}" style="color:{color}">{html.escape(text)}</a>'


class ValidationPanel(QFrame):
    field_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("validationPanel")
        self.title = QLabel("<b>Before this report can be finalized:</b>")
        self.items = QLabel()
        self.items.setTextFormat(Qt.TextFormat.RichText)
        self.items.setWordWrap(True)
        self.items.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.items.linkActivated.connect(self.field_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.items)
        self.problems: dict[str, str] = {}
        self.hide()

    def show_problems(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        rows = "".join(
            f"<li>{link(self.items, name, FIELD_LABELS.get(name, name))}"
            f" — {html.escape(message)}</li>"
            for name, message in problems.items()
        )
        self.items.setText(f"<ul style='margin:0'>{rows}</ul>")
        self.setVisible(bool(problems))

    def labels(self) -> list[str]:
        return [FIELD_LABELS.get(name, name) for name in self.problems]


class Banner(QLabel):
    """A strip across the form that cannot be missed (autosave failure, reviewer's comment)."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setMargin(10)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.show()
