"""Generated demo data: a unit with a shift's worth of calls. Never real people."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from civilian_responder.clock import Clock, iso, new_id
from civilian_responder.demo_data import (
    CALL_TYPES,
    CAUTIONS,
    DEMO_CREW,
    DEMO_ROSTER,
    DEMO_UNIT,
    DEMO_VEHICLE,
    LANDMARKS,
    STREETS,
    people_history,
    person,
)
from civilian_responder.models import (
    Call,
    Contact,
    CrewMember,
    FollowUp,
    KnownPerson,
    Resource,
    RosterPerson,
    Shift,
    StatusEvent,
    UnitStatus,
)
from civilian_responder.resource_files import resource_path
from civilian_responder.store import Store
from civilian_responder.store.directory import search_text
from civilian_responder.unit_status import META_ACTIVE

DEMO_OFFICER = "Demo Officer"

# A unit's day: one call it is working, a few waiting (one it was diverted from en route),
# and the calls it cleared earlier in the shift. Never six calls "on scene" at once.
_ACTIVE_PATH = ["DISPATCHED", "ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE"]
_QUEUED_PATHS = [["DISPATCHED"], ["DISPATCHED", "ACKNOWLEDGED", "EN_ROUTE"], ["DISPATCHED"],
                 ["DISPATCHED", "ACKNOWLEDGED"]]
_HELD = 1  # index in _QUEUED_PATHS of the call the unit was diverted from (it is on hold)
SHIFT_HOURS = 8

_STATE_PATHS = [
    ["DISPATCHED"],
    ["DISPATCHED", "ACKNOWLEDGED"],
    ["DISPATCHED", "ACKNOWLEDGED", "EN_ROUTE"],
    ["DISPATCHED", "ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE"],
    ["DISPATCHED", "ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "CLEARED"],
    ["DISPATCHED", "ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "TRANSPORTING", "AT_DESTINATION",
     "CLEARED"],
]


def generate_calls(clock: Clock, count: int, unit_id: str = DEMO_UNIT, seed: int = 12,
                   history: bool = False, start_number: int = 1
                   ) -> Iterator[tuple[Call, list[StatusEvent]]]:
    """Yield (call, timeline). ``history`` calls are older and all cleared; otherwise the
    first call is the one being worked, the next few wait, the rest were cleared this shift."""
    rng = random.Random(seed)
    now = clock.now()
    weights = [t[1] for t in CALL_TYPES]
    for i in range(count):
        type_code, _, templates = rng.choices(CALL_TYPES, weights)[0]
        if history:
            path, age = _STATE_PATHS[-2], timedelta(days=rng.uniform(1, 365))
        elif i == 0:
            path, age = _ACTIVE_PATH, timedelta(minutes=rng.uniform(25, 35))
        elif i <= len(_QUEUED_PATHS):
            path, age = _QUEUED_PATHS[i - 1], timedelta(minutes=rng.uniform(3, 45))
        else:
            path = _STATE_PATHS[rng.choice([4, 4, 5])]
            age = timedelta(minutes=rng.uniform(60, SHIFT_HOURS * 60 - 60))
        received = now - age
        who = person(rng)
        narrative = rng.choice(templates).format(who=who, lm=rng.choice(LANDMARKS))
        priority = rng.choice([2, 3, 3, 3, 4, 4, 4, 4])
        call = Call(
            id=new_id(), cad_number=f"T{received:%y%m%d}{start_number + i:06d}",
            unit_id=unit_id, type_code=type_code, priority=priority, status=path[-1],
            address=f"{rng.randint(100, 9899)} {rng.choice(STREETS)}",
            cross_streets=f"near {rng.choice(STREETS)}",
            location_note=rng.choice(["", "", f"by the {rng.choice(LANDMARKS)}"]),
            caller_name=person(rng) if rng.random() < 0.8 else "",
            caller_phone=f"253-555-{rng.randint(100, 199):04d}",
            narrative=narrative,
            caution_notes=rng.choice(CAUTIONS) if rng.random() < 0.25 else "",
            received_at=iso(received), updated_at=iso(received),
        )
        yield call, list(_timeline(call.id, received, path, rng))


def _timeline(call_id: str, received: datetime, path: list[str],
              rng: random.Random) -> Iterator[StatusEvent]:
    t = received
    for status in path:
        t = t + timedelta(minutes=rng.uniform(0.5, 12 if status == "CLEARED" else 5))
        origin = "station" if status == "DISPATCHED" else "unit"
        yield StatusEvent(new_id(), call_id, "status", status, iso(t), origin=origin,
                          actor="" if origin == "station" else DEMO_OFFICER)


def seed_demo(store: Store, clock: Clock, active: int = 25, history: int = 40,
              unit_id: str = DEMO_UNIT, reports: bool = True) -> None:
    """Fill an empty profile with a demo shift. Does nothing if calls already exist."""
    if store.calls.count():
        return
    with store.atomic("creating demo data"):
        store.set_meta("unit_id", unit_id)
        store.set_meta("officer_name", DEMO_OFFICER)
        store.set_meta("demo", "1")
        for batch in (generate_calls(clock, active, unit_id, seed=12),
                      generate_calls(clock, history, unit_id, seed=99, history=True,
                                     start_number=active + 1)):
            calls, events = [], []
            for call, timeline in batch:
                calls.append(call)
                events.extend(timeline)
            store.calls.insert_many(calls)
            store.calls.add_events(events)
        _seed_shift(store, clock, unit_id)
        if reports:
            _seed_reports(store, clock, unit_id)
        _seed_people(store, clock)
        _seed_directory(store, clock)


def _seed_people(store: Store, clock: Clock) -> None:
    """Repeat people with earlier contacts at the addresses of today's open calls and a few
    follow-ups due (as the demo station would have sent them: nothing to sync back)."""
    places = [c.address for c in store.calls.board() if c.status != "CLEARED"][:5]
    if not places:
        return
    now = clock.now()
    history = people_history(random.Random(13), now.date().isoformat(), places)
    received = iso(now)
    for p in history["persons"]:
        store.people.put_person(KnownPerson(**p, provisional=False, origin="station"), received)
    for c in history["contacts"]:
        store.people.put_contact(Contact(**c, origin="station"), received)
    for f in history["follow_ups"]:
        store.people.put_follow_up(FollowUp(**{**f, "attempts": ()}, origin="station"),
                                   received)


def _seed_directory(store: Store, clock: Clock) -> None:
    """The demo city's generated resource directory, so the picker works before the first
    sync. Revision 0: the demo station's copy (revision 1 and up) replaces it at sync."""
    doc = json.loads(resource_path("directory", "demo-directory.json").read_text("utf-8"))
    counted = iso(clock.now() - timedelta(hours=2))
    for row in doc["resources"]:
        beds = row.get("beds_open")
        resource = Resource(
            id=row["id"], kind=row["kind"], name=row["name"], phone=row.get("phone", ""),
            address=row.get("address", ""), hours=row.get("hours", ""),
            eligibility=row.get("eligibility", ""), languages=tuple(row.get("languages", ())),
            beds_open=beds, beds_as_of=counted if beds is not None else None, revision=0,
            updated_at=counted)
        store.directory.put(resource, search_text(resource))


def _seed_shift(store: Store, clock: Clock, unit_id: str) -> None:
    """The roster as the station sent it, the shift this crew of two started this morning, the
    active call and the held one (the unit's timeline says how it got there)."""
    now = clock.now()
    for pid, name, roles in DEMO_ROSTER:
        store.shifts.upsert_roster_person(RosterPerson(pid, name, roles), iso(now))
    names = {pid: name for pid, name, _ in DEMO_ROSTER}
    crew = tuple(CrewMember(pid, names[pid], role) for pid, role in DEMO_CREW)
    # Started this morning: a demo opened just after midnight must not look left open.
    midnight = now.astimezone().replace(hour=0, minute=1, second=0, microsecond=0)
    started = max(now - timedelta(hours=SHIFT_HOURS), midnight)
    shift = Shift(new_id(), unit_id, DEMO_VEHICLE, 48_210, iso(started), crew,
                  officer=DEMO_OFFICER)
    store.shifts.insert_shift(shift)
    store.unit.add_status(UnitStatus(new_id(), "AVAILABLE", iso(started), None, shift.id,
                                     "shift started"))
    open_calls = store.unit.open_calls(["DISPATCHED", "ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE"])
    active = next((c for c in open_calls if c.status == "ON_SCENE"), None)
    held = next((c for c in open_calls if c.status == "EN_ROUTE"), None)
    if held is not None:
        store.unit.hold(held.id, iso(now - timedelta(minutes=20)))
        at = iso(now - timedelta(minutes=20))
        store.calls.add_event(StatusEvent(new_id(), held.id, "note", "EN_ROUTE", at,
                                          reason_code="HOLD", note="Diverted to a more urgent call",
                                          actor=DEMO_OFFICER))
    if active is not None:
        store.set_meta(META_ACTIVE, active.id)
        arrived = store.calls.events(active.id)[-1].at
        store.unit.add_status(UnitStatus(new_id(), "ON_SCENE", arrived, active.id, shift.id))


_DEMO_REPORTS = [
    # (state, report fields)
    ("approved", {
        "persons": [{"id": "demo-p1", "role_code": "SUBJECT", "name": "Linh Tran", "age": 46}],
        "flags": ["UNHOUSED", "MENTAL_HEALTH"], "disposition_code": "NRR",
        "outcome_codes": ["TRANSPORTED", "REFERRED"], "response_model_code": "CIVILIAN_ALONE",
        "call_source_code": "911", "transport_mode_code": "TEAM_VEHICLE",
        "transport_destination_code": "SHELTER", "transport_facility": "Downtown shelter",
        "shelter_placement_code": "PLACED",
        "referrals": ["SHELTER", "CASE_MANAGEMENT"],
        "services": [{"code": "SHELTER_BED", "response": "ACCEPTED"},
                     {"code": "FOOD_WATER", "response": "ACCEPTED"},
                     {"code": "MH_SUPPORT", "response": "DECLINED"}],
        "time_on_task_minutes": 52,
        "narrative": "Found the person sitting at the bus shelter, cold and wet. Introduced "
                     "ourselves, offered water and a blanket. She agreed to a shelter bed and "
                     "was driven to the downtown shelter; intake staff accepted her.",
    }),
    ("finalized", {
        "persons": [{"id": "demo-p2", "role_code": "SUBJECT", "name": "Abdi Warsame"},
                    {"id": "demo-p3", "role_code": "REPORTING_PARTY", "name": "Store manager"}],
        "flags": ["LANGUAGE_NEED"], "language_codes": ["so"], "disposition_code": "CSA",
        "outcome_codes": ["RESOLVED_ON_SCENE"], "response_model_code": "CIVILIAN_ALONE",
        "call_source_code": "ON_SCENE_REQUEST", "time_on_task_minutes": 24,
        "narrative": "Manager asked for help with a man resting in the doorway. Used the "
                     "phone interpreter line (Somali). He had missed his bus; we gave him a "
                     "transit pass and he left on his own.",
    }),
    ("draft", {
        "persons": [{"id": "demo-p4", "role_code": "SUBJECT"}],
        "narrative": "Arrived to find the subject pacing and talking to himself. ",
    }),
]


def _seed_reports(store: Store, clock: Clock, unit_id: str) -> None:
    """A few reports on cleared calls so the report list, PDFs and review have something."""
    from civilian_responder.reference import load_reference  # noqa: PLC0415
    from civilian_responder.reports import ReportService  # noqa: PLC0415

    service = ReportService(store, load_reference(), clock, unit_id, author=DEMO_OFFICER)
    cleared = [c for c in store.calls.board() if c.status == "CLEARED"]
    for (state, fields), row in zip(_DEMO_REPORTS, cleared, strict=False):
        report = service.start(row.id)
        service.save_fields(report.id, fields)
        if state in ("finalized", "approved"):
            service.finalize(report.id)
        if state == "approved":
            # Submitted and approved in an earlier shift: the station already has it.
            store.reports.update(report.id, {"state": "approved"})
            acked = [(e.change_id, "acked", "", iso(clock.now()))
                     for e in store.outbox.pending() if e.entity_id == report.id]
            store.outbox.mark(acked)
