"""No window of its own flashes up and focus stays in the main window for a whole call."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.ui.field_flow import StrayWindowWatch, build_window, walk_flow


def test_a_whole_call_shows_no_stray_window_and_keeps_focus(qtbot, core):
    window = build_window(qtbot, core)
    watch = StrayWindowWatch(window)
    lost: list[str] = []

    def visit(screen: str) -> None:
        focused = QApplication.focusWidget()
        if QApplication.activeWindow() is not window or (
            focused is not None and focused.window() is not window
        ):
            lost.append(f"{screen}: focus in {focused!r}, active {QApplication.activeWindow()!r}")

    try:
        walk_flow(qtbot, window, core, visit)
    finally:
        watch.stop()
    assert watch.shown == []
    assert lost == []
