"""The list of changes the station refused (quarantined) or found in conflict, with why.

Nothing here is deleted or retried silently: the local record stays as it was; a supervisor
sorts out a conflict on the station, where both versions are kept.
"""

from __future__ import annotations

import json

from civilian_responder.clock import parse_iso
from civilian_responder.models import OutboxEntry
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, fill, translate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

_STATE_WORDS = {
    "quarantined": QT_TRANSLATE_NOOP("SyncProblemsDialog", "Refused by the station"),
    "conflict": QT_TRANSLATE_NOOP("SyncProblemsDialog", "Conflict (both kept)"),
}


def describe(entry: OutboxEntry) -> str:
    """A short name for the change, without report content."""
    try:
        payload = json.loads(entry.payload)
    except ValueError:
        payload = {}
    if entry.kind == "report":
        return fill(
            translate("sync_problems", "Report %1 v%2"),
            payload.get("report_number", "?"),
            payload.get("version", "?"),
        )
    if entry.kind == "status_event":
        return fill(
            translate("sync_problems", "Status %1"),
            str(payload.get("status", "?")).replace("_", " ").lower(),
        )
    if entry.kind == "call":
        return fill(translate("sync_problems", 'On-view call at %1'), payload.get('address', '?'))
    if entry.kind == "attachment_meta":
        return fill(translate("sync_problems", 'Photo %1'), payload.get('filename', '?'))
    return entry.kind.replace("_", " ").capitalize()


class SyncProblemsDialog(QDialog):
    def __init__(self, entries: list[OutboxEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="syncProblemsDialog")
        self.setWindowTitle(translate("SyncProblemsDialog", "Changes that need attention"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "SyncProblemsDialog",
                "These changes were not accepted as they are. They are kept on this computer; "
                "the rest of your work keeps syncing. Tell your supervisor about a conflict: "
                "the station keeps both versions.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(entries), 4, self, objectName="syncProblemsTable")
        self.table.setHorizontalHeaderLabels(
            [
                translate("SyncProblemsDialog", "Change"),
                translate("SyncProblemsDialog", "Made"),
                translate("SyncProblemsDialog", "Result"),
                translate("SyncProblemsDialog", "Station's reason"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, entry in enumerate(entries):
            made = parse_iso(entry.created_at).astimezone().strftime("%d %b %H:%M")
            cells = (
                describe(entry),
                made,
                translate("SyncProblemsDialog", _STATE_WORDS.get(entry.state, entry.state)),
                entry.result_reason or translate("SyncProblemsDialog", "(no reason given)"),
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
