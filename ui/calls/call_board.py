"""The call board: the unit's calls, most urgent first, with an instant type-to-filter."""

from __future__ import annotations

from civilian_responder_ui.calls.active_call_card import ActiveCallCard
from civilian_responder_ui.calls.call_board_model import (  # noqa: F401 (CallBoardModel and the roles are re-exported)
    CALL_ID_ROLE,
    CAUTION_MARK,
    COL_ADDRESS,
    COL_AGE,
    COL_MARKS,
    COL_NUMBER,
    COL_PRIORITY,
    COL_STATUS,
    COL_TYPE,
    ROW_HEIGHT,
    UNSYNCED_MARK,
    CallBoardModel,
    format_age,
    summary_of,
)
from civilian_responder_ui.shell.theme import ThemeColors
from civilian_responder_ui.shell.translations import fill, translate
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class CallBoardView(QWidget):
    """The active call on top, then a filter box and the table: the active call, the queue
    (most urgent first; held calls marked), then history. Emits ``call_selected``."""

    call_selected = Signal(str)

    def __init__(self, app, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._current_id: str | None = None
        self.model = CallBoardModel(app.reference, app.clock.now(), self)
        self.filter_edit = QLineEdit(self, objectName="boardFilter")
        self.filter_edit.setPlaceholderText(
            translate("CallBoardView", "Filter: number, address, type, words")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(translate("CallBoardView", "Filter calls"))
        self.count_label = QLabel(self, objectName="boardCount")
        self.active_card = ActiveCallCard(app, self)
        self.active_card.clicked.connect(self.select_call)
        self.table = QTableView(self, objectName="callBoard")
        self.table.setModel(self.model)
        self.table.setAccessibleName(translate("CallBoardView", "Call board"))
        self._setup_table()
        self._layout()
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.installEventFilter(self)
        self.filter_edit.installEventFilter(self)
        self._ages = QTimer(self, interval=60_000)
        self._ages.timeout.connect(lambda: self.model.tick(self._app.clock.now()))
        self._ages.start()

    def _setup_table(self) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setShowGrid(False)
        t.setWordWrap(False)
        t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        t.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = t.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(ROW_HEIGHT)
        hh = t.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setMinimumSectionSize(30)
        # A condensed face fits every column at 1366 px without shrinking the text.
        font = QFont(t.font())
        font.setFamily("DejaVu Sans Condensed")
        t.setFont(font)
        self.model.set_font(font)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._size_columns()

    def _size_columns(self) -> None:
        t, hh = self.table, self.table.horizontalHeader()
        fm, bold = t.fontMetrics(), QFontMetrics(self.model.bold_font())
        widths = {
            COL_MARKS: bold.horizontalAdvance(CAUTION_MARK + UNSYNCED_MARK) + 14,
            COL_NUMBER: fm.horizontalAdvance("T000000000000") + 18,
            COL_TYPE: fm.horizontalAdvance(translate("CallBoardView", '5150 Mental-health')) + 16,
            COL_PRIORITY: bold.horizontalAdvance("P3") + 22,
            COL_AGE: fm.horizontalAdvance(translate("CallBoardView", '46 min')) + 18,
            COL_STATUS: fm.horizontalAdvance(translate("CallBoardView", 'At destination')) + 18,
        }
        for col, width in widths.items():
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            t.setColumnWidth(col, width)
        for col in (COL_TYPE, COL_ADDRESS):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addWidget(self.active_card)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        self.empty_label = QLabel(self, objectName="emptyHint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        box.addWidget(self.empty_label, 1)

    # Public ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the board again (after a change), keeping the selected call selected."""
        self._read_queue()
        self.model.set_calls(self._app.calls.board(), self._app.clock.now())
        self._restore_selection()

    def relabel(self) -> None:
        """After a language switch: the same calls, their labels in the new language."""
        self._read_queue()  # the active-call card (the unit's queue, not the whole board)
        self.model.relabel()
        self._restore_selection()

    def refresh_call(self, call_id: str) -> None:
        """After this device changed one call: it now has unsent changes. A change that
        moved the unit to another call (or cleared it) re-reads the queue too."""
        before = self.model.active_id()
        self._read_queue()
        if self.model.active_id() != before:
            self.model.set_calls(self._app.calls.board(), self._app.clock.now())
        else:
            self.model.upsert(summary_of(self._app.calls.get(call_id), unsynced=True))
        self._restore_selection()

    def _read_queue(self) -> None:
        queue = self._app.calls.queue()
        self.model.set_unit(queue.active.id if queue.active else None, queue.held)
        self.active_card.show_queue(queue.active, len(queue.queued), len(queue.held))

    def current_call_id(self) -> str | None:
        return self._current_id

    def select_call(self, call_id: str) -> bool:
        row = self.model.row_of(call_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def select_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def set_colors(self, colors: ThemeColors) -> None:
        self.model.set_colors(colors)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Typing on the board goes to the filter box; Down and Escape in the box go back."""
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if watched is self.filter_edit and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Escape):
            if event.key() == Qt.Key.Key_Escape:
                self.filter_edit.clear()
            self.table.setFocus()
            return True
        if watched is self.table:
            text = event.text()
            plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if plain and text and text.isprintable() and not text.isspace():
                self.filter_edit.setFocus()
                self.filter_edit.insert(text)
                return True
        return super().eventFilter(watched, event)

    # Slots -----------------------------------------------------------------------------------

    def _restore_selection(self) -> None:
        if self._current_id is not None and self.model.row_of(self._current_id) >= 0:
            self.select_call(self._current_id)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        self.count_label.setText(
            fill(translate("CallBoardView", "%1 of %2"), f"{shown:,}", f"{total:,}")
            if shown != total
            else fill(translate("CallBoardView", "%1 calls"), f"{total:,}")
        )
        if total == 0:
            self.empty_label.setText(
                translate(
                    "CallBoardView",
                    "No calls on this device yet.\nCalls arrive from the station when you sync; "
                    "use \u201cOn-view call\u201d for someone you come upon.",
                )
            )
        elif shown == 0:
            self.empty_label.setText(
                fill(translate("CallBoardView", "No call matches \u201c%1\u201d."),
                     self.filter_edit.text())
            )
        self.empty_label.setVisible(shown == 0)
        self.table.setVisible(shown > 0)

    def _on_filter_edit_text_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._restore_selection()

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        call_id = current.data(CALL_ID_ROLE)
        if call_id != self._current_id:
            self._current_id = call_id
            self.call_selected.emit(call_id)
