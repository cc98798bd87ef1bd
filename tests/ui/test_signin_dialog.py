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
