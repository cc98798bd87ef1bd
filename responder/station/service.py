"""The station's one constructor: ``open_station(url)`` builds storage and every service.

The HTTP routes and the admin CLI both go through this facade, so a rule lives in one place.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from civilian_responder import __version__
from civilian_responder.clock import Clock, SystemClock, new_id
from civilian_responder.reference import ReferenceData, load_reference
from civilian_responder.station.directory import RowError, parse_rows, read_file
from civilian_responder.station.eido import parse_eido
from civilian_responder.station.eido_out import EidoWriter
from civilian_responder.station.errors import Invalid
from civilian_responder.station.metrics.engine import Metrics
from civilian_responder.station.storage import feed
from civilian_responder.station.storage.board import read_board
from civilian_responder.station.storage.calls import CallSpec, CallUpdate, Dispatch, raise_cad
from civilian_responder.station.storage.checklists import Checklists
from civilian_responder.station.storage.database import lock_feed, make_engine, migrate, write
from civilian_responder.station.storage.devices import Device, DeviceRegistry
from civilian_responder.station.storage.directory import DirectoryStore, Imported
from civilian_responder.station.storage.eido_outbox import EidoOutbox
from civilian_responder.station.storage.people import People
from civilian_responder.station.storage.photo_files import PhotoFiles, photo_dir
from civilian_responder.station.storage.push import PushService
from civilian_responder.station.storage.reviews import Review
from civilian_responder.station.storage.roster import Roster
from civilian_responder.station.storage.settings import AgencySettings
from civilian_responder.station.storage.staff import StaffDirectory
from civilian_responder.station.storage.tables import meta, receipts
from civilian_responder.station.storage.throttle import Throttle
from civilian_responder.station.storage.uploads import Uploads
from sqlalchemy import Engine, delete, select


@dataclass(frozen=True)
class Limits:
    """Configurable protections; the defaults suit a real station."""

    enroll_per_ip: int = 10  # failed enrollments per client address (and per code) per window
    enroll_global: int = 120  # failed enrollments per window, all clients together
    auth_failures_per_ip: int = 60  # bad-token requests per client address (and per token)
    window_seconds: int = 300
    max_body: int = 1024 * 1024
    max_push_body: int = 8 * 1024 * 1024
    max_push_changes: int = 500
    docs: bool = True  # serve the Swagger UI page at /docs (/openapi.json is always served)
    # Proxies (addresses or networks) whose X-Forwarded-For names the real client.
    trusted_proxies: tuple[str, ...] = ()


class Station:
    def __init__(self, engine: Engine, clock: Clock, reference: ReferenceData,
                 limits: Limits) -> None:
        self.engine = engine
        self.clock = clock
        self.reference = reference
        self.limits = limits
        self.devices = DeviceRegistry(engine, clock)
        self.dispatch = Dispatch(engine, clock, reference)
        self.pusher = PushService(engine, clock, reference)
        self.review = Review(engine, clock)
        photos = photo_dir(engine)
        self.uploads = Uploads(engine, clock, PhotoFiles(photos) if photos else None)
        self.checklists = Checklists(engine, clock)
        self.roster = Roster(engine, clock, reference)
        self.throttle = Throttle(engine, clock, limits.window_seconds)
        self.metrics = Metrics(engine, reference)
        self.people = People(engine, clock)
        self.settings = AgencySettings(engine, clock)
        self.directory = DirectoryStore(engine, clock, reference)
        self.staff = StaffDirectory(engine, clock, self.throttle)
        self.station_id = self._meta("station_id")
        self.version = __version__
        self.eido = EidoOutbox(engine, clock, lambda: EidoWriter(reference, self.station_id))

    def _meta(self, key: str) -> str:
        """A station-wide value, created (a new uuid) the first time it is asked for."""
        with write(self.engine) as conn:
            found = conn.execute(select(meta.c.value).where(meta.c.key == key)
                                 ).scalar_one_or_none()
            if found is None:
                found = new_id()
                conn.execute(meta.insert().values(key=key, value=found))
        return str(found)

    @property
    def epoch(self) -> str:
        """Changes when the database is restored from a backup (``new-epoch``): units then
        re-send what they had synced and pull again from cursor 0."""
        with self.engine.connect() as conn:
            found = conn.execute(select(meta.c.value).where(meta.c.key == "epoch")
                                 ).scalar_one_or_none()
        return str(found) if found is not None else self._meta("epoch")

    def new_epoch(self) -> str:
        with write(self.engine) as conn:
            conn.execute(delete(meta).where(meta.c.key == "epoch"))
        return self._meta("epoch")

    def push(self, device: Device, changes: list[Any]) -> list[dict[str, Any]]:
        """Apply a unit's changes, then have what CAD should learn from them published (EIDO,
        on the publishing thread: the unit's answer does not wait for it)."""
        results = self.pusher.push(device, changes)
        self.eido.kick()
        return results

    def pull(self, device: Device, cursor: int, limit: int) -> dict[str, Any]:
        return feed.pull(self.engine, device.unit_id, cursor, limit)

    def sync_state(self, device: Device, last_change_id: str | None, cursor: int,
                   cursor_check: str | None, cad_numbers: list[str]) -> dict[str, Any]:
        """What a unit asks before each sync to tell whether this station went back (restored
        from an older backup): does it still hold the last change the unit had acknowledged,
        and the feed change the unit's cursor stands on? The unit's highest CAD numbers lift
        the counters, so a restored station never hands out a number a unit holds."""
        with write(self.engine) as conn:
            lock_feed(conn)
            for number in cad_numbers[:50]:
                raise_cad(conn, number)
            known = None
            if last_change_id:
                known = conn.execute(select(receipts.c.change_id)
                                     .where(receipts.c.change_id == last_change_id)
                                     ).first() is not None
            return {"epoch": self.epoch_in(conn), "change_known": known,
                    "cursor_ok": feed.holds(conn, device.unit_id, cursor, cursor_check),
                    "feed_high": feed.high(conn)}

    def epoch_in(self, conn: Any) -> str:
        found = conn.execute(select(meta.c.value).where(meta.c.key == "epoch")
                             ).scalar_one_or_none()
        if found is None:
            found = new_id()
            conn.execute(meta.insert().values(key="epoch", value=found))
        return str(found)

    def import_eido(self, body: Any, unit_id: str | None, actor: str) -> tuple[dict[str, Any],
                                                                             bool]:
        """Create the call for a new incident, or update the one already imported.

        Returns (call, created). Re-importing an incident changes priority, adds new notes and,
        when a different unit is named, reassigns it; nothing is duplicated.
        """
        incident = parse_eido(body)
        notes = "\n".join(incident.notes)
        existing = self.dispatch.find_by_incident(incident.incident_id)
        if existing is None:
            if not unit_id:
                raise Invalid("Say which unit gets this incident (unit)")
            narrative = "\n".join(x for x in (
                f"EIDO incident {incident.incident_id}",
                f"Type: {incident.type_text}" if incident.type_text else "", notes) if x)
            spec = CallSpec(
                unit_id=unit_id, type_code=incident.type_code, priority=incident.priority,
                address=incident.address, narrative=narrative, caller_phone=incident.caller_phone,
                location_note=incident.location_note, latitude=incident.latitude,
                longitude=incident.longitude, type_text=incident.type_text,
                incident_id=incident.incident_id, received_at=incident.received_at,
            )
            return self.dispatch.create(spec, actor, known_type=False, source="eido"), True
        current = self.dispatch.get(existing)
        known = {e["note"] for e in current["events"]} | set(
            current["call"]["narrative"].splitlines())
        fresh = [n for n in incident.notes if n not in known]
        change = CallUpdate(priority=incident.priority, add_note="\n".join(fresh) or None,
                            unit_id=unit_id or None)
        return self.dispatch.update(existing, change, actor), False

    def import_directory(self, data: bytes, filename: str) -> tuple[Imported, list[str]]:
        """Add or update resources from a CSV or JSON file; (what changed, each bad row)."""
        try:
            raw = read_file(data, filename)
        except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError and RowError too
            detail = str(exc) if isinstance(exc, RowError) else type(exc).__name__
            raise Invalid(f"{filename} is not a CSV or JSON directory file ({detail})") from None
        parsed = parse_rows(raw, self.reference, self.clock.now())
        return self.directory.save(parsed.rows), [str(b) for b in parsed.bad]

    def create_call(self, fields: dict[str, Any], actor: str) -> dict[str, Any]:
        names = {f.name for f in dataclasses.fields(CallSpec)} - {"incident_id", "type_text"}
        return self.dispatch.create(CallSpec(**{k: v for k, v in fields.items() if k in names}),
                                    actor)

    def board(self) -> dict[str, Any]:
        """Units with their status and crew, and the open calls by priority and age."""
        return read_board(self.engine, self.reference)

    def warm(self) -> None:
        """Build now what the first requests would otherwise build while a unit waits: the
        EIDO writer (the schema compiled twice, ~0.1 s of CPU holding the GIL, which slowed
        the first sync's photo uploads). For ``serve``; admin commands stay quick to start."""
        _ = self.eido.writer

    def close(self) -> None:
        self.eido.close()
        self.engine.dispose()


def open_station(database_url: str, clock: Clock | None = None,
                 limits: Limits | None = None, run_migrations: bool = True) -> Station:
    engine = make_engine(database_url)
    if run_migrations:
        migrate(engine)
    return Station(engine, clock or SystemClock(), load_reference(), limits or Limits())
