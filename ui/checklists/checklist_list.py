"""The compact list mode of the runner: every visible step in one scrolling column.

Long checklists are built a few steps at a time after the first screenful, so opening a
60-item list never holds the event loop for more than a frame or two.
"""

from __future__ import annotations

from civilian_responder.checklists.service import RunView
from civilian_responder.models import ChecklistStep
from civilian_responder_ui.checklists.checklist_step import ChecklistStepWidget
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

FIRST_SCREEN = 5
CHUNK = 4


class ChecklistListView(QScrollArea):
    answered = Signal(str, object)
    done_toggled = Signal(str, bool)
    note_edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.widgets: dict[str, ChecklistStepWidget] = {}
        self._ids: tuple[str, ...] = ()
        self._pending: list[str] = []
        self._shown: dict[str, ChecklistStep | None] = {}
        self._view: RunView | None = None
        self._current: str | None = None
        self._column: QVBoxLayout | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._build_more)

    def show_run(self, view: RunView, current: str | None) -> None:
        self._view = view
        ids = tuple(i.id for i in view.evaluation.visible)
        if ids != self._ids:
            self._rebuild(ids)
        steps = {s.item_id: s for s in view.run.steps}
        previous = self._current
        self._current = current
        for item_id, widget in self.widgets.items():
            step = steps.get(item_id)
            if self._shown.get(item_id) != step:
                widget.set_step(step)
                self._shown[item_id] = step
            if item_id in (previous, current):
                widget.set_current(item_id == current)
            widget.setEnabled(not view.finished)
        if current in self.widgets:
            self.ensureWidgetVisible(self.widgets[current], 0, 40)

    def finish_building(self) -> None:
        """Build any steps still queued (tests and screenshots want the whole list)."""
        while self._pending:
            self._build_more()

    def clear(self) -> None:
        self._timer.stop()
        old = self.takeWidget()
        if old is not None:
            old.hide()
            old.setParent(None)
            old.deleteLater()
        self.widgets = {}
        self._shown = {}
        self._ids = ()
        self._pending = []
        self._column = None

    def commit_pending(self) -> None:
        for widget in list(self.widgets.values()):
            widget.commit_pending()

    def _rebuild(self, ids: tuple[str, ...]) -> None:
        self.clear()
        holder = QWidget(self)
        self._column = QVBoxLayout(holder)
        self._column.setSpacing(8)
        self._column.addStretch(1)
        self.setWidget(holder)
        self._ids = ids
        self._pending = list(ids)
        self._build(FIRST_SCREEN)
        if self._pending:
            self._timer.start(0)

    def _build_more(self) -> None:
        self._build(CHUNK)
        if self._pending:
            self._timer.start(0)

    def _build(self, count: int) -> None:
        assert self._view is not None and self._column is not None
        steps = {s.item_id: s for s in self._view.run.steps}
        for item_id in self._pending[:count]:
            item = self._view.definition.item(item_id)
            assert item is not None
            step = steps.get(item_id)
            widget = ChecklistStepWidget(item, step, compact=True, parent=self.widget())
            widget.answered.connect(self.answered)
            widget.done_toggled.connect(self.done_toggled)
            widget.note_edited.connect(self.note_edited)
            widget.set_current(item_id == self._current)
            widget.setEnabled(not self._view.finished)
            self._column.insertWidget(self._column.count() - 1, widget)
            self.widgets[item_id] = widget
            self._shown[item_id] = step
        del self._pending[:count]
