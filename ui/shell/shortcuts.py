"""The keyboard: the one list of shortcuts (shown in the About box, written in the README), the
tab shortcuts, and the focus rules that keep a keyboard user from getting stuck.

A responder in a moving van works the whole call without the touchpad: select the call, set
each status, run the safety screen, write and finalize the report.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

# (keys, what they do). Every key here is one the window really has; the README lists the same.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+F", "Find: filter the call board (arrows then move in the board)"),
    ("Esc", "Clear the board filter"),
    ("Ctrl+N", "Start an on-view (self-initiated) call"),
    ("Alt+1, Alt+2, Alt+3", "Status steps of the call; closing a call takes a second press"),
    ("Ctrl+B", "Ask dispatch for police backup"),
    ("Ctrl+1, Ctrl+2, Ctrl+3", "Details, Report and Checklists tab of the selected call"),
    ("F11", "Full window: fold the call board away, and bring it back"),
    ("Y, N, 1–9", "Checklist: answer the current step"),
    ("D", "Checklist: mark the current action step done (again: undo)"),
    ("Enter, Backspace", "Checklist: next step, previous step"),
    ("Ctrl+Enter", "Complete the checklist; finalize the report"),
    ("Ctrl+S", "Report: save now (it also saves as you type)"),
    ("Alt+underlined letter", "Report: jump to that section (Alt+D disposition, Alt+N narrative)"),
    ("Alt+PgDown, Alt+PgUp", "Report: next and previous section"),
    ("Tab, Shift+Tab", "Next and previous control; the call board is one stop"),
    ("Ctrl+Shift+S", "Sync now"),
    ("Ctrl+T", "Day or night theme"),
    ("Ctrl+L", "Lock the screen"),
    ("F1", "About Responder, with this list"),
)
TAB_KEYS = ("Ctrl+1", "Ctrl+2", "Ctrl+3")


def shortcuts_html() -> str:
    rows = "".join(
        f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(k)}</b></td>"
        f"<td style='padding:2px 0'>{html.escape(v)}</td></tr>"
        for k, v in SHORTCUTS
    )
    return f"<p><b>Keyboard</b></p><table>{rows}</table>"


class FocusKeeper(QObject):
    """When the window is shown or activated with nothing focused, the board takes the keys:
    a first key press must never go nowhere."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.Show, QEvent.Type.WindowActivate):
            QTimer.singleShot(0, self, self._on_timer_timeout)
        return False

    def _on_timer_timeout(self) -> None:
        focused = QApplication.focusWidget()
        if focused is None or focused.window() is not self._window:
            if self._window.isActiveWindow() and self._window.board.isVisible():
                self._window.board.table.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def install_shortcuts(window: Any) -> None:
    """Tab keys for the call's tabs, the board as a single Tab stop, focus never nowhere."""
    FocusKeeper(window)
    # Tab walked the board cell by cell and, at the end of a row, selected the next call.
    window.board.table.setTabKeyNavigation(False)
    for index, keys in enumerate(TAB_KEYS):
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda i=index: show_tab(window, i))


def show_tab(window: Any, index: int) -> None:
    """Show tab ``index`` of the selected call and put the keyboard in it."""
    detail = window.detail
    if detail.call is None or index >= detail.tabs.count():
        return
    detail.tabs.setCurrentIndex(index)
    detail.tabs.tabBar().setFocus(Qt.FocusReason.ShortcutFocusReason)
    # A page built just now (the report form) shows its controls on the next turn of the loop.
    QTimer.singleShot(0, detail.tabs, lambda: _focus_page(detail.tabs))


def _focus_page(tabs: Any) -> None:
    target = first_focusable(tabs.currentWidget())
    if target is not None and tabs.tabBar().hasFocus():
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def first_focusable(page: QWidget) -> QWidget | None:
    """The first control of ``page`` that Tab would reach (the page itself if it takes keys)."""
    if page.focusPolicy() & Qt.FocusPolicy.TabFocus and page.isVisible():
        return page
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (
            page.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None
