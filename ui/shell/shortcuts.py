"""The keyboard: the one list of shortcuts (shown in the About box, written in the README), the
tab shortcuts, and the focus rules that keep a keyboard user from getting stuck.

A responder in a moving van works the whole call without the touchpad: select the call, set
each status, run the safety screen, write and finalize the report.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

# (keys, what they do), in English; marked for translation in context "Shortcuts" and shown
# translated by ``shortcuts_html``. Every key here is one the window really has; the README
# lists the same.
SHORTCUTS: tuple[tuple[str, str], ...] = (
    (
        "Ctrl+F",
        QT_TRANSLATE_NOOP("Shortcuts", "Find: filter the call board (arrows then move in the board)"),  # noqa: E501
    ),
    ("Esc", QT_TRANSLATE_NOOP("Shortcuts", "Clear the board filter")),
    ("Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "Start an on-view (self-initiated) call")),
    (
        "Alt+1, Alt+2, Alt+3",
        QT_TRANSLATE_NOOP("Shortcuts", "Status steps of the call; closing a call takes a second press"),  # noqa: E501
    ),
    ("Ctrl+B", QT_TRANSLATE_NOOP("Shortcuts", "Ask dispatch for police backup")),
    (
        "Ctrl+1, Ctrl+2, Ctrl+3",
        QT_TRANSLATE_NOOP("Shortcuts", "Details, Report and Checklists tab of the selected call"),
    ),
    (
        "F11",
        QT_TRANSLATE_NOOP("Shortcuts", "Full window: fold the call board away, and bring it back"),
    ),
    ("Y, N, 1–9", QT_TRANSLATE_NOOP("Shortcuts", "Checklist: answer the current step")),
    (
        "D",
        QT_TRANSLATE_NOOP("Shortcuts", "Checklist: mark the current action step done (again: undo)"),  # noqa: E501
    ),
    ("Enter, Backspace", QT_TRANSLATE_NOOP("Shortcuts", "Checklist: next step, previous step")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "Complete the checklist; finalize the report")),
    ("Ctrl+S", QT_TRANSLATE_NOOP("Shortcuts", "Report: save now (it also saves as you type)")),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Alt+underlined letter"),
        QT_TRANSLATE_NOOP("Shortcuts", "Report: jump to that section (Alt+D disposition, Alt+N narrative)"),  # noqa: E501
    ),
    ("Alt+PgDown, Alt+PgUp", QT_TRANSLATE_NOOP("Shortcuts", "Report: next and previous section")),
    (
        "Tab, Shift+Tab",
        QT_TRANSLATE_NOOP("Shortcuts", "Next and previous control; the call board is one stop"),
    ),
    ("Ctrl+Shift+S", QT_TRANSLATE_NOOP("Shortcuts", "Sync now")),
    ("Ctrl+T", QT_TRANSLATE_NOOP("Shortcuts", "Day or night theme")),
    ("Ctrl+U", QT_TRANSLATE_NOOP("Shortcuts", "Follow-ups due today and overdue")),
    ("Ctrl+O", QT_TRANSLATE_NOOP("Shortcuts", "Record an outreach contact (no 911 call)")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("Shortcuts", "Lock the screen")),
    ("F1", QT_TRANSLATE_NOOP("Shortcuts", "About Responder, with this list")),
)
TAB_KEYS = ("Ctrl+1", "Ctrl+2", "Ctrl+3")


CONTEXT = "Shortcuts"


def shortcuts_html() -> str:
    """The list in the interface language (the keys too: "Alt+underlined letter")."""

    def tr(text: str) -> str:
        return html.escape(QCoreApplication.translate(CONTEXT, text))

    rows = "".join(
        f"<tr><td style='padding:2px 16px 2px 0'><b>{tr(k)}</b></td>"
        f"<td style='padding:2px 0'>{tr(v)}</td></tr>"
        for k, v in SHORTCUTS
    )
    heading = tr(QT_TRANSLATE_NOOP("Shortcuts", "Keyboard"))
    return f"<p><b>{heading}</b></p><table>{rows}</table>"


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
