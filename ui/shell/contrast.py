"""WCAG 2.x contrast: relative luminance, contrast ratio, and the colours a piece of rich text
paints with. The theme is checked against these (tests/ui/test_field_contrast.py), and rich
text that names a colour takes it from :func:`theme_color` so a theme switch repaints it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QLabel

BODY_MINIMUM = 7.0  # WCAG AAA for body text: what a responder reads at night
ANY_MINIMUM = 4.5  # WCAG AA: nothing readable may be fainter


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    return (
        0.2126 * _channel(color.redF())
        + 0.7152 * _channel(color.greenF())
        + 0.0722 * _channel(color.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rich_text_colors(html: str, default: QColor) -> list[QColor]:
    """Every colour the text of ``html`` is painted in (``default`` where it names none)."""
    doc = QTextDocument()
    doc.setHtml(html)
    colors: dict[str, QColor] = {}
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.text().strip():
                fmt = fragment.charFormat()
                color = (
                    fmt.foreground().color()
                    if fmt.hasProperty(QTextFormat.Property.ForegroundBrush)
                    else default
                )
                colors[color.name()] = color
            it += 1
        block = block.next()
    return list(colors.values())


class ThemedRichText(QObject):
    """Re-renders a label's rich text when the theme changes.

    Qt bakes a rich text's colours (inline ``color:``, and link colours) into the label's
    document when the text is set, so a day/night switch leaves them in the old theme. A label
    whose text names colours takes them from its palette in ``render`` and is followed here.
    """

    def __init__(self, label: QLabel, render: Callable[[], None]) -> None:
        super().__init__(label)
        self._render = render
        self._pending = False
        label.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _THEME_EVENTS and not self._pending:
            # The style sheet sets the label's palette after the application palette changes:
            # render once both have landed.
            self._pending = True
            QTimer.singleShot(0, self, self._on_timer_timeout)  # dropped if the label goes
        return False

    def _on_timer_timeout(self) -> None:
        self._pending = False
        self._render()


_THEME_EVENTS = (
    QEvent.Type.PaletteChange,
    QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.StyleChange,
)


def follow_theme(label: QLabel, render: Callable[[], None]) -> ThemedRichText:
    return ThemedRichText(label, render)
