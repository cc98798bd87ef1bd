"""The "Details" tab of a call: location, caller, narrative, flags and the status timeline."""

from __future__ import annotations

from datetime import datetime

from civilian_responder.clock import parse_iso
from civilian_responder.models import Call, StatusEvent
from civilian_responder_ui.shell.code_labels import shown_of
from civilian_responder_ui.shell.translations import Translations, fill, translate
from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget


def local_time(at: str, today: datetime | None = None) -> str:
    """HH:MM in local time; with the date when it was not today."""
    when = parse_iso(at).astimezone()
    today = today or datetime.now().astimezone()
    if when.date() == today.date():
        return when.strftime("%H:%M")
    active = Translations.active
    if active is None or active.language == "en":
        return when.strftime("%b %d %H:%M")
    # The month in the window's language (QLocale.setDefault follows the translators).
    return QLocale().toString(QDateTime(when.replace(tzinfo=None)), "d MMM HH:mm")


class DetailsPage(QWidget):
    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPage")
        self._app = app
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(14, 6, 14, 14)
        self._box.setSpacing(4)
        self.location = self._section(translate("DetailsPage", 'Location'))
        self.caller = self._section(translate("DetailsPage", 'Caller'))
        self.narrative = self._section(translate("DetailsPage", 'Dispatcher narrative'))
        self.flags_title = _title(translate("DetailsPage", 'Flags'), self)
        self._box.addWidget(self.flags_title)
        self.flags = self._value()
        self._box.addWidget(_title(translate("DetailsPage", 'Timeline'), self))
        self.timeline_box = QFrame(self, objectName="timelineBox")
        self.timeline = QGridLayout(self.timeline_box)
        self.timeline.setContentsMargins(12, 8, 12, 8)
        self.timeline.setHorizontalSpacing(18)
        self.timeline.setVerticalSpacing(6)
        self.timeline.setColumnStretch(1, 1)
        self._box.addWidget(self.timeline_box)
        self._box.addStretch(1)

    def _section(self, title: str) -> QLabel:
        self._box.addWidget(_title(title, self))
        return self._value()

    def _value(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._box.addWidget(label)
        return label

    def show_call(self, call: Call, events: list[StatusEvent]) -> None:
        where = [call.address]
        if call.cross_streets:
            where.append(call.cross_streets)
        if call.location_note:
            where.append(call.location_note)
        self.location.setText("\n".join(where))
        caller = "  \u00b7  ".join(p for p in (call.caller_name, call.caller_phone) if p)
        self.caller.setText(caller or translate("DetailsPage", 'No caller information'))
        self.narrative.setText(call.narrative or translate("DetailsPage", 'No narrative'))
        flags = self._flag_labels(call.id)
        self.flags_title.setVisible(bool(flags))
        self.flags.setVisible(bool(flags))
        self.flags.setText(", ".join(flags))
        self._show_timeline(call, events)

    def _flag_labels(self, call_id: str) -> list[str]:
        report = self._app.reports.current_for_call(call_id)
        if report is None:
            return []
        return [shown_of(self._app.reference.flags, code) for code in report.flags]

    def _show_timeline(self, call: Call, events: list[StatusEvent]) -> None:
        while self.timeline.count():
            item = self.timeline.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        rows = [(call.received_at, translate("DetailsPage", 'Received'), "")]
        ref = self._app.reference
        for e in events:
            if e.kind == "backup":
                what = fill(
                    translate("DetailsPage", "Police backup requested: %1"),
                    shown_of(ref.backup_reasons, e.reason_code),
                )
                rows.append((e.at, what, "timelineBackup"))
            elif e.kind == "status":
                rows.append((e.at, shown_of(ref.unit_statuses, e.status), ""))
            if e.note:
                rows.append(
                    (e.at, fill(translate("DetailsPage", "    Note: %1"), e.note), "fieldLabel")
                )
        for r, (at, what, style) in enumerate(rows):
            time_label = QLabel(local_time(at), self.timeline_box, objectName="timelineTime")
            what_label = QLabel(what, self.timeline_box)
            what_label.setWordWrap(True)
            if style:
                what_label.setObjectName(style)
            self.timeline.addWidget(time_label, r, 0, Qt.AlignmentFlag.AlignTop)
            self.timeline.addWidget(what_label, r, 1)

    def timeline_texts(self) -> list[str]:
        """What the timeline shows, row by row (for tests and accessibility checks)."""
        out = []
        for r in range(self.timeline.rowCount()):
            item = self.timeline.itemAtPosition(r, 1)
            if item is not None and item.widget() is not None:
                out.append(item.widget().text())
        return out


def _title(text: str, parent: QWidget) -> QLabel:
    return QLabel(text, parent, objectName="sectionTitle")
