"""The report fits the work at 1366×768: F11 folds the board away (and brings it back), the
section list jumps to each section, and every field needed to finalize is one jump away. The
checklist list view shows several whole steps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.field_flow import build_window, click, pump, welfare_call


@pytest.fixture
def window(qtbot, core):
    call_id = welfare_call(core)
    win = build_window(qtbot, core)
    win.board.select_call(call_id)
    return win


def _report_form(qtbot, window):
    window.detail.show_report_tab()
    form = window.detail.report_form
    click(qtbot, form.start_button)
    pump(qtbot)
    return form


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)
    qtbot.wait(30)  # the wider form reflows its grids


def _in_view(widget, scroll) -> bool:
    """Its top is on screen, and all of it unless it is taller than the screen."""
    viewport = scroll.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    top_visible = 0 <= rect.top() < viewport.height() - 20
    return top_visible and (
        rect.bottom() <= viewport.height() + 1 or rect.height() > viewport.height() // 2
    )


def test_f11_folds_the_board_away_and_brings_it_back(qtbot, window):
    form = _report_form(qtbot, window)
    narrow = form.width()
    assert not form.navigator.isVisible()
    _press(qtbot, Qt.Key.Key_F11)
    assert not window.board.isVisible()
    assert form.width() > 2 * narrow and form.navigator.isVisible()
    assert window.height() == 768  # the section list never makes the window taller
    _press(qtbot, Qt.Key.Key_F11)
    assert window.board.isVisible() and not form.navigator.isVisible()
    assert form.width() == narrow


def test_every_field_needed_to_finalize_is_one_jump_away(qtbot, window, core):
    form = _report_form(qtbot, window)
    _press(qtbot, Qt.Key.Key_F11)
    problems = core.reports.problems(core.reports.get(form.shown_report_id))
    assert {"disposition_code", "narrative"} <= set(problems)
    needs = {t: b for t, b in form.navigator.buttons.items() if "needed" in b.text()}
    assert any(t.startswith("Disposition") for t in needs) and "Narrative" in needs
    # The section list opens a section that blocks finalizing at its first needed field.
    for title, button in needs.items():
        form.scroll.verticalScrollBar().setValue(0)
        click(qtbot, button)
        pump(qtbot)
        focused = QApplication.focusWidget()
        first = next(
            n
            for n in problems
            if form.sections.editors[n].isAncestorOf(focused) or form.sections.editors[n] is focused
        )
        assert _in_view(focused, form.scroll), title
        assert first in problems
    # Every needed field is one tap from the list of what blocks finalizing.
    click(qtbot, form.finalize_button)
    for name in problems:
        form.scroll.verticalScrollBar().setValue(0)
        form.validation.field_chosen.emit(name)
        pump(qtbot)
        assert _in_view(QApplication.focusWidget(), form.scroll), name


def test_jump_keys_walk_the_sections_in_order(qtbot, window):
    form = _report_form(qtbot, window)
    sections = form.navigator.sections()
    form.sections.editors["persons"].add_button.setFocus()
    seen = []
    for _ in sections[1:]:
        _press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
        seen.append(next(b for b in sections if b.isAncestorOf(QApplication.focusWidget())))
        assert _in_view(seen[-1], form.scroll)
    assert seen == sections[1:]
    _press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert sections[-2].isAncestorOf(QApplication.focusWidget())


@pytest.mark.parametrize("full", [False, True])
def test_the_checklist_list_shows_whole_steps(qtbot, window, full):
    window.set_full_window(full)
    window.detail.tabs.setCurrentWidget(window.checklists)
    click(qtbot, window.checklists.buttons["safety-screen"])
    runner = window.checklists.runner
    if runner.mode != "list":
        click(qtbot, runner.mode_button)
    runner.list_view.finish_building()
    pump(qtbot)
    viewport = runner.list_view.viewport()
    whole = [
        w
        for w in runner.list_view.widgets.values()
        if viewport.rect().contains(QRect(w.mapTo(viewport, QPoint(0, 0)), w.size()))
    ]
    # Beside the board two whole steps (it was one and a half); with the board folded three.
    assert len(whole) >= (3 if full else 2), [w.item.id for w in whole]
