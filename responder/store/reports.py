"""SQL for field reports. JSON columns hold coded lists; analytic values are always codes."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlite_utils
from civilian_responder.models import (
    CrewMember,
    MigrationNote,
    Person,
    RecoveredDraft,
    Report,
    ServiceEntry,
)

REPORT_FIELDS = [f.name for f in dataclasses.fields(Report)]
_CODE_LISTS = ("flags", "disability_codes", "language_codes", "referrals", "outcome_codes")
_BOOLS = ("backup_requested", "call_transferred_988", "warm_transfer_988", "follow_up_needed")


def _report_from_row(row: Sequence[Any]) -> Report:
    v = dict(zip(REPORT_FIELDS, row, strict=True))
    for name in _CODE_LISTS:
        v[name] = tuple(json.loads(v[name]))
    v["persons"] = tuple(Person(**p) for p in json.loads(v["persons"]))
    v["services"] = tuple(ServiceEntry(**s) for s in json.loads(v["services"]))
    v["crew"] = tuple(CrewMember(**c) for c in json.loads(v["crew"]))
    for name in _BOOLS:
        v[name] = bool(v[name])
    return Report(**v)


def encode_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Turn model values into column values (tuples of codes or records become JSON)."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _CODE_LISTS:
            out[name] = json.dumps(list(value))
        elif name in ("persons", "services", "crew"):
            out[name] = json.dumps(
                [dataclasses.asdict(x) if dataclasses.is_dataclass(x) else dict(x) for x in value]
            )
        elif name in _BOOLS:
            out[name] = int(bool(value))
        else:
            out[name] = value
    return out


def report_payload(report: Report) -> dict[str, Any]:
    """A JSON-ready dict of the whole report, for the outbox and for fingerprints."""
    return json.loads(json.dumps(dataclasses.asdict(report)))


class ReportRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    def insert(self, report: Report) -> None:
        self._db["reports"].insert(encode_fields(dataclasses.asdict(report)))

    def get(self, report_id: str) -> Report | None:
        row = self._db.execute(
            f"SELECT {', '.join(REPORT_FIELDS)} FROM reports WHERE id = ?", [report_id]
        ).fetchone()
        return _report_from_row(row) if row else None

    def for_call(self, call_id: str) -> list[Report]:
        rows = self._db.execute(
            f"SELECT {', '.join(REPORT_FIELDS)} FROM reports WHERE call_id = ?"
            " ORDER BY report_number, version",
            [call_id],
        ).fetchall()
        return [_report_from_row(r) for r in rows]

    def all(self, states: Sequence[str] | None = None) -> list[Report]:
        sql = f"SELECT {', '.join(REPORT_FIELDS)} FROM reports"
        params: list[Any] = []
        if states:
            sql += f" WHERE state IN ({', '.join('?' for _ in states)})"
            params = list(states)
        rows = self._db.execute(sql + " ORDER BY created_at", params).fetchall()
        return [_report_from_row(r) for r in rows]

    def update(self, report_id: str, fields: Mapping[str, Any]) -> None:
        """Partial update of only the changed fields (autosave path)."""
        self._db["reports"].update(report_id, encode_fields(fields))

    def next_number(self, year: int, unit_id: str, device_tag: str = "") -> str:
        """The next report number: ``R2026-CSO-12-3FA9C1-00001`` on an enrolled device (its
        tag keeps two devices of a unit apart), ``R2026-CSO-12-00001`` before enrollment."""
        prefix = f"R{year}-{unit_id}-" + (f"{device_tag}-" if device_tag else "")
        row = self._db.execute(
            "SELECT MAX(CAST(substr(report_number, ?) AS INTEGER)) FROM reports"
            " WHERE report_number LIKE ? AND substr(report_number, ?) NOT GLOB '*[^0-9]*'",
            [len(prefix) + 1, prefix + "%", len(prefix) + 1],
        ).fetchone()
        return f"{prefix}{(row[0] or 0) + 1:05d}"

    def migration_notes(self) -> list[MigrationNote]:
        """Reports a schema migration carried over but found not to meet the new rules."""
        rows = self._db.execute(
            "SELECT report_id, report_number, version, migration, problem, original, at"
            " FROM report_migration_notes ORDER BY at, report_number, version"
        ).fetchall()
        return [MigrationNote(*r) for r in rows]

    def drafts_saved_since(self, since: str) -> list[RecoveredDraft]:
        rows = self._db.execute(
            """
            SELECT r.id, r.report_number,
                   COALESCE(c.cad_number, 'LOCAL-' || upper(substr(c.id, 1, 8))), r.updated_at
            FROM reports r JOIN calls c ON c.id = r.call_id
            WHERE r.state IN ('draft', 'returned') AND r.updated_at >= ?
            ORDER BY r.updated_at
            """,
            [since],
        ).fetchall()
        return [RecoveredDraft(*r) for r in rows]
