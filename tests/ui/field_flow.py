"""A whole welfare-check call at 1366×768, as a responder works it, on the real main window.

``walk_flow`` takes the call from the board to a finalized report (select → acknowledge → en
route → safety screen → on scene → clear → report → finalize) and calls ``visit(screen)`` after
each step, so one walk can check windows, focus, contrast, target sizes or clipping on every
screen a responder sees. ``StrayWindowWatch`` records every top-level window that is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from civilian_responder_ui.main_window import MainWindow
from civilian_responder_ui.shell.tasks import TaskRunner
from civilian_responder_ui.sync.sync_panel import install_sync
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

SIZE = (1366, 768)
# Windows Qt itself puts up while a responder works: tooltips and combo/menu popups.
# The answers of a scene that is safe for a civilian response.
SAFE_ANSWERS = {"in_area": True, "setting": "PUBLIC"}
TRANSIENT = (Qt.WindowType.ToolTip, Qt.WindowType.Popup)


class StrayWindowWatch(QObject):
    """An application-wide event filter: every top-level window that is shown, in order."""

    def __init__(self, expected: QWidget) -> None:
        super().__init__()
        self.expected = expected
        self.shown: list[str] = []
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Type.Show
            and isinstance(obj, QWidget)
            and obj.isWindow()
            and obj is not self.expected
            and obj.windowType() not in TRANSIENT
        ):
            text = obj.text() if hasattr(obj, "text") else ""
            self.shown.append(f"{type(obj).__name__}({obj.objectName()!r}, {text!r})")
        return False

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)


def build_window(qtbot, core, theme: str = "day") -> MainWindow:
    window = MainWindow(core, TaskRunner(inline=True), theme)
    qtbot.addWidget(window)
    install_sync(window, core.sync, window._tasks)
    window.resize(*SIZE)
    window.reload(select_first=True)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def welfare_call(core) -> str:
    """The queued welfare check. The demo unit is working another call (one active call per
    unit): the crew has just cleared it, so the walk starts with the unit available."""
    call_id = next(
        c.id for c in core.calls.board()
        if c.type_code == "WELCK" and c.status in ("DISPATCHED", "ACKNOWLEDGED")
    )
    active = core.calls.active_call()
    if active is not None and active.id != call_id:
        core.calls.change_status(active.id, "CLEARED")
    return call_id


def click(qtbot, widget: QWidget) -> None:
    QApplication.processEvents()  # a button just added to a layout is shown by a queued call
    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def pump(qtbot) -> None:
    qtbot.wait(5)
    QApplication.processEvents()


def step_button(window: MainWindow, status: str):
    return next(b for b in window.detail.step_buttons if b.property("status") == status)


def choose(qtbot, combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def walk_flow(qtbot, window: MainWindow, core, visit: Callable[[str], None]) -> str:
    """Work one welfare check by mouse; returns the finalized report's id."""
    call_id = welfare_call(core)
    window.reload()
    window.board.select_call(call_id)
    pump(qtbot)
    visit("board")
    if core.calls.get(call_id).status == "DISPATCHED":
        click(qtbot, step_button(window, "ACKNOWLEDGED"))
    click(qtbot, step_button(window, "EN_ROUTE"))
    pump(qtbot)
    visit("detail")
    tabs = window.detail.tabs
    tabs.setCurrentWidget(window.checklists)
    pump(qtbot)
    visit("checklists")
    click(qtbot, window.checklists.buttons["safety-screen"])
    runner = window.checklists.runner
    if runner.mode != "list":
        click(qtbot, runner.mode_button)
    runner.list_view.finish_building()
    pump(qtbot)
    visit("safety screen")
    runner.list_view.finish_building()  # a language switch by the visit builds it anew
    for widget in list(runner.list_view.widgets.values()):
        if widget.item.type in ("yes_no", "single_choice"):
            click(qtbot, dict(widget._buttons)[SAFE_ANSWERS.get(widget.item.id, False)])
        elif widget.item.type == "action":
            click(qtbot, widget.done_button)
        pump(qtbot)
    click(qtbot, runner.complete_button)
    pump(qtbot)
    visit("safety screen done")
    click(qtbot, step_button(window, "ON_SCENE"))
    cleared = step_button(window, "CLEARED")
    click(qtbot, cleared)
    click(qtbot, cleared)  # closing a call takes a second tap
    pump(qtbot)
    assert core.calls.get(call_id).status == "CLEARED"
    visit("cleared")
    form = open_report(qtbot, window)
    visit("report")
    fill_report(qtbot, form)
    form.scroll.ensureWidgetVisible(form.sections.editors["persons"].rows[0])
    pump(qtbot)
    visit("report person")
    pump(qtbot)
    visit("report filled")
    click(qtbot, form.finalize_button)
    pump(qtbot)
    report = core.reports.get(form.shown_report_id)
    assert report.state == "finalized", form.validation.labels()
    visit("finalized")
    return report.id


def open_report(qtbot, window: MainWindow):
    """The selected call's report tab, with its report started; returns the form."""
    window.detail.show_report_tab()
    pump(qtbot)
    form = window.detail.report_form
    if form.start_button.isVisible():
        click(qtbot, form.start_button)
    pump(qtbot)
    return form


def fill_report(qtbot, form) -> None:
    ed = form.sections.editors
    if not ed["persons"].rows:
        click(qtbot, ed["persons"].add_button)
    row = ed["persons"].rows[0]
    row.name.setFocus()
    row.name.selectAll()
    qtbot.keyClicks(row.name, "Luis Rivera")
    choose(qtbot, ed["disposition_code"], "FIC")
    if not ed["outcome_codes"].boxes["RESOLVED_ON_SCENE"].isChecked():
        click(qtbot, ed["outcome_codes"].boxes["RESOLVED_ON_SCENE"])
    ed["time_on_task_minutes"].setFocus()
    ed["time_on_task_minutes"].selectAll()
    qtbot.keyClicks(ed["time_on_task_minutes"], "25")
    ed["narrative"].setFocus()
    qtbot.keyClicks(ed["narrative"], "Checked on Luis at the gas station; he accepted a ride.")
    form.flush()
