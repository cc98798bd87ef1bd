"""The checklist panel and runner as a responder uses them: real widgets on a real core."""

from __future__ import annotations

import pytest
from civilian_responder.app import open_app
from civilian_responder_ui.checklists.checklist_panel import ChecklistPanel
from civilian_responder_ui.shell.tasks import TaskRunner
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.checklist_support import app_with_call, clock, scored_definition, write_definition


@pytest.fixture
def tasks():
    return TaskRunner(inline=True)


def make_panel(qtbot, app, call_id, tasks):
    panel = ChecklistPanel(app, tasks, call_id)
    qtbot.addWidget(panel)
    panel.resize(800, 700)
    panel.show()
    return panel


def test_weapon_answer_shows_the_banner_and_requesting_police_records_backup(qtbot, tmp_path,
                                                                             tasks):
    app, call_id = app_with_call(tmp_path, "WELCK")
    panel = make_panel(qtbot, app, call_id, tasks)
    qtbot.mouseClick(panel.buttons["safety-screen"], Qt.MouseButton.LeftButton)
    runner = panel.runner
    assert not runner.banner.frame.isVisible()
    runner.go_next()  # past the guidance card
    assert runner.current == "weapon"
    qtbot.keyClick(runner, Qt.Key.Key_Y)
    assert runner.banner.frame.isVisible()
    assert "Weapon reported — do not enter without police" in runner.banner.title.text()
    assert set(runner.banner.buttons) == {"request_police", "hand_back"}
    assert not runner.complete_button.isEnabled()
    with qtbot.waitSignal(panel.backup_requested) as signal:
        qtbot.mouseClick(runner.banner.buttons["request_police"], Qt.MouseButton.LeftButton)
    assert signal.args == [call_id]
    backups = [e for e in app.calls.timeline(call_id) if e.kind == "backup"]
    assert [(e.reason_code, e.note) for e in backups] == [
        ("WEAPON", "Weapon reported — do not enter without police")]
    assert not runner.banner.frame.isVisible()
    assert "Police co-response requested" in runner.banner.history.text()
    assert runner.complete_button.isEnabled()
    qtbot.mouseClick(runner.complete_button, Qt.MouseButton.LeftButton)
    assert app.checklists.get(runner.view.run.id).run.outcome == "POLICE_CO_RESPONSE"
    assert app.reports.current_for_call(call_id).backup_requested


def test_proceeding_needs_a_written_reason(qtbot, tmp_path, tasks):
    app, call_id = app_with_call(tmp_path, "WELCK")
    panel = make_panel(qtbot, app, call_id, tasks)
    runner = panel.start("safety-screen")
    runner.answer("history", True)
    qtbot.mouseClick(runner.banner.buttons["proceed"], Qt.MouseButton.LeftButton)
    assert runner.banner.why.isVisible()
    qtbot.mouseClick(runner.banner.confirm, Qt.MouseButton.LeftButton)
    assert runner.error.isVisible() and "required to proceed" in runner.error.text()
    assert runner.banner.frame.isVisible()
    runner.banner.why.setPlainText("Prior incident was years ago; partner agrees")
    qtbot.mouseClick(runner.banner.confirm, Qt.MouseButton.LeftButton)
    assert not runner.banner.frame.isVisible() and not runner.error.isVisible()
    assert "Prior incident was years ago" in runner.banner.history.text()


def test_a_scored_screen_shows_its_level_why_and_what_to_do(qtbot, tmp_path, tasks):
    app, call_id = app_with_call(tmp_path, "5150")
    panel = make_panel(qtbot, app, call_id, tasks)
    runner = panel.start("suicide-risk")
    assert runner.level_box.isVisible()
    runner.go_next()
    for key in (Qt.Key.Key_Y, Qt.Key.Key_Y, Qt.Key.Key_Y):  # wish dead, thoughts, method
        qtbot.keyClick(runner, key)
    assert runner.current == "intent"
    assert runner.level_box.title.text() == "Moderate risk — score 5"
    assert "(+2)" in runner.level_box.why.text() and "Have they thought about how" in \
        runner.level_box.why.text()
    assert "mobile crisis team" in runner.level_box.advice.text()
    qtbot.keyClick(runner, Qt.Key.Key_Y)  # intends to act
    assert runner.level_box.title.text().startswith("High risk")
    assert "raised: says they mean to act" in runner.level_box.title.text()
    stored = app.checklists.get(runner.view.run.id).run
    assert (stored.score, stored.level) == (8, "high")


def test_keyboard_numbers_choose_and_backspace_goes_back(qtbot, tmp_path, tasks):
    app, call_id = app_with_call(tmp_path, "647")
    panel = make_panel(qtbot, app, call_id, tasks)
    runner = panel.start("unhoused-outreach")
    assert runner.current == "living"
    qtbot.keyClick(runner, Qt.Key.Key_2)  # in a vehicle
    assert runner.current == "how_long"
    qtbot.keyClick(runner, Qt.Key.Key_Backspace)
    assert runner.current == "living"
    assert runner._widgets["living"]._buttons[1][1].isChecked()
    qtbot.keyClick(runner, Qt.Key.Key_Return)
    qtbot.keyClick(runner, Qt.Key.Key_Return)
    qtbot.keyClick(runner, Qt.Key.Key_Return)
    assert runner.current == "needs"
    qtbot.keyClick(runner, Qt.Key.Key_1)
    qtbot.keyClick(runner, Qt.Key.Key_3)
    qtbot.keyClick(runner, Qt.Key.Key_1)  # toggles food off again
    assert app.checklists.get(runner.view.run.id).run.step("needs").value == ["HYGIENE"]
    assert runner.current == "needs"  # multiple choice does not jump ahead


def test_action_steps_are_stamped_and_notes_saved(qtbot, tmp_path, tasks):
    fixed = clock()
    app, call_id = app_with_call(tmp_path, "415", fixed=fixed)
    panel = make_panel(qtbot, app, call_id, tasks)
    runner = panel.start("de-escalation")
    runner.go_next()
    step = runner._widgets["approach"]
    step.note.setText("came from the north side")
    fixed.advance(90)
    qtbot.mouseClick(step.done_button, Qt.MouseButton.LeftButton)
    saved = app.checklists.get(runner.view.run.id).run.step("approach")
    assert saved.done_at == "2026-11-21T14:01:30.000Z"
    assert saved.note == "came from the north side"
    assert runner.current == "introduce"
    qtbot.keyClick(runner, Qt.Key.Key_Backspace)
    assert runner._widgets["approach"].stamp.text().startswith("Done at ")


def test_half_finished_run_resumes_after_reopening_the_app(qtbot, tmp_path, tasks):
    app, call_id = app_with_call(tmp_path, "5150")
    panel = make_panel(qtbot, app, call_id, tasks)
    runner = panel.start("suicide-risk")
    run_id = runner.view.run.id
    runner.go_next()
    qtbot.keyClick(runner, Qt.Key.Key_Y)
    qtbot.keyClick(runner, Qt.Key.Key_N)
    runner._widgets["behavior"].note.setText("hospital stay in spring")
    runner.commit_pending()
    panel.close()
    app.store.close()  # as if the laptop lost power: no clean shutdown

    again = open_app(tmp_path, clock=clock())
    panel2 = make_panel(qtbot, again, call_id, tasks)
    resume = panel2.buttons["suicide-risk"]
    assert resume.text().startswith("Resume:")
    qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    runner2 = panel2.runner
    assert runner2.view.run.id == run_id
    assert runner2.current == "behavior"
    assert runner2._widgets["behavior"].note.text() == "hospital stay in spring"
    assert runner2.blocking.text().startswith("2/")
    for key in (Qt.Key.Key_1, Qt.Key.Key_Y):
        qtbot.keyClick(runner2, key)
    qtbot.mouseClick(runner2.complete_button, Qt.MouseButton.LeftButton)
    assert again.checklists.get(run_id).run.state == "completed"
    assert again.checklists.get(run_id).run.level == "low"


def test_list_mode_is_remembered_and_shows_every_visible_step(qtbot, tmp_path, tasks):
    app, call_id = app_with_call(tmp_path, "WELCK")
    panel = make_panel(qtbot, app, call_id, tasks)
    runner = panel.start("welfare-check")
    qtbot.mouseClick(runner.mode_button, Qt.MouseButton.LeftButton)
    assert runner.mode == "list" and set(runner._widgets) == {"found", "follow_up"}
    qtbot.mouseClick(runner._widgets["found"]._buttons[2][1], Qt.MouseButton.LeftButton)
    assert set(runner._widgets) == {"found", "attempts", "inside", "follow_up"}
    qtbot.mouseClick(runner._widgets["inside"]._buttons[0][1], Qt.MouseButton.LeftButton)
    assert runner.banner.frame.isVisible()
    panel._on_runner_closed()
    second = panel.start("safety-screen")
    assert second.mode == "list"
    qtbot.waitUntil(lambda: len(second._widgets) == 12)  # built a few at a time


def test_invalid_agency_definitions_are_listed_and_valid_ones_offered(qtbot, tmp_path, tasks):
    bad = scored_definition(id="agency-screen")
    bad["scoring"]["levels"][1]["min"] = 1
    write_definition(tmp_path / "checklists", bad)
    write_definition(tmp_path / "checklists", scored_definition(id="agency-ok"))
    app, call_id = app_with_call(tmp_path, "WELCK")
    panel = make_panel(qtbot, app, call_id, tasks)
    warning = panel.findChild(QLabel, "definitionProblems")
    assert warning is not None and "agency-screen.v1.json" in warning.text()
    assert "agency-ok" in panel.buttons and "agency-screen" not in panel.buttons


def test_panel_follows_a_switch_to_the_night_palette(qtbot, tmp_path, tasks):
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    app, call_id = app_with_call(tmp_path, "WELCK")
    panel = make_panel(qtbot, app, call_id, tasks)
    qapp = QApplication.instance()
    original = qapp.palette()
    try:
        night = QPalette(original)
        night.setColor(QPalette.ColorRole.Window, QColor("#111315"))
        qapp.setPalette(night)
        qtbot.waitUntil(lambda: "#7a1f16" in panel.styleSheet())  # the night stop banner
    finally:
        qapp.setPalette(original)
    qtbot.waitUntil(lambda: "#b3261e" in panel.styleSheet())


def test_checklists_tab_in_the_main_window_refreshes_timeline_and_report(qtbot, tmp_path, tasks):
    from civilian_responder_ui.main_window import MainWindow
    from PySide6.QtWidgets import QApplication

    qapp = QApplication.instance()
    sheet, font, palette = qapp.styleSheet(), qapp.font(), qapp.palette()
    app, call_id = app_with_call(tmp_path, "WELCK")
    try:
        window = MainWindow(app, tasks)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.reload()
        assert window.board.select_call(call_id)
        tabs = window.detail.tabs
        tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("Checklists"))
        panel = window.checklists
        assert panel.call_id == call_id and "welfare-check" in panel.buttons
        runner = panel.start("safety-screen")
        runner.answer("weapon", True)
        qtbot.mouseClick(runner.banner.buttons["request_police"], Qt.MouseButton.LeftButton)
        backup_rows = [w for w in window.detail.findChildren(QLabel, "timelineBackup")
                       if "Weapon present" in w.text()]
        assert backup_rows, "the call detail shows the backup request at once"
        qtbot.mouseClick(runner.complete_button, Qt.MouseButton.LeftButton)
        form = window.detail.report_form
        assert form is not None
        assert app.reports.current_for_call(call_id).backup_reason_code == "WEAPON"
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setFont(font)
        qapp.setPalette(palette)
