"""The unit's follow-ups: due today and overdue first, then the rest. A follow-up visit starts
from here (a call linked to the original); each attempt and its outcome is recorded."""

from __future__ import annotations

from civilian_responder.errors import ResponderError
from civilian_responder.models import FollowUp
from civilian_responder_ui.shell.code_labels import shown
from civilian_responder_ui.shell.translations import core_text, fill, translate
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class FollowUpListView(QDialog):
    visit_started = Signal(str)  # the new call's id
    attempt_recorded = Signal(str)  # follow-up id

    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("FollowUpListView", "Follow-ups"))
        self.setObjectName("followUpList")
        self._app = app
        self.heading = QLabel(self, objectName="followUpHeading")
        self.list = QListWidget(self)
        self.list.setAccessibleName(translate("FollowUpListView", "Open follow-ups"))
        self.outcome = QComboBox(self)
        for code in app.reference.follow_up_outcomes.offered():
            self.outcome.addItem(shown(code), code.code)
        self.note = QLineEdit(
            self, placeholderText=translate("FollowUpListView", "What happened (optional)")
        )
        self.visit_button = QPushButton(
            translate("FollowUpListView", "Start follow-up visit"), self
        )
        self.attempt_button = QPushButton(translate("FollowUpListView", "Record attempt"), self)
        self.message = QLabel(self, objectName="followUpMessage")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.outcome)
        row.addWidget(self.note, 1)
        row.addWidget(self.attempt_button)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(self.list, 1)
        box.addWidget(self.visit_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addLayout(row)
        box.addWidget(self.message)
        self.visit_button.clicked.connect(self._on_visit_button_clicked)
        self.attempt_button.clicked.connect(self._on_attempt_button_clicked)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.resize(640, 420)
        self.reload()

    def today(self) -> str:
        return self._app.clock.now().astimezone().date().isoformat()

    def reload(self) -> None:
        today = self.today()
        due_today, overdue = self._app.people.due(today)
        later = [f for f in self._app.people.follow_ups() if f.due_date > today]
        self.heading.setText(
            fill(
                translate("FollowUpListView", "%1 overdue · %2 due today · %3 later"),
                len(overdue),
                len(due_today),
                len(later),
            )
        )
        self.list.clear()
        for label, items in ((translate("FollowUpListView", "OVERDUE"), overdue),
                            (translate("FollowUpListView", "TODAY"), due_today), ("", later)):
            for f in items:
                item = QListWidgetItem(self._line(label, f))
                item.setData(Qt.ItemDataRole.UserRole, f.id)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._on_list_current_row_changed(self.list.currentRow())

    def _line(self, label: str, f: FollowUp) -> str:
        name = ""
        if f.person_id:
            person = self._app.store.people.person(f.person_id)
            name = person.display_name if person else ""
        parts = [
            label or f.due_date,
            f.what,
            name,
            f.who,
            fill(translate("FollowUpListView", "%1 attempt(s)"), len(f.attempts))
            if f.attempts
            else "",
        ]
        return " \N{MIDDLE DOT} ".join(p for p in parts if p)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _on_list_current_row_changed(self, _row: int) -> None:
        has = self.selected_id() is not None
        self.visit_button.setEnabled(has)
        self.attempt_button.setEnabled(has)

    def _on_visit_button_clicked(self) -> None:
        fid = self.selected_id()
        if fid is None:
            return
        try:
            call = self._app.people.start_visit(fid, self._app.calls.create_self_initiated)
        except ResponderError as exc:
            self.message.setText(core_text(exc))
            return
        self.message.setText(
            fill(
                translate("FollowUpListView", "Follow-up visit started: call %1"),
                call.display_number,
            )
        )
        self.visit_started.emit(call.id)

    def _on_attempt_button_clicked(self) -> None:
        fid = self.selected_id()
        if fid is None:
            return
        try:
            f = self._app.people.record_attempt(
                fid, self.outcome.currentData(), self.note.text().strip()
            )
        except ResponderError as exc:
            self.message.setText(core_text(exc))
            return
        self.note.clear()
        self.message.setText(
            translate("FollowUpListView", "Attempt recorded")
            + (translate("FollowUpListView", " — follow-up done") if f.state == "done" else "")
        )
        self.attempt_recorded.emit(fid)
        self.reload()
