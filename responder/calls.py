"""Calls and unit status: the valid next steps, the append-only timeline, self-initiated calls,
and the unit's one active call with the queue behind it (rules in ``unit_status``)."""

from __future__ import annotations

from dataclasses import asdict

from civilian_responder.clock import Clock, iso, new_id
from civilian_responder.errors import InvalidTransitionError, NotFoundError, ValidationError, say
from civilian_responder.models import Call, CallSummary, StatusEvent, UnitStatus
from civilian_responder.reference import ReferenceData
from civilian_responder.store import Store
from civilian_responder.unit_status import (
    META_ACTIVE,
    META_OUT_OF_SERVICE,
    CallQueue,
    idle_state,
    needs_activation,
    order_queue,
    switch_options,
    unit_state_for,
)

BACKUP_EVENT = "BACKUP_REQUESTED"
SELF_INITIATED_PRIORITY = 5
SWITCH_NOTE_EVENT = "note"


class ActiveCallError(InvalidTransitionError):
    """Another call is the unit's active call: switch first (saying what happens to it)."""

    def __init__(self, message: str, active_call_id: str) -> None:
        super().__init__(message)
        self.active_call_id = active_call_id


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
            raise NotFoundError(say("Calls", "No call with id {id}").format(id=call_id))
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
            raise InvalidTransitionError(say(
                "Calls", "Cannot go from {now} to {wanted}; next steps are: {allowed}").format(
                    now=label(call.status), wanted=label(status),
                    allowed=", ".join(label(s) for s in allowed) or say("Calls", "none")))
        active = self.active_call()
        if active is not None and active.id != call_id and needs_activation(self._ref, status):
            raise ActiveCallError(say(
                "Calls", "The unit is working call {active}; switch to call {call} first "
                "(hold, clear or hand over {active})").format(
                    active=active.display_number, call=call.display_number), active.id)
        event = self._event(call_id, "status", status, note=note)
        with self._store.atomic(f"saving status {status} for call {call.display_number}"):
            self._add_status_event(event)
            if active is None and status != "CLEARED":
                self._store.set_meta(META_ACTIVE, call_id)
                self._store.unit.release(call_id)
            if status == "CLEARED":
                self._store.unit.release(call_id)
            self._follow_unit(event.at, call_id)
        return event

    def _add_status_event(self, event: StatusEvent) -> None:
        self._store.calls.add_event(event)
        self._store.calls.update_fields(event.call_id,
                                        {"status": event.status, "updated_at": event.at})
        self._store.outbox.enqueue("status_event", event.id, asdict(event), event.at,
                                   event.call_id)

    # The unit: one active call, a queue, one status -----------------------------------------

    def active_call(self) -> Call | None:
        """The call the unit is working (None: none). A call cleared or cancelled by dispatch
        since it became active is no longer active."""
        call_id = self._store.get_meta(META_ACTIVE) or ""
        call = self._store.calls.get(call_id) if call_id else None
        if call is None or call.status == "CLEARED" or call.cancelled:
            return None
        return call

    def queue(self) -> CallQueue:
        """The active call, then the other open calls most urgent first (priority, then age)."""
        active = self.active_call()
        open_calls = self._store.unit.open_calls(
            [c for c in self._ref.unit_statuses.codes() if c != "CLEARED"])
        summary = next((c for c in open_calls if active and c.id == active.id), None)
        return CallQueue(summary, tuple(order_queue(open_calls, active.id if active else None)),
                         frozenset(self._store.unit.held()))

    def unit_status(self) -> str:
        active = self.active_call()
        if active is not None:
            return unit_state_for(self._ref, active.status)
        return idle_state(self._store.shifts.open_shift() is not None,
                          self._store.get_meta(META_OUT_OF_SERVICE) == "1")

    def unit_timeline(self, since: str = "") -> list[UnitStatus]:
        return self._store.unit.timeline(since)

    def switch_options(self, call_id: str | None = None) -> list[str]:
        """What may happen to the active call if the unit switches (``call_switch_actions``)."""
        active = self.active_call()
        if active is None or active.id == call_id:
            return []
        return switch_options(self._ref, active, self.next_statuses(active))

    def switch_to(self, call_id: str, action: str | None, note: str = "") -> Call:
        """Make ``call_id`` the active call. ``action`` says what happens to the current one:
        HOLD (it waits in the queue), CLEAR, HAND_OVER (cleared here, noted as handed over)."""
        target = self.get(call_id)
        if target.status == "CLEARED" or target.cancelled:
            raise InvalidTransitionError(say("Calls", "Call {call} is closed").format(
                call=target.display_number))
        active = self.active_call()
        now = iso(self._clock.now())
        if active is not None and active.id != call_id:
            if action not in self.switch_options(call_id):
                offered = ", ".join(self._ref.call_switch_actions.label(a)
                                    for a in self.switch_options(call_id))
                raise ValidationError(
                    say("Calls", "Say what happens to call {call}: {offered}").format(
                        call=active.display_number, offered=offered),
                    {"action": f"{action!r} is not possible for the current call"})
        with self._store.atomic(f"switching to call {target.display_number}"):
            if active is not None and active.id != call_id:
                self._leave(active, str(action), note, now)
            self._store.set_meta(META_ACTIVE, call_id)
            self._store.unit.release(call_id)
            self._follow_unit(now, call_id, f"switched to {target.display_number}")
        return self.get(call_id)

    def _leave(self, call: Call, action: str, note: str, now: str) -> None:
        code = self._ref.call_switch_actions.get(action)
        assert code is not None
        # The call's own timeline says what happened (a note event; clearing adds CLEARED).
        self._store.calls.add_event(StatusEvent(
            new_id(), call.id, SWITCH_NOTE_EVENT, call.status, now, reason_code=action,
            note=note or code.label, actor=self.actor))
        last = self._store.calls.events(call.id)[-1]
        self._store.outbox.enqueue("status_event", last.id, asdict(last), now, call.id)
        if code.get("status"):
            self._add_status_event(self._event(call.id, "status", code.get("status"),
                                               note=code.label))
            self._store.unit.release(call.id)
        else:
            self._store.unit.hold(call.id, now)

    def set_out_of_service(self, out: bool, note: str = "") -> str:
        """The crew takes the unit out of service (or back). Not while working a call."""
        if out and self.active_call() is not None:
            raise InvalidTransitionError(say("Calls", "Clear or hold the active call before "
                                             "going out of service"))
        now = iso(self._clock.now())
        with self._store.atomic("changing the unit's service state"):
            self._store.set_meta(META_OUT_OF_SERVICE, "1" if out else "0")
            self._follow_unit(now, None, note)
        return self.unit_status()

    def record_unit_state(self, at: str, note: str = "") -> None:
        """After a shift starts or ends (the caller's transaction): record the new state."""
        self._follow_unit(at, None, note)

    def _follow_unit(self, at: str, call_id: str | None, note: str = "") -> None:
        """Record the unit's state when it changed (inside the caller's transaction)."""
        state = self.unit_status()
        active = self.active_call()
        active_id = active.id if active else None
        current = self._store.unit.current()
        if current is not None and current.status == state and current.call_id == active_id:
            return
        shift = self._store.shifts.open_shift()
        self._store.unit.add_status(UnitStatus(new_id(), state, at, active_id,
                                               shift.id if shift else None, note))

    def request_backup(self, call_id: str, reason_code: str, note: str = "") -> StatusEvent:
        """Police backup can be requested at any time; it is an event, not a status change."""
        call = self.get(call_id)
        if reason_code not in self._ref.backup_reasons:
            raise ValidationError(
                say("Calls", "Choose why backup is needed"),
                {"reason_code": f"{reason_code!r} is not a backup reason code"},
            )
        event = self._event(call_id, "backup", call.status, reason_code=reason_code, note=note)
        with self._store.atomic(f"saving backup request for call {call.display_number}"):
            self._store.calls.add_event(event)
            self._store.calls.update_fields(call_id, {"updated_at": event.at})
            self._store.outbox.enqueue("status_event", event.id, asdict(event), event.at, call_id)
        return event

    def create_self_initiated(self, type_code: str, address: str, narrative: str = "",
                              caution_notes: str = "", current_action: str = "HOLD") -> Call:
        """An on-view call: the unit came upon someone. It gets a CAD number from the station.
        It becomes the active call; the call worked until now gets ``current_action``."""
        errors: dict[str, str] = {}
        if type_code not in self._ref.call_types:
            errors["type_code"] = say("Calls", "choose a call type")
        if not address.strip():
            errors["address"] = say("Calls", "say where you are (address or landmark)")
        if errors:
            raise ValidationError(say("Calls", "The on-view call is missing details"), errors)
        now = iso(self._clock.now())
        call = Call(
            id=new_id(), cad_number=None, unit_id=self.unit_id, type_code=type_code,
            priority=SELF_INITIATED_PRIORITY, status="ON_SCENE", address=address.strip(),
            received_at=now, updated_at=now, narrative=narrative, caution_notes=caution_notes,
            self_initiated=True,
        )
        event = StatusEvent(new_id(), call.id, "status", "ON_SCENE", now, actor=self.actor)
        active = self.active_call()
        if active is not None and current_action not in self.switch_options(call.id):
            current_action = "HOLD"
        with self._store.atomic("creating the on-view call"):
            if active is not None:
                self._leave(active, current_action, "", now)
            self._store.calls.insert(call)
            self._store.calls.add_event(event)
            self._store.outbox.enqueue("call", call.id, asdict(call), now, call.id)
            self._store.outbox.enqueue("status_event", event.id, asdict(event), now, call.id)
            self._store.set_meta(META_ACTIVE, call.id)
            self._follow_unit(now, call.id, "on-view call")
        return call

    def _event(self, call_id: str, kind: str, status: str, reason_code: str | None = None,
               note: str = "") -> StatusEvent:
        return StatusEvent(
            id=new_id(), call_id=call_id, kind=kind, status=status,
            at=iso(self._clock.now()), reason_code=reason_code, note=note, actor=self.actor,
        )
