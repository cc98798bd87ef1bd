"""Colours for the checklist panel, runner and steps, in the day and night palettes.

Kept next to the checklist widgets (set on the panel) so the stop banner is unmissable whatever
the app-wide style sheet says; the theme is read from the application palette.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

_DAY = {
    "card": "#ffffff", "border": "#c9ced6", "muted": "#5b6470", "text": "#1b1f24",
    "pick_bg": "#1f5fbf", "pick_text": "#ffffff", "current": "#1f5fbf",
    "stop_bg": "#b3261e", "stop_text": "#ffffff", "stop_border": "#7a140e",
    "done_bg": "#e3f1e6", "done_text": "#1d5e2c", "guide_bg": "#eef3fb",
    "low": "#1d5e2c", "moderate": "#8a5a00", "high": "#b3261e", "resolved_bg": "#fbe9e7",
}
_NIGHT = {
    "card": "#1a1d21", "border": "#3a3f46", "muted": "#aaa498", "text": "#c8c2b6",
    "pick_bg": "#76521f", "pick_text": "#f3e6cf", "current": "#b07a2a",
    "stop_bg": "#7a1f16", "stop_text": "#f6d5cc", "stop_border": "#c2412f",
    "done_bg": "#17291c", "done_text": "#8fc79c", "guide_bg": "#1b2330",
    "low": "#8fc79c", "moderate": "#d9a24a", "high": "#e8806d", "resolved_bg": "#2a1816",
}

_SHEET = """
QWidget#checklistPanel QPushButton {{ min-height: 44px; padding: 0 16px; font-weight: bold; }}
QWidget#checklistPanel QPushButton[role="primary"]:disabled {{ background: {card};
    color: {muted}; border: 1px solid {border}; }}
QFrame#checklistStep {{ background: {card}; border: 1px solid {border}; border-radius: 8px; }}
QFrame#checklistStep[current="true"] {{ border: 3px solid {current}; }}
QFrame#checklistStep QLabel {{ background: transparent; }}
QFrame#checklistStep[kind="guidance"] {{ background: {guide_bg}; }}
QLabel#stepSection {{ color: {muted}; font-size: 10pt; font-weight: bold; }}
QLabel#stepText {{ font-size: 15pt; font-weight: bold; color: {text}; }}
QFrame#checklistStep[compact="true"] QLabel#stepText {{ font-size: 13pt; }}
QLabel#stepHelp, QLabel#runnerHint, QLabel#panelHint {{ color: {muted}; }}
QLabel#stepRequired {{ color: {high}; font-weight: bold; }}
QFrame#checklistStep QPushButton#answerButton {{ min-height: 56px; font-size: 14pt;
    text-align: left; padding: 0 18px; }}
QFrame#checklistStep[compact="true"] QPushButton#answerButton {{ min-height: 46px;
    font-size: 12pt; }}
QFrame#checklistStep QPushButton#answerButton:checked {{ background: {pick_bg}; color: {pick_text};
    border: 2px solid {pick_bg}; }}
QFrame#checklistStep QPushButton#answerButton:checked:disabled {{ color: {pick_text}; }}
QFrame#checklistStep QPushButton#doneButton {{ min-height: 56px; font-size: 14pt; }}
QLabel#doneStamp {{ background: {done_bg}; color: {done_text}; border-radius: 6px;
    padding: 8px 12px; font-weight: bold; }}
QFrame#stopBanner {{ background: {stop_bg}; border: 4px solid {stop_border};
    border-radius: 8px; }}
QFrame#stopBanner QLabel {{ background: transparent; color: {stop_text}; }}
QLabel#stopTitle {{ font-size: 15pt; font-weight: bold; }}
QLabel#stopDetail {{ font-size: 11pt; }}
QFrame#stopBanner QPushButton {{ min-height: 52px; font-size: 12pt; font-weight: bold;
    padding: 0 10px;
    background: {card}; color: {text}; border: 2px solid {stop_border}; }}
QFrame#stopBanner QPlainTextEdit {{ background: {card}; color: {text}; font-size: 12pt; }}
QLabel#stopResolved {{ background: {resolved_bg}; color: {high}; border-radius: 6px;
    padding: 8px 12px; font-weight: bold; }}
QFrame#levelBox {{ background: {card}; border: 1px solid {border}; border-left: 8px solid
    {moderate}; border-radius: 4px; }}
QFrame#levelBox[level="0"] {{ border-left-color: {low}; }}
QFrame#levelBox[level="2"] {{ border-left-color: {high}; }}
QFrame#levelBox QLabel {{ background: transparent; }}
QLabel#levelTitle {{ font-size: 14pt; font-weight: bold; }}
QWidget#checklistPanel QProgressBar {{ background: {border}; border: none;
    border-radius: 3px; }}
QWidget#checklistPanel QProgressBar::chunk {{ background: {pick_bg}; border-radius: 3px; }}
QLabel#runnerTitle {{ font-size: 14pt; font-weight: bold; }}
QLabel#runnerError {{ color: {high}; font-weight: bold; }}
QWidget#checklistPanel QPushButton#checklistChoice {{ min-height: 56px; text-align: left;
    padding: 6px 18px; }}
QLabel#panelSection {{ color: {muted}; font-size: 11pt; font-weight: bold; }}
QLabel#definitionProblems {{ color: {moderate}; }}
"""


def is_dark() -> bool:
    app = QApplication.instance()
    if app is None:
        return False
    return app.palette().window().color().lightness() < 128  # type: ignore[attr-defined]


def apply_checklist_style(widget: QWidget) -> None:
    widget.setStyleSheet(_SHEET.format(**(_NIGHT if is_dark() else _DAY)))


def fit_height(widget: QWidget) -> None:
    """Make a box of wrapped text at least as tall as its text needs at its current width.

    Box layouts share out height by size hints, which ignore wrapping; without this a stop
    banner in a narrow pane gets squashed while the steps below keep their space.
    """
    layout = widget.layout()
    if layout is None or not layout.hasHeightForWidth() or widget.width() <= 0:
        return
    needed = layout.totalHeightForWidth(widget.width())
    if needed > 0 and widget.minimumHeight() != needed:
        widget.setMinimumHeight(needed)
