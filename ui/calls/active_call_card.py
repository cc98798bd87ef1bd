"""The call the unit is working, shown large above the queue; or what the unit is doing when
no call is active."""

from __future__ import annotations

from civilian_responder.clock import parse_iso
from civilian_responder.models import CallSummary
from civilian_responder_ui.calls.call_board_model import format_age
from civilian_responder_ui.shell.code_labels import shown_of
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget


class ActiveCallCard(QFrame):
    """Click it to open the active call. ``clicked`` carries the call id."""

    clicked = Signal(str)

    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._call_id: str | None = None
        self.setObjectName("activeCallCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(translate("ActiveCallCard", "Active call"))
        self.caption = QLabel(
            translate("ActiveCallCard", "ACTIVE CALL"), self, objectName="activeCaption"
        )
        self.title = QLabel(self, objectName="activeTitle")
        self.title.setWordWrap(True)
        self.where = QLabel(self, objectName="activeWhere")
        self.where.setWordWrap(True)
        self.status = QLabel(self, objectName="activeStatus")
        self.queue_label = QLabel(self, objectName="queueLabel")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.caption, 0, 0)
        grid.addWidget(self.status, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.title, 1, 0, 1, 2)
        grid.addWidget(self.where, 2, 0, 1, 2)
        grid.addWidget(self.queue_label, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)

    def show_queue(self, active: CallSummary | None, queued: int, held: int) -> None:
        ref = self._app.reference
        self._call_id = active.id if active else None
        self.setProperty("idle", active is None)
        if active is None:
            state = self._app.calls.unit_status()
            self.caption.setText(translate("ActiveCallCard", "NO ACTIVE CALL"))
            self.title.setText(
                fill(translate("ActiveCallCard", "Unit %1"),
                     shown_of(ref.unit_states, state).lower())
            )
            self.where.setText(
                translate(
                    "ActiveCallCard", "Choose a call in the queue and set it en route to work it."
                )
            )
            self.status.setText("")
        else:
            self.caption.setText(translate("ActiveCallCard", "ACTIVE CALL"))
            self.title.setText(
                f"{active.number}   P{active.priority}   {active.type_code} "
                f"{shown_of(ref.call_types, active.type_code)}"
            )
            age = format_age(parse_iso(active.received_at), self._app.clock.now())
            self.where.setText(
                fill(
                    translate("ActiveCallCard", "%1   \u00b7   received %2 ago"),
                    active.address,
                    age,
                )
            )
            self.status.setText(shown_of(ref.unit_statuses, active.status))
        waiting = (
            fill(translate("ActiveCallCard", "%1 waiting in the queue"), queued)
            if queued
            else translate("ActiveCallCard", "Nothing waiting")
        )
        self.queue_label.setText(
            waiting + (fill(translate("ActiveCallCard", " (%1 on hold)"), held) if held else "")
        )
        # The labels' colours hang on the card's "idle" property: polish them again too, or
        # they keep the idle grey on the active card's blue (unreadable at night).
        for widget in (self, self.caption, self.title, self.where, self.status, self.queue_label):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def call_id(self) -> str | None:
        return self._call_id

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._call_id and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self._call_id)
        super().mouseReleaseEvent(event)
