"""The call board model and view over a real demo profile."""

from __future__ import annotations

import pytest
from civilian_responder_ui.calls.call_board import (
    CALL_ID_ROLE,
    CAUTION_MARK,
    COL_MARKS,
    COL_STATUS,
    COL_TYPE,
    UNSYNCED_MARK,
    CallBoardView,
    format_age,
)

from tests.ui.shell_support import first_call_with_status


@pytest.fixture
def board(qtbot, core):
    view = CallBoardView(core)
    qtbot.addWidget(view)
    view.reload()
    return view


def _visible_ids(board):
    model = board.model
    return [model.index(r, 0).data(CALL_ID_ROLE) for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, board):
    qtmodeltester.check(board.model)
    board.model.set_filter("welfare")
    qtmodeltester.check(board.model)


def test_open_calls_come_first_then_priority_then_oldest(board, core):
    rows = [board.model.summary(r) for r in range(board.model.rowCount())]
    assert len(rows) == 65
    # The call the unit is working comes first, then the queue (most urgent first).
    active = core.calls.active_call().id
    assert rows[0].id == active
    opened = [(c.id != active, c.priority, c.received_at) for c in rows if c.status != "CLEARED"]
    assert opened == sorted(opened)
    # History after the open calls, the most recent first.
    history = [c.received_at for c in rows if c.status == "CLEARED"]
    assert history == sorted(history, reverse=True)
    keys = [c.status == "CLEARED" for c in rows]
    assert keys == sorted(keys)
    assert rows[0].status != "CLEARED" and rows[-1].status == "CLEARED"


def test_type_column_shows_code_and_plain_label(board):
    model = board.model
    texts = {model.index(r, COL_TYPE).data() for r in range(model.rowCount())}
    assert "5150 Mental-health crisis" in texts
    assert "WELCK Welfare check" in texts


def test_filter_by_number_finds_exactly_that_call(qtbot, board, core):
    target = core.calls.board()[10]
    qtbot.keyClicks(board.filter_edit, target.number)
    assert _visible_ids(board) == [target.id]
    assert board.count_label.text() == "1 of 65"


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("yakima ave", lambda c, lab: "yakima ave" in c.address.lower()),
        ("Mental-health", lambda c, lab: c.type_code == "5150"),
        ("laundromat", lambda c, lab: "laundromat" in (c.narrative_head + c.address).lower()),
        ("11300 narcotics", lambda c, lab: c.type_code == "11300"),
    ],
)
def test_filter_matches_address_type_label_and_narrative(board, core, text, matches):
    labels = core.reference.call_types
    expected = [c.id for c in core.calls.board() if matches(c, labels.label(c.type_code))]
    board.filter_edit.setText(text)
    assert expected, "the demo data should contain a match"
    assert _visible_ids(board) == expected
    board.filter_edit.clear()
    assert board.model.rowCount() == 65


def test_caution_marker_and_tooltip_on_calls_with_caution_notes(board):
    model = board.model
    rows = range(model.rowCount())
    flagged = [r for r in rows if model.summary(r).has_caution]
    plain = [r for r in rows if not model.summary(r).has_caution]
    assert flagged and plain
    for r in flagged:
        assert CAUTION_MARK in model.index(r, COL_MARKS).data()
        assert "Caution" in model.index(r, COL_MARKS).data(3)  # ToolTipRole
    assert all(CAUTION_MARK not in model.index(r, COL_MARKS).data() for r in plain)


def test_status_change_shows_unsynced_marker_and_keeps_selection(board, core):
    call_id = first_call_with_status(core, "DISPATCHED")
    assert board.select_call(call_id)
    row = board.model.row_of(call_id)
    assert UNSYNCED_MARK not in board.model.index(row, COL_MARKS).data()
    core.calls.change_status(call_id, "ACKNOWLEDGED")
    board.reload()
    row = board.model.row_of(call_id)
    assert UNSYNCED_MARK in board.model.index(row, COL_MARKS).data()
    assert board.model.index(row, COL_STATUS).data() == "Acknowledged"
    assert board.current_call_id() == call_id
    assert board.table.currentIndex().row() == row


def test_selecting_a_row_emits_the_call_id(qtbot, board):
    second = board.model.summary(1).id
    with qtbot.waitSignal(board.call_selected) as signal:
        board.table.selectRow(1)
    assert signal.args == [second]


def test_rows_are_big_enough_to_touch(board):
    assert board.table.verticalHeader().defaultSectionSize() >= 44


def test_age_reads_in_minutes_hours_and_days():
    from datetime import datetime, timedelta

    now = datetime(2026, 11, 21, 14, 0)
    assert format_age(now - timedelta(minutes=12, seconds=30), now) == "12 min"
    assert format_age(now - timedelta(hours=3, minutes=5), now) == "3 h"
    assert format_age(now - timedelta(days=4, hours=2), now) == "4 d"


def test_refresh_call_moves_a_cleared_call_like_a_full_reload_would(board, core):
    call_id = first_call_with_status(core, "ON_SCENE")
    board.select_call(call_id)
    core.calls.change_status(call_id, "CLEARED")
    board.refresh_call(call_id)
    incremental = _visible_ids(board)
    row = board.model.row_of(call_id)
    assert UNSYNCED_MARK in board.model.index(row, COL_MARKS).data()
    assert board.current_call_id() == call_id and board.table.currentIndex().row() == row
    board.reload()
    assert incremental == _visible_ids(board)


def test_keyboard_typing_on_board_filters_and_arrows_still_move(qtbot, board):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    board.show()
    qtbot.waitExposed(board)
    board.select_first()
    board.table.setFocus()
    qtbot.keyClick(board.table, Qt.Key.Key_Down)
    assert board.table.currentIndex().row() == 1
    qtbot.keyClicks(board.table, "Welfare")  # typing on the board goes to the filter
    assert board.filter_edit.text() == "Welfare"
    rows = range(board.model.rowCount())
    assert rows and all(board.model.summary(r).type_code == "WELCK" for r in rows)
    qtbot.keyClick(board.filter_edit, Qt.Key.Key_Escape)
    assert board.filter_edit.text() == "" and board.model.rowCount() == 65
    assert QApplication.focusWidget() in (board.table, None)


def test_empty_board_and_no_match_say_so(qtbot, board, tmp_path):
    from civilian_responder.app import open_app

    board.filter_edit.setText("zzz-no-such-call")
    assert board.empty_label.isVisibleTo(board)
    assert "zzz-no-such-call" in board.empty_label.text()
    assert not board.table.isVisibleTo(board)
    board.filter_edit.clear()
    assert board.table.isVisibleTo(board) and not board.empty_label.isVisibleTo(board)

    empty = open_app(tmp_path / "empty")
    try:
        view = CallBoardView(empty)
        qtbot.addWidget(view)
        view.reload()
        assert "No calls on this device yet" in view.empty_label.text()
    finally:
        empty.close()
