"""A whole welfare-check call without a mouse: only key presses, from the board to a finalized
report. Focus is never lost or trapped; Tab leaves the call board; the shortcut list in the
About box and the README names every key the walk uses."""

from __future__ import annotations

from pathlib import Path

from civilian_responder_ui.shell.about import AboutDialog
from civilian_responder_ui.shell.shortcuts import SHORTCUTS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.field_flow import SAFE_ANSWERS, build_window, welfare_call

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
README = Path(__file__).resolve().parents[2] / "README.md"




class Keys:
    """Presses keys where the focus is, and checks focus stays in the window after each."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot, self.window = qtbot, window

    def __call__(self, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            target = QApplication.focusWidget() or self.window
            self.qtbot.keyClick(target, key, modifier)
            QApplication.processEvents()
            focused = QApplication.focusWidget()
            assert focused is not None and focused.window() is self.window, (key, focused)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(QApplication.focusWidget(), text)

    def tab_to(self, wanted, limit: int = 60) -> None:
        for _ in range(limit):
            focused = QApplication.focusWidget()
            if focused is wanted or wanted.isAncestorOf(focused):
                return
            self(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {wanted!r}")


def _status_key(window, status: str) -> Qt.Key:
    index = window.detail.visible_steps().index(status)
    return Qt.Key(Qt.Key.Key_1 + index)


def test_a_whole_call_by_keyboard_alone(qtbot, core):
    call_id = welfare_call(core)
    window = build_window(qtbot, core)
    key = Keys(qtbot, window)
    # The board takes the keys as soon as the window is up.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.board.table, timeout=1000)
    key(Qt.Key.Key_Home)
    for _ in range(window.board.model.rowCount()):
        if window.board.current_call_id() == call_id:
            break
        key(Qt.Key.Key_Down)
    assert window.detail.call.id == call_id

    for status in ("ACKNOWLEDGED", "EN_ROUTE"):
        if core.calls.get(call_id).status == status:  # the demo call may be acknowledged
            continue
        key(_status_key(window, status), ALT)
        assert core.calls.get(call_id).status == status

    key(Qt.Key.Key_3, CTRL)  # Checklists
    assert window.detail.tabs.currentWidget() is window.checklists
    key.tab_to(window.checklists.buttons["safety-screen"])
    key(Qt.Key.Key_Space)
    runner = window.checklists.runner
    assert (
        runner is not None
        and runner.isAncestorOf(QApplication.focusWidget())
        or QApplication.focusWidget() is runner
    )
    for _ in range(40):
        item = runner.view.definition.item(runner.current) if runner.current else None
        if item is None:
            break
        if item.type == "yes_no":
            key(Qt.Key.Key_Y if SAFE_ANSWERS.get(item.id, False) else Qt.Key.Key_N)
        elif item.type == "single_choice":
            codes = [c.code for c in item.choices]
            key(Qt.Key(Qt.Key.Key_1 + codes.index(SAFE_ANSWERS[item.id])))
        elif item.type == "action":
            key(Qt.Key.Key_D)
        else:
            key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Return, CTRL)  # Complete
    assert core.checklists.get(runner.view.run.id).run.state == "completed"

    key(_status_key(window, "ON_SCENE"), ALT)
    key(_status_key(window, "CLEARED"), ALT, times=2)  # closing a call takes a second press
    assert core.calls.get(call_id).status == "CLEARED"

    key(Qt.Key.Key_2, CTRL)  # Report
    form = window.detail.report_form
    assert QApplication.focusWidget() is form.start_button
    key(Qt.Key.Key_Space)
    assert form.shown_report_id is not None
    editors = form.sections.editors
    key(Qt.Key.Key_P, ALT)  # Persons contacted
    key.tab_to(editors["persons"].add_button)
    key(Qt.Key.Key_Space)
    key.tab_to(editors["persons"].rows[0].name)
    key.type("Luis Rivera")
    key(Qt.Key.Key_D, ALT)  # Disposition and outcome
    assert QApplication.focusWidget() is editors["disposition_code"]
    key(Qt.Key.Key_Home)
    for _ in range(editors["disposition_code"].count()):
        if editors["disposition_code"].currentData() == "FIC":
            break
        key(Qt.Key.Key_Down)
    key.tab_to(editors["outcome_codes"].boxes["RESOLVED_ON_SCENE"])
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_U, ALT)  # Follow-up and time
    key.tab_to(editors["time_on_task_minutes"])
    key(Qt.Key.Key_A, CTRL)
    key.type("25")
    key(Qt.Key.Key_N, ALT)  # Narrative
    key.type("Checked on Luis at the gas station; he accepted a ride.")
    key(Qt.Key.Key_Return, CTRL)  # Finalize
    report = core.reports.get(form.shown_report_id)
    assert report.state == "finalized", form.validation.labels()
    assert report.disposition_code == "FIC" and report.time_on_task_minutes == 25
    assert report.persons[0].name == "Luis Rivera"


def test_tab_leaves_the_call_board_in_one_press(qtbot, core):
    window = build_window(qtbot, core)
    table = window.board.table
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=1000)
    selected = window.board.current_call_id()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    after = QApplication.focusWidget()
    assert after is not None and after is not table and after.window() is window
    assert window.board.current_call_id() == selected
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is table


def test_tab_shortcuts_open_each_tab_and_put_the_keyboard_in_it(qtbot, core):
    window = build_window(qtbot, core)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.board.table, timeout=1000)
    tabs = window.detail.tabs
    for n, page in ((1, tabs.widget(0)), (3, window.checklists), (2, tabs.widget(1))):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key(Qt.Key.Key_0 + n), CTRL)
        qtbot.wait(5)
        assert tabs.currentWidget() is page
        assert (
            page.isAncestorOf(QApplication.focusWidget())
            or QApplication.focusWidget() is tabs.tabBar()
        )


def test_every_shortcut_is_listed_in_the_about_box_and_the_readme(qtbot, core):
    about = AboutDialog(str(core.paths.root))
    qtbot.addWidget(about)
    shown = about.version_label.text()
    readme = README.read_text(encoding="utf-8")
    for keys, what in SHORTCUTS:
        assert keys in shown and what in shown
        assert f"| {keys} |" in readme, keys
    for used in ("Ctrl+1", "Ctrl+2", "Ctrl+3", "Alt+1", "F11", "Ctrl+Enter", "Ctrl+F"):
        assert any(used in keys for keys, _ in SHORTCUTS), used
