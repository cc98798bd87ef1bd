"""Editors for one report field each. Every editor has the same small surface so the form can
bind them generically: ``edited`` (user changes only), ``value()``, ``set_value(v)`` and
``set_read_only(flag)``. Coded fields only ever offer codes from the reference lists."""

from __future__ import annotations

from typing import Any

from civilian_responder.models import ServiceEntry
from civilian_responder.reference import CodeList
from civilian_responder_ui.shell.code_labels import shown
from civilian_responder_ui.shell.translations import is_language_change, translate
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

TOUCH = 44  # px: the smallest comfortable target for a gloved finger on a vehicle laptop


def plain(text: str) -> str:
    """Button and check-box captions treat "&" as a mnemonic marker; show it literally."""
    return text.replace("&", "&&")


def touch(widget: QWidget) -> QWidget:
    widget.setMinimumHeight(TOUCH)
    return widget


class TouchCheckBox(QCheckBox):
    """A check box whose whole 44 px row toggles it, not just the little square and its text."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(plain(text), parent)
        touch(self)

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt override)
        return self.rect().contains(pos)


class TextLine(QLineEdit):
    edited = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        touch(self)
        self.setPlaceholderText(placeholder)
        self.textEdited.connect(lambda _t: self.edited.emit())

    def value(self) -> str:
        return self.text()

    def set_value(self, value: Any) -> None:
        if value != self.text():
            self.setText(value or "")

    def set_read_only(self, flag: bool) -> None:
        self.setReadOnly(flag)


class TextArea(QPlainTextEdit):
    """Free text (narrative, notes). Tab moves focus so the form stays keyboard-operable."""

    edited = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self._loading = False
        self.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value: Any) -> None:
        if (value or "") == self.toPlainText():
            return
        self._loading = True
        try:
            self.setPlainText(value or "")
        finally:
            self._loading = False

    def set_read_only(self, flag: bool) -> None:
        self.setReadOnly(flag)


class Toggle(TouchCheckBox):
    edited = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.clicked.connect(lambda _c: self.edited.emit())

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))

    def set_read_only(self, flag: bool) -> None:
        self.setEnabled(not flag)


class Minutes(QSpinBox):
    """Whole minutes, or "not entered" (None) at the bottom of the range."""

    edited = Signal()

    def __init__(self, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        touch(self)
        self.setRange(-1, maximum)
        self.setSpecialValueText(translate("Minutes", "not entered"))
        self.setSuffix(translate("Minutes", " min"))
        self.setMinimumWidth(150)
        self.setMaximumWidth(220)
        self._loading = False
        self.valueChanged.connect(self._on_value_changed)

    def _on_value_changed(self, _v: int) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> int | None:  # type: ignore[override]
        v = super().value()
        return None if v < 0 else v

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.setValue(-1 if value is None else int(value))
        finally:
            self._loading = False

    def set_read_only(self, flag: bool) -> None:
        self.setReadOnly(flag)


class _ListDelegate(QStyledItemDelegate):
    """Drop-down rows tall enough to tap, with codes indented under their group headers."""

    def __init__(self, indent: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._indent = indent

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + self._indent, max(hint.height(), TOUCH))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if self._indent and index.data(Qt.ItemDataRole.UserRole) is not None:
            option = QStyleOptionViewItem(option)
            option.rect.adjust(self._indent, 0, 0, 0)
        super().paint(painter, option, index)


class CodeCombo(QComboBox):
    """One code from a list, or nothing yet ("Choose…")."""

    edited = Signal()

    def __init__(
        self,
        codes: CodeList,
        placeholder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        touch(self)
        # Translated here, not as the default (that would be the language at import time).
        self.addItem(placeholder or translate("CodeCombo", "Choose…"), None)
        for c in codes:
            self.addItem(shown(c), c.code)
        self.setItemDelegate(_ListDelegate(0, self))
        self.activated.connect(lambda _i: self.edited.emit())

    def value(self) -> str | None:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value is not None else 0
        self.setCurrentIndex(max(index, 0))

    def set_read_only(self, flag: bool) -> None:
        self.setEnabled(not flag)


class GroupedCodeCombo(CodeCombo):
    """Codes listed under non-selectable group headers (e.g. 17 dispositions in 7 groups)."""

    def __init__(
        self,
        codes: CodeList,
        groups: CodeList,
        group_key: str = "group",
        placeholder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        QComboBox.__init__(self, parent)
        touch(self)
        model = QStandardItemModel(self)
        first = QStandardItem(placeholder or translate("GroupedCodeCombo", 'Choose…'))
        first.setData(None, Qt.ItemDataRole.UserRole)
        model.appendRow(first)
        bold = QFont()
        bold.setBold(True)
        for group in groups:
            members = [c for c in codes if c.get(group_key) == group.code]
            if not members:
                continue
            header = QStandardItem(shown(group).upper())
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(bold)
            model.appendRow(header)
            for c in members:
                item = QStandardItem(f"{shown(c)} ({c.code})")
                item.setData(c.code, Qt.ItemDataRole.UserRole)
                model.appendRow(item)
        self.setModel(model)
        self.setItemDelegate(_ListDelegate(24, self))
        self.activated.connect(lambda _i: self.edited.emit())


class CodeChecks(QWidget):
    """Any number of codes from a list, as a grid of check boxes: as many columns (up to
    ``columns``) as the width allows, so a narrow pane gets one column, not a side scroll."""

    edited = Signal()

    def __init__(self, codes: CodeList, columns: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(0)
        self._max_columns = columns
        self._columns = 0
        self.boxes: dict[str, QCheckBox] = {}
        for c in codes:
            box = TouchCheckBox(shown(c))
            box.clicked.connect(lambda _c: self.edited.emit())
            self.boxes[c.code] = box
        self._arrange(columns)
        self.setMinimumWidth(self._cell_width())

    def _cell_width(self) -> int:
        return max(box.sizeHint().width() for box in self.boxes.values())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        gap = self._grid.horizontalSpacing()
        fit = (event.size().width() + gap) // (self._cell_width() + gap)
        self._arrange(max(1, min(self._max_columns, fit)))
        super().resizeEvent(event)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for i, box in enumerate(self.boxes.values()):
            self._grid.removeWidget(box)
            self._grid.addWidget(box, i // columns, i % columns)
        for col in range(self._max_columns):
            self._grid.setColumnStretch(col, 1 if col < columns else 0)

    def value(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def set_value(self, value: Any) -> None:
        chosen = set(value or ())
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)

    def set_read_only(self, flag: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not flag)


class ServicesGrid(QWidget):
    """Per person and service: offered, accepted or declined (or not mentioned). One answer
    per service for each person on the report ("For": the person served, or one of the
    persons contacted). Wide: the service and its three answers on one line; narrow: the
    answers under the name."""

    edited = Signal()
    SERVED = None  # the person_id of an answer for the person served

    def __init__(
        self, services: CodeList, responses: CodeList, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.person = QComboBox()
        touch(self.person)
        self.person.setAccessibleName(translate("ServicesGrid", "Services for"))
        self.person.addItem(translate("ServicesGrid", "The person served"), self.SERVED)
        self._person_row = QWidget()
        row = QHBoxLayout(self._person_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(translate("ServicesGrid", "For")))
        row.addWidget(self.person, 1)
        self._person_row.setVisible(False)  # shown once the report lists persons
        outer.addWidget(self._person_row)
        self._answers: dict[str | None, dict[str, str]] = {}  # person -> service -> response
        self.person.currentIndexChanged.connect(lambda _i: self._show_person())
        holder = QWidget()
        outer.addWidget(holder)
        self._grid = QGridLayout(holder)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setVerticalSpacing(4)
        # A chosen answer must stand out in any theme, not just look "pressed".
        self.setStyleSheet(
            "QPushButton:checked { background: palette(highlight);"
            " color: palette(highlighted-text);"
            " border: 2px solid palette(window-text); }"
        )
        self._services, self._responses = services, responses
        self._captions = {r.code: plain(shown(r)) for r in responses}
        self.labels: dict[str, QLabel] = {}
        self.buttons: dict[str, dict[str, QPushButton]] = {}
        for service in services:
            self.labels[service.code] = QLabel(shown(service))
            row_buttons: dict[str, QPushButton] = {}
            for response in responses:
                button = QPushButton(plain(shown(response)))
                touch(button)
                button.setCheckable(True)
                button.setAccessibleName(f"{shown(service)}: {shown(response)}")
                button.clicked.connect(
                    lambda checked, s=service.code, r=response.code: self._on_clicked(s, r, checked)
                )
                row_buttons[response.code] = button
            self.buttons[service.code] = row_buttons
        self._narrow: bool | None = None
        self._arrange(False)
        self.setMinimumWidth(self._buttons_width())

    def _buttons_width(self) -> int:
        # Leave room for the tick a chosen answer gets, so choosing never widens the grid.
        row = next(iter(self.buttons.values())).values()
        tick = self.fontMetrics().horizontalAdvance("✓ ")
        return sum(b.sizeHint().width() + tick + self._grid.horizontalSpacing() for b in row)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        label = max(lbl.sizeHint().width() for lbl in self.labels.values())
        self._arrange(event.size().width() < label + 16 + self._buttons_width())
        super().resizeEvent(event)

    def _arrange(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        for i, (code, label) in enumerate(self.labels.items()):
            row = 2 * i if narrow else i
            self._grid.removeWidget(label)
            self._grid.addWidget(label, row, 0, 1, 3 if narrow else 1)
            for col, button in enumerate(self.buttons[code].values()):
                self._grid.removeWidget(button)
                self._grid.addWidget(button, row + 1 if narrow else row, col if narrow else col + 1)
        for col in range(4):
            self._grid.setColumnStretch(col, 1 if (col < 3 if narrow else col == 0) else 0)

    def _on_clicked(self, service: str, response: str, checked: bool) -> None:
        if checked:
            for code, button in self.buttons[service].items():
                if code != response:
                    button.setChecked(False)
        mine = self._answers.setdefault(self.current_person(), {})
        if checked:
            mine[service] = response
        else:
            mine.pop(service, None)
        self._mark(service)
        self.edited.emit()

    def current_person(self) -> str | None:
        return self.person.currentData()

    def set_persons(self, persons: Any, drop_missing: bool = True) -> None:
        """The persons on the report, as (person_id, label); answers for a person removed
        from it go with them (``drop_missing``)."""
        persons = list(persons)
        current = self.current_person()
        self.person.blockSignals(True)
        while self.person.count() > 1:
            self.person.removeItem(1)
        for person_id, label in persons:
            self.person.addItem(label, person_id)
        index = self.person.findData(current) if current is not None else 0
        self.person.setCurrentIndex(max(0, index))
        self.person.blockSignals(False)
        self._person_row.setVisible(bool(persons))
        known = {self.SERVED, *(pid for pid, _label in persons)}
        gone = [pid for pid, answers in self._answers.items()
                if drop_missing and pid not in known and answers]
        for pid in gone:
            del self._answers[pid]
        self._show_person()
        if gone:
            self.edited.emit()

    def _show_person(self) -> None:
        mine = self._answers.get(self.current_person(), {})
        for service, row in self.buttons.items():
            for response, button in row.items():
                button.setChecked(mine.get(service) == response)
            self._mark(service)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if is_language_change(event):
            self._relabel()
        super().changeEvent(event)

    def _relabel(self) -> None:
        """Names, answers and the composite accessible names ("Shelter bed: Offered") in the
        window's language: no catalogue holds the composites, so they are made again."""
        self._captions = {r.code: plain(shown(r)) for r in self._responses}
        for service in self._services:
            if service.code not in self.buttons:
                continue
            self.labels[service.code].setText(shown(service))
            for response in self._responses:
                button = self.buttons[service.code].get(response.code)
                if button is not None:
                    button.setAccessibleName(f"{shown(service)}: {shown(response)}")
            self._mark(service.code)

    def _mark(self, service: str) -> None:
        """A tick on the chosen answer, so the choice does not rest on colour alone."""
        for code, button in self.buttons[service].items():
            button.setText(("✓ " if button.isChecked() else "") + self._captions[code])

    def value(self) -> tuple[ServiceEntry, ...]:
        order = [self.SERVED, *[pid for pid in self._answers if pid is not self.SERVED]]
        return tuple(
            ServiceEntry(service, answers[service], person_id)
            for person_id in order
            for answers in [self._answers.get(person_id, {})]
            for service in self.buttons
            if service in answers
        )

    def set_value(self, value: Any) -> None:
        self._answers = {}
        for s in value or ():
            self._answers.setdefault(s.person_id, {})[s.code] = s.response
        self._show_person()

    def set_read_only(self, flag: bool) -> None:
        for row in self.buttons.values():
            for button in row.values():
                button.setEnabled(not flag)
