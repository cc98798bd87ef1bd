"""Call detail, unit status, backup and on-view calls, clicked through on real widgets."""

from __future__ import annotations

import warnings

import pytest
from civilian_responder.models import RecoveredDraft
from civilian_responder_ui.calls.call_board import COL_STATUS
from civilian_responder_ui.calls.onview_dialog import OnViewDialog
from civilian_responder_ui.calls.police_backup_dialog import PoliceBackupDialog
from civilian_responder_ui.calls.switch_call_dialog import SwitchCallDialog
from civilian_responder_ui.main_window import MainWindow
from civilian_responder_ui.shell.tasks import TaskRunner
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.shell_support import demo_core, first_call_with_status


@pytest.fixture
def window(qtbot, core):
    win = MainWindow(core, TaskRunner(inline=True))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.reload(select_first=True)
    return win


def answer_switch(monkeypatch, action: str, asked: list | None = None) -> None:
    """The unit works one call at a time: taking another asks about the current one."""

    def exec_(dialog):
        if asked is not None:
            asked.append([b.property("code") for b in dialog.actions.buttons()])
        dialog.choose(action)
        return SwitchCallDialog.DialogCode.Accepted

    monkeypatch.setattr(SwitchCallDialog, "exec", exec_)


def _click_step(qtbot, detail, status):
    button = next(b for b in detail.step_buttons if b.property("status") == status)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_click_through_statuses_shows_only_valid_steps(qtbot, window, core, monkeypatch):
    asked: list = []
    answer_switch(monkeypatch, "HOLD", asked)
    working = core.calls.active_call().id
    call_id = first_call_with_status(core, "DISPATCHED")
    window.board.select_call(call_id)
    detail = window.detail
    assert detail.call.id == call_id
    path = [
        ("ACKNOWLEDGED", ["ACKNOWLEDGED", "CLEARED"]),
        ("EN_ROUTE", ["EN_ROUTE", "CLEARED"]),
        ("ON_SCENE", ["ON_SCENE", "CLEARED"]),
        ("CLEARED", ["TRANSPORTING", "CLEARED"]),
    ]
    for status, offered in path:
        assert detail.visible_steps() == offered
        if status == "CLEARED":
            # Clearing cannot be undone: the first tap only arms the button.
            _click_step(qtbot, detail, status)
            assert core.calls.get(call_id).status == "ON_SCENE"
            armed = next(b for b in detail.step_buttons if b.property("status") == status)
            assert armed.text() == "Tap again"
        with qtbot.waitSignal(detail.status_changed):
            _click_step(qtbot, detail, status)
    assert detail.visible_steps() == []
    assert detail.no_steps_label.isVisibleTo(detail)
    statuses = [e.status for e in core.calls.timeline(call_id) if e.kind == "status"]
    assert statuses[-4:] == ["ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "CLEARED"]
    texts = detail.details.timeline_texts()
    assert texts[0] == "Received" and texts[-4:] == [
        "Acknowledged",
        "En route",
        "On scene",
        "Cleared",
    ]
    board_row = window.board.model.row_of(call_id)
    assert window.board.model.index(board_row, COL_STATUS).data() == "Cleared"
    # En route needed a switch: the call worked before was put on hold (and it was asked once).
    assert asked == [["HOLD", "CLEAR", "HAND_OVER"]]
    assert working in core.calls.queue().held and core.calls.active_call() is None
    assert core.calls.unit_status() == "AVAILABLE"


def test_keyboard_alt_1_presses_first_step_and_ctrl_b_opens_backup(qtbot, window, core,
                                                                     monkeypatch):
    answer_switch(monkeypatch, "HOLD")
    call_id = first_call_with_status(core, "EN_ROUTE")
    window.board.select_call(call_id)
    window.show()
    # Window shortcuts need an active window; offscreen, activation must be forced.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    with qtbot.waitSignal(window.detail.status_changed, timeout=2000):
        qtbot.keyClick(window.board.table, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert core.calls.get(call_id).status == "ON_SCENE"

    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog))
        dialog.reject()

    QTimer.singleShot(0, answer)
    qtbot.keyClick(window.board.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert seen == [PoliceBackupDialog]
    assert not [e for e in core.calls.timeline(call_id) if e.kind == "backup"]


def test_an_armed_clear_button_disarms_after_a_while(qtbot, window, core, monkeypatch):
    import civilian_responder_ui.calls.call_detail

    monkeypatch.setattr(civilian_responder_ui.calls.call_detail, "CONFIRM_WINDOW_MS", 50)
    call_id = first_call_with_status(core, "DISPATCHED")
    window.board.select_call(call_id)
    _click_step(qtbot, window.detail, "CLEARED")
    button = next(b for b in window.detail.step_buttons if b.property("status") == "CLEARED")
    qtbot.waitUntil(lambda: button.text() == "Cleared", timeout=2000)
    _click_step(qtbot, window.detail, "CLEARED")
    assert core.calls.get(call_id).status == "DISPATCHED"  # disarmed: one tap arms again


def test_backup_dialog_records_a_coded_backup_event(qtbot, window, core):
    call_id = first_call_with_status(core, "ON_SCENE")
    window.board.select_call(call_id)

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PoliceBackupDialog)
        dialog.select_reason("WEAPON")
        dialog.note_edit.setText("knife seen in tent")
        qtbot.mouseClick(dialog.request_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(window.detail.backup_button, Qt.MouseButton.LeftButton)
    backups = [e for e in core.calls.timeline(call_id) if e.kind == "backup"]
    assert [(e.reason_code, e.note) for e in backups] == [("WEAPON", "knife seen in tent")]
    assert core.calls.get(call_id).status == "ON_SCENE"  # backup is an event, not a status
    texts = window.detail.details.timeline_texts()
    assert "Police backup requested: Weapon present or reported" in texts


def test_backup_dialog_insists_on_a_reason(qtbot, core):
    dialog = PoliceBackupDialog(core.reference, "T1")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != PoliceBackupDialog.DialogCode.Accepted
    assert dialog.error_label.text() == "Choose a reason first."


def test_onview_dialog_creates_a_local_call_on_the_board(qtbot, window, core):
    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, OnViewDialog)
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("647"))
        qtbot.keyClicks(dialog.address_edit, "Library steps, 1102 Tacoma Ave")
        dialog.narrative_edit.setPlainText("Man asleep in the cold, responsive")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    window.onview_action.trigger()
    local = [c for c in core.calls.board() if c.number.startswith("LOCAL-")]
    assert len(local) == 1
    call = core.calls.get(local[0].id)
    assert call.self_initiated and call.cad_number is None and call.type_code == "647"
    assert window.board.current_call_id() == call.id
    assert window.detail.call.id == call.id
    assert window.detail.visible_steps() == ["TRANSPORTING", "CLEARED"]


def test_onview_dialog_shows_missing_address_next_to_the_field(qtbot, core):
    dialog = OnViewDialog(core)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("WELCK"))
    before = core.store.calls.count()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["address"].isVisible()
    assert "address or landmark" in dialog.errors["address"].text()
    assert not dialog.errors["type_code"].isVisible()
    assert dialog.created_call is None and core.store.calls.count() == before
    assert dialog.isVisible()


def test_caution_notes_are_shown_in_their_own_box(window, core):
    call_id = next(c.id for c in core.calls.board() if c.has_caution)
    window.board.select_call(call_id)
    assert window.detail.caution_box.isVisibleTo(window.detail)
    assert window.detail.caution_text.text() == core.calls.get(call_id).caution_notes
    plain = next(c.id for c in core.calls.board() if not c.has_caution)
    window.board.select_call(plain)
    assert not window.detail.caution_box.isVisibleTo(window.detail)


def test_recovery_banner_names_report_call_and_time_and_opens_it(qtbot, core):
    call = core.calls.board()[3]
    core.recovered = [
        RecoveredDraft("r1", "R2026-CSO-12-00003", call.number, "2026-11-21T14:32:05.000Z")
    ]
    win = MainWindow(core, TaskRunner(inline=True))
    qtbot.addWidget(win)
    win.reload(select_first=True)
    from civilian_responder.clock import parse_iso

    hhmm = parse_iso("2026-11-21T14:32:05.000Z").astimezone().strftime("%H:%M")
    assert win.banner_label.text() == (
        f"Recovered the draft of report R2026-CSO-12-00003 (call {call.number}) from {hhmm}"
    )
    assert win.banner.isVisibleTo(win)
    qtbot.mouseClick(win.open_recovered_button, Qt.MouseButton.LeftButton)
    assert win.board.current_call_id() == call.id
    assert win.detail.tabs.tabText(win.detail.tabs.currentIndex()) == "Report"


def test_window_title_tabs_and_theme_toggle(qtbot, window):
    assert window.windowTitle() == "Responder \u2014 CSO-12"
    tabs = window.detail.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Details", "Report", "Checklists"]
    with qtbot.waitSignal(window.theme_changed) as signal:
        window.toggle_theme()
    assert signal.args == ["night"]
    assert "#111315" in window.styleSheet()  # the theme is set on the window, not app-wide
    window.toggle_theme()
    assert window.theme == "day"


def test_extension_points_take_toolbar_actions_status_widgets_and_tabs(qtbot, window):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel

    sync = QAction("Sync now", window)
    window.add_toolbar_action(sync)
    assert sync in window.toolbar.actions()
    assert window.toolbar.actions().index(sync) < window.toolbar.actions().index(
        window.more_action
    )
    station = QAction("Station", window)
    window.add_toolbar_action(station, in_menu=True)
    assert station in window.more_menu.actions() and station not in window.toolbar.actions()
    assert window.more_menu.actions().index(station) < window.more_menu.actions().index(
        window.theme_action
    )
    state = QLabel("Synced 14:02")
    window.add_status_widget(state)
    assert state.parent() is not None and state.isVisibleTo(window)
    index = window.detail.add_tab(QLabel("steps"), "Checklists")
    assert window.detail.tabs.tabText(index) == "Checklists"


def test_excepthook_logs_and_keeps_running(caplog):
    import sys

    from civilian_responder_ui.shell.error_dialog import install_excepthook

    previous = sys.excepthook
    try:
        install_excepthook(interactive=False)
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert "Unexpected error" in caplog.text and "RuntimeError: boom" in caplog.text


def test_report_tab_builds_the_form_for_the_selected_call(qtbot, window, core):
    from civilian_responder_ui.reports.report_form import ReportFormView

    call_id = first_call_with_status(core, "ON_SCENE")
    window.board.select_call(call_id)
    detail = window.detail
    assert detail._report_form is None  # not built before it is needed: faster start
    detail.tabs.setCurrentIndex(1)
    form = detail._report_form
    assert isinstance(form, ReportFormView) and form.isVisibleTo(window)
    assert form._call_id == call_id
    other = first_call_with_status(core, "DISPATCHED")
    window.board.select_call(other)
    assert form._call_id == other


def test_a_closed_window_builds_no_report_form_after_its_core_closed(qtbot, tmp_path):
    """Signing out closes the window and the core; the idle pre-build must not wake up later
    and read the closed database (it did, as an exception in the next sign-in's event loop)."""
    import civilian_responder_ui.calls.call_detail as call_detail

    app = demo_core(tmp_path / "closing")
    win = MainWindow(app, TaskRunner(inline=True))
    qtbot.addWidget(win)
    win.reload(select_first=True)
    win.show()
    qtbot.waitExposed(win)
    assert win.detail._prebuild.isActive()
    win.close()
    app.close()
    qtbot.wait(call_detail.PREBUILD_AFTER_MS + 300)  # an exception here fails the test
    assert win.detail._report_form is None


def test_closing_the_window_stops_every_timer_it_owns(qtbot, tmp_path):
    """The same class of problem for every timer (autosave, ages, sync probe, pre-build): after
    close nothing of the window may run against the core the caller closes next."""
    from civilian_responder_ui.sync.sync_panel import install_sync

    app = demo_core(tmp_path / "timers")
    tasks = TaskRunner(inline=True)
    win = MainWindow(app, tasks)
    qtbot.addWidget(win)
    install_sync(win, app.sync, tasks)
    win.reload(select_first=True)
    win.show()
    qtbot.waitExposed(win)
    assert any(t.isActive() for t in win.findChildren(QTimer))
    win.close()
    assert [t for t in win.findChildren(QTimer) if t.isActive()] == []
    app.close()
    qtbot.wait(1200)  # the sync panel's first probe is due within a second: it must not run
