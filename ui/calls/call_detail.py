"""One call: header, caution notes, the unit-status buttons, and tabs (Details, Report, ...).

Status buttons show only the valid next steps from the reference data; every change is an
append-only event written by ``app.calls``.
"""

from __future__ import annotations

import logging

from civilian_responder.calls import ActiveCallError
from civilian_responder.errors import ResponderError
from civilian_responder.models import Call
from civilian_responder_ui.calls.call_sections import DetailsPage
from civilian_responder_ui.calls.co_responders_panel import CoRespondersPanel
from civilian_responder_ui.calls.police_backup_dialog import PoliceBackupDialog
from civilian_responder_ui.calls.switch_call_dialog import SwitchCallDialog
from civilian_responder_ui.people.known_here import KnownHerePanel
from civilian_responder_ui.reports.report_form import ReportFormView
from civilian_responder_ui.reports.report_pdf import install_on_report_form
from civilian_responder_ui.shell.code_labels import shown_of
from civilian_responder_ui.shell.error_dialog import show_error
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

MAX_STEP_SHORTCUTS = 3
PREBUILD_AFTER_MS = 1500
CONFIRM_WINDOW_MS = 4000
URGENT_PRIORITY = 2


class CallDetailView(QWidget):
    status_changed = Signal(str)  # call id
    report_saved = Signal(str)  # report id

    def __init__(self, app, tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callDetail")
        self._app = app
        self._tasks = tasks
        self.call: Call | None = None
        self.step_buttons: list[QPushButton] = []
        self._build()
        self._shortcuts()

    # Construction ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        empty = QLabel(
            translate("CallDetailView", "Select a call on the board"), self, objectName="emptyHint"
        )
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(empty)
        self.stack.addWidget(self._build_content())
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.stack)

    def _build_content(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.setContentsMargins(12, 10, 12, 8)
        box.setSpacing(8)
        box.addLayout(self._build_header())
        box.addWidget(self._build_caution())
        box.addLayout(self._build_steps())
        self.tabs = QTabWidget(page)
        self.tabs.setDocumentMode(False)
        scroll = QScrollArea(page, objectName="detailsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # What is known here heads the Details tab (inside its scroll: the window's minimum
        # size does not grow with a long history); then the details, then the other agencies
        # on the call (co-responders) below the timeline.
        holder = QWidget(scroll)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        self.known_here = KnownHerePanel(self._app.reference, holder)
        self.details = DetailsPage(self._app, holder)
        self.co_responders = CoRespondersPanel(self._app, holder)
        self.co_responders.changed.connect(lambda call_id: self.status_changed.emit(call_id))
        column.addWidget(self.known_here)
        column.addWidget(self.details)
        column.addWidget(self.co_responders)
        scroll.setWidget(holder)
        self.tabs.addTab(scroll, translate("CallDetailView", "Details"))
        # The report form is the heaviest widget; it is built when first needed (or when the
        # app is idle after start) so the call board appears sooner.
        self._report_form: ReportFormView | None = None
        self.report_pdf = None  # the form's PDF actions, made with the form
        self._report_page = QWidget(page)
        QVBoxLayout(self._report_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._report_page, translate("CallDetailView", "Report"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._prebuild = QTimer(self, singleShot=True, interval=PREBUILD_AFTER_MS)
        self._prebuild.timeout.connect(self._on_prebuild_timeout)
        box.addWidget(self.tabs, 1)
        return page

    def _build_header(self) -> QVBoxLayout:
        self.number_label = QLabel(self, objectName="callNumber")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.priority_badge = QLabel(self, objectName="priorityBadge")
        self.status_badge = QLabel(self, objectName="statusBadge")
        self.type_label = QLabel(self, objectName="callType")
        self.type_label.setWordWrap(True)
        # Backup sits top right on every call, always in the same place.
        self.backup_button = QPushButton(translate("CallDetailView", "Police backup"), self)
        self.backup_button.setProperty("role", "danger")
        self.backup_button.setToolTip(
            translate("CallDetailView", "Ask dispatch for police backup (Ctrl+B)")
        )
        self.backup_button.setAccessibleName(translate("CallDetailView", "Request police backup"))
        self.backup_button.clicked.connect(self.request_backup)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.number_label)
        top.addWidget(self.priority_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.backup_button)
        col = QVBoxLayout()
        col.setSpacing(2)
        col.addLayout(top)
        col.addWidget(self.type_label)
        return col

    def _build_caution(self) -> QFrame:
        self.caution_box = QFrame(self, objectName="cautionBox")
        title = QLabel(
            translate("CallDetailView", "\u26a0  CAUTION"),
            self.caution_box,
            objectName="cautionTitle",
        )
        self.caution_text = QLabel(self.caution_box, objectName="cautionText")
        self.caution_text.setWordWrap(True)
        box = QHBoxLayout(self.caution_box)
        box.setContentsMargins(12, 8, 12, 8)
        box.addWidget(title, 0, Qt.AlignmentFlag.AlignTop)
        box.addWidget(self.caution_text, 1)
        self.caution_box.setAccessibleName(translate("CallDetailView", "Caution notes"))
        return self.caution_box

    def _build_steps(self) -> QHBoxLayout:
        self.steps_row = QHBoxLayout()
        self.steps_row.setSpacing(8)
        self.no_steps_label = QLabel(
            translate("CallDetailView", "No further status steps: this call is closed."),
            self,
            objectName="fieldLabel",
        )
        row = QHBoxLayout()
        row.setSpacing(10)
        # Where the unit is now, then the steps it can take from here.
        row.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(self.steps_row)
        row.addWidget(self.no_steps_label)
        row.addStretch(1)
        return row

    def _shortcuts(self) -> None:
        for n in range(1, MAX_STEP_SHORTCUTS + 1):
            sc = QShortcut(QKeySequence(f"Alt+{n}"), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(lambda n=n: self._press_step(n - 1))
        sc = QShortcut(QKeySequence("Ctrl+B"), self)
        sc.setContext(Qt.ShortcutContext.WindowShortcut)
        sc.activated.connect(self._on_backup_shortcut)

    # Public ----------------------------------------------------------------------------------

    def show_call(self, call_id: str | None) -> None:
        if self.call is not None and self.call.id != call_id:
            self.flush()
        if call_id is None:
            self.call = None
            self.stack.setCurrentIndex(0)
            if self._report_form is not None:
                self._report_form.show_call(None)
            return
        try:
            self.call = self._app.calls.get(call_id)
        except ResponderError as exc:
            log.warning("Cannot show call %s: %s", call_id, exc)
            self.call = None
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self._refresh()
        if self._report_form is not None:
            self._report_form.show_call(call_id)

    def _on_prebuild_timeout(self) -> None:
        # A closed window (signed out, or a test's widget torn down) may outlive its core: build
        # nothing for it.
        if self.isVisible():
            _ = self.report_form

    @property
    def report_form(self) -> ReportFormView:
        if self._report_form is None:
            form = ReportFormView(self._app, self._tasks, self._report_page)
            form.report_saved.connect(self.report_saved)
            self.report_pdf = install_on_report_form(form, self._app, self._tasks)
            self._report_page.layout().addWidget(form)
            self._report_form = form
            form.show_call(self.call.id if self.call is not None else None)
        return self._report_form

    def show_report_tab(self) -> None:
        self.tabs.setCurrentWidget(self._report_page)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Features (e.g. checklists) add their own tab for the selected call."""
        return self.tabs.addTab(widget, title)

    def flush(self) -> None:
        if self._report_form is not None:
            self._report_form.flush()

    def change_status(self, status: str) -> None:
        if self.call is None:
            return
        call_id = self.call.id
        try:
            try:
                self._app.calls.change_status(call_id, status)
            except ActiveCallError as exc:
                if not self.switch_here(exc.active_call_id):
                    return
                self._app.calls.change_status(call_id, status)
        except ResponderError as exc:
            show_error(self, exc, translate("CallDetailView", 'Status not changed'))
            return
        self.call = self._app.calls.get(call_id)
        self._refresh()
        self.status_changed.emit(call_id)

    def switch_here(self, active_call_id: str) -> bool:
        """Ask what happens to the active call, then make the shown call the active one."""
        assert self.call is not None
        current = self._app.calls.get(active_call_id)
        dialog = SwitchCallDialog(self._app.reference, current, self.call,
                                  self._app.calls.switch_options(self.call.id), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.action() is None:
            return False
        self._app.calls.switch_to(self.call.id, dialog.action(), dialog.note())
        self.status_changed.emit(active_call_id)
        return True

    def request_backup(self) -> None:
        if self.call is None:
            return
        dialog = PoliceBackupDialog(self._app.reference, self.call.display_number, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.record_backup(dialog.reason_code() or "", dialog.note())

    def record_backup(self, reason_code: str, note: str = "") -> None:
        if self.call is None:
            return
        try:
            self._app.calls.request_backup(self.call.id, reason_code, note)
        except ResponderError as exc:
            show_error(self, exc, translate("CallDetailView", 'Backup request not saved'))
            return
        self._refresh()
        self.status_changed.emit(self.call.id)

    # Rendering -------------------------------------------------------------------------------

    def _refresh(self) -> None:
        call = self.call
        assert call is not None
        ref = self._app.reference
        local = (
            translate("CallDetailView", "  \u00b7  on-view, CAD number at next sync")
            if call.cad_number is None
            else ""
        )
        self.number_label.setText(call.display_number + local)
        self.type_label.setText(f"{call.type_code}   {shown_of(ref.call_types, call.type_code)}")
        self.priority_badge.setText(f"P{call.priority}")
        self.priority_badge.setToolTip(shown_of(ref.priorities, str(call.priority)))
        self.priority_badge.setProperty("urgent", call.priority <= URGENT_PRIORITY)
        self.status_badge.setText(shown_of(ref.unit_statuses, call.status))
        _repolish(self.priority_badge)
        self.caution_text.setText(call.caution_notes)
        self.caution_box.setVisible(bool(call.caution_notes.strip()))
        self._rebuild_steps()
        self.details.show_call(call, self._app.calls.timeline(call.id))
        self.known_here.show_briefing(self._app.people.known_here(call))
        self.co_responders.show_call(call.id)

    def _rebuild_steps(self) -> None:
        for button in self.step_buttons:
            # Hide now: deleteLater only runs when the event loop next turns.
            self.steps_row.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.step_buttons = []
        labels = self._app.reference.unit_statuses
        steps = self._app.calls.next_statuses(self.call)
        for n, status in enumerate(steps):
            button = QPushButton(shown_of(labels, status), self)
            button.setProperty("step", True)
            if n == 0:
                button.setProperty("role", "primary")
            button.setProperty("status", status)
            if n < MAX_STEP_SHORTCUTS:
                button.setToolTip(
                    fill(translate("CallDetailView", "Set status: %1 (Alt+%2)"),
                         shown_of(labels, status), n + 1)
                )
            button.clicked.connect(lambda _=False, b=button: self._on_step_clicked(b))
            self.steps_row.addWidget(button)
            self.step_buttons.append(button)
        self.no_steps_label.setVisible(not steps)

    def _on_step_clicked(self, button: QPushButton) -> None:
        """A step that closes the call cannot be taken back (events are append-only), so it
        needs a second tap: a gloved hand brushing the button must not clear a call."""
        status = button.property("status")
        if self._app.reference.next_statuses(status) or button.property("armed"):
            self.change_status(status)
            return
        button.setProperty("armed", True)
        button.setText(translate("CallDetailView", "Tap again"))
        button.setToolTip(
            fill(
                translate("CallDetailView", "Tap again to confirm: %1"),
                shown_of(self._app.reference.unit_statuses, status),
            )
        )
        _repolish(button)
        QTimer.singleShot(CONFIRM_WINDOW_MS, lambda: self._disarm(button, status))

    def _disarm(self, button: QPushButton, status: str) -> None:
        if button in self.step_buttons and button.property("armed"):
            button.setProperty("armed", False)
            button.setText(shown_of(self._app.reference.unit_statuses, status))
            _repolish(button)

    def _on_tabs_current_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self._report_page:
            self.report_form  # noqa: B018 (building it is the point)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._report_form is None:
            self._prebuild.start()

    def _press_step(self, n: int) -> None:
        if self.isVisible() and n < len(self.step_buttons):
            self.step_buttons[n].click()

    def _on_backup_shortcut(self) -> None:
        if self.isVisible() and self.call is not None:
            self.request_backup()

    def visible_steps(self) -> list[str]:
        return [b.property("status") for b in self.step_buttons]


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
