"""``responder-station demo-data``: a realistic generated year of calls, timelines and reports,
written through the station's own storage path (dispatch, the push service with enrolled
devices, supervisor review), so every rule a real station applies is applied.

Proportions follow the seed report: priorities and dispositions as in the San José 2022
disposition × priority table (seed-domain §3.2), flags and outcomes in the ranges the seed
programs describe (§3.3, §4.1, §10). Generated data only: no real people, places or calls.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from civilian_responder.clock import iso
from civilian_responder.station.errors import Invalid
from civilian_responder.station.storage import call_facts
from civilian_responder.station.storage import calls as call_store
from civilian_responder.station.storage.database import lock_feed, write
from civilian_responder.station.storage.devices import Device

log = logging.getLogger(__name__)

UNITS = ("CSO-11", "CSO-12", "CSO-14", "HOPE-1", "HOPE-2", "HEAL-1")
BATCH = 250
GENERATED_SOURCE = "demo"  # calls.source of a generated call
MAX_CALLS = 2_000_000
# Seed §3.2 (SJPD 2022), per group: events at P1..P6.
SEED_GRID = {
    "ARREST": (643, 3836, 828, 704, 1162, 1035),
    "CITATION": (38, 297, 627, 2354, 4430, 14028),
    "REPORT_TAKEN": (2362, 9971, 19214, 5853, 9169, 887),
    "OTHER": (231, 4162, 2599, 2012, 3130, 81),
    "NO_REPORT": (6931, 51135, 46875, 20276, 38523, 29729),
    "UNABLE_TO_LOCATE": (425, 8953, 4940, 1324, 187, 29),
    "UNFOUNDED": (332, 1008, 2522, 203, 24, 3),
}
FIRST = ("Ana", "Linh", "Abdi", "Maria", "Tomas", "Keisha", "Wei", "Omar", "Rosa", "Dmitri")
LAST = ("Generated", "Example", "Sample", "Testcase", "Fictional")
STREETS = ("Pacific Ave", "Tacoma Ave S", "6th Ave", "Portland Ave", "Hilltop Way", "Center St")
FACILITIES = {"HOSPITAL": ("Generated General Hospital", "Example Medical Center"),
              "CRISIS_CENTER": ("Sample Crisis Stabilization Center",),
              "SHELTER": ("Example Street Shelter", "Generated Family Shelter"),
              "TREATMENT": ("Sample Recovery Center",)}
AGENCIES = {"SHELTER": "Example Street Shelter", "HOUSING": "Generated Housing Navigation",
            "CASE_MANAGEMENT": "Sample Case Management", "BH_PROVIDER": "Example Behavioral Health",
            "SUD_TREATMENT": "Sample Recovery Center"}


@dataclass(frozen=True)
class Generated:
    calls: int
    reports: int
    approved: int
    returned: int
    units: tuple[str, ...]
    year: int


class DemoData:
    """Fill a station. ``station`` is a ``civilian_responder.station.service.Station``."""

    def __init__(self, station: Any, seed: int = 2026, year: int | None = None,
                 units: tuple[str, ...] = UNITS, months: int | None = None,
                 batch: int = BATCH) -> None:
        """A year (``year``, default last year), or with ``months`` the months up to
        yesterday; ``batch`` calls are written per transaction."""
        self._s = station
        self._ref = station.reference
        self._rng = random.Random(seed)
        self.year = year or station.clock.now().year - 1
        if months:
            today = station.clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
            self._start, self._days = today - timedelta(days=30 * months), 30 * months - 1
            self.year = self._start.year
        else:
            self._start = datetime(self.year, 1, 1, tzinfo=UTC)
            self._days = (datetime(self.year + 1, 1, 1, tzinfo=UTC) - self._start).days
        self._batch_size = max(1, batch)
        self.units = units
        self._types = [c.code for c in self._ref.call_types if c.get("civilian_eligible")]
        by_group: dict[str, list[str]] = {}
        for d in self._ref.dispositions:
            by_group.setdefault(d.get("group"), []).append(d.code)
        self._codes_in = by_group

    def run(self, n_calls: int, progress: Callable[[int], None] | None = None) -> Generated:
        if not 0 < n_calls <= MAX_CALLS:
            raise Invalid(f"--calls must be between 1 and {MAX_CALLS:,}")
        devices = self._devices()
        report_ids: list[str] = []
        done = 0
        while done < n_calls:
            size = min(self._batch_size, n_calls - done)
            report_ids += self._batch(devices, size)
            done += size
            if progress:
                progress(done)
        approved, returned = self._reviews(report_ids)
        return Generated(n_calls, len(report_ids), approved, returned, self.units, self.year)

    def _devices(self) -> dict[str, Device]:
        out = {}
        for unit in self.units:
            code, _ = self._s.devices.make_code(unit)
            enrolled = self._s.devices.enroll(code, f"demo {unit}")
            out[unit] = self._s.devices.get(enrolled.device_id)
        return out

    # One batch: calls dispatched, then each unit's status events and report pushed ----------

    def _batch(self, devices: dict[str, Device], size: int) -> list[str]:
        rng = self._rng
        reports: list[str] = []
        with write(self._s.engine) as conn, call_facts.batched(conn, self._ref):
            lock_feed(conn)
            for _ in range(size):
                unit = rng.choice(self.units)
                call = self._call(conn, unit)
                if call["cancelled"]:
                    continue
                changes = self._timeline(call)
                report = self._report(call, changes) if rng.random() < 0.97 else None
                if report is not None:
                    changes.append(report)
                for change in changes:
                    result = self._s.pusher.push_one(devices[unit], change, conn)
                    if result["status"] != "applied":
                        raise RuntimeError(f"generated change not applied: {result}")
                if report is not None:
                    reports.append(report["entity_id"])
        return reports

    def _call(self, conn: Any, unit: str) -> dict[str, Any]:
        rng = self._rng
        start, days = self._start, self._days
        # More calls by day than at night (seed §5: hourly blocks peak in the afternoon).
        hour = min(23, max(0, int(rng.gauss(14, 5))))
        at = start + timedelta(days=rng.randrange(days), hours=hour,
                               seconds=rng.randrange(3600))
        priority = rng.choices(range(1, 7), weights=[sum(col) for col in zip(
            *SEED_GRID.values(), strict=True)])[0]
        type_code = rng.choice(self._types)
        values = {
            "id": str(uuid.uuid4()), "cad_number": call_store.next_cad(conn, at),
            "incident_id": None, "unit_id": unit, "type_code": type_code, "type_text": "",
            "priority": priority, "status": "DISPATCHED",
            "address": f"{rng.randrange(100, 9900)} {rng.choice(STREETS)}",
            "cross_streets": "", "location_note": "", "latitude": None, "longitude": None,
            "caller_name": "", "caller_phone": "", "narrative": "Generated demo call",
            "caution_notes": "", "self_initiated": False,
            "cancelled": rng.random() < 0.01, "station_revision": 1, "source": GENERATED_SOURCE,
            "received_at": iso(at), "updated_at": iso(at),
        }
        row = call_store.insert_call(conn, values)
        call_store.announce(conn, row)
        dispatched = at + timedelta(minutes=rng.lognormvariate(1.0, 0.6))
        call_store.station_event(conn, row, unit, "status", "DISPATCHED", iso(dispatched),
                                 actor="demo dispatch")
        call_facts.refresh(conn, self._ref, [row.id])
        return dict(values, dispatched=dispatched)

    def _timeline(self, call: dict[str, Any]) -> list[dict[str, Any]]:
        rng = self._rng
        t = call["dispatched"]
        steps = [("ACKNOWLEDGED", 0.2, 0.5), ("EN_ROUTE", 0.0, 0.5), ("ON_SCENE", 2.2, 0.5)]
        call["transport"] = rng.random() < 0.12
        if call["transport"]:
            steps += [("TRANSPORTING", 3.2, 0.5), ("AT_DESTINATION", 2.6, 0.4)]
        steps.append(("CLEARED", 3.2, 0.6))
        out = []
        for status, mu, sigma in steps:
            t = t + timedelta(minutes=rng.lognormvariate(mu, sigma))
            out.append(_status_change(call["id"], status, t))
        call["cleared"] = t
        return out

    def _report(self, call: dict[str, Any], timeline: list[dict[str, Any]]) -> dict[str, Any]:
        rng = self._rng
        column = call["priority"] - 1
        group = rng.choices(list(SEED_GRID), weights=[c[column] for c in SEED_GRID.values()])[0]
        disposition = rng.choice(self._codes_in[group])
        no_contact = bool(self._ref.dispositions.get(disposition).get("no_contact"))
        p = _ReportDraft(rng, call, disposition, no_contact).build()
        return {"change_id": str(uuid.uuid4()), "kind": "report", "entity_id": p["id"],
                "call_id": call["id"], "created_at": p["updated_at"], "payload": p}

    def _reviews(self, report_ids: list[str]) -> tuple[int, int]:
        approved = returned = 0
        for report_id in report_ids:
            roll = self._rng.random()
            if roll < 0.75:
                self._s.review.decide(report_id, "approve", "", "demo supervisor")
                approved += 1
            elif roll < 0.79:
                self._s.review.decide(report_id, "return", "Please add the referral agency.",
                                      "demo supervisor")
                returned += 1
        return approved, returned


def _status_change(call_id: str, status: str, at: datetime) -> dict[str, Any]:
    event_id = str(uuid.uuid4())
    payload = {"id": event_id, "call_id": call_id, "kind": "status", "status": status,
               "at": iso(at), "reason_code": None, "note": "", "actor": "demo", "origin": "unit"}
    return {"change_id": str(uuid.uuid4()), "kind": "status_event", "entity_id": event_id,
            "call_id": call_id, "created_at": payload["at"], "payload": payload}


class _ReportDraft:
    """One generated report payload, in the unit's (post-0401) shape."""

    def __init__(self, rng: random.Random, call: dict[str, Any], disposition: str,
                 no_contact: bool) -> None:
        self.rng, self.call, self.disposition, self.no_contact = rng, call, disposition, no_contact

    def build(self) -> dict[str, Any]:
        rng, call = self.rng, self.call
        at = iso(call["cleared"] + timedelta(minutes=rng.randrange(5, 90)))
        p: dict[str, Any] = {
            "id": str(uuid.uuid4()), "call_id": call["id"],
            "report_number": f"R{call['received_at'][:4]}-{call['unit_id']}-"
                             f"{call['cad_number'][-6:]}",
            "version": 1, "state": "finalized", "created_at": at, "updated_at": at,
            "finalized_at": at, "author": "demo", "supersedes_id": None,
            "disposition_code": self.disposition,
            "response_model_code": rng.choices(
                ["CIVILIAN_ALONE", "CO_RESPONSE_POLICE", "TANDEM_FIRE_EMS", "FOLLOW_UP_VISIT"],
                [70, 12, 10, 8])[0],
            "call_source_code": rng.choices(
                ["911", "311", "ON_SCENE_REQUEST", "SELF_DISPATCH", "FLAG_DOWN",
                 "PARTNER_REFERRAL", "OTHER"], [55, 15, 10, 8, 5, 5, 2])[0],
            "time_on_task_minutes": rng.randrange(10, 120),
            "narrative": "Generated demo report.", "persons": [], "flags": [],
            "outcome_codes": [], "referrals": [], "services": [],
        }
        if self.no_contact:
            p["outcome_codes"] = ["NO_CONTACT"]
            return p
        self._people(p)
        self._outcomes(p)
        return p

    def _people(self, p: dict[str, Any]) -> None:
        rng = self.rng
        p["persons"] = [{"id": str(uuid.uuid4()), "role_code": "SUBJECT",
                         "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                         "age": rng.randrange(18, 85), "phone": "", "note": ""}]
        flags = [f for f, share in (("MENTAL_HEALTH", 0.35), ("UNHOUSED", 0.45),
                                    ("PERCEIVED_DISABILITY", 0.08), ("SUBSTANCE_USE", 0.25),
                                    ("VETERAN", 0.05)) if rng.random() < share]
        p["flags"] = flags
        if "PERCEIVED_DISABILITY" in flags:
            p["disability_codes"] = [rng.choice(["MOBILITY", "DEVELOPMENTAL", "OTHER"])]
            p["disability_other"] = "generated" if p["disability_codes"] == ["OTHER"] else ""

    def _outcomes(self, p: dict[str, Any]) -> None:
        rng, call = self.rng, self.call
        outcomes = []
        if call.get("transport"):
            outcomes.append("TRANSPORTED")
            dest = rng.choices(["HOSPITAL", "CRISIS_CENTER", "SHELTER", "TREATMENT", "HOME",
                                "OTHER"], [35, 20, 25, 8, 10, 2])[0]
            p["transport_destination_code"] = dest
            p["transport_mode_code"] = rng.choices(
                ["TEAM_VEHICLE", "VOUCHER", "AMBULANCE", "POLICE"], [70, 12, 15, 3])[0]
            p["transport_facility"] = rng.choice(FACILITIES.get(dest, ("",)))
        if rng.random() < 0.3:
            outcomes.append("REFERRED")
            p["referrals"] = rng.sample(["SHELTER", "HOUSING", "CASE_MANAGEMENT", "BH_PROVIDER",
                                         "SUD_TREATMENT", "211", "988", "OTHER"],
                                        rng.randint(1, 2))
            p["referral_agency"] = AGENCIES.get(p["referrals"][0], "")
        if rng.random() < 0.04:
            outcomes.append("HANDED_TO_POLICE")
            p["police_handoff_reason_code"] = rng.choice(
                ["CRIME", "WEAPON", "VIOLENCE", "WARRANT", "SAFETY", "OUT_OF_SCOPE", "OTHER"])
        if not outcomes:
            outcomes.append(rng.choices(["RESOLVED_ON_SCENE", "DECLINED_ALL"], [85, 15])[0])
        p["outcome_codes"] = outcomes
        if rng.random() < 0.03:
            p["backup_requested"] = True
            p["backup_reason_code"] = rng.choice(["WEAPON", "VIOLENCE", "ESCALATION", "OTHER"])
        p["warm_transfer_988"] = "MENTAL_HEALTH" in p["flags"] and rng.random() < 0.08
        p["call_transferred_988"] = rng.random() < 0.02
        p["follow_up_needed"] = rng.random() < 0.2
        p["follow_up_note"] = "Visit again this week" if p["follow_up_needed"] else ""
        self._services(p)

    def _services(self, p: dict[str, Any]) -> None:
        rng = self.rng
        person = p["persons"][0]["id"]
        # HEAL: 1,193 of 2,218 connections accepted services; 152 placed in shelter.
        offered = rng.sample(["FOOD_WATER", "HYGIENE", "SHELTER_BED", "HOUSING_NAV",
                              "MH_SUPPORT", "CASE_MGMT", "PHONE"], rng.randint(0, 3))
        p["services"] = [{"code": c, "response": rng.choices(
            ["OFFERED", "ACCEPTED", "DECLINED"], [20, 54, 26])[0], "person_id": person}
            for c in offered]
        if any(s["code"] == "SHELTER_BED" for s in p["services"]):
            p["shelter_placement_code"] = rng.choices(
                ["PLACED", "WAITLIST", "DECLINED", "NONE_AVAILABLE"], [45, 20, 20, 15])[0]
        if "MENTAL_HEALTH" in p["flags"] and rng.random() < 0.05:
            p["hold_code"] = rng.choice(["INVOLUNTARY_HOLD", "ED_ADMISSION"])
