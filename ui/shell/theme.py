"""Day and night themes: a style sheet from resources/styles plus the colours item models use.

Night is for a dark van: no pure white, dim amber and red accents, nothing that glares.

The style sheet is set on each top-level window, never on the application: Qt re-polishes every
widget once per ancestor when the *application* style sheet changes (11,000 re-polishes for the
800 widgets of the main window, 0.5–2 s), but each widget only twice when a window's sheet
changes. Dialogs, menus and tooltips inherit their parent window's sheet; a window without a
parent (the sign-in window, a start-up error) takes the current theme with :func:`adopt_theme`.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from civilian_responder.resource_files import resource_path
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

THEMES = ("day", "night")
BASE_POINT_SIZE = 13
THEME_PROPERTY = "responderTheme"  # the application's current theme name
# Top-level widgets that are not windows of their own: they take their owner's sheet.
_NOT_WINDOWS = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.Desktop)


@dataclass(frozen=True)
class ThemeColors:
    """Colours that a style sheet cannot reach (item-model roles, painted markers)."""

    window: str
    text: str
    muted: str
    urgent_bg: str
    urgent_text: str
    caution: str
    unsynced: str
    highlight: str
    highlight_text: str


COLORS = {
    "day": ThemeColors(
        window="#f3f4f6",
        text="#1b1f24",
        muted="#5b6470",
        urgent_bg="#fde7e4",
        urgent_text="#8f1d12",
        caution="#a15c00",
        unsynced="#1f5fbf",
        highlight="#cfe0fb",
        highlight_text="#0b1a33",
    ),
    "night": ThemeColors(
        window="#111315",
        text="#c8c2b6",
        muted="#aaa498",
        urgent_bg="#33191a",
        urgent_text="#e2998a",
        caution="#d9a24a",
        unsynced="#8fa8c8",
        highlight="#3a2e1a",
        highlight_text="#e6dccb",
    ),
}


def other(name: str) -> str:
    return "day" if name == "night" else "night"


@functools.cache
def load_style_sheet(name: str) -> str:
    path = resource_path("styles", f"{name}.qss")
    try:
        # Image URLs in a style sheet resolve against the working directory; make them absolute.
        icons = resource_path("styles", "icons").as_posix()
        return path.read_text(encoding="utf-8").replace("@ICONS@", icons)
    except OSError as exc:
        # A missing style sheet must not stop a responder from working: fall back to plain Qt.
        log.error("Cannot read style sheet %s: %s", path, exc)
        return ""


def apply_theme(app: QApplication, name: str) -> ThemeColors:
    """Apply ``name`` to the whole application and return its model colours."""
    if name not in THEMES:
        name = "day"
    colors = COLORS[name]
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSize(BASE_POINT_SIZE)
    if app.font() != font:  # the same in both themes: a font change relayouts every widget
        app.setFont(font)
    app.setPalette(_palette(colors))
    app.setProperty(THEME_PROPERTY, name)
    if app.styleSheet():
        app.setStyleSheet("")  # an application-wide sheet would be re-polished app-wide
    sheet = load_style_sheet(name)
    for window in app.topLevelWidgets():
        if _is_own_window(window) and window.styleSheet() != sheet:
            window.setStyleSheet(sheet)
    return colors


def current_theme(app: QApplication | None = None) -> str:
    app = app or QApplication.instance()
    name = app.property(THEME_PROPERTY) if app is not None else None
    return name if name in THEMES else "day"


def adopt_theme(window: QWidget) -> None:
    """A window without a parent (nothing to inherit a sheet from) takes the current theme."""
    app = QApplication.instance()
    if app is not None and app.property(THEME_PROPERTY) in THEMES:
        window.setStyleSheet(load_style_sheet(current_theme(app)))


def _is_own_window(widget: QWidget) -> bool:
    """A window that does not inherit a sheet: no parent, and not a popup or tooltip."""
    return widget.parentWidget() is None and widget.windowType() not in _NOT_WINDOWS


def _palette(c: ThemeColors) -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.Base: c.window,
        QPalette.ColorRole.AlternateBase: c.window,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Highlight: c.highlight,
        QPalette.ColorRole.HighlightedText: c.highlight_text,
    }
    for role, color in roles.items():
        pal.setColor(role, QColor(color))
    return pal
