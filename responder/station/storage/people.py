"""People over time at the station: persons, contacts, follow-ups and consents pushed by units;
merges (only here); the prior-contact briefing sent with each assigned call; follow-up lists.

A merge is announced to every unit (feed kind ``person_merge``, a broadcast). A unit's edit of
a person the station has merged away is not applied: it is kept in ``conflicts`` (both kept,
listed by ``responder-station persons conflicts``) and the unit sees the change as a conflict.
"""

from __future__ import annotations

import logging
from typing import Any

from civilian_responder.names import address_key, fold
from civilian_responder.station.storage import feed
from civilian_responder.station.storage.briefing import person_payload, survivor
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.devices import Device
from civilian_responder.station.storage.direct import run
from civilian_responder.station.storage.records import APPLIED, Outcome, Rejected
from civilian_responder.station.storage.tables import (
    conflicts,
    consents,
    follow_ups,
    person_contacts,
    person_merges,
    persons,
)
from sqlalchemy import Connection, Engine, bindparam, select, update

log = logging.getLogger(__name__)

PUSH_KINDS = ("person", "contact", "follow_up", "consent")
_TEXT_LIMIT = 4000


def _text(p: dict[str, Any], name: str, required: bool = False, limit: int = _TEXT_LIMIT) -> str:
    value = p.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise Rejected("invalid", f"{name} must be text of at most {limit} characters")
    return value


def _opt(p: dict[str, Any], name: str) -> str | None:
    value = p.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 64:
        raise Rejected("invalid", f"{name} must be an id or null")
    return value


def apply_people(
    conn: Connection, device: Device, kind: str, entity_id: str, p: dict[str, Any], now: str
) -> Outcome:
    if p.get("id", entity_id) != entity_id:
        raise Rejected("invalid", "payload id differs from entity_id")
    if kind == "person":
        return _person(conn, device, entity_id, p, now)
    if kind == "contact":
        return _contact(conn, device, entity_id, p, now)
    if kind == "follow_up":
        return _follow_up(conn, device, entity_id, p, now)
    return _consent(conn, device, entity_id, p, now)


def _person(
    conn: Connection, device: Device, entity_id: str, p: dict[str, Any], now: str
) -> Outcome:
    values = {
        "display_name": _text(p, "display_name", True, 200),
        "age_range": _text(p, "age_range", limit=32),
        "description": _text(p, "description"),
        "last_seen_at": _opt(p, "last_seen_at"),
        "updated_at": _text(p, "updated_at", True, 32),
    }
    row = conn.execute(select(persons).where(persons.c.id == entity_id)).first()
    if row is None:
        conn.execute(
            persons.insert().values(
                id=entity_id,
                unit_id=device.unit_id,
                created_at=_text(p, "created_at", True, 32),
                received_at=now,
                **values,
            )
        )
        return APPLIED
    if row.merged_into:
        return Outcome(
            "conflict",
            f"person {entity_id} was merged into {row.merged_into} at "
            "the station; this edit is kept, not applied",
        )
    if (row.updated_at or "") > values["updated_at"]:
        return Outcome("duplicate", "the station holds a newer edit of this person")
    conn.execute(update(persons).where(persons.c.id == entity_id).values(received_at=now, **values))
    return APPLIED


_CONTACT = select(person_contacts.c.id).where(person_contacts.c.id == bindparam("id"))
_NEW_CONTACT = person_contacts.insert()


def _contact(
    conn: Connection, device: Device, entity_id: str, p: dict[str, Any], now: str
) -> Outcome:
    violence = p.get("violence", False)
    if not isinstance(violence, bool):
        raise Rejected("invalid", "violence must be true or false")
    address = _text(p, "address", limit=300)
    values = {
        "person_id": survivor(conn, _opt(p, "person_id")),
        "call_id": _opt(p, "call_id"),
        "report_id": _opt(p, "report_id"),
        "at": _text(p, "at", True, 32),
        "address": address,
        "address_key": address_key(address),
        "unit_id": device.unit_id,
        "kind": _text(p, "kind", limit=16) or "call",
        "outcome_code": _opt(p, "outcome_code"),
        "safety_notes": _text(p, "safety_notes"),
        "triggers": _text(p, "triggers"),
        "what_helped": _text(p, "what_helped"),
        "violence": violence,
        "services_offered": _codes(p, "services_offered"),
        "services_accepted": _codes(p, "services_accepted"),
        "shelter_placement_code": _opt(p, "shelter_placement_code"),
        "received_at": now,
    }
    exists = run(conn, _CONTACT, {"id": entity_id}).first()
    if exists is None:
        run(conn, _NEW_CONTACT, dict(values, id=entity_id))
    else:
        conn.execute(
            update(person_contacts).where(person_contacts.c.id == entity_id).values(**values)
        )
    if values["person_id"]:
        conn.execute(
            update(persons)
            .where(persons.c.id == values["person_id"])
            .where((persons.c.last_seen_at.is_(None)) | (persons.c.last_seen_at < values["at"]))
            .values(last_seen_at=values["at"])
        )
    return APPLIED


def _follow_up(
    conn: Connection, device: Device, entity_id: str, p: dict[str, Any], now: str
) -> Outcome:
    state = p.get("state", "open")
    if state not in ("open", "done", "cancelled"):
        raise Rejected("invalid", "state must be open, done or cancelled")
    due = _text(p, "due_date", True, 10)
    values = {
        "person_id": survivor(conn, _opt(p, "person_id")),
        "call_id": _opt(p, "call_id"),
        "what": _text(p, "what", True),
        "who": _text(p, "who", limit=200),
        "due_date": due,
        "state": state,
        "unit_id": device.unit_id,
        "updated_at": _text(p, "updated_at", True, 32),
        "payload": feed.canonical(p),
        "received_at": now,
    }
    row = conn.execute(select(follow_ups).where(follow_ups.c.id == entity_id)).first()
    if row is None:
        conn.execute(follow_ups.insert().values(id=entity_id, **values))
    elif row.updated_at <= values["updated_at"]:
        conn.execute(update(follow_ups).where(follow_ups.c.id == entity_id).values(**values))
    return APPLIED


def _consent(
    conn: Connection, device: Device, entity_id: str, p: dict[str, Any], now: str
) -> Outcome:
    given = p.get("given")
    if not isinstance(given, bool):
        raise Rejected("invalid", "given must be true or false")
    values = {
        "report_id": _text(p, "report_id", True, 64),
        "person_id": _opt(p, "person_id"),
        "kind": _text(p, "kind", True, 32),
        "given": given,
        "at": _text(p, "at", True, 32),
        "unit_id": device.unit_id,
        "payload": feed.canonical(p),
        "received_at": now,
    }
    if conn.execute(select(consents.c.id).where(consents.c.id == entity_id)).first() is None:
        conn.execute(consents.insert().values(id=entity_id, **values))
    else:
        conn.execute(update(consents).where(consents.c.id == entity_id).values(**values))
    return APPLIED


class People:
    """Admin side: merges, follow-up lists, conflicts."""

    def __init__(self, engine: Engine, clock: Any) -> None:
        self._engine = engine
        self._clock = clock

    def merge(self, keep: str, gone: str, actor: str = "") -> dict[str, Any]:
        """Merge ``gone`` into ``keep``: one person from now on, at the station and (at their
        next sync) on every unit. Their contacts and follow-ups follow."""
        from civilian_responder.clock import iso  # noqa: PLC0415
        from civilian_responder.errors import NotFoundError, ValidationError  # noqa: PLC0415

        at = iso(self._clock.now())
        with write(self._engine) as conn:
            lock_feed(conn)
            keep = survivor(conn, keep) or keep
            rows = {
                r.id: r
                for r in conn.execute(select(persons).where(persons.c.id.in_([keep, gone]))).all()
            }
            for pid in (keep, gone):
                if pid not in rows:
                    raise NotFoundError(f"No person {pid} at the station")
            if rows[gone].merged_into:
                raise ValidationError(
                    f"Person {gone} is already merged into {rows[gone].merged_into}"
                )
            if keep == gone:
                raise ValidationError("A person cannot be merged into themselves")
            conn.execute(
                update(persons).where(persons.c.id == gone).values(merged_into=keep, updated_at=at)
            )
            for table in (person_contacts, follow_ups, consents):
                conn.execute(update(table).where(table.c.person_id == gone).values(person_id=keep))
            conn.execute(
                update(persons).where(persons.c.merged_into == gone).values(merged_into=keep)
            )
            conn.execute(
                person_merges.insert().values(merged=gone, survivor=keep, at=at, actor=actor)
            )
            kept = conn.execute(select(persons).where(persons.c.id == keep)).first()
            payload = {"merged": gone, "into": keep, "at": at, "person": person_payload(kept)}
            feed.append(conn, None, "person_merge", gone, payload, at)
        log.info("person %s merged into %s by %s", gone, keep, actor)
        return payload

    def list_persons(self, name: str = "") -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(persons).order_by(persons.c.display_name)).all()
        want = fold(name)
        return [person_payload(r) for r in rows if want in fold(r.display_name)]

    def follow_ups(
        self,
        unit: str | None = None,
        due: str | None = None,
        state: str = "open",
        person: str | None = None,
    ) -> list[dict[str, Any]]:
        q = select(follow_ups).order_by(follow_ups.c.due_date, follow_ups.c.unit_id)
        if person:
            q = q.where(follow_ups.c.person_id == person)
        if state != "all":
            q = q.where(follow_ups.c.state == state)
        if unit:
            q = q.where(follow_ups.c.unit_id == unit)
        if due:
            q = q.where(follow_ups.c.due_date <= due)
        with self._engine.connect() as conn:
            rows = conn.execute(q).all()
        return [
            {
                "id": r.id,
                "due_date": r.due_date,
                "unit_id": r.unit_id,
                "what": r.what,
                "who": r.who,
                "person_id": r.person_id,
                "call_id": r.call_id,
                "state": r.state,
            }
            for r in rows
        ]

    def seed_demo(self, history: dict[str, list[dict[str, Any]]]) -> bool:
        """Demo station: repeat people, their earlier contacts and follow-ups (once)."""
        from civilian_responder.clock import iso  # noqa: PLC0415

        now = iso(self._clock.now())
        with write(self._engine) as conn:
            if conn.execute(select(persons.c.id).limit(1)).first() is not None:
                return False
            for p in history["persons"]:
                conn.execute(persons.insert().values(**p, unit_id="CSO-7", received_at=now))
            for c in history["contacts"]:
                conn.execute(
                    person_contacts.insert().values(
                        **c, address_key=address_key(c["address"]), received_at=now
                    )
                )
            for f in history["follow_ups"]:
                conn.execute(
                    follow_ups.insert().values(
                        id=f["id"],
                        person_id=f["person_id"],
                        call_id=None,
                        what=f["what"],
                        who=f["who"],
                        due_date=f["due_date"],
                        state="open",
                        unit_id=f["unit_id"],
                        updated_at=f["updated_at"],
                        payload=feed.canonical(f),
                        received_at=now,
                    )
                )
        return True

    def person(self, person_id: str) -> dict[str, Any]:
        """One person with their contacts and follow-ups, for the console's person page. A
        merged-away person is shown as such (``merged_into``, followed to the survivor)."""
        from civilian_responder.errors import NotFoundError  # noqa: PLC0415

        with self._engine.connect() as conn:
            row = conn.execute(select(persons).where(persons.c.id == person_id)).first()
            if row is None:
                raise NotFoundError(f"No person {person_id} at the station")
            now_is = survivor(conn, person_id) if row.merged_into else None
            gone = [
                r.merged
                for r in conn.execute(
                    select(person_merges.c.merged).where(person_merges.c.survivor == person_id)
                )
            ]
            c = person_contacts.c
            contacts = conn.execute(
                select(c.id, c.at, c.address, c.kind, c.unit_id, c.call_id, c.outcome_code,
                       c.safety_notes, c.what_helped, c.violence)
                .where(c.person_id == person_id)
                .order_by(c.at.desc())
            ).all()
        return {
            "person": person_payload(row),
            "survivor": now_is,
            "merged_from": gone,
            "contacts": [dict(r._mapping) for r in contacts],
            "follow_ups": self.follow_ups(state="all", person=person_id),
            "conflicts": [
                x for x in self.merge_conflicts() if x["person_id"] in (person_id, *gone)
            ],
        }

    def suggested_pairs(self, limit: int = 100) -> list[dict[str, Any]]:
        """Possible duplicates, never merged by themselves: people not merged away whose names
        fold to the same words (case, accents, spacing) and whose age ranges do not differ
        (one of them unknown counts as the same). A supervisor decides."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(persons).where(persons.c.merged_into.is_(None)).order_by(persons.c.id)
            ).all()
        by_name: dict[str, list[Any]] = {}
        for r in rows:
            key = " ".join(fold(r.display_name).split())
            if key:
                by_name.setdefault(key, []).append(r)
        pairs = []
        for group in by_name.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if a.age_range and b.age_range and a.age_range != b.age_range:
                        continue
                    pairs.append({"a": person_payload(a), "b": person_payload(b)})
                    if len(pairs) >= limit:
                        return pairs
        return pairs

    def merge_conflicts(self) -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(conflicts).where(conflicts.c.kind == "person").order_by(conflicts.c.id)
            ).all()
        return [
            {
                "change_id": r.change_id,
                "person_id": r.entity_id,
                "reason": r.reason,
                "received_at": r.received_at,
                "device_id": r.device_id,
            }
            for r in rows
        ]


def _codes(p: dict[str, Any], name: str) -> str:
    value = p.get(name) or []
    if (
        not isinstance(value, list)
        or len(value) > 50
        or not all(isinstance(v, str) and len(v) <= 64 for v in value)
    ):
        raise Rejected("invalid", f"{name} must be a list of codes")
    return feed.canonical(value)
