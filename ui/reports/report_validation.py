"""The panel that lists exactly what blocks finalizing, by field label; each item jumps to its
field. Also the banners, the correction prompt and the form's own few style rules."""

from __future__ import annotations

import html

from civilian_responder.reports import FIELD_LABELS
from civilian_responder_ui.reports.field_labels import field_label
from civilian_responder_ui.reports.report_fields import TextLine, touch
from civilian_responder_ui.shell.contrast import follow_theme
from civilian_responder_ui.shell.translations import translate
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

# Only what the app theme does not cover. The check-box rules keep 44 px rows and a visible box
# whatever the theme does with indicators; they use palette roles so day and night both work.
FORM_STYLE = """
*[invalid="true"] { border: 2px solid #d0463b; border-radius: 4px; }
QLabel#fieldError { font-weight: bold; }
QCheckBox { min-height: 44px; }
QCheckBox::indicator { width: 20px; height: 20px; border: 2px solid palette(window-text);
    border-radius: 4px; background: palette(base); image: none; }
QCheckBox::indicator:checked { background: palette(window-text); }
QCheckBox::indicator:disabled { border-color: palette(mid); }
#saveBanner { background: #8f1d12; color: #fff4f0; font-weight: bold; border-radius: 4px; }
#reviewBanner { background: #fff1c2; color: #3d2a00; border-radius: 4px; }
#validationPanel { border: 2px solid #d0463b; border-radius: 6px; }
#personCard { border: 1px solid palette(mid); border-radius: 6px; }
"""


def _label(name: str) -> str:
    # Consent problems are keyed consent.<KIND>; their message names the consent.
    return (field_label(name) if name in FIELD_LABELS else "") or (
        translate("report_validation", "Consent") if name.startswith("consent.") else name
    )


def link(label: QLabel, href: str, text: str) -> str:
    """A link in the label's own text colour: the default link blue is unreadable at night."""
    color = label.palette().color(QPalette.ColorRole.WindowText).name()
    return f'<a href="{href}" style="color:{color}">{html.escape(text)}</a>'


class ValidationPanel(QFrame):
    field_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("validationPanel")
        self.title = QLabel(
            translate("ValidationPanel", "<b>Before this report can be finalized:</b>")
        )
        self.items = QLabel()
        self.items.setTextFormat(Qt.TextFormat.RichText)
        self.items.setWordWrap(True)
        self.items.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.items.linkActivated.connect(self.field_chosen)
        follow_theme(self.items, lambda: self.show_problems(self.problems))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.items)
        self.problems: dict[str, str] = {}
        self.hide()

    def show_problems(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        rows = "".join(
            f"<li>{link(self.items, name, _label(name))}"
            f" — {html.escape(message)}</li>"
            for name, message in problems.items()
        )
        self.items.setText(f"<ul style='margin:0'>{rows}</ul>")
        self.setVisible(bool(problems))

    def labels(self) -> list[str]:
        return [_label(name) for name in self.problems]


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


class CorrectionBar(QFrame):
    """Asks what a correction changes before starting it (the core stores the reason)."""

    requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = TextLine(translate("CorrectionBar", 'What needs correcting, and why?'))
        start = QPushButton(translate("CorrectionBar", "Start &correction"))
        cancel = QPushButton(translate("CorrectionBar", "Cancel"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.reason, 1)
        for b in (start, cancel):
            touch(b)
            lay.addWidget(b)
        start.clicked.connect(lambda: self.requested.emit(self.reason.text()))
        self.reason.returnPressed.connect(start.click)
        cancel.clicked.connect(self.hide)
        self.hide()

    def open(self) -> None:
        self.show()
        self.reason.clear()
        self.reason.setFocus()
