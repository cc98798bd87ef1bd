"""The report's section list: one button per section (with what it still needs to finalize)
that scrolls the section to the top and puts the cursor in its first field, and jump keys
(Alt+Page Down / Alt+Page Up) to the next and previous section.

It shows when the form is wide (the board folded away, F11); in the narrow pane beside the
board the group mnemonics (Alt+P, Alt+D, Alt+N …) jump the same way.
"""

from __future__ import annotations

from typing import Any

from civilian_responder_ui.reports.report_fields import touch
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QGroupBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

WIDE_FORM = 900  # px: below this the form needs its whole width for the fields
NEXT_KEYS, PREVIOUS_KEYS = "Alt+PgDown", "Alt+PgUp"


def plain_title(box: QGroupBox) -> str:
    return box.title().replace("&&", "\0").replace("&", "").replace("\0", "&")


def mnemonic(box: QGroupBox) -> str:
    text = box.title().replace("&&", "")
    at = text.find("&")
    return f"Alt+{text[at + 1].upper()}" if 0 <= at < len(text) - 1 else ""


class ReportNavigator(QScrollArea):
    """Scrolls itself when the window is short: it must never make the window taller."""

    def __init__(self, form: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="reportNavigator")
        self._form = form
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # One rule on the list, not a style sheet per button: each widget sheet makes every
        # theme switch re-polish slower.
        self.setStyleSheet("QPushButton#sectionButton { text-align: left; padding: 0 10px; }")
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        self._needs: dict[str, list[str]] = {}
        for box in self.sections():
            button = touch(QPushButton(holder))
            button.setObjectName("sectionButton")
            button.clicked.connect(lambda _=False, b=box: self._on_button_clicked(b))
            self.buttons[plain_title(box)] = button
            column.addWidget(button)
        column.addStretch(1)
        self.setWidget(holder)
        self.show_needs({})
        widest = max(
            (
                b.fontMetrics().horizontalAdvance(
                    fill(translate("ReportNavigator", "%1  ·  9 needed"), _short(t))
                )
                for t, b in self.buttons.items()
            ),
            default=200,
        )
        self.setFixedWidth(min(widest, 360) + 40)
        for keys, step in ((NEXT_KEYS, 1), (PREVIOUS_KEYS, -1)):
            shortcut = QShortcut(QKeySequence(keys), form)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.step(s))
        form.installEventFilter(self)
        form.scroll.installEventFilter(self)
        self.setVisible(False)

    def sections(self) -> list[QGroupBox]:
        """The form's sections in reading order (those shown for this report)."""
        body = self._form.body
        boxes = [
            b
            for b in body.findChildren(QGroupBox)
            if b.parentWidget() in (body, self._form.sections) and not b.isHidden()
        ]
        return sorted(boxes, key=lambda b: b.mapTo(body, QPoint(0, 0)).y())

    def show_needs(self, problems: dict[str, str]) -> None:
        """Each section's button says how many of its fields still block finalizing."""
        needs: dict[str, list[str]] = {}
        editors = self._form.sections.editors
        for name in problems:
            box = _group_of(editors.get(name))
            if box is not None:
                needs.setdefault(plain_title(box), []).append(name)
        self._needs = needs
        for box in self._all_boxes():
            title = plain_title(box)
            button = self.buttons.get(title)
            if button is None:
                continue
            count = len(needs.get(title, ()))
            key = mnemonic(box)
            text = _short(title) + (
                fill(translate("ReportNavigator", "  ·  %1 needed"), count) if count else ""
            )
            button.setText(text.replace("&", "&&"))
            button.setToolTip(f"Go to {title}" + (f" ({key})" if key else ""))
            button.setProperty("role", "primary" if count else "")
            button.style().unpolish(button)
            button.style().polish(button)
            button.setVisible(not box.isHidden())

    def _on_button_clicked(self, box: QGroupBox) -> None:
        """A section that still blocks finalizing opens at the first field it needs."""
        needed = self._needs.get(plain_title(box))
        if needed:
            target = self._form.sections.focus_field(needed[0])
            if target is not None:
                self._form.scroll.ensureWidgetVisible(target, 0, 80)
                return
        self.go_to(box)

    def go_to(self, box: QGroupBox) -> None:
        """Scroll ``box`` to the top of the form and put the cursor in its first field."""
        scroll = self._form.scroll
        scroll.verticalScrollBar().setValue(box.mapTo(self._form.body, QPoint(0, 0)).y())
        first = _first_field(box)
        if first is not None:
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step(self, direction: int) -> None:
        boxes = self.sections()
        if not boxes:
            return
        focused = self._form.focusWidget()
        here = next(
            (i for i, b in enumerate(boxes) if focused is not None and b.isAncestorOf(focused)),
            -1 if direction > 0 else len(boxes),
        )
        target = min(max(here + direction, 0), len(boxes) - 1)
        self.go_to(boxes[target])

    def _all_boxes(self) -> list[QGroupBox]:
        body = self._form.body
        return [
            b
            for b in body.findChildren(QGroupBox)
            if b.parentWidget() in (body, self._form.sections)
        ]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            # Beside the fields of a wide form; never over the "start the report" placeholder.
            wanted = self._form.width() >= WIDE_FORM and self._form.scroll.isVisibleTo(self._form)
            if wanted != self.isVisibleTo(self._form):
                self.setVisible(wanted)
        return False


def _short(title: str) -> str:
    """ "Services offered, accepted or declined" → "Services offered"."""
    return title.split(",")[0] if len(title) > 24 else title


def _group_of(widget: QWidget | None) -> QGroupBox | None:
    while widget is not None and not isinstance(widget, QGroupBox):
        widget = widget.parentWidget()
    return widget


def _first_field(box: QGroupBox) -> QWidget | None:
    for child in box.findChildren(QWidget):
        if (
            child.isVisibleTo(box)
            and child.isEnabled()
            and child.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return child
    return None
