"""Co-responders on a call: other agencies' units (police, fire, EMS, mobile crisis), when they
arrived and left, and who asked for whom. The report's response model is filled from them."""

from __future__ import annotations

from civilian_responder.clock import parse_iso
from civilian_responder.co_responders import suggested_response_model
from civilian_responder.errors import ResponderError
from civilian_responder.models import CoResponder
from civilian_responder_ui.shell.code_labels import shown, shown_of
from civilian_responder_ui.shell.error_dialog import show_error
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _time(at: str | None) -> str:
    return parse_iso(at).astimezone().strftime("%H:%M") if at else "\u2013"


class CoRespondersPanel(QWidget):
    changed = Signal(str)  # call id

    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._call_id: str | None = None
        self.setObjectName("coResponders")
        ref = app.reference
        title = QLabel(
            translate("CoRespondersPanel", "Other agencies on this call"),
            self,
            objectName="sectionTitle",
        )
        self.list = QListWidget(self, objectName="coResponderList")
        self.list.setAccessibleName(translate("CoRespondersPanel", "Co-responders on this call"))
        self.list.setMaximumHeight(110)
        self.model_label = QLabel(self, objectName="fieldLabel")
        self.model_label.setWordWrap(True)
        self.agency = QComboBox(self)
        for code in ref.agencies:
            self.agency.addItem(shown(code), code.code)
        self.unit_edit = QLineEdit(self)
        self.unit_edit.setPlaceholderText(translate("CoRespondersPanel", "Their unit, e.g. 2A31"))
        self.unit_edit.setAccessibleName(translate("CoRespondersPanel", "Co-responder unit id"))
        self.requested = QComboBox(self)
        for code in ref.co_response_requests:
            self.requested.addItem(shown(code), code.code)
        self.arrived_check = QCheckBox(translate("CoRespondersPanel", "Already on scene"), self)
        self.add_button = QPushButton(translate("CoRespondersPanel", "Add"), self)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.arrived_button = QPushButton(translate("CoRespondersPanel", "Arrived now"), self)
        self.arrived_button.clicked.connect(lambda: self._stamp("arrived"))
        self.departed_button = QPushButton(translate("CoRespondersPanel", "Left now"), self)
        self.departed_button.clicked.connect(lambda: self._stamp("departed"))
        form = QGridLayout()
        form.addWidget(self.agency, 0, 0)
        form.addWidget(self.unit_edit, 0, 1)
        form.addWidget(self.requested, 1, 0, 1, 2)
        form.addWidget(self.arrived_check, 2, 0)
        form.addWidget(self.add_button, 2, 1, Qt.AlignmentFlag.AlignRight)
        stamps = QHBoxLayout()
        stamps.addWidget(self.arrived_button)
        stamps.addWidget(self.departed_button)
        stamps.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(title)
        box.addWidget(self.list)
        box.addLayout(stamps)
        box.addWidget(self.model_label)
        box.addLayout(form)

    def show_call(self, call_id: str | None) -> None:
        self._call_id = call_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self._call_id is None:
            return
        ref = self._app.reference
        co = self._app.co_responders.for_call(self._call_id)
        for c in co:
            item = QListWidgetItem(self._text(c))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
        if co:
            self.list.setCurrentRow(self.list.count() - 1)
        suggestion = suggested_response_model(ref, co) if co else None
        self.model_label.setText(
            fill(
                translate("CoRespondersPanel", "Report response: %1"),
                shown_of(ref.response_models, suggestion),
            )
            if suggestion
            else translate(
                "CoRespondersPanel",
                "No other agency recorded: the report says the civilian team was alone unless you choose otherwise.",  # noqa: E501
            )
        )
        self.arrived_button.setEnabled(bool(co))
        self.departed_button.setEnabled(bool(co))

    def items(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add(self, agency: str, unit: str, requested_by: str, arrived: bool = False) -> None:
        self.agency.setCurrentIndex(self.agency.findData(agency))
        self.unit_edit.setText(unit)
        self.requested.setCurrentIndex(self.requested.findData(requested_by))
        self.arrived_check.setChecked(arrived)
        self._on_add_button_clicked()

    def _text(self, c: CoResponder) -> str:
        ref = self._app.reference
        unit = f" {c.unit_label}" if c.unit_label else ""
        return fill(
            translate("CoRespondersPanel", "%1%2  ·  %3  ·  arrived %4  ·  left %5"),
            shown_of(ref.agencies, c.agency_code),
            unit,
            shown_of(ref.co_response_requests, c.requested_by_code),
            _time(c.arrived_at),
            _time(c.departed_at),
        )

    def _on_add_button_clicked(self) -> None:
        if self._call_id is None:
            return
        try:
            self._app.co_responders.add(
                self._call_id,
                self.agency.currentData(),
                self.unit_edit.text(),
                self.requested.currentData(),
                arrived=self.arrived_check.isChecked(),
            )
        except ResponderError as exc:
            show_error(self, exc, translate("CoRespondersPanel", 'Co-responder not added'))
            return
        self.unit_edit.clear()
        self.arrived_check.setChecked(False)
        self.refresh()
        self.changed.emit(self._call_id)

    def _stamp(self, which: str) -> None:
        item = self.list.currentItem()
        if item is None or self._call_id is None:
            return
        co_id = item.data(Qt.ItemDataRole.UserRole)
        try:
            if which == "arrived":
                self._app.co_responders.arrived(co_id)
            else:
                self._app.co_responders.departed(co_id)
        except ResponderError as exc:
            show_error(self, exc, translate("CoRespondersPanel", 'Time not saved'))
            return
        self.refresh()
        self.changed.emit(self._call_id)
