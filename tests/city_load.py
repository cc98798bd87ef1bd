"""A city on one station (issue 16, part 3): many units each pushing a shift and pulling, while
a dispatcher adds calls and a supervisor reviews. Loopback only, bounded (a fixed amount of
work), and afterwards the station must hold exactly what the units sent.

Used by tests/station/test_station_workers.py (small) and tests/benchmarks/
test_station_load_benchmark.py (200 units, figures printed).
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx
from sqlalchemy import func, select

from tests.station.conftest import report_change, status_change
from tests.station_fixture import StationProcess

SHIFT_STATUSES = ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "CLEARED")


@dataclass
class Sent:
    events: set[str] = field(default_factory=set)
    reports: set[str] = field(default_factory=set)
    audits: set[str] = field(default_factory=set)
    photos: set[str] = field(default_factory=set)


@dataclass
class CityRun:
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    sent: dict[str, Sent] = field(default_factory=lambda: defaultdict(Sent))
    errors: list[str] = field(default_factory=list)
    reviewed: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, what: str, send, *args, **kwargs) -> httpx.Response:
        started = time.perf_counter()
        r = send(*args, **kwargs)
        took = time.perf_counter() - started
        with self._lock:
            self.latencies[what].append(took)
            if r.status_code >= 400:
                self.errors.append(f"{what}: {r.status_code} {r.text[:200]}")
        return r

    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def percentile(self, what: str, q: float) -> float:
        values = sorted(self.latencies[what])
        return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


def _audit(unit: str) -> dict:
    entity = str(uuid.uuid4())
    return {"change_id": str(uuid.uuid4()), "kind": "audit", "entity_id": entity,
            "call_id": None, "created_at": "2026-11-21T12:00:00.000Z",
            "payload": {"id": entity, "action": "shift", "target": unit,
                        "at": "2026-11-21T12:00:00.000Z"}}


def _photo_meta(report_id: str, data: bytes) -> dict:
    entity = str(uuid.uuid4())
    return {"change_id": str(uuid.uuid4()), "kind": "attachment_meta", "entity_id": entity,
            "call_id": None, "created_at": "2026-11-21T12:00:00.000Z", "payload": {
                "id": entity, "report_id": report_id, "filename": "p.jpg",
                "mime_type": "image/jpeg", "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(), "caption": ""}}


def _unit_shift(station: StationProcess, run: CityRun, unit: str, token: str,
                calls_ready: threading.Event) -> None:
    http = station.client(token)
    sent = run.sent[unit]
    try:
        calls_ready.wait(120)
        cursor, calls = 0, []
        while not calls:  # the dispatcher's call reaches the unit through pull
            body = run.timed("pull", http.get, "/api/v1/sync/pull",
                             params={"cursor": cursor}).json()
            cursor = body["cursor"]
            calls = [c["entity_id"] for c in body["changes"] if c["kind"] == "call"]
            if not calls:
                time.sleep(0.05)
        call_id = calls[0]
        events = [status_change(call_id, s) for s in SHIFT_STATUSES]
        report = report_change(call_id, narrative=f"Shift of {unit}")
        photo = f"{unit} photo".encode() * 200
        meta = _photo_meta(report["entity_id"], photo)
        audits = [_audit(unit) for _ in range(3)]
        for batch in (events[:2], [*events[2:], report, meta, *audits]):
            r = run.timed("push", http.post, "/api/v1/sync/push", json={"changes": batch})
            assert {x["status"] for x in r.json()["results"]} == {"applied"}, r.text
        # A lost answer: the same push again is answered duplicate, never stored twice.
        r = run.timed("push", http.post, "/api/v1/sync/push", json={"changes": events})
        assert {x["status"] for x in r.json()["results"]} == {"duplicate"}, r.text
        sha = hashlib.sha256(photo).hexdigest()
        run.timed("upload", http.patch, f"/api/v1/attachments/{sha}", content=photo,
                  headers={"Upload-Offset": "0", "Upload-Length": str(len(photo))})
        run.timed("pull", http.get, "/api/v1/sync/pull", params={"cursor": cursor})
        sent.events |= {e["entity_id"] for e in events}
        sent.reports.add(report["entity_id"])
        sent.audits |= {a["entity_id"] for a in audits}
        sent.photos.add(sha)
    except Exception as exc:  # noqa: BLE001 (collected and asserted by the caller)
        with run._lock:
            run.errors.append(f"{unit}: {type(exc).__name__}: {exc}")
    finally:
        http.close()


def _dispatcher(station: StationProcess, run: CityRun, token: str, units: list[str],
                calls_ready: threading.Event) -> None:
    with station.client(token) as http:
        for unit in units:
            run.timed("dispatch", http.post, "/api/v1/calls", json={
                "unit_id": unit, "type_code": "WELCK", "priority": 3, "address": "1 Main St"})
            if unit == units[len(units) // 4]:
                calls_ready.set()  # units start while the dispatcher keeps adding calls
        calls_ready.set()


def _supervisor(station: StationProcess, run: CityRun, token: str, done: threading.Event) -> None:
    with station.client(token) as http:
        while not done.is_set():
            reports = run.timed("review-list", http.get, "/api/v1/reports").json()["reports"]
            for report in reports[:20]:
                run.timed("review-show", http.get, f"/api/v1/reports/{report['id']}")
                r = run.timed("review", http.post, f"/api/v1/reports/{report['id']}/review",
                              json={"decision": "approve", "comment": ""})
                if r.status_code == 200:
                    run.reviewed += 1
            time.sleep(0.05)


def run_city(station: StationProcess, units: int, concurrency: int = 16) -> CityRun:
    names = [f"L{uuid.uuid4().hex[:6].upper()}-{n}" for n in range(units)]
    tokens = {name: station.enroll(name)[1] for name in names}
    run = CityRun()
    calls_ready, done = threading.Event(), threading.Event()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency + 2) as pool:
        staff = [pool.submit(_dispatcher, station, run, station.admin_token("dispatcher"), names,
                             calls_ready),
                 pool.submit(_supervisor, station, run, station.admin_token("supervisor"), done)]
        with ThreadPoolExecutor(max_workers=concurrency) as field_units:
            list(field_units.map(lambda n: _unit_shift(station, run, n, tokens[n], calls_ready),
                                 names))
        done.set()
        for job in staff:
            job.result()
    run.seconds = time.perf_counter() - started
    return run


def assert_station_holds_exactly(station: StationProcess, run: CityRun) -> None:
    """Every unit's events, report, audits and photo once each; nothing else of theirs."""
    from civilian_responder.station.storage.tables import call_events, receipts, records, uploads
    from civilian_responder.station.storage.tables import reports as reports_t

    assert not run.errors, run.errors[:5]
    engine = station.station.engine
    with engine.connect() as conn:
        for unit, sent in run.sent.items():
            events = conn.execute(select(call_events.c.id).where(call_events.c.unit_id == unit)
                                  .where(call_events.c.origin == "unit")).scalars().all()
            assert sorted(events) == sorted(sent.events), unit
            reports = conn.execute(select(reports_t.c.id).where(reports_t.c.unit_id == unit)
                                   ).scalars().all()
            assert sorted(reports) == sorted(sent.reports), unit
            audits = conn.execute(select(records.c.entity_id).where(records.c.unit_id == unit)
                                  .where(records.c.kind == "audit")).scalars().all()
            assert sorted(audits) == sorted(sent.audits), unit
            photos = conn.execute(select(uploads.c.sha256).where(uploads.c.unit_id == unit)
                                  .where(uploads.c.complete)).scalars().all()
            assert sorted(photos) == sorted(sent.photos), unit
            held = conn.execute(select(func.count()).select_from(receipts)
                                .where(receipts.c.unit_id == unit)).scalar_one()
            assert held == len(sent.events) + len(sent.reports) + len(sent.audits) + 1, unit
