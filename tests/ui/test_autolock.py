"""Auto-lock with an injected clock: nothing personal on screen, drafts kept, same place after
unlock, Ctrl+L, and the 30-minute CJIS cap."""

import pytest
from civilian_responder.app import open_app
from civilian_responder.clock import SystemClock
from civilian_responder.demo import seed_demo
from civilian_responder.errors import ValidationError
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import Authenticator
from civilian_responder_ui.session.lock_screen import SessionLock
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

PASSPHRASE = "night shift lantern"
PERSON = "Philippa Lockmarker"
DRAFT = "Draft narrative LOCK-MARKER-8812"
CALL = "T261121000042"


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def core(tmp_path):
    auth = Authenticator(tmp_path, kdf=KdfParams(n=2**10, r=8, p=1))
    session = auth.enroll_first("alice", PASSPHRASE)
    app = open_app(tmp_path, session=session)
    seed_demo(app.store, SystemClock(), active=3, history=0, reports=False)
    yield app, auth, session
    app.close()


def _window(qtbot):
    window = QMainWindow()
    window.setWindowTitle(f"Responder \u2014 CSO-12 \u2014 {CALL}")
    tabs = QTabWidget(objectName="callTabs")
    tabs.addTab(QLabel(f"Caller: {PERSON}, 1234 Pacific Ave"), "Details")
    narrative = QPlainTextEdit(objectName="narrative")
    tabs.addTab(narrative, "Report")
    window.setCentralWidget(tabs)
    dock = QDockWidget("Calls", window)
    dock.setWidget(QLabel(f"{CALL} welfare check {PERSON}"))
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.statusBar().showMessage(f"On scene: {CALL}")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window, tabs, narrative


@pytest.fixture
def ui(qtbot, core):
    app, auth, session = core
    window, tabs, narrative = _window(qtbot)
    clock = FakeClock()
    flushed = []
    lock = SessionLock(window, app, auth, session, minutes=10, clock=clock,
                       flush=lambda: flushed.append(narrative.toPlainText()))
    yield window, tabs, narrative, clock, lock, flushed
    lock.stop()


def _visible_text(window: QWidget) -> str:
    parts = [window.windowTitle()]
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            parts.append(w.text())
        elif isinstance(w, QLineEdit):
            parts.append(w.text() + w.placeholderText())
        elif isinstance(w, QPlainTextEdit):
            parts.append(w.toPlainText())
    return "\n".join(parts)


def test_inactivity_locks_and_input_postpones_it(ui, qtbot):
    window, tabs, narrative, clock, lock, _ = ui
    clock.now += 9 * 60
    lock.watcher.check()
    assert not lock.is_locked
    qtbot.keyClick(narrative, Qt.Key.Key_A)  # activity resets the countdown
    clock.now += 9 * 60
    lock.watcher.check()
    assert not lock.is_locked
    clock.now += 61
    lock.watcher.check()
    assert lock.is_locked and window.centralWidget() is lock.screen


def test_locked_window_shows_no_personal_data(ui, qtbot):
    window, tabs, narrative, clock, lock, _ = ui
    tabs.setCurrentIndex(1)
    qtbot.keyClicks(narrative, DRAFT)
    assert PERSON in _visible_text(window) and CALL in _visible_text(window)  # sanity
    before = window.grab().toImage()
    lock.lock()
    qtbot.wait(10)
    text = _visible_text(window)
    for secret in (PERSON, CALL, DRAFT, "Pacific"):
        assert secret not in text
    assert "locked" in window.windowTitle()
    assert not any(d.isVisible() for d in window.findChildren(QDockWidget))
    assert not window.statusBar().isVisible()
    assert tabs not in window.findChildren(QTabWidget)  # taken out of the window, not hidden
    assert window.grab().toImage() != before


def test_draft_is_flushed_kept_and_unlock_returns_to_the_same_tab(ui, qtbot, core):
    window, tabs, narrative, clock, lock, flushed = ui
    app = core[0]
    tabs.setCurrentIndex(1)
    narrative.setFocus()
    qtbot.keyClicks(narrative, DRAFT)
    clock.now += 10 * 60
    lock.watcher.check()
    assert flushed == [DRAFT]
    qtbot.keyClicks(lock.screen.passphrase, PASSPHRASE)
    qtbot.keyClick(lock.screen.passphrase, Qt.Key.Key_Return)
    assert not lock.is_locked
    assert window.centralWidget() is tabs and tabs.currentIndex() == 1
    assert narrative.toPlainText() == DRAFT
    assert CALL in window.windowTitle()
    assert all(d.isVisible() for d in window.findChildren(QDockWidget))
    assert [e.action for e in app.audit.entries()][-2:] == ["lock", "unlock"]


def test_wrong_passphrase_keeps_it_locked_and_is_audited(ui, qtbot, core):
    window, tabs, narrative, clock, lock, _ = ui
    lock.lock()
    qtbot.keyClicks(lock.screen.passphrase, "not my passphrase")
    qtbot.mouseClick(lock.screen.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.is_locked
    assert "Wrong passphrase for alice" in lock.screen.message.text()
    assert lock.screen.passphrase.text() == ""
    assert core[0].audit.entries()[-1].action == "unlock.failed"


def test_ctrl_l_locks_immediately(ui, qtbot):
    window, tabs, narrative, clock, lock, _ = ui
    window.activateWindow()
    narrative.setFocus()
    qtbot.keyClick(narrative, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.is_locked


def test_sign_out_is_offered_on_the_lock_screen(ui, qtbot):
    window, tabs, narrative, clock, lock, _ = ui
    lock.lock()
    with qtbot.waitSignal(lock.sign_out_requested, timeout=1000):
        qtbot.mouseClick(lock.screen.sign_out_button, Qt.MouseButton.LeftButton)


def test_lock_screen_passphrase_is_obscured(ui):
    lock = ui[4]
    lock.lock()
    assert lock.screen.passphrase.echoMode() == QLineEdit.EchoMode.Password


@pytest.mark.parametrize("minutes", [31, 0, -5])
def test_timeout_above_cjis_cap_is_refused(ui, minutes):
    window, _, _, _, lock, _ = ui
    with pytest.raises(ValidationError, match="at most 30"):
        SessionLock(window, lock.app, lock.auth, lock.session, minutes=minutes)


def test_twelve_hours_of_continuous_use_asks_for_the_passphrase_again(ui, qtbot):
    window, tabs, narrative, clock, lock, _ = ui
    for _ in range(12 * 6 + 2):  # busy all shift: input every 10 minutes
        clock.now += 9 * 60 + 59
        qtbot.keyClick(narrative, Qt.Key.Key_A)
        lock.watcher.check()
        if lock.is_locked:
            break
    assert lock.is_locked
    assert clock.now - 1000.0 >= 12 * 3600

