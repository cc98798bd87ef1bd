"""The sign-in dialog: first-run enrollment, sign-in, clear messages, lockout."""

import pytest
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import DEMO_PASSPHRASE, Authenticator
from civilian_responder_ui.session.signin_dialog import SignInDialog
from PySide6.QtWidgets import QLineEdit


@pytest.fixture
def auth(tmp_path):
    return Authenticator(tmp_path, kdf=KdfParams(n=2**10, r=8, p=1))


def _submit(qtbot, dialog, passphrase, repeat=None):
    dialog.passphrase.setText(passphrase)
    if repeat is not None:
        dialog.repeat.setText(repeat)
    dialog.ok.click()


def test_first_run_creates_the_first_officer(qtbot, auth):
    dialog = SignInDialog(auth)
    qtbot.addWidget(dialog)
    assert dialog.enrolling and dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    dialog.name.setText("alice")
    _submit(qtbot, dialog, "river stone lamp", "river stone lamb")
    assert "differ" in dialog.message.text() and dialog.session is None
    _submit(qtbot, dialog, "short", "short")
    assert "at least 8 characters" in dialog.message.text()
    _submit(qtbot, dialog, "river stone lamp", "river stone lamp")
    assert dialog.session.officer_name == "alice" and dialog.session.admin
    assert auth.officer_names() == ["alice"]


def test_sign_in_with_wrong_then_right_passphrase(qtbot, auth, monkeypatch):
    auth.enroll_demo()
    dialog = SignInDialog(auth, demo=True)
    qtbot.addWidget(dialog)
    assert dialog.officer.currentText() == "demo"
    assert DEMO_PASSPHRASE in dialog.findChild(type(dialog.message), "demoHint").text()
    _submit(qtbot, dialog, "wrong passphrase")
    assert dialog.message.text() == "Wrong passphrase for demo"
    assert dialog.passphrase.text() == "" and dialog.session is None
    assert not dialog.ok.isEnabled()  # the growing delay: the button is back after 1 s
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=3000)
    _submit(qtbot, dialog, DEMO_PASSPHRASE)
    assert dialog.session is not None and dialog.result() == dialog.DialogCode.Accepted


def test_lockout_message_says_until_when_and_disables_sign_in(qtbot, auth):
    auth.enroll_first("alice", "river stone lamp")
    for _ in range(5):
        auth.attempts.record_failure("alice")
    dialog = SignInDialog(auth)
    qtbot.addWidget(dialog)
    _submit(qtbot, dialog, "river stone lamp")
    assert "locked until" in dialog.message.text() and "UTC" in dialog.message.text()
    assert not dialog.ok.isEnabled() and dialog.session is None


def test_non_interactive_demo_start_enrolls_and_signs_in_the_demo_officer(tmp_path, monkeypatch):
    from civilian_responder_ui.session.signin_dialog import startup_session

    monkeypatch.delenv("RESPONDER_PASSPHRASE", raising=False)
    monkeypatch.delenv("RESPONDER_OFFICER", raising=False)
    session = startup_session(tmp_path, demo=True, interactive=False)
    assert session.officer_name == "demo" and len(session.key) == 32
    again = startup_session(tmp_path, demo=True, interactive=False)
    assert again.key == session.key


def test_key_derivation_runs_off_the_gui_thread_with_a_busy_state(qtbot, tmp_path):
    """The real (slow) key derivation on a worker: the window keeps painting and says so."""
    import time

    from civilian_responder_ui.shell.tasks import TaskRunner
    from PySide6.QtCore import QTimer

    auth = Authenticator(tmp_path)  # the shipped KDF, a deliberate ~0.5 s
    auth.enroll_demo()
    tasks = TaskRunner()
    dialog = SignInDialog(auth, tasks=tasks, demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    ticks: list[float] = []
    ticker = QTimer(dialog, interval=20)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start()
    dialog.passphrase.setText(DEMO_PASSPHRASE)
    start = time.perf_counter()
    dialog.ok.click()
    assert dialog.busy.isVisible() and not dialog.passphrase.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        pass
    took = time.perf_counter() - start
    tasks.wait_for_done(5_000)
    assert dialog.session is not None and not dialog.busy.isVisible()
    gaps = [b - a for a, b in zip([start, *ticks], ticks, strict=False)]
    assert took > 0.1 and len(ticks) >= 3, (took, ticks)
    assert max(gaps) < max(0.25, took / 2), gaps  # the event loop kept turning
