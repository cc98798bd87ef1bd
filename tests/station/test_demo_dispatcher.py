"""The demo station's dispatcher and supervisor, on a real station database (SQLite)."""

import dataclasses
import random

import pytest
from civilian_responder.clock import SystemClock, iso
from civilian_responder.demo import generate_calls
from civilian_responder.reference import load_reference
from civilian_responder.station.demo_dispatcher import (
    RETURN_COMMENTS,
    SUPERVISOR,
    DemoDispatcher,
    DemoPace,
    adopt_calls,
)
from civilian_responder.station.service import open_station


@pytest.fixture
def station(tmp_path):
    station = open_station(str(tmp_path / "station.db"))
    yield station
    station.close()


def _submit(station, call_id, version=1, report_id="r-1"):
    """A unit's report arriving at the station, through the station's own push path."""
    from civilian_responder.station.storage.database import write
    from civilian_responder.station.storage.records import apply_report

    dev = _device(station)
    payload = {"id": report_id, "call_id": call_id, "report_number": "R-1", "version": version,
               "narrative": "Short."}
    with write(station.engine) as conn:
        apply_report(conn, station.reference, dev, f"change-{report_id}-{version}", report_id,
                     payload, iso(station.clock.now()))


def test_a_dispatched_call_uses_reference_codes_and_reaches_the_units_feed(station):
    dispatcher = DemoDispatcher(station, "CSO-12", rng=random.Random(1))
    ref = load_reference()
    calls = [dispatcher.dispatch_call() for _ in range(20)]
    for call in calls:
        assert call["unit_id"] == "CSO-12" and call["status"] == "DISPATCHED"
        assert ref.call_types.get(call["type_code"]).get("civilian_eligible")
        assert str(call["priority"]) in ref.priorities
        assert call["address"] and call["narrative"]
    assert len({c["cad_number"] for c in calls}) == 20
    pulled = station.pull(_device(station), 0, 500)
    assert {c["id"] for c in calls} <= {ch["entity_id"] for ch in pulled["changes"]}


def _device(station):
    done = station.devices.enroll(station.devices.make_code("CSO-12")[0], "laptop")
    return next(d for d in station.devices.all() if d.id == done.device_id)


def test_a_call_is_due_when_none_was_sent_for_the_interval(station):
    dispatcher = DemoDispatcher(station, "CSO-12", DemoPace(call_every=3600))
    assert dispatcher.call_due()
    dispatcher.tick()
    assert not dispatcher.call_due()
    assert len(station.dispatch.list_calls("CSO-12")) == 1
    assert DemoDispatcher(station, "CSO-12", DemoPace(call_every=0)).call_due()


def test_a_first_submission_is_returned_with_a_comment_and_the_revision_approved(station):
    call = DemoDispatcher(station, "CSO-12").dispatch_call()
    _submit(station, call["id"])
    dispatcher = DemoDispatcher(station, "CSO-12", DemoPace(review_after=0, return_every=1))
    [decided] = dispatcher.review_due()
    assert decided["decision"] == "returned" and decided["comment"] in RETURN_COMMENTS
    assert decided["reviewer"] == SUPERVISOR
    _submit(station, call["id"], version=2, report_id="r-2")
    [again] = dispatcher.review_due()
    assert again["decision"] == "approved" and again["report_id"] == "r-2"
    assert dispatcher.review_due() == []


def test_a_report_waits_for_its_review_delay(station):
    call = DemoDispatcher(station, "CSO-12").dispatch_call()
    _submit(station, call["id"])
    assert DemoDispatcher(station, "CSO-12", DemoPace(review_after=3600)).review_due() == []


def test_about_one_first_submission_in_n_goes_back(station):
    dispatcher = DemoDispatcher(station, "CSO-12", DemoPace(return_every=3))
    decisions = [dispatcher.decision_for({"id": f"report-{i}", "version": 1})[0]
                 for i in range(300)]
    assert 60 < decisions.count("return") < 140
    assert dispatcher.decision_for({"id": "report-1", "version": 1}) == \
        dispatcher.decision_for({"id": "report-1", "version": 1})  # a restart decides the same


def test_the_offline_demo_shift_is_adopted_once_with_its_own_ids(station):
    shift = [dataclasses.asdict(c) for c, _ in generate_calls(SystemClock(), 5)]
    assert adopt_calls(station, shift, "CSO-12") == 5
    assert adopt_calls(station, shift, "CSO-12") == 0
    assert adopt_calls(station, [dict(shift[0], id="other", unit_id="CSO-99")], "CSO-12") == 0
    held = {c["id"]: c for c in station.dispatch.list_calls("CSO-12")}
    assert set(held) == {c["id"] for c in shift}
    assert held[shift[0]["id"]]["cad_number"] == shift[0]["cad_number"]


def test_no_new_call_while_the_unit_has_a_full_queue_and_the_roster_goes_out(station):
    dispatcher = DemoDispatcher(station, "CSO-77", DemoPace(call_every=0, max_open=2))
    dispatcher.tick()
    dispatcher.tick()
    assert dispatcher.open_calls() == 2 and not dispatcher.call_due()
    unlimited = DemoDispatcher(station, "CSO-77", DemoPace(call_every=0, max_open=0))
    assert unlimited.call_due()
    dispatcher.publish_roster()
    people = {p["person_id"]: p for p in station.roster.people()}
    assert people["CLN-0207"]["role_codes"] == ["CLINICIAN"] and len(people) == 5


def test_the_demo_history_fills_the_metrics_once_and_leaves_the_demo_unit_alone(station):
    from datetime import timedelta

    from civilian_responder.station.demo_dispatcher import DemoHistory
    from civilian_responder.station.metrics.scope import make_scope

    history = DemoHistory(station, "CSO-12", calls=30, months=3)
    assert history.run() == 30
    today = station.clock.now().date()
    scope = make_scope(station.engine, station.reference,
                       (today - timedelta(days=92)).isoformat(), today.isoformat())
    m = station.metrics.compute(scope)
    assert 25 <= m["totals"]["calls"] <= 30 and m["totals"]["reports"] > 20
    assert m["units"] and "CSO-12" not in m["units"]
    assert m["response_minutes"]["received_to_on_scene"]["n"] > 20
    assert station.dispatch.list_calls("CSO-12") == []  # the demo unit's board is its shift
    assert DemoHistory(station, "CSO-12", calls=30, months=3).run() == 0  # made once
