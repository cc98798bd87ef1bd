"""The level of a scored checklist: the level, why (which answers added what, or which answer
raised it) and what the level recommends."""

from __future__ import annotations

from civilian_responder.checklists.service import RunView
from civilian_responder_ui.checklists.checklist_style import fit_height
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class ChecklistLevelBox(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("levelTitle")
        self.title.setWordWrap(True)
        # The itemised "why" is one tap away so the advice fits a narrow pane.
        self.why_button = QPushButton(translate("ChecklistLevelBox", "Why?"))
        self.why_button.setCheckable(True)
        self.why_button.toggled.connect(self._on_why_button_toggled)
        top.addWidget(self.title, 1)
        top.addWidget(self.why_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.why = QLabel()
        self.why.setObjectName("runnerHint")
        self.why.setWordWrap(True)
        self.why.hide()
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        layout.addWidget(self.why)
        layout.addWidget(self.advice)

    def show_view(self, view: RunView) -> None:
        self.setVisible(view.definition.scoring is not None)
        level = view.level
        ev = view.evaluation
        if view.definition.scoring is None or level is None:
            self.title.setText(translate("ChecklistLevelBox", "Level: not yet scored"))
            self.why.setText("")
            self.advice.setText("")
            return
        self.setProperty("level", str(min(level.severity, 2)))
        self.style().polish(self)
        raised = [r for r in ev.level_reasons if not r.startswith("score ")]
        self.title.setText(
            fill(translate("ChecklistLevelBox", "%1 — score %2"), level.label, ev.score)
            + (
                fill(translate("ChecklistLevelBox", " · raised: %1"), "; ".join(raised))
                if raised
                else ""
            )
        )
        parts = []
        for c in ev.contributions:
            item = view.definition.item(c.item_id)
            text = item.text if item else c.item_id
            short = text if len(text) <= 48 else text[:46].rstrip() + "…"
            parts.append(f"{c.answer} to “{short}” (+{c.points})")
        because = (
            (translate("ChecklistLevelBox", "Raised because: ") + "; ".join(raised) + ". ")
            if raised
            else ""
        )
        self.why.setText(
            because
            + (
                translate("ChecklistLevelBox", "Why: ") + ", ".join(parts)
                if parts
                else translate("ChecklistLevelBox", "No risk answers.")
            )
        )
        self.advice.setText(level.recommendation)
        fit_height(self)

    def _on_why_button_toggled(self, shown: bool) -> None:
        self.why.setVisible(shown)
        fit_height(self)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        fit_height(self)
