"""What the station sends with each assigned call: the latest contacts at its address and with
the people named on it, those people and their open follow-ups (feed kind ``prior_contacts``),
so the unit's "Known here" panel works offline."""

from __future__ import annotations

import json
from typing import Any

from civilian_responder.names import address_key, fold
from civilian_responder.station.storage import feed
from civilian_responder.station.storage.tables import follow_ups, person_contacts, persons
from sqlalchemy import Connection, select

BRIEF_CONTACTS = 50  # the latest contacts sent with a call: the minimum a team needs


def survivor(conn: Connection, person_id: str | None) -> str | None:
    """Follow merges to the person a unit's id now means."""
    seen: set[str] = set()
    while person_id and person_id not in seen:
        seen.add(person_id)
        nxt = conn.execute(
            select(persons.c.merged_into).where(persons.c.id == person_id)
        ).scalar_one_or_none()
        if not nxt:
            return person_id
        person_id = nxt
    return person_id


def person_payload(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "display_name": row.display_name,
        "age_range": row.age_range,
        "description": row.description,
        "last_seen_at": row.last_seen_at,
        "provisional": False,
        "merged_into": row.merged_into,
        "origin": "station",
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def _contact_payload(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": row.at,
        "person_id": row.person_id,
        "call_id": row.call_id,
        "address": row.address,
        "unit_id": row.unit_id,
        "kind": row.kind,
        "outcome_code": row.outcome_code,
        "safety_notes": row.safety_notes,
        "triggers": row.triggers,
        "what_helped": row.what_helped,
        "violence": bool(row.violence),
    }


def briefing(conn: Connection, address: str, names: list[str]) -> dict[str, Any] | None:
    """The minimum prior-contact data for a call: the latest contacts at its address and with
    people of the named names, those people, and their open follow-ups."""
    rows = (
        list(
            conn.execute(
                select(person_contacts)
                .where(person_contacts.c.address_key == address_key(address))
                .order_by(person_contacts.c.at.desc())
                .limit(BRIEF_CONTACTS)
            ).all()
        )
        if address
        else []
    )
    wanted = {fold(n).strip() for n in names if n and n.strip()}
    named = (
        [
            r.id
            for r in conn.execute(
                select(persons.c.id, persons.c.display_name).where(persons.c.merged_into.is_(None))
            ).all()
            if fold(r.display_name).strip() in wanted
        ]
        if wanted
        else []
    )
    if named:
        rows += conn.execute(
            select(person_contacts)
            .where(person_contacts.c.person_id.in_(named))
            .order_by(person_contacts.c.at.desc())
            .limit(BRIEF_CONTACTS)
        ).all()
    contacts = {r.id: r for r in rows}
    people_ids = {r.person_id for r in contacts.values() if r.person_id} | set(named)
    if not contacts and not people_ids:
        return None
    people = conn.execute(select(persons).where(persons.c.id.in_(people_ids))).all()
    open_fu = conn.execute(
        select(follow_ups.c.payload)
        .where(follow_ups.c.state == "open")
        .where(follow_ups.c.person_id.in_(people_ids))
    ).all()
    return {
        "address": address,
        "persons": [person_payload(r) for r in people],
        "contacts": [
            _contact_payload(r)
            for r in sorted(contacts.values(), key=lambda r: r.at, reverse=True)[:BRIEF_CONTACTS]
        ],
        "follow_ups": [json.loads(r.payload) for r in open_fu],
    }


def send_briefing(conn: Connection, row: Any, unit_id: str, at: str) -> None:
    """With an assigned call: what the unit needs to know offline (nothing if nothing)."""
    brief = briefing(conn, row.address or "", [row.caller_name or ""])
    if brief is not None:
        brief["call_id"] = row.id
        feed.append(conn, unit_id, "prior_contacts", row.id, brief, at)
