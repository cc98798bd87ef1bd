"""A big station for the metrics benchmarks, filled by bulk insert (the real path generates
~50 calls/s; a million calls would take hours). The rows have the shape the storage path
writes: calls, their units, four status events each, reports with their facts and codes; then
the metrics rows are built by the same set-based code Alembic 0010 runs on an existing station."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from civilian_responder.reference import load_reference
from civilian_responder.station.demo_data import SEED_GRID
from civilian_responder.station.storage import call_facts, rollups
from civilian_responder.station.storage.database import write
from sqlalchemy import Engine


def iso(t: datetime) -> str:
    return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")


GROUP_CODES = {"ARREST": ["ARM"], "CITATION": ["TNH"], "REPORT_TAKEN": ["RPT", "FIC"],
               "OTHER": ["CSA", "OAA"], "NO_REPORT": ["NRR"], "UNABLE_TO_LOCATE": ["GOA"],
               "UNFOUNDED": ["UNF"]}
UNITS = [f"CSO-{i:02d}" for i in range(1, 21)]
PRIORITY_WEIGHTS = [sum(col) for col in zip(*SEED_GRID.values(), strict=True)]
TABLES = {
    "calls": ("id", "cad_number", "incident_id", "unit_id", "type_code", "type_text", "priority",
              "status", "address", "cross_streets", "location_note", "latitude", "longitude",
              "caller_name", "caller_phone", "narrative", "caution_notes", "self_initiated",
              "cancelled", "station_revision", "source", "received_at", "updated_at"),
    "call_units": ("call_id", "unit_id"),
    "call_events": ("id", "call_id", "kind", "status", "at", "reason_code", "note", "actor",
                    "origin", "unit_id", "device_id"),
    "reports": ("id", "report_number", "version", "call_id", "unit_id", "device_id", "state",
                "supersedes_id", "payload", "payload_hash", "submitted_at", "reviewed_at",
                "reviewer", "review_comment"),
    "report_facts": ("report_id", "call_id", "unit_id", "disposition_code",
                     "response_model_code", "call_source_code", "transport_mode_code",
                     "transport_destination_code", "transport_facility", "referral_agency",
                     "shelter_placement_code", "hold_code", "police_handoff_reason_code",
                     "backup_requested", "backup_reason_code", "call_transferred_988",
                     "warm_transfer_988", "follow_up_needed", "persons",
                     "time_on_task_minutes", "finalized_at"),
    "report_codes": ("report_id", "field", "code", "response", "person_id"),
}


def _rows(n: int, year: int, seed: int) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    rng = random.Random(seed)
    start = datetime(year, 1, 1, tzinfo=UTC)
    out: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    for i in range(n):
        cid, unit = str(uuid.UUID(int=rng.getrandbits(128))), rng.choice(UNITS)
        at = start + timedelta(seconds=rng.randrange(365 * 86400))
        prio = rng.choices(range(1, 7), PRIORITY_WEIGHTS)[0]
        rec = iso(at)
        out["calls"].append((cid, f"{year}-{i:07d}", None, unit, "WELCK", "", prio, "CLEARED",
                             "1 Bench St", "", "", None, None, "", "", "", "", False, False, 1,
                             "bench", rec, rec))
        out["call_units"].append((cid, unit))
        t = at
        for status, mean in (("DISPATCHED", 3), ("EN_ROUTE", 2), ("ON_SCENE", 10),
                             ("CLEARED", 35)):
            t = t + timedelta(seconds=rng.expovariate(1 / (mean * 60)))
            out["call_events"].append((str(uuid.UUID(int=rng.getrandbits(128))), cid, "status",
                                       status, iso(t), None, "", "", "unit", unit, "dev"))
        if rng.random() < 0.97:
            rid = str(uuid.UUID(int=rng.getrandbits(128)))
            group = rng.choices(list(SEED_GRID), [c[prio - 1] for c in SEED_GRID.values()])[0]
            out["reports"].append((rid, f"R-{i}", 1, cid, unit, "dev",
                                   rng.choice(("submitted", "approved", "approved")), None,
                                   "{}", "h", iso(t), None, None, ""))
            backup = rng.random() < 0.03
            transport = rng.random() < 0.12
            out["report_facts"].append((
                rid, cid, unit, rng.choice(GROUP_CODES[group]),
                rng.choice(("CIVILIAN_ALONE", "CIVILIAN_ALONE", "CO_RESPONSE_POLICE")),
                rng.choice(("911", "311", "SELF_DISPATCH", "OTHER")),
                "TEAM_VEHICLE" if transport else None, "HOSPITAL" if transport else None,
                "Example Hospital" if transport else "", "",
                rng.choice((None, None, None, "PLACED", "WAITLIST")), None, None, backup,
                "VIOLENCE" if backup else None, False, rng.random() < 0.02,
                rng.random() < 0.2, 1, 30, iso(t)))
            out["report_codes"].append((rid, "outcome", rng.choice(
                ("RESOLVED_ON_SCENE", "REFERRED", "TRANSPORTED")), None, None))
            out["report_codes"].append((rid, "flag", "UNHOUSED", None, None))
            if rng.random() < 0.5:
                out["report_codes"].append((rid, "service", "FOOD_WATER",
                                            rng.choice(("ACCEPTED", "DECLINED")), "p1"))
        if len(out["call_events"]) >= 40_000:
            yield out
            out = {t: [] for t in TABLES}
    yield out


def bulk_fill(engine: Engine, n: int, year: int = 2025, seed: int = 1) -> None:
    """Insert ``n`` calls and everything that hangs off them, as fast as the backend allows."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if engine.dialect.name == "sqlite":
            cur.execute("BEGIN")  # the station's connections run in autocommit mode
        for chunk in _rows(n, year, seed):
            for table, rows in chunk.items():
                if rows:
                    _insert(engine.dialect.name, cur, table, rows)
        if engine.dialect.name == "sqlite":
            cur.execute("COMMIT")
        raw.commit()
    finally:
        raw.close()
    t = time.perf_counter()
    with write(engine) as conn:  # what Alembic 0010 does on an existing station
        call_facts.refresh(conn, load_reference(), None)
    print(f"\nbuilt the metrics rows of {n:,} calls (the 0010 backfill) in "
          f"{time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    with write(engine) as conn:  # and Alembic 0013
        rows = rollups.rebuild(conn, load_reference())
    print(f"built the daily roll-up ({rows:,} rows, the 0013 backfill) in "
          f"{time.perf_counter() - t:.0f} s")
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("ANALYZE")  # planner statistics, as a maintained station would have
        raw.commit()
    finally:
        raw.close()


def _insert(dialect: str, cur: Any, table: str, rows: list[tuple[Any, ...]]) -> None:
    cols = TABLES[table]
    if dialect == "postgresql":
        with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in cols)
    cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)
