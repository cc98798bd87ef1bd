"""The sync status-bar widget: what is waiting, when the last sync worked, what went wrong in
plain words, "Sync now", a progress bar, and the list of refused/conflicting changes.

Sync runs in rounds (see ``sync.engine``): each round is prepared and applied here,
on the GUI thread, and its network part runs on the TaskRunner's single-thread "sync" pool.
A cheap health probe on its own pool starts a sync when the station becomes reachable.
"""

from __future__ import annotations

import logging
import time
from datetime import date, datetime
from typing import Any

from civilian_responder.clock import parse_iso
from civilian_responder.errors import ResponderError, SyncError, SyncErrorKind
from civilian_responder.sync import RoundResult, SyncEngine, SyncPlan, SyncStatus, SyncSummary
from civilian_responder.sync.status import kind_words, waiting_counts
from civilian_responder.sync.transfer import SyncProgress, round_did_work
from civilian_responder_ui.shell.translations import (
    QT_TRANSLATE_NOOP,
    core_text,
    fill,
    is_language_change,
    translate,
)
from civilian_responder_ui.sync.connect_dialog import ConnectDialog
from civilian_responder_ui.sync.error_words import error_words
from civilian_responder_ui.sync.sync_problems import SyncProblemsDialog
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

log = logging.getLogger(__name__)

PROBE_INTERVAL_MS = 30_000
PROGRESS_EVERY_S = 0.1
_PHASE_WORDS = {
    "push": QT_TRANSLATE_NOOP("SyncPanel", "Sending"),
    "upload": QT_TRANSLATE_NOOP("SyncPanel", "Uploading photos"),
    "pull": QT_TRANSLATE_NOOP("SyncPanel", "Receiving"),
}


_WAITING_WORDS = {  # one, many: "%1" is the count
    "report": (
        QT_TRANSLATE_NOOP("SyncPanel", "%1 report"),
        QT_TRANSLATE_NOOP("SyncPanel", "%1 reports"),
    ),
    "status_event": (
        QT_TRANSLATE_NOOP("SyncPanel", "%1 status change"),
        QT_TRANSLATE_NOOP("SyncPanel", "%1 status changes"),
    ),
    "call": (
        QT_TRANSLATE_NOOP("SyncPanel", "%1 on-view call"),
        QT_TRANSLATE_NOOP("SyncPanel", "%1 on-view calls"),
    ),
    "call_copy": (
        QT_TRANSLATE_NOOP("SyncPanel", "%1 call copy for the station"),
        QT_TRANSLATE_NOOP("SyncPanel", "%1 call copies for the station"),
    ),
    "review_copy": (
        QT_TRANSLATE_NOOP("SyncPanel", "%1 review copy for the station"),
        QT_TRANSLATE_NOOP("SyncPanel", "%1 review copies for the station"),
    ),
    "checklist_run": (
        QT_TRANSLATE_NOOP("SyncPanel", "%1 checklist"),
        QT_TRANSLATE_NOOP("SyncPanel", "%1 checklists"),
    ),
    "photo": (
        QT_TRANSLATE_NOOP("SyncPanel", "%1 photo"),
        QT_TRANSLATE_NOOP("SyncPanel", "%1 photos"),
    ),
    "shift": (
        QT_TRANSLATE_NOOP("SyncPanel", "%1 shift record"),
        QT_TRANSLATE_NOOP("SyncPanel", "%1 shift records"),
    ),
    "co_responder": (
        QT_TRANSLATE_NOOP("SyncPanel", "%1 co-responder record"),
        QT_TRANSLATE_NOOP("SyncPanel", "%1 co-responder records"),
    ),
}


def waiting_text(status: SyncStatus) -> str:
    """:attr:`SyncStatus.waiting_text` in the window's language (a kind without words here
    keeps the core's English words)."""
    parts = []
    for kind, n in waiting_counts(status.waiting):
        if kind in _WAITING_WORDS:
            one, many = _WAITING_WORDS[kind]
            parts.append(fill(translate("SyncPanel", one if n == 1 else many), n))
        else:
            parts.append(kind_words(kind, n))
    if not parts:
        return translate("SyncPanel", "Nothing waiting")
    return fill(translate("SyncPanel", "%1 waiting"), ", ".join(parts))


def last_sync_text(status: SyncStatus, today: date | None = None) -> str:
    if not status.enrolled:
        return translate("sync_panel", 'Not connected to a station')
    if not status.last_success_at:
        return translate("sync_panel", 'Never synced')
    local = parse_iso(status.last_success_at).astimezone()
    if local.date() == (today or datetime.now().date()):
        return fill(translate("sync_panel", 'Last sync %1'), f'{local:%H:%M}')
    return fill(translate("sync_panel", 'Last sync %1'), f'{local:%d %b %H:%M}')


def error_text(kind: SyncErrorKind | None, detail: str) -> str:
    """Plain words for the status bar; a sign-in problem says what to do about it."""
    if kind is None:
        return ""
    words = error_words(kind)
    return f"{words}: {core_text(detail)}" if kind is SyncErrorKind.AUTH and detail else words


class SyncPanel(QWidget):
    """Lives in the main window's status bar. ``sync_now()`` is also the toolbar action."""

    sync_started = Signal()
    sync_finished = Signal(object)  # SyncSummary
    sync_failed = Signal(object)  # SyncError
    station_reachable_changed = Signal(bool)
    enrolled = Signal(object)  # Enrollment: this device is now (another) unit at a station
    _progressed = Signal(object)  # SyncProgress, emitted on the worker, delivered queued

    def __init__(self, engine: SyncEngine, tasks: Any, parent: QWidget | None = None,
                 probe_interval_ms: int = PROBE_INTERVAL_MS) -> None:
        super().__init__(parent, objectName="syncPanel")
        self._engine = engine
        self._tasks = tasks
        self._task: Any = None
        self._active = False
        self._cancel_asked = False
        self._summary: SyncSummary | None = None
        self._reachable: bool | None = None
        self._probing = False
        self._build()
        self._progressed.connect(self._on_progressed, Qt.ConnectionType.QueuedConnection)
        self._probe_timer = QTimer(self, interval=probe_interval_ms)
        self._probe_timer.timeout.connect(self.probe)
        if probe_interval_ms > 0:
            self._probe_timer.start()
            # First look soon after start: a unit docked at the station syncs right away.
            # A child timer, not QTimer.singleShot: closing the window stops it with the rest.
            self._first_probe = QTimer(self)
            self._first_probe.setSingleShot(True)
            self._first_probe.setInterval(min(probe_interval_ms, 1000))
            self._first_probe.timeout.connect(self.probe)
            self._first_probe.start()
        self.refresh()

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(12)
        # Touch size like every other button (a gloved finger in a moving van), narrower padding.
        self.setStyleSheet("QPushButton { min-height: 44px; padding: 0 12px; }")
        self.waiting_label = QLabel(objectName="syncWaiting")
        self.last_label = QLabel(objectName="syncLast")
        self.error_label = QLabel(objectName="syncError")
        self.error_label.setProperty("role", "error")  # the theme's error colour, day or night
        self.progress = QProgressBar(objectName="syncProgress")
        self.progress.setFixedWidth(160)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.problems_button = QPushButton(objectName="syncProblems")
        self.problems_button.setProperty("role", "danger")
        self.problems_button.clicked.connect(self.show_problems)
        self.sync_button = QPushButton(translate("SyncPanel", "Sync now"), objectName="syncNow")
        self.sync_button.setProperty("role", "primary")
        self.sync_button.setToolTip(
            translate("SyncPanel", "Send waiting changes and fetch updates from the station")
        )
        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        for w in (self.waiting_label, self.last_label, self.error_label, self.progress,
                  self.problems_button, self.sync_button):
            layout.addWidget(w, 0, Qt.AlignmentFlag.AlignVCenter)
        self.sync_action = QAction(
            translate("SyncPanel", "Sync now"), self, objectName="syncAction"
        )
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.setToolTip(
            translate("SyncPanel", "Send waiting changes and fetch updates (Ctrl+Shift+S)")
        )
        self.sync_action.triggered.connect(self.sync_now)
        # Short on the toolbar (it is full at 1366 px); the status bar spells it out when needed.
        self.connect_action = QAction(
            translate("SyncPanel", "Station\u2026"), self, objectName="connectAction"
        )
        self.connect_action.setToolTip(
            translate(
                "SyncPanel", "Connect to station: enroll this device with a code from the station"
            )
        )
        self.connect_action.triggered.connect(self.open_connect_dialog)

    # State ----------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """A sync is under way (between rounds too)."""
        return self._active

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event) and not self._closed_engine():
            self.refresh()  # counts and times are made from values: set them again
        super().changeEvent(event)

    def _closed_engine(self) -> bool:
        return not self.isVisible()

    def refresh(self) -> SyncStatus:
        """Re-read counts and last results from the store (GUI thread, a few small queries)."""
        status = self._engine.status()
        self.waiting_label.setText(waiting_text(status))
        self.last_label.setText(last_sync_text(status))
        self._show_error(status.last_error_kind, status.last_error)
        self.problems_button.setText(
            fill(translate("SyncPanel", "%1 need attention"), status.problems)
        )
        self.problems_button.setVisible(status.problems > 0)
        # Not connected yet: the same button offers to connect instead.
        self.sync_button.setText(
            translate("SyncPanel", "Sync now")
            if status.enrolled
            else translate("SyncPanel", "Connect to station")
        )
        self.sync_button.setEnabled(not self.running)
        self.sync_action.setEnabled(status.enrolled and not self.running)
        return status

    def _show_error(self, kind: SyncErrorKind | None, detail: str) -> None:
        self.error_label.setText(error_text(kind, detail))
        self.error_label.setToolTip(core_text(detail))
        self.error_label.setVisible(kind is not None)

    # Sync -----------------------------------------------------------------------------------

    def _on_sync_button_clicked(self) -> None:
        if self._engine.station_url:
            self.sync_now()
        else:
            self.open_connect_dialog()

    def sync_now(self) -> None:
        if self.running:
            return
        self._summary = SyncSummary()
        self._engine.record_started()
        self._active = True
        self._cancel_asked = False
        self.sync_button.setEnabled(False)
        self.sync_action.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setFormat(translate("SyncPanel", 'Starting…'))
        self.progress.show()
        self.sync_started.emit()
        self._start_round()

    def cancel(self) -> None:
        self._cancel_asked = True  # between two rounds: the next one does not start
        if self._task is not None:
            self._task.cancel()

    def _start_round(self) -> None:
        try:
            plan = self._engine.prepare()
        except SyncError as exc:
            self._engine.record_failure(exc)
            self._finish(exc)
            return
        except ResponderError as exc:  # the local database could not be read
            self._finish(exc)
            return
        self._task = self._tasks.run(
            self._transfer, plan, pass_task=True, pool="sync",
            on_result=self._on_round_transferred, on_error=self._on_round_crashed,
        )

    def _transfer(self, plan: SyncPlan, task: Any) -> RoundResult:
        """Worker thread: network only. Progress goes out as a queued signal, at most every
        0.1 s (a thousand photos need not mean a thousand repaints)."""
        last = [0.0]

        def progress(p: SyncProgress) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY_S or p.done == p.total:
                last[0] = now
                self._progressed.emit(p)

        return self._engine.transfer(plan, task.cancel_event, progress)

    def _on_progressed(self, p: SyncProgress) -> None:
        words = translate("SyncPanel", _PHASE_WORDS.get(p.phase, p.phase))
        if p.phase != "pull" and p.total > 0:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)
            self.progress.setFormat(f"{words} {p.done}/{p.total}")
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(f"{words} {p.done}")

    def _on_round_transferred(self, result: RoundResult) -> None:
        self._task = None
        self._apply_answers(result, self._engine.answer_steps(result))

    def _apply_answers(self, result: RoundResult, steps: Any) -> None:
        """The station's answers, then (unless the station went back) the pulled changes:
        one slice per turn of the event loop, each its own transaction, so no two stalls
        add up."""
        def answered(recovered: Any) -> None:
            if recovered is not None:
                self._round_applied(result, recovered)
            else:
                self._step(self._engine.pulled_steps(result),
                           lambda counts: self._round_applied(result, counts))

        self._step(steps, answered)

    def _step(self, steps: Any, then: Any) -> None:
        """Run one slice of ``steps`` now and the next in a later turn; ``then`` gets what
        the generator returns."""
        if not self._active:
            return
        try:
            next(steps)
        except StopIteration as done:
            then(done.value)
            return
        except Exception as exc:  # noqa: BLE001 (a storage error must reach the user)
            self._finish(exc)
            return
        QTimer.singleShot(0, self, lambda: self._step(steps, then))

    def _round_applied(self, result: RoundResult, counts: Any) -> None:
        assert self._summary is not None
        self._summary.add(result, counts)
        if result.error is not None:
            self._finish(result.error)
        elif not result.cancelled and round_did_work(result):
            # Each GUI-thread step in its own turn of the event loop (the status line next,
            # the next round's snapshot after): no single stall adds them up.
            QTimer.singleShot(0, self._between_rounds)
        else:
            self._finish(None)

    def _between_rounds(self) -> None:
        if self._task is None and self._active:
            self.refresh()
            QTimer.singleShot(0, self._next_round)

    def _next_round(self) -> None:
        if self._task is not None or not self._active:
            return
        if self._cancel_asked and self._summary is not None:
            self._summary.cancelled = True
            self._finish(None)
            return
        self._start_round()

    def _on_round_crashed(self, error: BaseException) -> None:
        self._task = None
        log.error("Sync round failed", exc_info=(type(error), error, error.__traceback__))
        self._finish(error)

    def _finish(self, error: BaseException | None) -> None:
        self._task = None
        self._active = False
        self._engine.record_finished(self._summary, error)
        self.progress.hide()
        self.refresh()
        if error is None:
            self._reachable = True
            self.sync_finished.emit(self._summary)
            return
        if not isinstance(error, SyncError):
            self.error_label.setText(fill(translate("SyncPanel", "Sync stopped: %1"),
                                          core_text(error)))
            self.error_label.setToolTip(core_text(error))
            self.error_label.show()
        elif error.kind is SyncErrorKind.OFFLINE:
            self._reachable = False
        self.sync_failed.emit(error)

    # Reachability ---------------------------------------------------------------------------

    def probe(self) -> None:
        """Ask (off-thread) whether the station answers; sync when it comes back."""
        url = self._engine.station_url
        if self._probing or self.running or not url:
            return
        self._probing = True
        self._tasks.run(self._engine.probe, url, pool="probe",
                        on_result=self._on_probe_answered, on_error=self._on_probe_failed)

    def _on_probe_answered(self, reachable: bool) -> None:
        """Sync when the station comes back, and retry waiting work while it stays reachable
        (every probe interval: a gentle back-off). A sign-in failure waits for the user."""
        self._probing = False
        came_back = reachable and self._reachable is not True
        if reachable != self._reachable:
            self._reachable = reachable
            self.station_reachable_changed.emit(reachable)
        if not reachable or self.running:
            return
        status = self._engine.status()
        retry = status.waiting_total > 0 and status.last_error_kind is not SyncErrorKind.AUTH
        if came_back or retry:
            self.sync_now()

    def _on_probe_failed(self, error: BaseException) -> None:
        self._probing = False
        log.warning("Station probe failed: %s", type(error).__name__)

    def show_problems(self) -> None:
        SyncProblemsDialog(self._engine.problems(), self).exec()

    def open_connect_dialog(self) -> None:
        """Enroll (or re-enroll) this device, then sync at once."""
        dialog = ConnectDialog(self._engine, self._tasks, self.window())
        dialog.enrolled.connect(lambda _enrollment: self.refresh())
        dialog.enrolled.connect(self.enrolled.emit)
        dialog.exec()
        if dialog.enrollment is not None:
            self.sync_now()



def install_sync(window: Any, engine: SyncEngine, tasks: Any) -> SyncPanel:
    """Wire sync into the main window: the status-bar panel, its toolbar actions, and a board
    reload after every sync (new calls, CAD numbers, review outcomes)."""
    panel = SyncPanel(engine, tasks, window)
    window.add_status_widget(panel)
    window.add_toolbar_action(panel.sync_action)
    window.add_toolbar_action(panel.connect_action, in_menu=True)  # also in the status bar
    panel.sync_finished.connect(lambda _summary: window.reload())
    panel.sync_failed.connect(lambda _error: window.reload())
    panel.enrolled.connect(lambda enrollment: _show_unit(window, enrollment.unit_id))
    return panel


def _show_unit(window: Any, unit_id: str) -> None:
    """The window names the unit; after enrollment that is the station's unit id."""
    from PySide6.QtWidgets import QLabel  # noqa: PLC0415

    window.setWindowTitle(fill(translate("MainWindow", "Responder \u2014 %1"), unit_id))
    label = window.findChild(QLabel, "unitLabel")
    if label is not None:
        rest = label.text().partition("\u00b7")
        label.setText(
            fill(translate("MainWindow", "Unit %1"), unit_id)
            + (f"  \u00b7{rest[2]}" if rest[1] else "")
        )
