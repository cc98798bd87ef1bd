"""SQL for the roster (as the station sent it) and the unit's shifts with their crews."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlite_utils
from civilian_responder.models import CrewMember, RosterPerson, Shift

_SHIFT_COLUMNS = (
    "id, unit_id, vehicle, start_mileage, started_at, end_mileage, ended_at,"
    " correction_note, officer"
)


class ShiftRepository:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db

    # Roster ----------------------------------------------------------------------------------

    def upsert_roster_person(self, person: RosterPerson, updated_at: str) -> None:
        self._db.execute(
            "INSERT INTO roster (person_id, name, role_codes, active, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(person_id) DO UPDATE SET name = excluded.name,"
            " role_codes = excluded.role_codes, active = excluded.active,"
            " updated_at = excluded.updated_at",
            [
                person.person_id,
                person.name,
                json.dumps(list(person.role_codes)),
                int(person.active),
                updated_at,
            ],
        )

    def roster(self, include_inactive: bool = False) -> list[RosterPerson]:
        where = "" if include_inactive else " WHERE active = 1"
        rows = self._db.execute(
            f"SELECT person_id, name, role_codes, active FROM roster{where}"
            " ORDER BY name COLLATE NOCASE"
        ).fetchall()
        return [RosterPerson(r[0], r[1], tuple(json.loads(r[2])), bool(r[3])) for r in rows]

    def roster_person(self, person_id: str) -> RosterPerson | None:
        row = self._db.execute(
            "SELECT person_id, name, role_codes, active FROM roster WHERE person_id = ?",
            [person_id],
        ).fetchone()
        return (
            RosterPerson(row[0], row[1], tuple(json.loads(row[2])), bool(row[3])) if row else None
        )

    # Shifts ----------------------------------------------------------------------------------

    def insert_shift(self, shift: Shift) -> None:
        self._db.execute(
            f"INSERT INTO shifts ({_SHIFT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                shift.id,
                shift.unit_id,
                shift.vehicle,
                shift.start_mileage,
                shift.started_at,
                shift.end_mileage,
                shift.ended_at,
                shift.correction_note,
                shift.officer,
            ],
        )
        self._db.conn.executemany(
            "INSERT INTO shift_crew (shift_id, person_id, name, role_code, on_roster, position)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (shift.id, m.person_id, m.name, m.role_code, int(m.on_roster), n)
                for n, m in enumerate(shift.crew)
            ],
        )

    def end_shift(self, shift_id: str, fields: dict[str, Any]) -> None:
        self._db["shifts"].update(shift_id, fields)

    def open_shift(self) -> Shift | None:
        row = self._db.execute(
            f"SELECT {_SHIFT_COLUMNS} FROM shifts WHERE ended_at IS NULL"
        ).fetchone()
        return self._shift(row) if row else None

    def get_shift(self, shift_id: str) -> Shift | None:
        row = self._db.execute(
            f"SELECT {_SHIFT_COLUMNS} FROM shifts WHERE id = ?", [shift_id]
        ).fetchone()
        return self._shift(row) if row else None

    def shift_at(self, at: str) -> Shift | None:
        """The shift that was on at ``at`` (open, or ended after it)."""
        row = self._db.execute(
            f"SELECT {_SHIFT_COLUMNS} FROM shifts WHERE started_at <= ?"
            " AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at DESC LIMIT 1",
            [at, at],
        ).fetchone()
        return self._shift(row) if row else None

    def last_shift(self) -> Shift | None:
        row = self._db.execute(
            f"SELECT {_SHIFT_COLUMNS} FROM shifts ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        return self._shift(row) if row else None

    def _shift(self, row: Sequence[Any]) -> Shift:
        crew = tuple(
            CrewMember(r[0], r[1], r[2], bool(r[3]))
            for r in self._db.execute(
                "SELECT person_id, name, role_code, on_roster FROM shift_crew"
                " WHERE shift_id = ? ORDER BY position",
                [row[0]],
            ).fetchall()
        )
        return Shift(
            id=row[0],
            unit_id=row[1],
            vehicle=row[2],
            start_mileage=row[3],
            started_at=row[4],
            end_mileage=row[5],
            ended_at=row[6],
            correction_note=row[7],
            officer=row[8],
            crew=crew,
        )

    def calls_between(self, start: str, end: str) -> list[str]:
        """Calls the unit worked in the window: any status event of its own in it."""
        rows = self._db.execute(
            "SELECT DISTINCT call_id FROM status_events WHERE origin = 'unit' AND kind = 'status'"
            " AND at >= ? AND at <= ?",
            [start, end],
        ).fetchall()
        return [r[0] for r in rows]
