"""The station killed with SIGKILL mid-push and restarted: nothing lost, nothing doubled."""

from __future__ import annotations

import random
import threading
import time

import httpx
import pytest
from civilian_responder.station.storage.tables import call_events, calls, feed, receipts
from sqlalchemy import func, select, text

from tests.station.conftest import Unit, dispatch_call, self_call_change, status_change
from tests.station_fixture import StationProcess, postgres_url

BATCH = 100


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def crash_station(request, tmp_path):
    if request.param == "sqlite":
        server = StationProcess(tmp_path).start()
        yield server
        server.close()
        return
    with postgres_url() as url:
        server = StationProcess(tmp_path, url).start()
        yield server
        server.close()


def _push_all(http: httpx.Client, changes: list[dict], acked: set[str]) -> None:
    """Push in batches until done or the connection breaks; remember what was acknowledged."""
    try:
        for i in range(0, len(changes), BATCH):
            r = http.post("/api/v1/sync/push", json={"changes": changes[i:i + BATCH]})
            if r.status_code != 200:
                return
            acked.update(x["change_id"] for x in r.json()["results"]
                         if x["status"] in ("applied", "duplicate"))
    except httpx.HTTPError:
        return


def test_sigkill_mid_push_then_clean_sync_is_exact(crash_station):
    server = crash_station
    dispatcher = server.client(server.admin_token("dispatcher"))
    unit = Unit(server)
    call = dispatch_call(dispatcher, unit.unit_id)
    events = [status_change(call["id"], note=str(i)) for i in range(400)]
    own_calls = [self_call_change(unit.unit_id) for _ in range(20)]
    changes = events[:200] + own_calls + events[200:]
    ids = [c["change_id"] for c in changes]
    acked: set[str] = set()
    rng = random.Random(20261121)
    interrupted = 0
    for _round in range(4):
        before = _applied(server, ids)
        if before == len(ids):
            break
        # Kill once the station has applied a random part of what is left: always mid-push.
        target = before + rng.randint(1, max(1, len(ids) - before - 1))
        worker = threading.Thread(target=_push_all, args=(unit.http, changes, acked))
        worker.start()
        while worker.is_alive() and _applied(server, ids) < target:
            time.sleep(0.002)
        server.kill()
        worker.join(30)
        interrupted += len(acked) < len(changes)
        server.start()
    assert interrupted >= 1, "the kills never landed mid-push; the test proved nothing"
    _push_all(unit.http, changes, acked)
    final = unit.push(*changes[:BATCH])
    assert {r["status"] for r in final} == {"duplicate"}
    assert acked == {c["change_id"] for c in changes}
    _assert_exactly_once(server, call["id"], events, own_calls)


def _applied(server: StationProcess, ids: list[str]) -> int:
    with server.station.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(receipts)
                                .where(receipts.c.change_id.in_(ids))).scalar_one())


def _assert_exactly_once(server: StationProcess, call_id: str, events: list[dict],
                         own_calls: list[dict]) -> None:
    engine = server.station.engine
    with engine.connect() as conn:
        stored = set(conn.execute(select(call_events.c.id).where(call_events.c.call_id == call_id)
                                  .where(call_events.c.origin == "unit")).scalars().all())
        assert stored == {e["entity_id"] for e in events}
        n_rows = conn.execute(select(func.count()).select_from(call_events)
                              .where(call_events.c.call_id == call_id)
                              .where(call_events.c.origin == "unit")).scalar_one()
        assert n_rows == len(events)
        ids = [c["change_id"] for c in events + own_calls]
        n_receipts = conn.execute(select(func.count()).select_from(receipts)
                                  .where(receipts.c.change_id.in_(ids))).scalar_one()
        assert n_receipts == len(ids)
        own_ids = [c["entity_id"] for c in own_calls]
        cads = conn.execute(select(calls.c.cad_number).where(calls.c.id.in_(own_ids))
                            ).scalars().all()
        assert len(cads) == len(own_ids) and len(set(cads)) == len(cads) and all(cads)
        announced = conn.execute(select(feed.c.entity_id).where(feed.c.kind == "call")
                                 .where(feed.c.entity_id.in_(own_ids))).scalars().all()
        assert sorted(announced) == sorted(own_ids)  # each CAD number announced exactly once
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
