"""Outreach connections (contacts without a 911 call, HEAL-style encampment work): how many
people were met, how many of them for the first time (new connections) and how many again
(repeat connections), and what was offered, accepted and placed. A separate section of the
program figures: it reads only the people tables, never the call/report metrics engine.

A person is a *new* connection in a period when their first contact ever (outreach or call,
any unit) falls in that period; a *repeat* connection when they had been met before it.
Merged-away people count as the person they were merged into.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from civilian_responder.station.storage.tables import person_contacts, persons
from sqlalchemy import Engine, func, select


@dataclass(frozen=True)
class OutreachFigures:
    start: str
    end: str
    contacts: int = 0
    people: int = 0
    new_connections: int = 0
    repeat_connections: int = 0
    unnamed_contacts: int = 0  # outreach contacts with no person recorded
    offered: dict[str, int] = field(default_factory=dict)
    accepted: dict[str, int] = field(default_factory=dict)
    shelter: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def outreach_figures(engine: Engine, start: str, end: str) -> OutreachFigures:
    """Figures for outreach contacts with ``start <= at < end`` (ISO-8601 strings)."""
    c = person_contacts
    with engine.connect() as conn:
        merged = dict(
            conn.execute(
                select(persons.c.id, persons.c.merged_into).where(
                    persons.c.merged_into.is_not(None)
                )
            ).all()
        )
        rows = conn.execute(
            select(
                c.c.person_id,
                c.c.services_offered,
                c.c.services_accepted,
                c.c.shelter_placement_code,
            )
            .where(c.c.kind == "outreach")
            .where(c.c.at >= start)
            .where(c.c.at < end)
        ).all()
        firsts = conn.execute(
            select(c.c.person_id, func.min(c.c.at))
            .where(c.c.person_id.is_not(None))
            .group_by(c.c.person_id)
        ).all()
    first_seen: dict[str, str] = {}
    for pid, at in firsts:
        who = _survivor(merged, pid)
        first_seen[who] = min(at, first_seen.get(who, at))
    met = {_survivor(merged, r.person_id) for r in rows if r.person_id}
    new = {p for p in met if first_seen.get(p, start) >= start}
    offered, accepted, shelter = Counter(), Counter(), Counter()
    for r in rows:
        offered.update(json.loads(r.services_offered or "[]"))
        accepted.update(json.loads(r.services_accepted or "[]"))
        if r.shelter_placement_code:
            shelter[r.shelter_placement_code] += 1
    return OutreachFigures(
        start=start,
        end=end,
        contacts=len(rows),
        people=len(met),
        new_connections=len(new),
        repeat_connections=len(met - new),
        unnamed_contacts=sum(1 for r in rows if not r.person_id),
        offered=dict(offered),
        accepted=dict(accepted),
        shelter=dict(shelter),
    )


def _survivor(merged: dict[str, str], person_id: str) -> str:
    seen: set[str] = set()
    while person_id in merged and person_id not in seen:
        seen.add(person_id)
        person_id = merged[person_id]
    return person_id
