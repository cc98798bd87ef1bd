"""Shift log-on and log-off.

A shift records who is in the van (roster people and their role; someone not on the roster is
kept with ``on_roster=False`` so a supervisor sees it), the vehicle and its start mileage.
Ending it records the end mileage and gives the hours, the calls worked and the time on task.
A shift still open at start-up after a crash, or left open across midnight, is offered for
closing with a correction: an end time in the past and a note saying why.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from civilian_responder.clock import Clock, iso, new_id, parse_iso
from civilian_responder.errors import InvalidTransitionError, ValidationError, say
from civilian_responder.models import CrewMember, RosterPerson, Shift, ShiftTotals, StatusEvent
from civilian_responder.reference import ReferenceData
from civilian_responder.store import Store

if TYPE_CHECKING:
    from civilian_responder.audit import AuditRecorder

MAX_MILEAGE = 10_000_000
MAX_SHIFT_HOURS = 36
AD_HOC_PREFIX = "adhoc-"


@dataclass(frozen=True)
class ShiftRecovery:
    """An open shift that needs the crew's attention at start-up, and why."""

    shift: Shift
    reason: str  # "crash" | "midnight"

    @property
    def text(self) -> str:
        started = parse_iso(self.shift.started_at).astimezone().strftime("%a %H:%M")
        why = (
            "the app closed without ending it"
            if self.reason == "crash"
            else "it was left open across midnight"
        )
        return f"The shift started {started} in {self.shift.vehicle} is still open: {why}."


def crew_from_spec(spec: str, roster: Callable[[str], RosterPerson | None]) -> CrewMember:
    """``P123`` or ``P123=ROLE`` (a roster person, optionally in a given role), or
    ``Name/ROLE`` for someone not on the roster (flagged)."""
    spec = spec.strip()
    if "/" in spec:
        name, _, role = spec.rpartition("/")
        return CrewMember(
            AD_HOC_PREFIX + new_id()[:8],
            " ".join(name.split()),
            role.strip().upper(),
            on_roster=False,
        )
    person_id, _, role = spec.partition("=")
    person = roster(person_id.strip())
    if person is None:
        raise ValidationError(
            say("Shift", "{who} is not on the roster; add someone not on the roster as "
                "Name/ROLE").format(who=repr(person_id.strip())),
            {"crew": say("Shift", "not on the roster")},
        )
    chosen = role.strip().upper() or (person.role_codes[0] if person.role_codes else "")
    return CrewMember(person.person_id, person.name, chosen, on_roster=True)


class ShiftService:
    def __init__(
        self,
        store: Store,
        reference: ReferenceData,
        clock: Clock,
        unit_id: str,
        officer: str = "",
        audit: AuditRecorder | None = None,
        unit_state: Callable[[str, str], None] | None = None,
    ) -> None:
        self._store = store
        self._ref = reference
        self._clock = clock
        self.unit_id = unit_id
        self.officer = officer
        self._audit = audit
        # Records the unit's state after a shift starts or ends (CallService.record_unit_state).
        self._unit_state = unit_state or (lambda at, note: None)

    def roster(self) -> list[RosterPerson]:
        return self._store.shifts.roster()

    def crew_member(self, spec: str) -> CrewMember:
        return crew_from_spec(spec, self._store.shifts.roster_person)

    def current(self) -> Shift | None:
        return self._store.shifts.open_shift()

    def last(self) -> Shift | None:
        return self._store.shifts.last_shift()

    def crew_at(self, at: str) -> tuple[CrewMember, ...]:
        """The crew on shift at ``at`` (for a report on a call worked then)."""
        shift = self._store.shifts.shift_at(at) or self._store.shifts.open_shift()
        return shift.crew if shift else ()

    def start(self, crew: Sequence[CrewMember], vehicle: str, mileage: int) -> Shift:
        if self.current() is not None:
            raise InvalidTransitionError(say("Shift", "A shift is already open; end it first"))
        errors = self._check_crew(crew)
        vehicle = " ".join(vehicle.split())
        if not vehicle:
            errors["vehicle"] = say("Shift", "say which vehicle (e.g. VAN-3)")
        if not _mileage_ok(mileage):
            errors["mileage"] = say("Shift", "enter the odometer reading (a whole number)")
        if errors:
            raise ValidationError(say("Shift", "The shift cannot start yet"), errors)
        now = iso(self._clock.now())
        shift = Shift(
            new_id(), self.unit_id, vehicle, int(mileage), now, tuple(crew), officer=self.officer
        )
        with self._store.atomic("starting the shift"):
            self._store.shifts.insert_shift(shift)
            self._store.outbox.enqueue("shift", shift.id, _payload(shift), now)
            self._unit_state(now, "shift started")
        self._record("shift.start", shift.id, detail=f"crew:{len(crew)}")
        return shift

    def end(
        self, mileage: int, ended_at: datetime | None = None, correction_note: str = ""
    ) -> tuple[Shift, ShiftTotals]:
        """End the open shift now, or (a correction) at ``ended_at`` with a note saying why."""
        shift = self.current()
        if shift is None:
            raise InvalidTransitionError(say("Shift", "No shift is open"))
        now = self._clock.now()
        end = ended_at or now
        errors: dict[str, str] = {}
        if not _mileage_ok(mileage) or int(mileage) < shift.start_mileage:
            errors["mileage"] = say("Shift", "must be at least the start mileage ({start})"
                                    ).format(start=shift.start_mileage)
        if end < parse_iso(shift.started_at) or end > now + timedelta(minutes=1):
            errors["ended_at"] = say("Shift", "must be between the shift's start and now")
        if ended_at is not None and not correction_note.strip():
            errors["correction_note"] = say("Shift", "say why the end time is entered "
                                            "afterwards")
        if errors:
            raise ValidationError(say("Shift", "The shift cannot end yet"), errors)
        ended = dataclasses.replace(
            shift,
            end_mileage=int(mileage),
            ended_at=iso(end),
            correction_note=correction_note.strip(),
        )
        with self._store.atomic("ending the shift"):
            self._store.shifts.end_shift(
                shift.id,
                {
                    "end_mileage": ended.end_mileage,
                    "ended_at": ended.ended_at,
                    "correction_note": ended.correction_note,
                },
            )
            self._store.outbox.enqueue("shift", shift.id, _payload(ended), iso(now))
            self._unit_state(iso(now), "shift ended")
        self._record("shift.end", shift.id, detail="corrected" if ended_at else "")
        return ended, self.totals(ended)

    def totals(self, shift: Shift) -> ShiftTotals:
        """Hours on shift, calls worked and minutes on task, inside the shift's window."""
        start = parse_iso(shift.started_at)
        end = parse_iso(shift.ended_at) if shift.ended_at else self._clock.now()
        in_service = {c.code for c in self._ref.unit_statuses if c.get("in_service")}
        calls = self._store.shifts.calls_between(iso(start), iso(end))
        minutes = 0.0
        for call_id in calls:
            minutes += _on_task(self._store.calls.events(call_id), in_service, start, end)
        miles = (shift.end_mileage - shift.start_mileage) if shift.end_mileage is not None else None
        return ShiftTotals(
            round((end - start).total_seconds() / 3600, 2), len(calls), round(minutes), miles
        )

    def recovery(self, clean_shutdown: bool) -> ShiftRecovery | None:
        """At start-up: an open shift after a crash, or one left open across midnight."""
        shift = self.current()
        if shift is None:
            return None
        if not clean_shutdown:
            return ShiftRecovery(shift, "crash")
        started = parse_iso(shift.started_at).astimezone()
        if started.date() < self._clock.now().astimezone().date():
            return ShiftRecovery(shift, "midnight")
        return None

    def _check_crew(self, crew: Sequence[CrewMember]) -> dict[str, str]:
        if not crew:
            return {"crew": "add at least one crew member"}
        roles = self._ref.crew_roles
        for member in crew:
            if not member.name.strip():
                return {"crew": "every crew member needs a name"}
            if member.role_code not in roles:
                return {
                    "crew": f"{member.role_code!r} is not a crew role ({', '.join(roles.codes())})"
                }
        if len({m.person_id for m in crew}) != len(crew):
            return {"crew": "a person is on the crew twice"}
        return {}

    def _record(self, action: str, target: str, outcome: str = "ok", detail: str = "") -> None:
        if self._audit is not None:
            self._audit(action, target, outcome, detail)


def _mileage_ok(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_MILEAGE


def _payload(shift: Shift) -> dict[str, object]:
    return asdict(shift)


def _on_task(
    events: Sequence[StatusEvent], in_service: set[str], start: datetime, end: datetime
) -> float:
    """Minutes from the first in-service status to clear (or the window's end), clipped."""
    began = next(
        (parse_iso(e.at) for e in events if e.kind == "status" and e.status in in_service), None
    )
    if began is None:
        return 0.0
    cleared = next(
        (parse_iso(e.at) for e in events if e.kind == "status" and e.status == "CLEARED"), None
    )
    lo, hi = max(began, start), min(cleared or end, end)
    return max(0.0, (hi - lo).total_seconds() / 60)
