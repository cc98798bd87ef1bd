"""One status per unit: one active call, a queue most urgent first, switching that says what
happens to the current call; co-responders and the response model they suggest; clock sanity."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from civilian_responder.app import open_app
from civilian_responder.calls import ActiveCallError
from civilian_responder.clock import CorrectedClock, FixedClock, iso
from civilian_responder.errors import InvalidTransitionError, ValidationError
from civilian_responder.models import Call, CrewMember, StatusEvent
from civilian_responder.sync.clock_check import ClockCheck, measure

START = datetime(2026, 11, 21, 16, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return FixedClock(START)


@pytest.fixture
def unit(tmp_path, clock):
    app = open_app(tmp_path / "p", clock=clock)
    app.shifts.start(
        [CrewMember("P1", "Ana", "CSO"), CrewMember("P2", "Ben", "CLINICIAN")], "VAN-3", 100
    )
    yield app
    app.close()


def dispatched(app, n: int, priority: int, minutes_ago: int) -> Call:
    """A call as the station's pull would store it: dispatched to this unit."""
    at = iso(START - timedelta(minutes=minutes_ago))
    call = Call(
        id=f"call-{n}",
        cad_number=f"T26112100000{n}",
        unit_id=app.unit_id,
        type_code="WELCK",
        priority=priority,
        status="DISPATCHED",
        address=f"{n}00 Main St",
        received_at=at,
        updated_at=at,
    )
    with app.store.atomic("dispatch"):
        app.store.calls.insert(call)
        app.store.calls.add_event(
            StatusEvent(f"ev-{n}", call.id, "status", "DISPATCHED", at, origin="station")
        )
    return call


def test_the_first_call_worked_becomes_active_and_the_rest_queue_most_urgent_first(unit):
    a = dispatched(unit, 1, 3, 30)
    b = dispatched(unit, 2, 2, 5)
    c = dispatched(unit, 3, 3, 50)
    assert unit.calls.active_call() is None and unit.calls.unit_status() == "AVAILABLE"
    unit.calls.change_status(a.id, "ACKNOWLEDGED")
    assert unit.calls.active_call().id == a.id and unit.calls.unit_status() == "ASSIGNED"
    unit.calls.change_status(a.id, "EN_ROUTE")
    assert unit.calls.unit_status() == "EN_ROUTE"
    queue = unit.calls.queue()
    assert queue.active.id == a.id
    assert [q.id for q in queue.queued] == [b.id, c.id]  # priority 2, then the older P3
    # Acknowledging a queued call is allowed; setting out for it is not, without a switch.
    unit.calls.change_status(b.id, "ACKNOWLEDGED")
    with pytest.raises(ActiveCallError) as err:
        unit.calls.change_status(b.id, "EN_ROUTE")
    assert err.value.active_call_id == a.id and "switch" in str(err.value)
    assert unit.calls.get(b.id).status == "ACKNOWLEDGED"
    assert unit.calls.active_call().id == a.id


def test_switching_holds_clears_or_hands_over_the_current_call(unit):
    a, b, c = (dispatched(unit, n, 3, 10 * n) for n in (1, 2, 3))
    for status in ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE"):
        unit.calls.change_status(a.id, status)
    assert unit.calls.switch_options(b.id) == ["HOLD", "CLEAR", "HAND_OVER"]
    with pytest.raises(ValidationError):
        unit.calls.switch_to(b.id, None)
    unit.calls.switch_to(b.id, "HOLD", "diverted to a P2")
    assert unit.calls.active_call().id == b.id and unit.calls.unit_status() == "ASSIGNED"
    assert unit.calls.queue().held == {a.id}
    held = unit.calls.timeline(a.id)[-1]
    assert (held.kind, held.reason_code, held.status, held.note) == (
        "note",
        "HOLD",
        "ON_SCENE",
        "diverted to a P2",
    )
    assert unit.calls.get(a.id).status == "ON_SCENE"  # per-call status unchanged by a hold
    unit.calls.change_status(b.id, "ACKNOWLEDGED")
    unit.calls.change_status(b.id, "EN_ROUTE")
    unit.calls.switch_to(c.id, "HAND_OVER", "CSO-14 takes it")
    assert [e.status for e in unit.calls.timeline(b.id) if e.kind == "status"][-1] == "CLEARED"
    assert unit.calls.timeline(b.id)[-2].reason_code == "HAND_OVER"
    # Back to the held call: it leaves the queue's hold list; clearing it frees the unit.
    unit.calls.switch_to(a.id, "CLEAR")
    assert unit.calls.get(c.id).status == "CLEARED" and unit.calls.queue().held == frozenset()
    unit.calls.change_status(a.id, "CLEARED")
    assert unit.calls.active_call() is None and unit.calls.unit_status() == "AVAILABLE"
    statuses = [u.status for u in unit.calls.unit_timeline()]
    assert statuses == [
        "AVAILABLE",
        "ASSIGNED",
        "EN_ROUTE",
        "ON_SCENE",
        "ASSIGNED",
        "EN_ROUTE",
        "ASSIGNED",
        "ON_SCENE",
        "AVAILABLE",
    ]
    # Every per-call event went to the outbox, so the station's response times stay whole.
    sent = {
        json.loads(e.payload)["id"] for e in unit.store.outbox.pending() if e.kind == "status_event"
    }
    unit_events = {
        e.id for cid in (a.id, b.id, c.id) for e in unit.calls.timeline(cid) if e.origin == "unit"
    }
    assert unit_events <= sent


def test_a_transporting_call_cannot_be_cleared_by_a_switch(unit):
    a, b = dispatched(unit, 1, 3, 20), dispatched(unit, 2, 1, 1)
    for status in ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "TRANSPORTING"):
        unit.calls.change_status(a.id, status)
    assert unit.calls.unit_status() == "TRANSPORTING"
    assert unit.calls.switch_options(b.id) == ["HOLD"]
    with pytest.raises(ValidationError):
        unit.calls.switch_to(b.id, "CLEAR")


def test_out_of_service_only_without_an_active_call(unit):
    a = dispatched(unit, 1, 3, 20)
    unit.calls.change_status(a.id, "ACKNOWLEDGED")
    with pytest.raises(InvalidTransitionError):
        unit.calls.set_out_of_service(True)
    unit.calls.change_status(a.id, "CLEARED")
    assert unit.calls.set_out_of_service(True) == "OUT_OF_SERVICE"
    assert unit.calls.set_out_of_service(False) == "AVAILABLE"


def test_a_call_dispatch_cleared_is_no_longer_active(unit):
    a = dispatched(unit, 1, 3, 20)
    unit.calls.change_status(a.id, "ACKNOWLEDGED")
    with unit.store.atomic("station clears"):
        unit.store.calls.update_fields(a.id, {"cancelled": 1})
    assert unit.calls.active_call() is None and unit.calls.unit_status() == "AVAILABLE"


def test_co_responders_fill_the_reports_response_model(unit, clock):
    a = dispatched(unit, 1, 3, 20)
    unit.calls.change_status(a.id, "ACKNOWLEDGED")
    draft = unit.reports.start(a.id)
    assert draft.response_model_code is None
    with pytest.raises(ValidationError) as err:
        unit.co_responders.add(a.id, "NAVY", "x" * 50, "NOBODY")
    assert set(err.value.field_errors) == {"agency_code", "requested_by_code", "unit_label"}
    fire = unit.co_responders.add(a.id, "FIRE", "E12", "DISPATCH_SENT")
    assert unit.reports.get(draft.id).response_model_code == "TANDEM_FIRE_EMS"
    police = unit.co_responders.add(a.id, "POLICE", "2A31", "TEAM_REQUESTED", arrived=True)
    # The draft's model was set by the first agency; it is never overwritten.
    assert unit.reports.get(draft.id).response_model_code == "TANDEM_FIRE_EMS"
    clock.advance(600)
    unit.co_responders.departed(police.id)
    arrived = unit.co_responders.arrived(fire.id)
    listed = unit.co_responders.for_call(a.id)
    assert [(c.agency_code, c.unit_label) for c in listed] == [("FIRE", "E12"), ("POLICE", "2A31")]
    assert listed[1].arrived_at == iso(START) and listed[1].departed_at == iso(clock.now())
    assert arrived.arrived_at == iso(clock.now())
    with pytest.raises(ValidationError):
        unit.co_responders.departed(fire.id, START - timedelta(hours=1))
    sent = [json.loads(e.payload) for e in unit.store.outbox.pending() if e.kind == "co_responder"]
    assert len(sent) == 4 and {s["call_id"] for s in sent} == {a.id}
    # A new report on a call with police suggests co-response with police first.
    b = dispatched(unit, 2, 3, 5)
    unit.co_responders.add(b.id, "EMS", "M7", "ON_VIEW")
    unit.co_responders.add(b.id, "POLICE", "", "THEY_REQUESTED")
    assert unit.reports.start(b.id).response_model_code == "CO_RESPONSE_POLICE"


def test_clock_offset_is_measured_from_the_round_trip_midpoint():
    sent = datetime(2026, 11, 21, 11, 0, tzinfo=UTC)
    station = iso(sent + timedelta(hours=5, seconds=1))
    check = measure(sent, sent + timedelta(seconds=2), station)
    assert check.measured_seconds == pytest.approx(5 * 3600) and check.round_trip_ms == 2000
    assert check.off and check.offset_seconds == pytest.approx(5 * 3600)
    assert "5.0 h behind" in check.text
    small = measure(sent, sent + timedelta(milliseconds=300), iso(sent + timedelta(seconds=90)))
    assert not small.off and small.offset_seconds == 0.0 and small.text == ""
    assert measure(sent, sent, None) is None and measure(sent, sent, "garbage") is None


def test_a_corrected_clock_stamps_new_events_in_station_time(tmp_path):
    raw = FixedClock(START)
    app = open_app(tmp_path / "p", clock=raw)
    with app.store.atomic("measured"):
        ClockCheck(5 * 3600.0, 40, iso(START)).save(app.store)
    app.close()
    again = open_app(tmp_path / "p", clock=raw)
    assert isinstance(again.clock, CorrectedClock) and again.clock_check.off
    call = again.calls.create_self_initiated("WELCK", "100 Main St")
    assert again.calls.timeline(call.id)[0].at == iso(START + timedelta(hours=5))
    again.close()
    assert replace(ClockCheck(60.0), measured_seconds=-200.0).text.endswith("fix the clock.")
