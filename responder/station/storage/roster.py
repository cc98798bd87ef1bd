"""The agency's roster: imported from a CSV file, sent to every unit through the pull feed.

A roster file has a header row with ``person_id``, ``name`` and ``roles`` (role codes from
``crew_roles.json``, separated by ``;``), and optionally ``active`` (yes/no). A bad row is named
(its line number and what is wrong) and skipped; the good rows are kept.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from civilian_responder.clock import Clock, iso
from civilian_responder.reference import ReferenceData
from civilian_responder.station.errors import Invalid
from civilian_responder.station.storage import feed
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.tables import roster
from sqlalchemy import Engine, select, update

FEED_KIND = "roster_person"
REQUIRED = ("person_id", "name", "roles")
PERSON_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
MAX_NAME = 200
_YES = {"", "1", "yes", "y", "true", "active"}
_NO = {"0", "no", "n", "false", "inactive"}


@dataclass(frozen=True)
class RosterRow:
    person_id: str
    name: str
    role_codes: tuple[str, ...]
    active: bool = True


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)  # "line 4: ..." one per bad row


def parse_roster(text: str, ref: ReferenceData) -> tuple[list[RosterRow], list[str]]:
    """Good rows and a problem per bad row (by line number in the file)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        raise Invalid(
            f"The roster file needs the columns {', '.join(REQUIRED)}; "
            f"missing: {', '.join(missing)}"
        )
    rows: list[RosterRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        values = {
            (k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else ""
            for k, v in raw.items()
        }
        try:
            row = _row(values, ref)
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        if row.person_id in seen:
            problems.append(
                f"line {line}: person {row.person_id} is also on line "
                f"{seen[row.person_id]}; the first is kept"
            )
            continue
        seen[row.person_id] = line
        rows.append(row)
    return rows, problems


def _row(values: dict[str, str], ref: ReferenceData) -> RosterRow:
    person_id, name = values.get("person_id", ""), " ".join(values.get("name", "").split())
    if not PERSON_ID.match(person_id):
        raise ValueError(f"person_id {person_id[:70]!r} must be 1-64 letters, digits, . _ -")
    if not name or len(name) > MAX_NAME:
        raise ValueError(f"person {person_id}: a name of 1-{MAX_NAME} characters is needed")
    roles = tuple(
        dict.fromkeys(r.strip().upper() for r in re.split(r"[;|]", values["roles"]) if r.strip())
    )
    if not roles:
        raise ValueError(f"person {person_id}: no role given")
    unknown = [r for r in roles if r not in ref.crew_roles]
    if unknown:
        raise ValueError(
            f"person {person_id}: unknown role {', '.join(unknown)} (known: "
            f"{', '.join(ref.crew_roles.codes())})"
        )
    active = values.get("active", "").lower()
    if active not in _YES | _NO:
        raise ValueError(f"person {person_id}: active must be yes or no, not {active[:20]!r}")
    return RosterRow(person_id, name, roles, active not in _NO)


class Roster:
    def __init__(self, engine: Engine, clock: Clock, reference: ReferenceData) -> None:
        self._engine = engine
        self._clock = clock
        self._ref = reference

    def import_text(self, text: str) -> ImportResult:
        rows, problems = parse_roster(text, self._ref)
        result = self.store(rows)
        result.problems = problems
        return result

    def store(self, rows: list[RosterRow]) -> ImportResult:
        """Add or update people; each change goes to every unit (unchanged rows do not)."""
        result = ImportResult()
        at = iso(self._clock.now())
        with write(self._engine) as conn:
            lock_feed(conn)
            for row in rows:
                values = {
                    "name": row.name,
                    "role_codes": json.dumps(list(row.role_codes)),
                    "active": row.active,
                }
                existing = conn.execute(
                    select(roster).where(roster.c.person_id == row.person_id)
                ).first()
                if existing is None:
                    conn.execute(
                        roster.insert().values(person_id=row.person_id, updated_at=at, **values)
                    )
                    result.added += 1
                elif (existing.name, existing.role_codes, bool(existing.active)) == (
                    row.name,
                    values["role_codes"],
                    row.active,
                ):
                    result.unchanged += 1
                    continue
                else:
                    conn.execute(
                        update(roster)
                        .where(roster.c.person_id == row.person_id)
                        .values(updated_at=at, **values)
                    )
                    result.updated += 1
                feed.append(conn, None, FEED_KIND, row.person_id, _payload(row, at), at)
        return result

    def people(self, include_inactive: bool = True) -> list[dict[str, Any]]:
        query = select(roster).order_by(roster.c.name, roster.c.person_id)
        if not include_inactive:
            query = query.where(roster.c.active.is_(True))
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        return [
            {
                "person_id": r.person_id,
                "name": r.name,
                "role_codes": json.loads(r.role_codes),
                "active": bool(r.active),
                "updated_at": r.updated_at,
            }
            for r in rows
        ]


def _payload(row: RosterRow, at: str) -> dict[str, Any]:
    return {
        "person_id": row.person_id,
        "name": row.name,
        "role_codes": list(row.role_codes),
        "active": row.active,
        "updated_at": at,
    }
