import pytest
from civilian_responder.errors import InvalidTransitionError, ValidationError


def test_only_valid_next_steps_are_offered(app, open_call):
    assert app.calls.next_statuses(open_call) == ("ACKNOWLEDGED", "CLEARED")
    with pytest.raises(InvalidTransitionError, match="Dispatched to On scene"):
        app.calls.change_status(open_call.id, "ON_SCENE")


def test_a_status_change_is_an_event_with_its_outbox_entry(app, open_call, clock):
    event = app.calls.change_status(open_call.id, "ACKNOWLEDGED")
    assert app.calls.get(open_call.id).status == "ACKNOWLEDGED"
    assert app.calls.timeline(open_call.id)[-1] == event
    pending = app.store.outbox.pending()
    assert [(e.kind, e.entity_id) for e in pending] == [("status_event", event.id)]
    assert event.at == "2026-11-21T14:00:00.000Z"


def test_the_full_path_with_transport(app, open_call, clock):
    for status in ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "TRANSPORTING", "AT_DESTINATION",
                   "CLEARED"):
        clock.advance(60)
        app.calls.change_status(open_call.id, status)
    call = app.calls.get(open_call.id)
    assert call.status == "CLEARED"
    assert app.calls.next_statuses(call) == ()


def test_backup_can_be_requested_at_any_time_with_a_coded_reason(app, open_call):
    event = app.calls.request_backup(open_call.id, "WEAPON", "knife seen")
    assert event.kind == "backup" and event.reason_code == "WEAPON"
    assert app.calls.get(open_call.id).status == open_call.status
    with pytest.raises(ValidationError):
        app.calls.request_backup(open_call.id, "because")


def test_a_failed_change_leaves_no_event_and_no_outbox_entry(app, open_call):
    with pytest.raises(InvalidTransitionError):
        app.calls.change_status(open_call.id, "CLEARED_TYPO")
    assert app.store.outbox.pending() == []
    assert all(e.status != "CLEARED_TYPO" for e in app.calls.timeline(open_call.id))


def test_self_initiated_call_gets_a_local_number_and_syncs_later(app):
    working = app.calls.active_call()
    call = app.calls.create_self_initiated("647", "Library steps, S 38th St", "sleeping, cold")
    assert call.cad_number is None and call.display_number.startswith("LOCAL-")
    assert call.self_initiated and call.status == "ON_SCENE"
    # The on-view call becomes the active one; the call worked until then waits on hold.
    assert app.calls.active_call().id == call.id and working.id in app.calls.queue().held
    held = app.calls.timeline(working.id)[-1]
    assert (held.kind, held.reason_code, held.status) == ("note", "HOLD", working.status)
    kinds = [(e.kind, e.entity_id) for e in app.store.outbox.pending()]
    assert kinds == [("status_event", held.id), ("call", call.id),
                     ("status_event", app.calls.timeline(call.id)[-1].id)]
    row = next(r for r in app.calls.board() if r.id == call.id)
    assert row.unsynced


def test_self_initiated_call_names_what_is_missing(app):
    with pytest.raises(ValidationError) as err:
        app.calls.create_self_initiated("NOPE", "  ")
    assert set(err.value.field_errors) == {"type_code", "address"}


def test_board_puts_open_calls_first_then_priority_then_age(app):
    rows = app.calls.board()
    closed = [r.status == "CLEARED" for r in rows]
    assert closed == sorted(closed)
    opened = [(r.priority, r.received_at) for r in rows if r.status != "CLEARED"]
    assert opened == sorted(opened)
    # History (cleared calls) comes last, the most recent first.
    history = [r.received_at for r in rows if r.status == "CLEARED"]
    assert history == sorted(history, reverse=True)
