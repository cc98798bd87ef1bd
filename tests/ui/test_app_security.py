"""The composition root's security wiring on the real main window: sign in before opening,
the Lock button, the settings cap, the lock hiding the real call views, and sign-out."""

import json

import pytest
from civilian_responder.app import open_app
from civilian_responder.security.session import Authenticator
from civilian_responder_ui.app import UiSettings, _sign_out, install_lock, open_profile
from civilian_responder_ui.main_window import MainWindow
from civilian_responder_ui.session.signin_dialog import startup_session
from civilian_responder_ui.shell.tasks import TaskRunner
from PySide6.QtWidgets import QApplication, QLabel


@pytest.fixture
def demo(tmp_path, monkeypatch, qtbot):
    monkeypatch.delenv("RESPONDER_PASSPHRASE", raising=False)
    monkeypatch.delenv("RESPONDER_OFFICER", raising=False)
    session = startup_session(tmp_path, demo=True, interactive=False)

    class Args:
        profile, demo = tmp_path, True

    core = open_profile(Args, session)
    tasks = TaskRunner(inline=True)
    window = MainWindow(core, tasks)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.reload(select_first=True)
    window.show()
    qtbot.waitExposed(window)
    yield tmp_path, core, tasks, window
    QApplication.instance().setStyleSheet("")  # MainWindow themes the whole application


def _texts(window):
    return "\n".join([window.windowTitle()] + [w.text() for w in window.findChildren(QLabel)
                                                if w.isVisible()])


def test_lock_hides_the_real_call_views_and_returns(demo, qtbot):
    profile, core, tasks, window = demo
    lock = install_lock(window, core, tasks, UiSettings(profile / "settings.json"))
    assert lock.action in window.toolbar.actions()
    call = core.calls.get(window.detail.call.id)  # the call the detail shows
    assert call.address in _texts(window)  # sanity: the detail shows the selected call
    lock.lock()
    assert call.address not in _texts(window) and call.cad_number not in _texts(window)
    qtbot.keyClicks(lock.screen.passphrase, "demo-responder-2026")
    lock.screen.unlock_button.click()
    assert not lock.is_locked and call.address in _texts(window)
    assert "demo" in _texts(window)  # the toolbar names the signed-in officer
    lock.stop()


def test_auto_lock_setting_above_thirty_minutes_is_refused(demo):
    profile, core, tasks, window = demo
    (profile / "settings.json").write_text(json.dumps({"auto_lock_minutes": 45}))
    lock = install_lock(window, core, tasks, UiSettings(profile / "settings.json"))
    assert lock.watcher.timeout_s == 10 * 60
    lock.stop()
    (profile / "settings.json").write_text(json.dumps({"auto_lock_minutes": 5}))
    lock = install_lock(window, core, tasks, UiSettings(profile / "settings.json"))
    assert lock.watcher.timeout_s == 5 * 60
    lock.stop()


def test_sign_out_closes_the_store_and_wipes_session_files(demo, monkeypatch):
    profile, core, tasks, window = demo
    lock = install_lock(window, core, tasks, UiSettings(profile / "settings.json"))
    scratch = core.scratch.path() / "preview.png"
    scratch.write_bytes(b"decrypted preview")
    monkeypatch.setattr(QApplication.instance(), "quit", lambda: None)
    _sign_out(window, core, tasks, lock)
    assert lock.signed_out and not window.isVisible()
    assert not scratch.exists()
    auth = Authenticator(profile)
    again = open_app(profile, session=auth.sign_in("demo", "demo-responder-2026"))
    actions = [e.action for e in again.audit.entries()]
    assert actions[-2] == "signout"
    again.close()
    lock.stop()
