"""Session lock: auto-lock after inactivity, the lock screen, Ctrl+L, unlock or sign out.

``SessionLock(window, app, auth, session)`` watches input application-wide (an event filter on
the QApplication), and after ``minutes`` of inactivity (default 10; CJIS AC-11 caps it at 30)
flushes drafts and covers the window: the central widget is taken out (kept alive, so drafts and
the current call/tab stay exactly as they were), docks, toolbars, menus and the status bar are
hidden and the title loses any call information. Unlocking needs the same officer's passphrase
and puts everything back; "Sign out" is offered instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from civilian_responder.errors import AuthError, LockedOutError, ResponderError, ValidationError
from civilian_responder_ui.shell.translations import core_text, fill, translate
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStatusBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_MINUTES = 10
MAX_MINUTES = 30  # CJIS AC-11
CHECK_INTERVAL_MS = 5_000
REAUTH_HOURS = 12  # CJIS IA-5-j-10: re-authenticate at least every 12 h, even when busy
_INPUT_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
}


def named(obj: T, name: str) -> T:
    """Set the object name after construction: PySide6 6.12 mis-counts references to None for
    every Qt property passed as a constructor keyword (``QLabel(objectName=...)``,
    ``QTimer(singleShot=True)``), which crashes the interpreter once enough widgets are made."""
    obj.setObjectName(name)  # type: ignore[attr-defined]
    return obj


def validate_minutes(minutes: float) -> float:
    if not 0 < minutes <= MAX_MINUTES:
        raise ValidationError(
            f"Auto-lock must be between 1 and {MAX_MINUTES} minutes (CJIS AC-11)",
            {"auto_lock_minutes": f"must be at most {MAX_MINUTES}"})
    return minutes


def run_task(tasks: Any, fn: Callable[..., Any], *args: Any,
             on_result: Callable[[Any], None], on_error: Callable[[BaseException], None]) -> None:
    """Key derivation takes ~0.4 s: off the GUI thread when a TaskRunner is given."""
    if tasks is not None:
        tasks.run(fn, *args, on_result=on_result, on_error=on_error)
        return
    try:
        result = fn(*args)
    except ResponderError as exc:
        on_error(exc)
        return
    on_result(result)


class LockScreen(QWidget):
    """What a locked window shows: who is signed in, a passphrase field, and nothing else."""

    unlock_requested = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, officer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.title = named(QLabel(translate("LockScreen", "Responder is locked")), "lockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel(fill(
            translate("LockScreen", "Signed in as %1. Enter your passphrase to continue."),
            officer_name))
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase = named(QLineEdit(), "lockPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(translate("LockScreen", "Passphrase"))
        self.message = named(QLabel(""), "lockMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")  # the theme colours it for day and night
        self.unlock_button = named(QPushButton(translate("LockScreen", "Unlock")), "unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.setProperty("role", "primary")
        self.sign_out_button = named(
            QPushButton(translate("LockScreen", "Sign out")), "signOutButton"
        )
        self.title.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.who.setWordWrap(True)
        panel = named(QFrame(self), "lockPanel")
        panel.setFixedWidth(440)
        inner = QVBoxLayout(panel)
        inner.setSpacing(12)
        for w in (self.title, self.who, self.passphrase, self.message, self.unlock_button,
                  self.sign_out_button):
            inner.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.passphrase.returnPressed.connect(self._on_unlock_button_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.sign_out_button.clicked.connect(self.sign_out_requested)

    def _on_unlock_button_clicked(self) -> None:
        text = self.passphrase.text()
        self.passphrase.clear()
        if text:
            self.unlock_button.setEnabled(False)
            self.message.setText(translate("LockScreen", "Checking\u2026"))
            self.unlock_requested.emit(text)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.unlock_button.setEnabled(True)
        self.passphrase.setFocus()


class IdleWatcher(QObject):
    """Application-wide input watcher. ``clock`` (monotonic seconds) is injectable for tests."""

    idle = Signal()

    def __init__(self, minutes: float = DEFAULT_MINUTES,
                 clock: Callable[[], float] = time.monotonic,
                 interval_ms: int = CHECK_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_s = validate_minutes(minutes) * 60
        self._clock = clock
        self.last_activity = clock()
        self.authenticated_at = clock()
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() in _INPUT_EVENTS:
            self.last_activity = self._clock()
        return False

    def check(self) -> None:
        now = self._clock()
        idle = now - self.last_activity >= self.timeout_s
        stale = now - self.authenticated_at >= REAUTH_HOURS * 3600
        if not self.paused and (idle or stale):
            self.paused = True
            self.idle.emit()

    def resume(self) -> None:
        """After an unlock: the officer just re-authenticated."""
        self.last_activity = self.authenticated_at = self._clock()
        self.paused = False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class SessionLock(QObject):
    """Locks and unlocks one main window for one signed-in officer."""

    locked = Signal()
    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, window: QMainWindow, app: Any, auth: Any, session: Any, *,
                 minutes: float = DEFAULT_MINUTES, clock: Callable[[], float] = time.monotonic,
                 flush: Callable[[], None] | None = None, tasks: Any = None) -> None:
        super().__init__(window)
        self.window, self.app, self.auth, self.session = window, app, auth, session
        self._flush = flush
        self._tasks = tasks
        self.watcher = IdleWatcher(minutes, clock, parent=self)
        self.watcher.idle.connect(self._on_watcher_idle)
        self.screen: LockScreen | None = None
        self.signed_out = False
        self._saved: dict[str, Any] = {}
        self.action = named(QAction(translate("SessionLock", "Lock"), window), "lockAction")
        self.action.setShortcut(QKeySequence("Ctrl+L"))
        self.action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action.setToolTip(translate("SessionLock", "Lock the screen now (Ctrl+L)"))
        self.action.triggered.connect(self.lock)
        window.addAction(self.action)

    @property
    def is_locked(self) -> bool:
        return self.screen is not None

    def _on_watcher_idle(self) -> None:
        self.lock(reason="idle")

    def lock(self, reason: str = "manual") -> None:
        if self.is_locked:
            return
        if self._flush is not None:
            try:
                self._flush()  # drafts reach the database before anything is hidden
            except ResponderError:
                log.exception("Could not save the draft before locking")
        w = self.window
        self._saved = {
            "central": w.takeCentralWidget(), "title": w.windowTitle(),
            "focus": QApplication.focusWidget(),
            "bars": [b for b in w.findChildren(QToolBar) + w.findChildren(QDockWidget)
                     if b.isVisibleTo(w)],
            "menu": w.menuWidget() if w.menuWidget() and w.menuWidget().isVisibleTo(w) else None,
            "status": w.findChild(QStatusBar),
        }
        if self._saved["status"] is not None and not self._saved["status"].isVisibleTo(w):
            self._saved["status"] = None
        for bar in (*self._saved["bars"], self._saved["menu"], self._saved["status"]):
            if bar is not None:
                bar.hide()
        self.screen = LockScreen(self.session.officer_name)
        self.screen.unlock_requested.connect(self._on_screen_unlock_requested)
        self.screen.sign_out_requested.connect(self.sign_out_requested)
        w.setCentralWidget(self.screen)
        w.setWindowTitle(translate("SessionLock", "Responder \u2014 locked"))
        self.screen.passphrase.setFocus()
        self._audit("lock", detail=reason)
        self.locked.emit()

    def _on_screen_unlock_requested(self, passphrase: str) -> None:
        run_task(self._tasks, self.auth.verify, self.session, passphrase,
                 on_result=self._on_verified, on_error=self._on_verify_failed)

    def _on_verified(self, session: Any) -> None:
        self.session = session
        self._restore()
        self._audit("unlock")
        self.unlocked.emit()

    def _on_verify_failed(self, exc: BaseException) -> None:
        if self.screen is None:
            return
        if isinstance(exc, LockedOutError) and not exc.lockout:
            self.screen.show_error(core_text(exc))
            return
        self._audit("unlock.failed", outcome="failed",
                    detail="lockout" if isinstance(exc, LockedOutError) else "")
        text = core_text(exc) if isinstance(exc, AuthError) else translate(
            "LockScreen", "Could not check the passphrase")
        self.screen.show_error(text)

    def _restore(self) -> None:
        w, saved = self.window, self._saved
        screen = w.takeCentralWidget()
        if screen is not None:
            screen.deleteLater()
        self.screen = None
        w.setCentralWidget(saved["central"])
        if saved["central"] is not None:
            saved["central"].show()
        for bar in (*saved["bars"], saved["menu"], saved["status"]):
            if bar is not None:
                bar.show()
        w.setWindowTitle(saved["title"])
        if saved["focus"] is not None:
            saved["focus"].setFocus()
        self._saved = {}
        self.watcher.resume()

    def _audit(self, action: str, outcome: str = "ok", detail: str = "") -> None:
        try:
            self.app.audit.record(action, f"officer:{self.session.officer_id}", outcome, detail)
        except ResponderError:
            log.exception("Could not record %s in the audit trail", action)

    def stop(self) -> None:
        self.watcher.stop()
