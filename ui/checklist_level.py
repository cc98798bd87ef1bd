"""The level of a scored checklist: the level, why (which answers added what, or which answer
raised it) and what the level recommends."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from responder.checklists.service import RunView


class ChecklistLevelBox(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        self.title = QLabel()
        self.title.setObjectName("levelTitle")
        self.why = QLabel()
        self.why.setObjectName("runnerHint")
        self.why.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        for label in (self.title, self.why, self.advice):
            layout.addWidget(label)

    def show_view(self, view: RunView) -> None:
        self.setVisible(view.definition.scoring is not None)
        level = view.level
        ev = view.evaluation
        if view.definition.scoring is None or level is None:
            self.title.setText("Level: not yet scored")
            self.why.setText("")
            self.advice.setText("")
            return
        self.setProperty("level", str(min(level.severity, 2)))
        self.style().polish(self)
        self.title.setText(f"{level.label} — score {ev.score}")
        parts = []
        for c in ev.contributions:
            item = view.definition.item(c.item_id)
            text = item.text if item else c.item_id
            short = text if len(text) <= 48 else text[:46].rstrip() + "…"
            parts.append(f"{c.answer} to “{short}” (+{c.points})")
        raised = [r for r in ev.level_reasons if not r.startswith("score ")]
        because = ("Raised because: " + "; ".join(raised) + ". ") if raised else ""
        self.why.setText(because + ("Why: " + ", ".join(parts) if parts else "No risk answers."))
        self.advice.setText(level.recommendation)
