"""What a responder sees on one screen, measured: the colours of every piece of visible text
against the pixels behind it, and the size of every visible control."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from civilian_responder_ui.shell.contrast import contrast_ratio, rich_text_colors
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTabBar,
    QTextEdit,
    QWidget,
)


@dataclass(frozen=True)
class TextColor:
    where: str
    text: str
    fg: QColor
    bg: QColor
    from_pixels: bool = False  # painted by a style-sheet sub-control: read off the screen

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.fg, self.bg)

    def __str__(self) -> str:
        return (
            f"{self.where} {self.text[:40]!r}: {self.fg.name()} on {self.bg.name()} "
            f"= {self.ratio:.2f}"
        )


def visible_widgets(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if w.isVisible() and _on_screen(w, window)]


def _on_screen(widget: QWidget, window: QWidget) -> bool:
    """Visible and not scrolled out of its viewport (nor out of the window)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    clip = window.rect()
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        clip = clip.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(clip).height() >= min(rect.height(), 8) and not rect.isEmpty()


def window_rect(widget: QWidget, window: QWidget, rect: QRect | None = None) -> QRect:
    """``rect`` of ``widget`` in window pixels, cut to what its ancestors leave visible (a
    half-scrolled widget's hidden part shows something else)."""
    local = rect if rect is not None else widget.rect()
    found = QRect(widget.mapTo(window, local.topLeft()), local.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        found = found.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return found


def background(image: QImage, rect: QRect) -> QColor:
    """The most common colour in ``rect``: what the text of a widget sits on."""
    rect = rect.intersected(image.rect())
    if rect.isEmpty():
        return QColor("black")
    counts: Counter[int] = Counter()
    step = max(1, min(rect.width(), rect.height()) // 24)
    for y in range(rect.top(), rect.bottom() + 1, step):
        for x in range(rect.left(), rect.right() + 1, step):
            counts[image.pixel(x, y)] += 1
    return QColor.fromRgb(counts.most_common(1)[0][0]) if counts else QColor("black")


def painted_text(image: QImage, rect: QRect, bg: QColor) -> QColor:
    """The pixel in ``rect`` that stands out most from ``bg``: the core of the glyph strokes."""
    rect = rect.intersected(image.rect())
    best, best_ratio = bg, 1.0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            color = QColor.fromRgb(image.pixel(x, y))
            ratio = contrast_ratio(color, bg)
            if ratio > best_ratio:
                best, best_ratio = color, ratio
    return best


def _fg(widget: QWidget, role: QPalette.ColorRole | None = None) -> QColor:
    return widget.palette().color(role if role is not None else widget.foregroundRole())


def text_colors(window: QWidget) -> list[TextColor]:
    """Every visible text on ``window``: its colour(s) and what is behind it."""
    image = window.grab().toImage()
    found: list[TextColor] = []
    for w in visible_widgets(window):
        where = f"{type(w).__name__}#{w.objectName() or '?'}"
        bg = background(image, window_rect(w, window))
        if isinstance(w, QLabel) and w.text().strip() and w.pixmap().isNull():
            if w.textFormat() == Qt.TextFormat.RichText or (
                w.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(w.text())
            ):
                for color in rich_text_colors(w.text(), _fg(w)):
                    found.append(TextColor(where, w.text(), color, bg))
            else:
                found.append(TextColor(where, w.text(), _fg(w), bg))
        elif isinstance(w, QAbstractButton) and w.text().strip():
            if w.isChecked():
                # A :checked rule paints its own colours, which the palette does not hold.
                inner = window_rect(w, window, w.rect().adjusted(6, 6, -6, -6))
                if inner.height() < 12:
                    continue  # scrolled almost out of view: too little of it to read off
                bg = background(image, inner)
                found.append(TextColor(where, w.text(), painted_text(image, inner, bg), bg, True))
            else:
                found.append(TextColor(where, w.text(), _fg(w), bg))
        elif isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            text = w.text() if isinstance(w, QLineEdit) else w.toPlainText()
            if text.strip():
                found.append(TextColor(where, text, _fg(w, QPalette.ColorRole.Text), bg))
            elif w.placeholderText():
                placeholder = _fg(w, QPalette.ColorRole.PlaceholderText)
                found.append(
                    TextColor(where + " placeholder", w.placeholderText(), placeholder, bg)
                )
        elif isinstance(w, QComboBox) and w.currentText().strip():
            role = QPalette.ColorRole.Text if w.isEditable() else QPalette.ColorRole.ButtonText
            found.append(TextColor(where, w.currentText(), _fg(w, role), bg))
        elif isinstance(w, QTabBar):
            found.extend(_tab_colors(w, window, image))
        elif isinstance(w, QHeaderView):
            found.extend(_header_colors(w, window, image))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            found.extend(_cell_colors(w, window, image))
    return found


def _tab_colors(bar: QTabBar, window: QWidget, image: QImage) -> list[TextColor]:
    out = []
    for i in range(bar.count()):
        rect = window_rect(bar, window, bar.tabRect(i).adjusted(6, 6, -6, -4))
        bg = background(image, rect)
        out.append(TextColor("tab", bar.tabText(i), painted_text(image, rect, bg), bg, True))
    return out


def _header_colors(header: QHeaderView, window: QWidget, image: QImage) -> list[TextColor]:
    out = []
    model = header.model()
    if model is None:
        return out
    for i in range(
        model.columnCount()
        if header.orientation() == Qt.Orientation.Horizontal
        else model.rowCount()
    ):
        if header.isSectionHidden(i) or header.sectionSize(i) < 20:
            continue
        text = str(model.headerData(i, header.orientation()) or "")
        if not text.strip():
            continue
        local = QRect(
            header.sectionViewportPosition(i) + 3, 3, header.sectionSize(i) - 6, header.height() - 6
        )
        rect = window_rect(header.viewport(), window, local)
        bg = background(image, rect)
        out.append(TextColor("header", text, painted_text(image, rect, bg), bg, True))
    return out


def _cell_colors(view: QAbstractItemView, window: QWidget, image: QImage) -> list[TextColor]:
    out = []
    model = view.model()
    viewport = view.viewport()
    selected = (
        {i.row() for i in view.selectionModel().selectedIndexes()}
        if view.selectionModel()
        else set()
    )
    for row in range(min(model.rowCount(), 60)):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            rect = view.visualRect(index)
            if not rect.intersects(viewport.rect()) or rect.height() < 8:
                continue
            text = str(model.data(index) or "")
            if not text.strip():
                continue
            bg = background(image, window_rect(viewport, window, rect))
            if row in selected:
                fg = view.palette().color(QPalette.ColorRole.HighlightedText)
            else:
                brush = model.data(index, Qt.ItemDataRole.ForegroundRole)
                fg = (
                    brush.color()
                    if hasattr(brush, "color")
                    else (
                        QColor(brush)
                        if brush is not None
                        else view.palette().color(QPalette.ColorRole.Text)
                    )
                )
            out.append(TextColor(f"cell {row},{col}", text, fg, bg))
    return out


def small_controls(window: QWidget, minimum: int = 44) -> list[str]:
    """Every visible control a finger must hit that is under ``minimum`` px either way."""
    small = []
    for w in visible_widgets(window):
        if (
            not w.isEnabled()
            or w.focusPolicy() == Qt.FocusPolicy.NoFocus
            and not isinstance(w, QAbstractButton)
        ):
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # measured as the spin box or combo box it is part of
        if isinstance(w, (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QTabBar)):
            if isinstance(w, QTabBar):
                for i in range(w.count()):
                    r = w.tabRect(i)
                    if r.height() < minimum or r.width() < minimum:
                        small.append(f"tab {w.tabText(i)!r} {r.width()}x{r.height()}")
                continue
            if w.height() < minimum or w.width() < minimum:
                text = w.text() if hasattr(w, "text") else w.objectName()
                small.append(f"{type(w).__name__}({text!r}) {w.width()}x{w.height()}")
    return small


def _room(widget: QWidget, text: str, available: int, where: str, out: list[str]) -> None:
    # Two pixels of air: text that touches the edge reads as cut off.
    needed = widget.fontMetrics().horizontalAdvance(text) + 2
    if text and needed > available:
        out.append(f"{where} {text!r}: needs {needed} px, has {available}")


def clipped_texts(window: QWidget) -> list[str]:
    """Every visible text that does not fit its widget (cut, elided by Qt, or lost lines)."""
    style_out: list[str] = []
    for w in visible_widgets(window):
        where = f"{type(w).__name__}#{w.objectName() or '?'}"
        if isinstance(w, QComboBox):
            opt = QStyleOptionComboBox()
            opt.initFrom(w)
            opt.rect = w.rect()
            opt.editable = w.isEditable()
            opt.currentText = w.currentText()
            field = w.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, w
            )
            _room(w, w.currentText(), field.width(), where, style_out)
        elif isinstance(w, QLineEdit):
            opt = QStyleOptionFrame()
            opt.initFrom(w)
            opt.rect = w.rect()
            opt.lineWidth = w.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, opt, w)
            field = w.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, w)
            margins = w.textMargins()
            available = field.width() - margins.left() - margins.right() - 4  # Qt's own margin
            text = w.text() or w.placeholderText()
            _room(w, text, available, where + (" placeholder" if not w.text() else ""), style_out)
        elif isinstance(w, QAbstractButton) and not isinstance(w, QTabBar) and w.text():
            if w.width() < w.sizeHint().width():
                style_out.append(f"{where} {w.text()!r}: {w.width()} < {w.sizeHint().width()}")
        elif isinstance(w, QLabel) and w.text().strip() and w.pixmap().isNull():
            if w.wordWrap():
                if w.height() < w.heightForWidth(w.width()):
                    style_out.append(
                        f"{where} {w.text()[:50]!r}: {w.height()} px high, its text needs "
                        f"{w.heightForWidth(w.width())}"
                    )
            elif w.width() < w.sizeHint().width() - 1:
                style_out.append(f"{where} {w.text()[:50]!r}: {w.width()} < {w.sizeHint().width()}")
    return style_out
