"""A SQLite push batch answers and stores exactly what the same changes pushed one per batch do
(the batch's shortcuts: receipts read up front, the memo of calls seen, the driver-level
savepoint per change), and a change that fails half-way leaves nothing behind."""

import copy
import random
import shutil
import uuid

import pytest
from civilian_responder.station.demo_dispatcher import DemoDispatcher
from civilian_responder.station.service import open_station
from civilian_responder.station.storage import tables as t
from sqlalchemy import func, select, text

AT = "2026-11-21T12:00:00.000Z"


@pytest.fixture
def stations(tmp_path):
    """Two copies of one station with the same dispatched calls (CSO-12's and CSO-11's)."""
    first = open_station(str(tmp_path / "station1.db"))
    mine = [DemoDispatcher(first, "CSO-12", rng=random.Random(1)).dispatch_call()["id"]
            for _ in range(6)]
    theirs = [DemoDispatcher(first, "CSO-11", rng=random.Random(2)).dispatch_call()["id"]
              for _ in range(3)]
    first.close()
    shutil.copy(tmp_path / "station1.db", tmp_path / "station2.db")
    opened = [open_station(str(tmp_path / f"station{n}.db")) for n in (1, 2)]
    yield opened, mine, theirs
    for station in opened:
        station.close()


def _device(station, unit):
    done = station.devices.enroll(station.devices.make_code(unit)[0], f"laptop {unit}")
    return station.devices.get(done.device_id)


def _ids(rng):
    return str(uuid.UUID(int=rng.getrandbits(128)))


def _event(rng, call_id, kind="status", status="ON_SCENE"):
    eid = _ids(rng)
    payload = {"id": eid, "call_id": call_id, "kind": kind, "status": status, "at": AT,
               "reason_code": None, "note": "", "actor": "cso", "origin": "unit"}
    return {"change_id": _ids(rng), "kind": "status_event", "entity_id": eid,
            "call_id": call_id, "created_at": AT, "payload": payload}


def _report(rng, call_id):
    rid = _ids(rng)
    payload = {"id": rid, "call_id": call_id, "report_number": "R-1", "version": 1,
               "narrative": "Met the person", "disposition_code": "GOA",
               "outcome_codes": ["NO_CONTACT"], "persons": [], "flags": []}
    return {"change_id": _ids(rng), "kind": "report", "entity_id": rid, "call_id": call_id,
            "created_at": AT, "payload": payload}


def _record(rng, kind, call_id):
    rid = _ids(rng)
    return {"change_id": _ids(rng), "kind": kind, "entity_id": rid, "call_id": call_id,
            "created_at": AT, "payload": {"id": rid, "step": rng.randint(0, 9)}}


def _self_call(rng, unit):
    cid = _ids(rng)
    payload = {"id": cid, "unit_id": unit, "type_code": "WELCK", "priority": 3,
               "status": "ON_SCENE", "address": "1 Main St", "received_at": AT}
    return {"change_id": _ids(rng), "kind": "call", "entity_id": cid, "call_id": cid,
            "created_at": AT, "payload": payload}


def _changes(mine, theirs):
    """Mixed changes, with repeats, conflicts, refusals and a call created mid-batch that later
    changes name (the memo of calls seen must not hide it)."""
    rng = random.Random(5)
    out = []
    for n in range(240):
        call = rng.choice(mine)
        roll = rng.random()
        if roll < 0.35:
            out.append(_event(rng, call, rng.choice(["status", "note"]),
                              rng.choice(["ACKNOWLEDGED", "ON_SCENE", "CLEARED"])))
        elif roll < 0.5:
            out.append(_report(rng, call))
        elif roll < 0.65:
            out.append(_record(rng, rng.choice(["audit", "checklist_run"]), call))
        elif roll < 0.72:
            out.append(_event(rng, rng.choice(theirs)))  # forbidden
        elif roll < 0.76:
            out.append(_record(rng, "audit", rng.choice(theirs)))  # forbidden
        elif roll < 0.8:
            out.append(_event(rng, "no-such-call"))  # not_found
        elif roll < 0.85 and out:
            out.append(copy.deepcopy(rng.choice(out)))  # a repeat: duplicate
        elif roll < 0.9 and out:
            changed = copy.deepcopy(rng.choice(out))
            if isinstance(changed.get("payload"), dict):
                changed["payload"]["note" if changed["kind"] == "status_event" else "step"] = n
            out.append(changed)  # same change_id, other content: conflict
        elif roll < 0.93:
            new_call = _self_call(rng, "CSO-12")
            out.append(new_call)
            out.append(_event(rng, new_call["entity_id"], "note", "ON_SCENE"))
            mine.append(new_call["entity_id"])
        else:
            out.append({"change_id": _ids(rng), "kind": "status_event", "payload": "x"})
    return out


def _state(station):
    """What the pushes left, without the columns that hold the time or a generated id."""
    skip = {"received_at", "created_at", "updated_at", "submitted_at", "device_id", "id",
            "cad_number", "retry_at"}
    out = {}
    with station.engine.connect() as conn:
        for table in (t.receipts, t.conflicts, t.call_events, t.records, t.reports,
                      t.report_submissions, t.eido_jobs, t.calls, t.call_units, t.feed):
            rows = [{k: v for k, v in r._mapping.items() if k not in skip}
                    for r in conn.execute(select(table))]
            if table is t.feed:
                rows = [(r["kind"], r["entity_id"]) for r in rows]  # feed order kept as is
            else:
                rows.sort(key=repr)
            out[table.name] = rows
    return out


def test_a_batch_answers_and_stores_what_one_change_per_batch_does(stations):
    (first, second), mine, theirs = stations
    changes = _changes(list(mine), theirs)
    dev, dev2 = _device(first, "CSO-12"), _device(second, "CSO-12")
    batched = []
    for start in range(0, len(changes), 100):
        batched += first.pusher.push(dev, changes[start:start + 100])
    singly = [second.pusher.push(dev2, [c])[0] for c in changes]

    assert batched == singly
    assert {a["status"] for a in batched} == {"applied", "duplicate", "conflict", "rejected"}
    kinds = {a.get("error_kind") for a in batched if a["status"] == "rejected"}
    assert kinds == {"invalid", "forbidden", "not_found"}
    assert [a["change_id"] for a in batched[:5]] == [c["change_id"] for c in changes[:5]]
    assert _state(first) == _state(second)
    # The calls created mid-batch, and the notes naming them right after, were applied.
    for n, change in enumerate(changes):
        if change["kind"] == "call" and batched[n]["status"] == "applied":
            assert batched[n + 1]["status"] == "applied", batched[n + 1]


def test_a_change_failing_half_way_leaves_nothing_and_the_rest_apply(stations):
    (station, _), mine, _ = stations
    rng = random.Random(3)
    call = mine[0]
    dev = _device(station, "CSO-12")
    good1 = _event(rng, call, "status", "ACKNOWLEDGED")
    bad = _event(rng, call, "status", "CLEARED")
    good2 = _event(rng, call, "note", "ACKNOWLEDGED")
    # The bad event's last write (its feed row) fails, after its event row, its CAD job and
    # the call's status were written: the savepoint must take all of them back.
    with station.engine.begin() as conn:
        conn.execute(text(
            "CREATE TRIGGER poison BEFORE INSERT ON feed WHEN NEW.entity_id = :bad "
            "BEGIN SELECT RAISE(ABORT, 'poisoned'); END".replace(":bad", f"'{bad['entity_id']}'")))
    answers = station.pusher.push(dev, [good1, bad, good2])
    assert [a["status"] for a in answers] == ["applied", "rejected", "applied"]
    assert [a["change_id"] for a in answers] == [c["change_id"] for c in (good1, bad, good2)]
    with station.engine.connect() as conn:
        events = set(conn.execute(select(t.call_events.c.id)).scalars())
        assert good1["entity_id"] in events and good2["entity_id"] in events
        assert bad["entity_id"] not in events
        jobs = set(conn.execute(select(t.eido_jobs.c.source_id)).scalars())
        assert bad["entity_id"] not in jobs and good1["entity_id"] in jobs
        receipts = set(conn.execute(select(t.receipts.c.change_id)).scalars())
        assert bad["change_id"] not in receipts and good2["change_id"] in receipts
        assert conn.execute(select(t.calls.c.status).where(t.calls.c.id == call)).scalar() \
            == "ACKNOWLEDGED"
        assert conn.execute(select(func.count()).select_from(t.feed).where(
            t.feed.c.entity_id == bad["entity_id"])).scalar() == 0
    with station.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER poison"))
    # Rejections are not receipted: sent again, the change is judged again and applies.
    assert station.pusher.push(dev, [bad])[0]["status"] == "applied"
