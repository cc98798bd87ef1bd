"""The stop-rule banner: what fired, in large type, with the definition's actions as big
buttons; below it, the decisions already taken."""

from __future__ import annotations

from civilian_responder.checklists.definition import STOP_ACTION_LABELS, StopRule
from civilian_responder.models import ChecklistEscalation
from civilian_responder_ui.checklists.checklist_step import local_time
from civilian_responder_ui.checklists.checklist_style import fit_height
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, fill, translate
from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

_TWO_LINES = {
    "request_police": QT_TRANSLATE_NOOP("ChecklistBanner", "Request police\nco-response"),
    "hand_back": QT_TRANSLATE_NOOP("ChecklistBanner", "Hand back\nto dispatch"),
    "proceed": QT_TRANSLATE_NOOP("ChecklistBanner", "Proceed\n(write why)"),
}
_DONE_WORDS = {
    "request_police": QT_TRANSLATE_NOOP("ChecklistBanner", "Police co-response requested"),
    "hand_back": QT_TRANSLATE_NOOP("ChecklistBanner", "Handed back to dispatch"),
    "proceed": QT_TRANSLATE_NOOP("ChecklistBanner", "Proceeded"),
}


class ChecklistBanner(QWidget):
    action_chosen = Signal(str, str, list)  # action, justification, rule ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules: list[StopRule] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.frame = QFrame()
        self.frame.setObjectName("stopBanner")
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(14, 10, 14, 10)
        inner.setSpacing(6)
        self.title = QLabel()
        self.title.setObjectName("stopTitle")
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("stopDetail")
        self.detail.setWordWrap(True)
        inner.addWidget(self.title)
        inner.addWidget(self.detail)
        self.buttons_row = QHBoxLayout()
        inner.addLayout(self.buttons_row)
        self.why = QPlainTextEdit()
        self.why.setPlaceholderText(
            translate("ChecklistBanner", "Why is it safe to go ahead? (required)")
        )
        self.why.setFixedHeight(70)
        self.confirm = QPushButton(translate("ChecklistBanner", "Confirm: proceed"))
        self.confirm.clicked.connect(self._on_confirm_clicked)
        inner.addWidget(self.why)
        inner.addWidget(self.confirm)
        layout.addWidget(self.frame)
        # Never squeezed by the steps below: the banner is the one thing that must be read.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.history = QLabel()
        self.history.setObjectName("stopResolved")
        self.history.setWordWrap(True)
        layout.addWidget(self.history)
        self.buttons: dict[str, QPushButton] = {}
        self.show_rules([], ())

    def show_rules(self, unresolved: list[StopRule], done: tuple[ChecklistEscalation, ...],
                   banners: dict[str, str] | None = None) -> None:
        self._rules = list(unresolved)
        self.frame.setVisible(bool(unresolved))
        if unresolved:
            # The first rule in large type; any others fired with it, one line below.
            first, others = unresolved[0], unresolved[1:]
            self.title.setText(f"⚠ {first.banner}")
            details = [first.detail] if first.detail else []
            if others:
                details.append(
                    translate("ChecklistBanner", "Also: ") + "; ".join(r.banner for r in others)
                )
            self.detail.setText("\n".join(details))
            self.detail.setVisible(bool(details))
            self._set_buttons(self._actions())
        self._hide_why()
        lines = []
        for e in done:
            text = fill(
                translate("ChecklistBanner", "%1 at %2"),
                translate("ChecklistBanner", _DONE_WORDS.get(e.action, e.action)),
                local_time(e.at),
            )
            banner = (banners or {}).get(e.rule_id)
            lines.append(text + (f" — {banner}" if banner else "")
                         + (f": “{e.justification}”" if e.justification else ""))
        self.history.setText("\n".join(dict.fromkeys(lines)))
        self.history.setVisible(bool(lines))
        self.setVisible(bool(unresolved) or bool(lines))
        fit_height(self)

    def _actions(self) -> list[str]:
        """Actions offered by every rule that fired; if they share none, the first rule's."""
        common = [a for a in self._rules[0].actions if all(a in r.actions for r in self._rules)]
        if not common:
            self._rules = self._rules[:1]
            return list(self._rules[0].actions)
        return common

    def _set_buttons(self, actions: list[str]) -> None:
        if list(self.buttons) == actions:
            return
        for button in self.buttons.values():
            self.buttons_row.removeWidget(button)
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self.buttons = {}
        for action in actions:
            # Two short lines keep three actions side by side in a narrow pane.
            button = QPushButton(
                translate("ChecklistBanner", _TWO_LINES.get(action, STOP_ACTION_LABELS[action]))
            )
            button.setAccessibleName(STOP_ACTION_LABELS[action])
            button.setObjectName(f"stop_{action}")
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, a=action: self._on_action_clicked(a))
            self.buttons_row.addWidget(button, 1)
            self.buttons[action] = button

    def _on_action_clicked(self, action: str) -> None:
        if action == "proceed":
            self.why.show()
            self.confirm.show()
            self.why.setFocus()
            return
        self.action_chosen.emit(action, "", [r.id for r in self._rules])

    def _on_confirm_clicked(self) -> None:
        self.action_chosen.emit("proceed", self.why.toPlainText(), [r.id for r in self._rules])
        if not self._rules or self.frame.isHidden():
            self.why.clear()

    def _hide_why(self) -> None:
        self.why.hide()
        self.confirm.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        fit_height(self)
