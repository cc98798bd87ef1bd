"""The unit on screen: start and end a shift, the board with the active call on top and the
queue below, switching calls, co-responders, a shift left open, the clock warning."""

from __future__ import annotations

from datetime import timedelta

import pytest
from civilian_responder.app import open_app
from civilian_responder.clock import iso
from civilian_responder.sync.clock_check import ClockCheck
from civilian_responder_ui.calls.call_board_model import ACTIVE_MARK, COL_STATUS, HELD_MARK
from civilian_responder_ui.calls.switch_call_dialog import SwitchCallDialog
from civilian_responder_ui.main_window import MainWindow
from civilian_responder_ui.shell.tasks import TaskRunner
from civilian_responder_ui.shift.shift_end_dialog import ShiftEndDialog
from civilian_responder_ui.shift.shift_start_dialog import ShiftStartDialog
from PySide6.QtCore import Qt

from tests.ui.shell_support import START, demo_core


@pytest.fixture
def window(qtbot, core):
    win = MainWindow(core, TaskRunner(inline=True))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.reload(select_first=True)
    return win


def _end_demo_shift(core):
    """The demo starts mid-shift; clear its active call and end the shift to start afresh."""
    core.calls.change_status(core.calls.active_call().id, "CLEARED")
    core.shifts.end(core.shifts.current().start_mileage + 5)


def test_start_shift_dialog_takes_crew_from_the_roster_and_flags_a_guest(qtbot, core, window):
    _end_demo_shift(core)
    window.reload()
    assert window.unit_bar.status_label.text() == "Off duty"
    dialog = ShiftStartDialog(core, window)
    qtbot.addWidget(dialog)
    names = [check.text() for check, _, _ in dialog.rows]
    assert names == ["Alex Rivera", "Hodan Ali", "Jamie Park", "Luis Garcia", "Mei Chen"]
    dialog.accept()  # nobody chosen: refused, the dialog says why
    assert dialog.error_label.isVisibleTo(dialog) and "crew" in dialog.error_label.text()
    dialog.choose("EMT-0118", "CSO")  # Luis is an EMT and a CSO: today a CSO
    dialog.add_person("Sam Guest", "PEER")
    assert dialog.rows[-1][0].text() == "Sam Guest  (not on roster)"
    dialog.vehicle_edit.setText("VAN-7")
    dialog.mileage_spin.setValue(51_002)
    dialog.accept()
    assert dialog.started is not None
    crew = core.shifts.current().crew
    assert [(m.name, m.role_code, m.on_roster) for m in crew] == [
        ("Luis Garcia", "CSO", True),
        ("Sam Guest", "PEER", False),
    ]
    window.reload()
    assert window.unit_bar.status_label.text() == "Available"
    assert "Garcia CSO" in window.unit_bar.crew_label.text()
    assert "\u2691" in window.unit_bar.crew_label.text()  # the guest is flagged


def test_the_unit_bar_names_crew_roles_by_label_not_code(qtbot, core, window):
    text = window.unit_bar.crew_label.text()  # the demo crew: a CSO and a clinician
    assert "Ali Clinician" in text and "Rivera CSO" in text, text
    codes = set(core.reference.crew_roles.codes()) - {"CSO", "EMT"}  # codes that are words
    assert not [c for c in codes if c in text], text
    assert "Mental health clinician" in window.unit_bar.crew_label.toolTip()


def test_end_shift_dialog_shows_hours_calls_and_time_on_task(qtbot, core, window):
    core.calls.change_status(core.calls.active_call().id, "CLEARED")
    dialog = ShiftEndDialog(core, window)
    qtbot.addWidget(dialog)
    totals = core.shifts.totals(core.shifts.current())
    assert dialog.totals_label.text().startswith(f"{totals.hours:.1f} h on shift")
    assert f"{totals.calls} calls" in dialog.totals_label.text() and totals.calls > 10
    assert f"{totals.time_on_task_minutes} min on task" in dialog.totals_label.text()
    dialog.mileage_spin.setValue(dialog.shift.start_mileage + 41)
    dialog.accept()
    assert dialog.ended is not None and dialog.ended[1].miles == 41
    assert core.shifts.current() is None and core.calls.unit_status() == "OFF_DUTY"


def test_the_board_shows_the_active_call_on_top_and_the_queue_below(window, core):
    board = window.board
    queue = core.calls.queue()
    assert board.active_card.call_id() == queue.active.id
    assert queue.active.number in board.active_card.title.text()
    assert "4 waiting in the queue (1 on hold)" == board.active_card.queue_label.text()
    rows = [board.model.summary(r) for r in range(board.model.rowCount())]
    assert rows[0].id == queue.active.id
    assert [r.id for r in rows[1:5]] == [q.id for q in queue.queued]
    assert all(r.status == "CLEARED" for r in rows[5:])  # then history
    statuses = [board.model.index(r, COL_STATUS).data() for r in range(5)]
    assert statuses[0] == f"{ACTIVE_MARK} On scene"
    assert sum(s.startswith(HELD_MARK) for s in statuses) == 1
    on_scene = [r for r in rows if r.status in ("ON_SCENE", "EN_ROUTE", "TRANSPORTING")]
    assert len(on_scene) == 2  # the active call and the one held: never six on scene


def test_taking_a_queued_call_asks_about_the_current_one(qtbot, window, core, monkeypatch):
    asked = []

    def answer(dialog):
        asked.append(dialog.windowTitle())
        dialog.choose("HAND_OVER")
        dialog.note_edit.setText("CSO-14 takes it")
        return SwitchCallDialog.DialogCode.Accepted

    monkeypatch.setattr(SwitchCallDialog, "exec", answer)
    before = core.calls.active_call()
    waiting = next(q for q in core.calls.queue().queued if q.status == "DISPATCHED")
    window.board.select_call(waiting.id)
    for status in ("ACKNOWLEDGED", "EN_ROUTE"):
        button = next(b for b in window.detail.step_buttons if b.property("status") == status)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == [f"Switch to call {waiting.number}"]
    assert core.calls.active_call().id == waiting.id
    assert core.calls.get(before.id).status == "CLEARED"
    assert core.calls.timeline(before.id)[-2].note == "CSO-14 takes it"
    assert window.board.active_card.call_id() == waiting.id
    assert window.unit_bar.status_label.text() == "En route"


def test_cancelling_the_switch_changes_nothing(qtbot, window, core, monkeypatch):
    monkeypatch.setattr(SwitchCallDialog, "exec", lambda d: SwitchCallDialog.DialogCode.Rejected)
    before = core.calls.active_call().id
    waiting = next(q for q in core.calls.queue().queued if q.status == "ACKNOWLEDGED")
    window.board.select_call(waiting.id)
    window.detail.change_status("EN_ROUTE")
    assert core.calls.active_call().id == before
    assert core.calls.get(waiting.id).status == "ACKNOWLEDGED"


def test_co_responders_are_added_stamped_and_fill_the_report(qtbot, window, core):
    active = core.calls.active_call()
    window.board.select_call(active.id)
    panel = window.detail.co_responders
    panel.add("POLICE", "2A31", "TEAM_REQUESTED", arrived=True)
    assert panel.items()[0].startswith("Police 2A31  \u00b7  Our team asked for them")
    assert "left \u2013" in panel.items()[0]
    qtbot.mouseClick(panel.departed_button, Qt.MouseButton.LeftButton)
    assert "left \u2013" not in panel.items()[0]
    assert "Co-response with police" in panel.model_label.text()
    report = core.reports.start(active.id)
    assert report.response_model_code == "CO_RESPONSE_POLICE"
    assert [m.name for m in report.crew] == ["Alex Rivera", "Hodan Ali"]


def test_a_shift_left_open_shows_a_banner_that_closes_it_with_a_correction(qtbot, tmp_path):
    core = demo_core(tmp_path / "profile")
    core.store.db.close()  # a crash
    core = open_app(tmp_path / "profile", clock=core.clock)
    try:
        win = MainWindow(core, TaskRunner(inline=True))
        qtbot.addWidget(win)
        assert win.shift_banner.isVisibleTo(win)
        assert "app closed without ending it" in win.shift_banner.label.text()
        dialog = win.unit_bar.end_shift(correction=True)
        qtbot.addWidget(dialog)
        assert dialog.correct_check.isChecked()
        dialog.set_ended_at((START - timedelta(minutes=30)).astimezone())
        dialog.mileage_spin.setValue(dialog.shift.start_mileage + 10)
        dialog.accept()
        assert "say why" in dialog.error_label.text()  # a correction needs its reason
        dialog.note_edit.setText("laptop battery died")
        dialog.accept()
        ended = core.shifts.last()
        assert ended.ended_at == iso(START - timedelta(minutes=30))
        assert ended.correction_note == "laptop battery died"
    finally:
        core.close()


def test_a_clock_off_from_the_station_is_shown_in_the_status_bar(qtbot, window, core):
    assert not window.clock_label.isVisibleTo(window)
    with core.store.atomic("measured"):
        ClockCheck(-5 * 3600.0, 80, iso(START)).save(core.store)
    window.reload()
    assert window.clock_label.isVisibleTo(window)
    assert "5.0 h ahead of the station" in window.clock_label.text()


@pytest.mark.parametrize("theme", ["day", "night"])
def test_board_screenshot_at_1366x768(qtbot, core, theme, tmp_path):
    win = MainWindow(core, TaskRunner(inline=True), theme)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.reload(select_first=True)
    win.show()
    qtbot.waitExposed(win)
    image = win.grab()
    assert (image.width(), image.height()) == (1366, 768)
    assert image.save(str(tmp_path / f"shift-{theme}.png"))
    # Everything in the toolbar fits: the More menu (theme, About) is not pushed off.
    assert win.about_action in win.more_menu.actions()
    more = win.toolbar.widgetForAction(win.more_action)
    assert more.isVisible() and more.geometry().right() <= win.toolbar.width()


def test_the_report_form_names_the_crew(qtbot, window, core):
    active = core.calls.active_call()
    core.reports.start(active.id)
    window.board.select_call(active.id)
    form = window.detail.report_form
    form.show_call(active.id)
    assert (
        "Crew: Alex Rivera (Community service officer), Hodan Ali (Mental health clinician)"
        in form.crew_line.text()
    )
