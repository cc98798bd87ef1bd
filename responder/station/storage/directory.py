"""The resource directory at the station, and its announcement to every unit (feed kind
``resource``, addressed to all units) in the same transaction as each change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from civilian_responder.clock import Clock, iso
from civilian_responder.reference import ReferenceData
from civilian_responder.station.errors import Invalid, NotFound
from civilian_responder.station.storage import feed
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.tables import directory
from sqlalchemy import Connection, Engine, select, update

FIELDS = (
    "kind",
    "name",
    "phone",
    "address",
    "hours",
    "eligibility",
    "languages",
    "beds_open",
    "beds_as_of",
)
FEED_KIND = "resource"


@dataclass(frozen=True)
class Imported:
    added: int
    updated: int
    unchanged: int


def served(row: Any) -> dict[str, Any]:
    """A directory row as units and admins see it."""
    out = {
        name: row._mapping[name] for name in ("id", *FIELDS, "retired", "revision", "updated_at")
    }
    out["languages"] = json.loads(row.languages)
    out["retired"] = bool(row.retired)
    return out


def _announce(conn: Connection, row: Any) -> None:
    feed.append(conn, None, FEED_KIND, row.id, served(row), row.updated_at)


class DirectoryStore:
    def __init__(self, engine: Engine, clock: Clock, reference: ReferenceData) -> None:
        self._engine = engine
        self._clock = clock
        self._beds_kinds = {k.code for k in reference.resource_kinds if k.get("beds")}

    def save(self, rows: tuple[dict[str, Any], ...]) -> Imported:
        """Add or update checked rows (``station.directory.parse_rows``) in one transaction;
        a row equal to what is held is left alone (and not sent to units again)."""
        added = updated = unchanged = 0
        now = iso(self._clock.now())
        with write(self._engine) as conn:
            lock_feed(conn)
            for row in rows:
                values = {name: row[name] for name in FIELDS}
                values["languages"] = json.dumps(row["languages"], ensure_ascii=False)
                held = conn.execute(select(directory).where(directory.c.id == row["id"])).first()
                if held is None:
                    conn.execute(
                        directory.insert().values(
                            id=row["id"], retired=False, revision=1, updated_at=now, **values
                        )
                    )
                    added += 1
                elif all(held._mapping[k] == v for k, v in values.items()) and not held.retired:
                    unchanged += 1
                    continue
                else:
                    conn.execute(
                        update(directory)
                        .where(directory.c.id == row["id"])
                        .values(retired=False, revision=held.revision + 1, updated_at=now, **values)
                    )
                    updated += 1
                _announce(conn, self._get(conn, row["id"]))
        return Imported(added, updated, unchanged)

    def set_beds(self, resource_id: str, beds: int, as_of: str) -> dict[str, Any]:
        if not 0 <= beds <= 10_000:
            raise Invalid("beds open must be from 0 to 10000")
        with write(self._engine) as conn:
            lock_feed(conn)
            held = self._get(conn, resource_id)
            if held.kind not in self._beds_kinds:
                raise Invalid(f"{held.name} ({held.kind}) does not count beds")
            conn.execute(
                update(directory)
                .where(directory.c.id == resource_id)
                .values(
                    beds_open=beds,
                    beds_as_of=as_of,
                    revision=held.revision + 1,
                    updated_at=iso(self._clock.now()),
                )
            )
            row = self._get(conn, resource_id)
            _announce(conn, row)
            return served(row)

    def retire(self, resource_id: str) -> dict[str, Any]:
        with write(self._engine) as conn:
            lock_feed(conn)
            held = self._get(conn, resource_id)
            conn.execute(
                update(directory)
                .where(directory.c.id == resource_id)
                .values(retired=True, revision=held.revision + 1, updated_at=iso(self._clock.now()))
            )
            row = self._get(conn, resource_id)
            _announce(conn, row)
            return served(row)

    def list(self, kind: str | None = None, retired: bool = False) -> list[dict[str, Any]]:
        query = select(directory).order_by(directory.c.kind, directory.c.name)
        if kind:
            query = query.where(directory.c.kind == kind)
        if not retired:
            query = query.where(directory.c.retired.is_(False))
        with self._engine.connect() as conn:
            return [served(r) for r in conn.execute(query).all()]

    def count(self) -> int:
        with self._engine.connect() as conn:
            return len(conn.execute(select(directory.c.id)).all())

    @staticmethod
    def _get(conn: Connection, resource_id: str) -> Any:
        row = conn.execute(select(directory).where(directory.c.id == resource_id)).first()
        if row is None:
            raise NotFound(f"No resource {resource_id!r} in the directory")
        return row
