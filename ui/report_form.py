"""PLACEHOLDER so the shell runs. The real ReportFormView is written by the ui-report helper;
the lead takes theirs on merge. Keep exactly this API."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ReportFormView(QWidget):
    report_saved = Signal(str)

    def __init__(self, app, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._tasks = tasks
        self.call_id: str | None = None
        box = QVBoxLayout(self)
        box.addWidget(QLabel("Report form", self))
        box.addStretch(1)

    def show_call(self, call_id: str | None) -> None:
        self.call_id = call_id

    def flush(self) -> None:
        """Write any pending edit now (the real form's autosave does this)."""
