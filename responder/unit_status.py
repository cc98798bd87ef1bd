"""One status per unit: which call is active, which wait in the queue, what the unit is doing.

The unit's state follows its active call (``unit_states.json`` maps call statuses to unit
states); with no active call it is available on shift, off duty without one, or out of service
when the crew says so. Only one call is active at a time: moving another call past
"acknowledged" needs a switch, which says what happens to the current call (hold, clear, hand
over; ``call_switch_actions.json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from civilian_responder.models import Call, CallSummary
from civilian_responder.reference import ReferenceData

META_ACTIVE = "unit.active_call"
META_OUT_OF_SERVICE = "unit.out_of_service"
AVAILABLE, OFF_DUTY = "AVAILABLE", "OFF_DUTY"
OUT_OF_SERVICE, ASSIGNED = "OUT_OF_SERVICE", "ASSIGNED"
CLOSED = "CLEARED"


@dataclass(frozen=True)
class CallQueue:
    """The board's three parts: the active call, the queue (most urgent first), history."""

    active: CallSummary | None
    queued: tuple[CallSummary, ...]
    held: frozenset[str]


def unit_state_for(ref: ReferenceData, call_status: str) -> str:
    """The unit state an active call in ``call_status`` puts the unit in."""
    for state in ref.unit_states:
        if call_status in state.get("call_statuses", ()):
            return state.code
    return ASSIGNED


def needs_activation(ref: ReferenceData, status: str) -> bool:
    """Does taking a call to ``status`` make it the unit's working call? Acknowledging a
    queued call does not (the crew says they have it); en route and beyond do."""
    return status != CLOSED and unit_state_for(ref, status) != ASSIGNED


def idle_state(on_shift: bool, out_of_service: bool) -> str:
    if out_of_service:
        return OUT_OF_SERVICE
    return AVAILABLE if on_shift else OFF_DUTY


def order_queue(open_calls: Sequence[CallSummary], active_id: str | None) -> list[CallSummary]:
    """Most urgent first: priority, then the oldest (the store already sorts this way)."""
    return sorted(
        (c for c in open_calls if c.id != active_id), key=lambda c: (c.priority, c.received_at)
    )


def switch_options(ref: ReferenceData, current: Call, next_statuses: Sequence[str]) -> list[str]:
    """What can happen to ``current`` when the unit switches away: an action whose status the
    call cannot reach now (e.g. clear while transporting) is not offered."""
    options = []
    for action in ref.call_switch_actions:
        status = action.get("status")
        if status is None or status in next_statuses:
            options.append(action.code)
    return options
