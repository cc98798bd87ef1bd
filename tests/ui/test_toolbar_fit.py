"""The main toolbar at 1366×768 with every feature's actions installed (sync, export, outreach,
follow-ups, lock) and the unit bar: nothing overflows behind Qt's extension chevron, every
control is a 44 px target, and every action is reachable in the toolbar or its More menu."""

from __future__ import annotations

import pytest
from civilian_responder.security.session import Authenticator
from civilian_responder_ui.app import UiSettings, install_lock, open_profile
from civilian_responder_ui.main_window import MainWindow
from civilian_responder_ui.people.people_actions import install_people
from civilian_responder_ui.reports.report_pdf import install_on_main_window
from civilian_responder_ui.session.signin_dialog import startup_session
from civilian_responder_ui.shell.tasks import TaskRunner
from civilian_responder_ui.sync.sync_panel import install_sync
from PySide6.QtWidgets import QAbstractButton, QApplication, QToolButton

MIN_TARGET = 44


@pytest.fixture
def full_window(tmp_path, monkeypatch, qtbot):
    """The window as ``responder`` builds it (ui/app.py's _run_window), every action in."""
    monkeypatch.delenv("RESPONDER_PASSPHRASE", raising=False)
    session = startup_session(tmp_path, demo=True, interactive=False)
    assert Authenticator(tmp_path).officer_names()

    class Args:
        profile, demo = tmp_path, True

    core = open_profile(Args, session)
    tasks = TaskRunner(inline=True)
    locks = []

    def build(theme: str) -> MainWindow:
        window = MainWindow(core, tasks, theme)
        qtbot.addWidget(window)
        panel = install_sync(window, core.sync, tasks)
        panel._probe_timer.stop()
        install_on_main_window(window, core, tasks)
        window.people = install_people(window, core)
        lock = install_lock(window, core, tasks, UiSettings(core.paths.settings))
        locks.append(lock)
        window.resize(1366, 768)
        window.reload(select_first=True)
        window.show()
        qtbot.waitExposed(window)
        QApplication.processEvents()
        return window

    yield core, build
    for lock in locks:
        lock.stop()
    tasks.wait_for_done(5000)
    core.close()


def _problems(window: MainWindow) -> list[str]:
    bar = window.toolbar
    problems = []
    chevron = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    if chevron is not None and chevron.isVisible():
        problems.append("the overflow chevron is showing")
    for action in bar.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        widget = bar.widgetForAction(action)
        if widget is None or not widget.isVisible():
            problems.append(f"{action.text()!r} is not on the toolbar")
            continue
        if widget.geometry().right() > bar.width():
            problems.append(f"{action.text()!r} runs off the toolbar")
    targets = [w for w in bar.findChildren(QAbstractButton)
               if w.isVisible() and w.objectName() != "qt_toolbar_ext_button"]
    assert len(targets) >= 6, targets  # four actions, the shift button, More
    for w in targets:
        if w.height() < MIN_TARGET or w.width() < MIN_TARGET:
            problems.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r} is "
                            f"{w.width()}x{w.height()}")
    return problems


@pytest.mark.parametrize(("theme", "language"), [("day", "en"), ("night", "en"), ("day", "es")])
def test_every_toolbar_action_fits_at_1366_px_in_both_unit_states(full_window, theme, language):
    core, build = full_window
    window = build(theme)
    if language != "en":  # longer labels (Spanish) must fit too
        try:
            assert window.set_language(language) == language
            QApplication.processEvents()
            assert window.unit_bar.status_label.text() == "En el lugar"
            assert not _problems(window), _problems(window)
        finally:
            window.set_language("en")
        return
    assert window.unit_bar.status_label.text() == "On scene"  # the demo starts on a call
    assert not _problems(window), _problems(window)
    # Available: "Out of service" joins the unit bar, the widest state.
    core.calls.change_status(core.calls.active_call().id, "CLEARED")
    window.reload()
    QApplication.processEvents()
    assert window.unit_bar.service_button.isVisible()
    assert not _problems(window), _problems(window)


def test_the_more_menu_holds_the_rest_with_their_shortcuts(full_window):
    _core, build = full_window
    window = build("day")
    menu = [a.text().replace("\u2026", "").strip() for a in window.more_menu.actions()
            if not a.isSeparator()]
    assert any("Station" in t for t in menu) and any("Export" in t for t in menu), menu
    assert any("Outreach" in t for t in menu) and window.about_action in window.more_menu.actions()
    assert window.theme_action in window.more_menu.actions()
    assert window.language_action in window.more_menu.actions()
    for action in window.more_menu.actions():  # shortcuts work with the menu closed
        if not action.isSeparator() and not action.shortcut().isEmpty():
            assert action in window.actions(), action.text()
    window.theme_action.trigger()  # Ctrl+T still switches from the menu
    assert window.theme == "night"
    assert window.more_button.height() >= MIN_TARGET
