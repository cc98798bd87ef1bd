"""Calls and unit status: the valid next steps, the append-only timeline, self-initiated calls."""

from __future__ import annotations

from dataclasses import asdict

from civilian_responder.clock import Clock, iso, new_id
from civilian_responder.errors import InvalidTransitionError, NotFoundError, ValidationError
from civilian_responder.models import Call, CallSummary, StatusEvent
from civilian_responder.reference import ReferenceData
from civilian_responder.store import Store

BACKUP_EVENT = "BACKUP_REQUESTED"
SELF_INITIATED_PRIORITY = 5


class CallService:
    def __init__(self, store: Store, reference: ReferenceData, clock: Clock, unit_id: str,
                 actor: str = "") -> None:
        self._store = store
        self._ref = reference
        self._clock = clock
        self.unit_id = unit_id
        self.actor = actor

    def board(self) -> list[CallSummary]:
        return self._store.calls.board()

    def get(self, call_id: str) -> Call:
        call = self._store.calls.get(call_id)
        if call is None:
            raise NotFoundError(f"No call with id {call_id}")
        return call

    def timeline(self, call_id: str) -> list[StatusEvent]:
        return self._store.calls.events(call_id)

    def next_statuses(self, call: Call) -> tuple[str, ...]:
        if call.cancelled:
            return ()
        return self._ref.next_statuses(call.status)

    def change_status(self, call_id: str, status: str, note: str = "") -> StatusEvent:
        call = self.get(call_id)
        allowed = self.next_statuses(call)
        if status not in allowed:
            label = self._ref.unit_statuses.label
            raise InvalidTransitionError(
                f"Cannot go from {label(call.status)} to {label(status)}; "
                f"next steps are: {', '.join(label(s) for s in allowed) or 'none'}"
            )
        event = self._event(call_id, "status", status, note=note)
        with self._store.atomic(f"saving status {status} for call {call.display_number}"):
            self._store.calls.add_event(event)
            self._store.calls.update_fields(call_id, {"status": status, "updated_at": event.at})
            self._store.outbox.enqueue("status_event", event.id, asdict(event), event.at, call_id)
        return event

    def request_backup(self, call_id: str, reason_code: str, note: str = "") -> StatusEvent:
        """Police backup can be requested at any time; it is an event, not a status change."""
        call = self.get(call_id)
        if reason_code not in self._ref.backup_reasons:
            raise ValidationError(
                "Choose why backup is needed",
                {"reason_code": f"{reason_code!r} is not a backup reason code"},
            )
        event = self._event(call_id, "backup", call.status, reason_code=reason_code, note=note)
        with self._store.atomic(f"saving backup request for call {call.display_number}"):
            self._store.calls.add_event(event)
            self._store.calls.update_fields(call_id, {"updated_at": event.at})
            self._store.outbox.enqueue("status_event", event.id, asdict(event), event.at, call_id)
        return event

    def create_self_initiated(self, type_code: str, address: str, narrative: str = "",
                              caution_notes: str = "") -> Call:
        """An on-view call: the unit came upon someone. It gets a CAD number from the station."""
        errors: dict[str, str] = {}
        if type_code not in self._ref.call_types:
            errors["type_code"] = "choose a call type"
        if not address.strip():
            errors["address"] = "say where you are (address or landmark)"
        if errors:
            raise ValidationError("The on-view call is missing details", errors)
        now = iso(self._clock.now())
        call = Call(
            id=new_id(), cad_number=None, unit_id=self.unit_id, type_code=type_code,
            priority=SELF_INITIATED_PRIORITY, status="ON_SCENE", address=address.strip(),
            received_at=now, updated_at=now, narrative=narrative, caution_notes=caution_notes,
            self_initiated=True,
        )
        event = StatusEvent(new_id(), call.id, "status", "ON_SCENE", now, actor=self.actor)
        with self._store.atomic("creating the on-view call"):
            self._store.calls.insert(call)
            self._store.calls.add_event(event)
            self._store.outbox.enqueue("call", call.id, asdict(call), now, call.id)
            self._store.outbox.enqueue("status_event", event.id, asdict(event), now, call.id)
        return call

    def _event(self, call_id: str, kind: str, status: str, reason_code: str | None = None,
               note: str = "") -> StatusEvent:
        return StatusEvent(
            id=new_id(), call_id=call_id, kind=kind, status=status,
            at=iso(self._clock.now()), reason_code=reason_code, note=note, actor=self.actor,
        )
