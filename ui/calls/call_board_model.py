"""The call board's item model: plain ``CallSummary`` rows, most urgent first.

No widget per row, so it stays quick with 50,000 calls. Filtering matches against a lowercase
"haystack" string precomputed per row, so a keystroke is one list comprehension.
"""

from __future__ import annotations

import bisect
from datetime import datetime

from civilian_responder.clock import parse_iso
from civilian_responder.models import Call, CallSummary
from civilian_responder.reference import ReferenceData
from civilian_responder_ui.shell import code_labels
from civilian_responder_ui.shell.theme import COLORS, ThemeColors
from civilian_responder_ui.shell.translations import QT_TRANSLATE_NOOP, fill, translate
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

CALL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CLOSED_STATUSES = frozenset({"CLEARED"})
URGENT_PRIORITY = 2
CAUTION_MARK = "\u26a0"
ACTIVE_MARK = "\u25b6"  # the call the unit is working
HELD_MARK = "\u2016"  # a call the unit put on hold to work another
UNSYNCED_MARK = "\u21e7"
COLUMNS = (
    "",
    QT_TRANSLATE_NOOP("CallBoardModel", "Call"),
    QT_TRANSLATE_NOOP("CallBoardModel", "Type"),
    QT_TRANSLATE_NOOP("CallBoardModel", "P"),
    QT_TRANSLATE_NOOP("CallBoardModel", "Address"),
    QT_TRANSLATE_NOOP("CallBoardModel", "Age"),
    QT_TRANSLATE_NOOP("CallBoardModel", "Status"),
)
COL_MARKS, COL_NUMBER, COL_TYPE, COL_PRIORITY, COL_ADDRESS, COL_AGE, COL_STATUS = range(7)
ROW_HEIGHT = 48

Index = QModelIndex | QPersistentModelIndex


# Digits flipped (0<->9): fixed-format ISO times then sort newest first as plain strings.
_NEWEST_FIRST = str.maketrans("0123456789", "9876543210")


def board_key(c: CallSummary) -> tuple[bool, int, str]:
    """The store's board order: open calls by priority, then oldest first; then history
    (closed calls), newest first."""
    if c.status in CLOSED_STATUSES:
        return (True, 0, c.received_at.translate(_NEWEST_FIRST))
    return (False, c.priority, c.received_at)


def summary_of(call: Call, unsynced: bool) -> CallSummary:
    return CallSummary(
        id=call.id,
        number=call.display_number,
        type_code=call.type_code,
        priority=call.priority,
        address=call.address,
        status=call.status,
        received_at=call.received_at,
        has_caution=bool(call.caution_notes.strip()),
        unsynced=unsynced,
        narrative_head=call.narrative[:200],
    )


def format_age(received: datetime, now: datetime) -> str:
    minutes = max(0, int((now - received).total_seconds() // 60))
    if minutes < 60:
        return fill(translate("call_board_model", '%1 min'), minutes)
    if minutes < 24 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} d"


class CallBoardModel(QAbstractTableModel):
    def __init__(self, reference: ReferenceData, now: datetime, parent=None) -> None:
        super().__init__(parent)
        self._reference = reference
        self._labels_for: object = None
        self._relabel()
        self._rows: list[CallSummary] = []
        self._active: str | None = None
        self._held: frozenset[str] = frozenset()
        self._hay: list[str] = []
        self._visible: list[int] = []
        self._needle = ""
        self._now = now
        self._colors = COLORS["day"]
        self._bold = QFont()
        self._bold.setBold(True)

    def bold_font(self) -> QFont:
        return self._bold

    def set_font(self, font: QFont) -> None:
        self._bold = QFont(font)
        self._bold.setBold(True)

    # Data in ---------------------------------------------------------------------------------

    def _key(self, c: CallSummary) -> tuple[bool, bool, int, str]:
        """The board's order with the active call first (the store sorts the rest)."""
        closed, priority, when = board_key(c)
        return (closed, c.id != self._active, priority, when)

    def set_unit(self, active_id: str | None, held: frozenset[str]) -> None:
        """Which call is active and which are held; call before ``set_calls``/``upsert``."""
        self._active, self._held = active_id, held

    def active_id(self) -> str | None:
        return self._active

    def set_calls(self, calls: list[CallSummary], now: datetime) -> None:
        self.beginResetModel()
        # Nearly sorted already (only the active call moves up): timsort is linear here.
        calls.sort(key=self._key)
        self._rows = calls
        self._now = now
        self._index_rows()
        self.endResetModel()

    def relabel(self) -> None:
        """After a language switch: the filter finds call types by their new labels (the
        rows are the same; nothing is read again)."""
        self.beginResetModel()
        self._index_rows()
        self.endResetModel()

    def _index_rows(self) -> None:
        types = self._type_labels
        # One lowercase string per row, built once, so a filter is a plain substring scan.
        self._hay = [
            f"{c.number}\t{c.address}\t{c.type_code} {types.get(c.type_code, '')}\t"
            f"{c.narrative_head}".lower()
            for c in self._rows
        ]
        self._visible = self._match(self._needle)

    def upsert(self, summary: CallSummary) -> None:
        """Put one changed or new call in its place without re-reading the whole board
        (a full read of 50,000 calls takes too long for the GUI thread after every tap)."""
        at = next((i for i, c in enumerate(self._rows) if c.id == summary.id), None)
        self.beginResetModel()
        if at is not None:
            del self._rows[at]
            del self._hay[at]
        pos = bisect.bisect_right(self._rows, self._key(summary), key=self._key)
        self._rows.insert(pos, summary)
        self._hay.insert(pos, self._haystack(summary))
        self._visible = self._match(self._needle)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        needle = " ".join(text.lower().split())
        if needle == self._needle:
            return
        self.beginResetModel()
        self._needle = needle
        self._visible = self._match(needle)
        self.endResetModel()

    def set_colors(self, colors: ThemeColors) -> None:
        self._colors = colors
        self._emit_all_changed()

    def tick(self, now: datetime) -> None:
        """Ages move on; repaint the age column."""
        self._now = now
        if self._visible:
            self.dataChanged.emit(
                self.index(0, COL_AGE), self.index(len(self._visible) - 1, COL_AGE)
            )

    def _haystack(self, c: CallSummary) -> str:
        label = self._type_labels.get(c.type_code, "")
        return f"{c.number}\t{c.address}\t{c.type_code} {label}\t{c.narrative_head}".lower()

    def _match(self, needle: str) -> list[int]:
        hay = self._hay
        if not needle:
            return list(range(len(hay)))
        words = needle.split(" ")
        if len(words) == 1:
            return [i for i, h in enumerate(hay) if needle in h]
        return [i for i, h in enumerate(hay) if all(w in h for w in words)]

    # Lookups ---------------------------------------------------------------------------------

    def summary(self, row: int) -> CallSummary:
        return self._rows[self._visible[row]]

    def row_of(self, call_id: str) -> int:
        rows = self._rows
        for r, i in enumerate(self._visible):
            if rows[i].id == call_id:
                return r
        return -1

    def total_count(self) -> int:
        return len(self._rows)

    def open_count(self) -> int:
        return sum(1 for c in self._rows if c.status not in CLOSED_STATUSES)

    # Qt model API ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _relabel(self) -> None:
        """Call type and status labels in the window's language (rebuilt after a switch)."""
        self._labels_for = code_labels.current_table()
        ref = self._reference
        self._type_labels_cache = {c.code: code_labels.shown(c) for c in ref.call_types}
        self._status_labels_cache = {c.code: code_labels.shown(c) for c in ref.unit_statuses}

    @property
    def _type_labels(self) -> dict[str, str]:
        if self._labels_for is not code_labels.current_table():
            self._relabel()
        return self._type_labels_cache

    @property
    def _status_labels(self) -> dict[str, str]:
        if self._labels_for is not code_labels.current_table():
            self._relabel()
        return self._status_labels_cache

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("CallBoardModel", COLUMNS[section]) if COLUMNS[section] else ""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {
                COL_MARKS: translate("CallBoardModel", "Caution notes and unsynced changes"),
                COL_PRIORITY: translate("CallBoardModel", "Priority"),
            }.get(
                section
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        c = self._rows[self._visible[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(c, col)
        if role == CALL_ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(c, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(c, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            if c.priority <= URGENT_PRIORITY and c.status not in CLOSED_STATUSES:
                return QColor(self._colors.urgent_bg)
            return None
        if role == Qt.ItemDataRole.FontRole and (col in (COL_PRIORITY, COL_MARKS)
                                                 or c.id == self._active):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_MARKS, COL_PRIORITY):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(c, col) or self._display(c, col)
        return None

    def _display(self, c: CallSummary, col: int) -> str:
        if col == COL_MARKS:
            return (CAUTION_MARK if c.has_caution else " ") + (UNSYNCED_MARK if c.unsynced else " ")
        if col == COL_NUMBER:
            return c.number
        if col == COL_TYPE:
            return f"{c.type_code} {self._type_labels.get(c.type_code, '')}".rstrip()
        if col == COL_PRIORITY:
            return f"P{c.priority}"
        if col == COL_ADDRESS:
            return c.address
        if col == COL_AGE:
            return format_age(parse_iso(c.received_at), self._now)
        label = self._status_labels.get(c.status, c.status)
        if c.id == self._active:
            return f"{ACTIVE_MARK} {label}"
        if c.id in self._held:
            return f"{HELD_MARK} {label}"
        return label

    def _tooltip(self, c: CallSummary, col: int) -> str | None:
        if col in (COL_TYPE, COL_ADDRESS):  # these two may be cut short at 1366 px
            return self._display(c, col)
        if col == COL_STATUS and c.id == self._active:
            return translate("CallBoardModel", 'The call the unit is working')
        if col == COL_STATUS and c.id in self._held:
            return translate(
                "CallBoardModel",
                "On hold: the unit switched to another call; it waits in the queue",
            )
        if col != COL_MARKS:
            return None
        parts = []
        if c.has_caution:
            parts.append(
                translate("CallBoardModel", "Caution notes: read them before you approach")
            )
        if c.unsynced:
            parts.append(translate("CallBoardModel", 'Changes not yet sent to the station'))
        return "\n".join(parts) or None

    def _foreground(self, c: CallSummary, col: int) -> QColor | None:
        if col == COL_MARKS:
            return QColor(self._colors.caution if c.has_caution else self._colors.unsynced)
        if c.status in CLOSED_STATUSES:
            return QColor(self._colors.muted)
        if col == COL_PRIORITY and c.priority <= URGENT_PRIORITY:
            return QColor(self._colors.urgent_text)
        return None

    def _emit_all_changed(self) -> None:
        if self._visible:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._visible) - 1, len(COLUMNS) - 1)
            )
