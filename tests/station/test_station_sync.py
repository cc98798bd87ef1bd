"""Push exactly-once, the per-unit pull feed, dispatch updates and the review round trip."""

from __future__ import annotations

import uuid

from tests.station.conftest import (
    Unit,
    dispatch_call,
    report_change,
    self_call_change,
    status_change,
)


def _events(station, call_id):
    return station.station.dispatch.get(call_id)["events"]


def test_health_is_open_and_names_the_station(station):
    r = station.client().get("/api/v1/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["station_id"] and "version" in body
    assert body["epoch"] and station.client().get("/api/v1/health").json()["epoch"] == \
        body["epoch"]


def test_enrollment_code_is_one_time(station):
    code = station.make_code("CSO-12")
    http = station.client()
    first = http.post("/api/v1/enroll", json={"code": code.lower(), "device_name": "van-3"})
    assert first.status_code == 200, first.text
    assert first.json()["unit_id"] == "CSO-12" and first.json()["token"].startswith("rsd_")
    again = http.post("/api/v1/enroll", json={"code": code, "device_name": "thief"})
    assert again.status_code == 401 and again.json()["error"]["kind"] == "auth"


def test_expired_code_is_refused(station):
    code = station.make_code("CSO-12", ttl_hours=-1)
    r = station.client().post("/api/v1/enroll", json={"code": code})
    assert r.status_code == 401 and "expired" in r.json()["error"]["message"]


def test_repeated_push_is_applied_once(station, dispatcher):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    change = status_change(call["id"])
    assert unit.push(change)[0]["status"] == "applied"
    assert [r["status"] for r in unit.push(change, change)] == ["duplicate", "duplicate"]
    ids = [e["id"] for e in _events(station, call["id"]) if e["origin"] == "unit"]
    assert ids == [change["entity_id"]]


def test_same_change_id_with_other_payload_is_a_conflict_and_both_are_kept(station, dispatcher):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    change = status_change(call["id"], note="first")
    assert unit.push(change)[0]["status"] == "applied"
    other = dict(change, payload=dict(change["payload"], note="second"))
    result = unit.push(other)[0]
    assert result["status"] == "conflict" and "both kept" in result["reason"]
    from civilian_responder.station.storage.tables import conflicts
    from sqlalchemy import select
    with station.station.engine.connect() as conn:
        kept = conn.execute(select(conflicts.c.payload)
                            .where(conflicts.c.change_id == change["change_id"])).all()
    assert len(kept) == 1 and "second" in kept[0].payload
    notes = [e["note"] for e in _events(station, call["id"]) if e["origin"] == "unit"]
    assert notes == ["first"]
    assert unit.push(other)[0]["status"] == "conflict"  # still a conflict when repeated


def test_a_full_batch_is_answered_change_by_change_in_one_commit(station, dispatcher):
    # 500 changes: more receipts than one lookup query takes (they are read in slices).
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    held = status_change(call["id"], note="held")
    assert unit.push(held)[0]["status"] == "applied"
    fresh = [status_change(call["id"], note=f"n{i}") for i in range(497)]
    changed = dict(held, payload=dict(held["payload"], note="other"))
    results = unit.push(held, *fresh, fresh[0], changed)
    assert [r["change_id"] for r in results] == [
        c["change_id"] for c in (held, *fresh, fresh[0], changed)]
    assert [r["status"] for r in results] == (
        ["duplicate"] + ["applied"] * 497 + ["duplicate", "conflict"])
    again = unit.push(*fresh[:450])
    assert {r["status"] for r in again} == {"duplicate"}
    ids = {e["id"] for e in _events(station, call["id"]) if e["origin"] == "unit"}
    assert ids == {c["entity_id"] for c in (held, *fresh)}


def test_interleaved_batches_apply_each_change_once(station, dispatcher):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    changes = [status_change(call["id"], note=str(i)) for i in range(12)]
    first = unit.push(*changes[0:8])
    second = unit.push(*changes[4:12])
    third = unit.push(*changes[::-1])
    assert [r["status"] for r in first] == ["applied"] * 8
    assert [r["status"] for r in second] == ["duplicate"] * 4 + ["applied"] * 4
    assert {r["status"] for r in third} == {"duplicate"}
    assert [r["change_id"] for r in third] == [c["change_id"] for c in changes[::-1]]
    unit_events = [e for e in _events(station, call["id"]) if e["origin"] == "unit"]
    assert sorted(e["note"] for e in unit_events) == sorted(str(i) for i in range(12))


def test_a_bad_change_is_rejected_alone(station, dispatcher):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    good1, good2 = status_change(call["id"]), status_change(call["id"], "EN_ROUTE")
    bad_status = status_change(call["id"], status="TELEPORTED")
    unknown_call = status_change(str(uuid.uuid4()))
    results = unit.push(good1, bad_status, {"kind": "nonsense"}, unknown_call, good2)
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected", "rejected",
                                              "applied"]
    assert "TELEPORTED" in results[1]["reason"] and results[1]["error_kind"] == "invalid"
    assert results[3]["error_kind"] == "not_found"


def test_status_event_for_another_units_call_is_forbidden(station, dispatcher):
    mine, theirs = Unit(station), Unit(station)
    call = dispatch_call(dispatcher, theirs.unit_id)
    result = mine.push(status_change(call["id"]))[0]
    assert result["status"] == "rejected" and result["error_kind"] == "forbidden"
    assert not [e for e in _events(station, call["id"]) if e["origin"] == "unit"]


def test_pull_gives_only_the_units_calls_in_order_and_resumes(station, dispatcher):
    a, b = Unit(station), Unit(station)
    calls_a = [dispatch_call(dispatcher, a.unit_id, address=f"{i} Elm") for i in range(5)]
    dispatch_call(dispatcher, b.unit_id, address="Secret St")
    changes, cursor = a.pull_all(limit=3)
    seqs = [c["seq"] for c in changes]
    assert seqs == sorted(seqs)
    call_ids = {c["entity_id"] for c in changes if c["kind"] == "call"}
    assert call_ids == {c["id"] for c in calls_a}
    assert all(c["payload"].get("address") != "Secret St" for c in changes)
    dispatched = [c for c in changes if c["kind"] == "call_event"]
    assert len(dispatched) == 5 and all(c["payload"]["status"] == "DISPATCHED"
                                        and c["payload"]["origin"] == "station"
                                        for c in dispatched)
    again, cursor2 = a.pull_all(cursor)
    assert again == [] and cursor2 == cursor
    new = dispatch_call(dispatcher, a.unit_id)
    later, _ = a.pull_all(cursor)
    assert [c["entity_id"] for c in later if c["kind"] == "call"] == [new["id"]]


def test_call_payload_has_exactly_the_unit_call_fields(station, dispatcher):
    import dataclasses

    from civilian_responder.models import Call, StatusEvent
    unit = Unit(station)
    dispatch_call(dispatcher, unit.unit_id, caution_notes="Dog on premises")
    changes, _ = unit.pull_all()
    call = next(c["payload"] for c in changes if c["kind"] == "call")
    event = next(c["payload"] for c in changes if c["kind"] == "call_event")
    assert Call(**call).caution_notes == "Dog on premises" and call["cad_number"]
    assert StatusEvent(**event).status == "DISPATCHED"
    assert set(call) == {f.name for f in dataclasses.fields(Call)}


def test_priority_note_reassign_and_cancel_reach_the_units(station, dispatcher):
    a, b = Unit(station), Unit(station)
    call = dispatch_call(dispatcher, a.unit_id)
    _, cursor_a = a.pull_all()
    r = dispatcher.patch(f"/api/v1/calls/{call['id']}", json={"priority": 1, "add_note": "Knife"})
    assert r.status_code == 200 and r.json()["call"]["station_revision"] == 2
    changes, cursor_a = a.pull_all(cursor_a)
    assert [c["payload"]["priority"] for c in changes if c["kind"] == "call"] == [1]
    assert [c["payload"]["note"] for c in changes if c["kind"] == "call_event"] == ["Knife"]
    r = dispatcher.patch(f"/api/v1/calls/{call['id']}", json={"unit_id": b.unit_id})
    assert r.status_code == 200
    gone, cursor_a = a.pull_all(cursor_a)
    removal = [c["payload"] for c in gone if c["kind"] == "call"]
    assert removal and removal[-1]["cancelled"] is True and removal[-1]["unit_id"] == b.unit_id
    got, cursor_b = b.pull_all()
    assert [c["payload"]["cancelled"] for c in got if c["kind"] == "call"] == [False]
    assert any(c["payload"]["status"] == "DISPATCHED" for c in got if c["kind"] == "call_event")
    # Status events the old unit recorded offline before it learned are still its own: kept.
    assert a.push(status_change(call["id"], "CLEARED"))[0]["status"] == "applied"
    assert b.push(status_change(call["id"]))[0]["status"] == "applied"
    r = dispatcher.patch(f"/api/v1/calls/{call['id']}",
                         json={"cancel": True, "cancel_reason": "Caller called back"})
    assert r.json()["call"]["cancelled"] is True
    r = dispatcher.patch(f"/api/v1/calls/{call['id']}", json={"unit_id": a.unit_id})
    assert r.status_code == 409 and "cancelled" in r.json()["error"]["message"]
    after, _ = b.pull_all(cursor_b)
    assert [c["payload"]["cancelled"] for c in after if c["kind"] == "call"] == [True]
    assert any("Caller called back" in c["payload"]["note"] for c in after
               if c["kind"] == "call_event")


def test_self_initiated_call_gets_a_cad_number_back(station):
    unit = Unit(station)
    change = self_call_change(unit.unit_id)
    assert unit.push(change, status_change(change["entity_id"], "ON_SCENE")) \
        and unit.push(change)[0]["status"] == "duplicate"
    changes, _ = unit.pull_all()
    mine = [c["payload"] for c in changes if c["kind"] == "call"]
    assert len(mine) == 1 and mine[0]["id"] == change["entity_id"]
    assert mine[0]["cad_number"] and mine[0]["self_initiated"] is True
    other = Unit(station)
    forged = self_call_change(unit.unit_id)
    assert other.push(forged)[0]["error_kind"] == "forbidden"


def test_review_return_resubmit_approve(station, dispatcher, supervisor):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    report = report_change(call["id"])
    assert unit.push(report)[0]["status"] == "applied"
    listed = supervisor.get("/api/v1/reports", params={"state": "submitted"}).json()["reports"]
    assert report["entity_id"] in [r["id"] for r in listed]
    shown = supervisor.get(f"/api/v1/reports/{report['entity_id']}").json()
    assert shown["payload"]["narrative"] == "Met the person"
    url = f"/api/v1/reports/{report['entity_id']}/review"
    assert supervisor.post(url, json={"decision": "return"}).status_code == 422  # needs comment
    r = supervisor.post(url, json={"decision": "return", "comment": "Add the referral"})
    assert r.status_code == 200
    _, _ = unit.pull_all()
    reviews = [c["payload"] for c in unit.pull_all()[0] if c["kind"] == "review"]
    assert reviews == [dict(reviews[0], decision="returned", comment="Add the referral")]
    assert reviews[0]["report_id"] == report["entity_id"]
    revised = report_change(call["id"], report["entity_id"], narrative="Met him; referred")
    assert unit.push(revised)[0]["status"] == "applied"
    assert supervisor.post(url, json={"decision": "approve"}).status_code == 200
    assert supervisor.post(url, json={"decision": "approve"}).status_code == 409
    late = report_change(call["id"], report["entity_id"], narrative="Sneaky edit")
    result = unit.push(late)[0]
    assert result["status"] == "conflict" and "approved" in result["reason"]
    final = supervisor.get(f"/api/v1/reports/{report['entity_id']}").json()
    assert final["report"]["state"] == "approved"
    assert final["payload"]["narrative"] == "Met him; referred"
    assert [s["outcome"] for s in final["submissions"]] == ["applied", "applied", "conflict"]
    decisions = [c["payload"]["decision"] for c in unit.pull_all()[0] if c["kind"] == "review"]
    assert decisions == ["returned", "approved"]


def test_correction_supersedes_and_other_units_report_is_forbidden(station, dispatcher):
    unit, other = Unit(station), Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    first = report_change(call["id"])
    unit.push(first)
    fix = report_change(call["id"], version=2, supersedes_id=first["entity_id"])
    assert unit.push(fix)[0]["status"] == "applied"
    shown = station.station.review.show(first["entity_id"])
    assert shown["report"]["state"] == "superseded"
    stolen = report_change(call["id"])
    assert other.push(stolen)[0]["error_kind"] == "forbidden"
    station.station.review.decide(fix["entity_id"], "approve", "", "sgt")
    again = report_change(call["id"], version=3, supersedes_id=fix["entity_id"])
    assert unit.push(again)[0]["status"] == "applied"
    # The approved version's content stays as it was; it is now superseded by the correction.
    shown = station.station.review.show(fix["entity_id"])
    assert shown["report"]["state"] == "superseded" and shown["reviews"][0]["decision"] == \
        "approved"


def test_records_and_batch_limit(station, dispatcher):
    unit = Unit(station)
    audit = {"change_id": str(uuid.uuid4()), "kind": "audit", "entity_id": "a-1",
             "call_id": None, "created_at": "2026-11-21T12:00:00.000Z",
             "payload": {"id": "a-1", "action": "sign_in", "hash": "00"}}
    assert unit.push(audit)[0]["status"] == "applied"
    tampered = dict(audit, change_id=str(uuid.uuid4()), payload={"id": "a-1", "hash": "ff"})
    assert unit.push(tampered)[0]["status"] == "conflict"
    too_many = [status_change("x") for _ in range(501)]
    r = unit.http.post("/api/v1/sync/push", json={"changes": too_many})
    assert r.status_code == 413 and r.json()["error"]["kind"] == "too_large"


def test_published_checklist_reaches_every_unit_once(station, supervisor):
    a, b = Unit(station), Unit(station)
    _, cursor_a = a.pull_all()
    cid = f"safety-{uuid.uuid4().hex[:6]}"
    definition = {"id": cid, "version": 1, "title": "Scene safety",
                  "items": [{"id": "weapon", "type": "yes_no", "text": "Weapon reported?"}]}
    assert supervisor.post("/api/v1/checklists", json=definition).status_code == 201
    assert supervisor.post("/api/v1/checklists", json=definition).status_code == 200
    changed = dict(definition, title="Other")
    r = supervisor.post("/api/v1/checklists", json=changed)
    assert r.status_code == 409 and "new version" in r.json()["error"]["message"]
    r = supervisor.post("/api/v1/checklists", json={"id": cid})
    assert r.status_code == 422 and "version" in r.json()["error"]["message"]
    for unit, cursor in ((a, cursor_a), (b, 0)):
        got = [c["payload"] for c in unit.pull_all(cursor)[0]
               if c["kind"] == "checklist_definition" and c["entity_id"] == cid]
        assert got == [{"id": cid, "version": 1, "definition": definition}]


def test_simultaneous_pushes_of_one_change_apply_it_once(station, dispatcher):
    from concurrent.futures import ThreadPoolExecutor

    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    change = status_change(call["id"])
    own = self_call_change(unit.unit_id)
    clients = [station.client(unit.token) for _ in range(12)]

    def send(http):
        r = http.post("/api/v1/sync/push", json={"changes": [change, own]})
        assert r.status_code == 200, r.text
        return [x["status"] for x in r.json()["results"]]

    with ThreadPoolExecutor(12) as pool:
        outcomes = list(pool.map(send, clients))
    for i in (0, 1):
        statuses = sorted(o[i] for o in outcomes)
        assert statuses == ["applied"] + ["duplicate"] * 11
    assert [e["id"] for e in _events(station, call["id"]) if e["origin"] == "unit"] \
        == [change["entity_id"]]
    cads = [c for c in unit.pull_all()[0] if c["kind"] == "call" and c["entity_id"] == own[
        "entity_id"]]
    assert len(cads) == 1


def test_supervisor_sees_records_attachments_and_conflicts(station, dispatcher, supervisor):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    run = {"change_id": str(uuid.uuid4()), "kind": "checklist_run", "entity_id": "run-" +
           unit.unit_id, "call_id": call["id"], "created_at": "2026-11-21T12:00:00.000Z",
           "payload": {"id": "run-" + unit.unit_id, "definition_id": "safety-screen",
                       "answers": {"weapon": "no"}}}
    assert unit.push(run)[0]["status"] == "applied"
    listed = supervisor.get("/api/v1/records", params={"kind": "checklist_run",
                                                       "unit_id": unit.unit_id}).json()
    assert [r["entity_id"] for r in listed["records"]] == [run["entity_id"]]
    clash = dict(run, payload={"different": True})
    assert unit.push(clash)[0]["status"] == "conflict"
    kept = supervisor.get("/api/v1/conflicts").json()["conflicts"]
    assert any(c["change_id"] == run["change_id"] for c in kept)
