"""The theme lives on each top-level window, not on the application: a day/night switch
re-polishes every widget a bounded number of times (an application-wide sheet re-polishes a
widget once per ancestor: 11,000 times for the main window's 800 widgets), and windows opened
after the switch still get the current theme."""

from __future__ import annotations

from civilian_responder_ui.shell.theme import COLORS, adopt_theme, apply_theme, current_theme
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from tests.ui.field_flow import build_window


class StyleChanges(QObject):
    """Style changes delivered to ``window`` and its widgets (not to other tests' windows)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.count = 0
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.StyleChange and isinstance(obj, QWidget) and (
                obj is self.window or self.window.isAncestorOf(obj)):
            self.count += 1
        return False

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)


def window_colour(widget: QWidget) -> str:
    widget.ensurePolished()
    return widget.palette().color(QPalette.ColorRole.Window).name()


def test_a_switch_restyles_each_widget_a_few_times_not_once_per_ancestor(qtbot, core, qapp):
    window = build_window(qtbot, core, "day")
    widgets = len(window.findChildren(QWidget)) + 1
    watch = StyleChanges(window)
    try:
        window.set_theme("night")
    finally:
        watch.stop()
    assert qapp.styleSheet() == ""
    assert "#111315" in window.styleSheet()
    # Twice per widget from the window's re-polish, once more inside panels with their own
    # sheet (the checklist panel); the application-wide sheet made it about 14 per widget.
    assert watch.count <= 3 * widgets, (watch.count, widgets)


def test_dialogs_opened_after_a_switch_inherit_the_windows_theme(qtbot, qapp):
    owner = QWidget()
    qtbot.addWidget(owner)
    apply_theme(qapp, "day")
    apply_theme(qapp, "night")
    assert current_theme(qapp) == "night"
    dialog = QDialog(owner)
    QVBoxLayout(dialog).addWidget(QPushButton("OK"))
    assert window_colour(dialog) == COLORS["night"].window
    apply_theme(qapp, "day")
    assert window_colour(dialog) == COLORS["day"].window  # and follow the next switch


def test_a_window_without_a_parent_adopts_the_current_theme(qtbot, qapp):
    apply_theme(qapp, "night")
    lonely = QDialog()  # the sign-in window, a start-up error: nothing to inherit from
    qtbot.addWidget(lonely)
    QVBoxLayout(lonely).addWidget(QLabel("Sign in"))
    adopt_theme(lonely)
    assert window_colour(lonely) == COLORS["night"].window
    apply_theme(qapp, "day")
    assert window_colour(lonely) == COLORS["day"].window


def test_the_sign_in_window_is_themed(qtbot, qapp, tmp_path, monkeypatch):
    from civilian_responder_ui.session import signin_dialog

    shown: list[QDialog] = []

    def fake_exec(dialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.delenv("RESPONDER_PASSPHRASE", raising=False)
    monkeypatch.setattr(signin_dialog.SignInDialog, "exec", fake_exec)
    apply_theme(qapp, "night")
    assert signin_dialog.startup_session(tmp_path / "p", demo=True, interactive=True) is None
    assert window_colour(shown[0]) == COLORS["night"].window
