"""Other agencies' units on a call (police, fire, EMS, mobile crisis): who came, when they
arrived and left, and who asked for whom. The report's response model is suggested from them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from civilian_responder.clock import Clock, iso, new_id
from civilian_responder.errors import NotFoundError, ValidationError, say
from civilian_responder.models import CoResponder
from civilian_responder.reference import ReferenceData
from civilian_responder.store import Store

MAX_UNIT_LABEL = 40


def suggested_response_model(ref: ReferenceData, co: Sequence[CoResponder]) -> str | None:
    """The response model their presence suggests: police first (co-response), then fire/EMS
    (tandem); none came: the civilian team alone."""
    ranked = sorted(
        (ref.agencies.get(c.agency_code) for c in co), key=lambda a: a.get("rank", 99) if a else 99
    )
    for agency in ranked:
        if agency is not None and agency.get("response_model"):
            return str(agency.get("response_model"))
    return None if co else "CIVILIAN_ALONE"


class CoResponderService:
    def __init__(self, store: Store, reference: ReferenceData, clock: Clock) -> None:
        self._store = store
        self._ref = reference
        self._clock = clock

    def for_call(self, call_id: str) -> list[CoResponder]:
        return self._store.unit.co_responders(call_id)

    def add(
        self,
        call_id: str,
        agency_code: str,
        unit_label: str,
        requested_by_code: str,
        arrived: bool = False,
        note: str = "",
    ) -> CoResponder:
        if self._store.calls.get(call_id) is None:
            raise NotFoundError(say("CoResponders", 'No call with id {call_id}')
                .format(call_id=call_id))
        errors: dict[str, str] = {}
        if agency_code not in self._ref.agencies:
            errors["agency_code"] = say("CoResponders", 'choose the agency')
        if requested_by_code not in self._ref.co_response_requests:
            errors["requested_by_code"] = say("CoResponders", 'say who asked for whom')
        label = " ".join(unit_label.split())
        if len(label) > MAX_UNIT_LABEL:
            errors["unit_label"] = (say("CoResponders", 'at most {n} characters')
                .format(n=MAX_UNIT_LABEL))
        if errors:
            raise ValidationError(say("CoResponders", "The co-responder is missing details"),
                                  errors)
        now = iso(self._clock.now())
        co = CoResponder(
            new_id(),
            call_id,
            agency_code,
            label,
            requested_by_code,
            now,
            arrived_at=now if arrived else None,
            note=note.strip(),
        )
        with self._store.atomic("adding the co-responder"):
            self._store.unit.add_co_responder(co)
            self._send(co, now)
            self._prefill_report(call_id)
        return co

    def arrived(self, co_id: str, at: datetime | None = None) -> CoResponder:
        return self._stamp(co_id, "arrived_at", at)

    def departed(self, co_id: str, at: datetime | None = None) -> CoResponder:
        co = self._get(co_id)
        if co.arrived_at is None:
            self._stamp(co_id, "arrived_at", at)
        return self._stamp(co_id, "departed_at", at)

    def _stamp(self, co_id: str, name: str, at: datetime | None) -> CoResponder:
        co = self._get(co_id)
        now = iso(self._clock.now())
        value = iso(at) if at else now
        if name == "departed_at" and co.arrived_at and value < co.arrived_at:
            raise ValidationError(
                say("CoResponders", 'They cannot leave before they arrived'),
                    {"departed_at": say("CoResponders", 'before the arrival time')}
            )
        updated = dataclasses.replace(co, **{name: value})
        with self._store.atomic("saving the co-responder's time"):
            self._store.unit.update_co_responder(co_id, {name: value})
            self._send(updated, now)
        return updated

    def _get(self, co_id: str) -> CoResponder:
        co = self._store.unit.co_responder(co_id)
        if co is None:
            raise NotFoundError(say("CoResponders", 'No co-responder with id {co_id}')
                .format(co_id=co_id))
        return co

    def _send(self, co: CoResponder, now: str) -> None:
        self._store.outbox.enqueue("co_responder", co.id, asdict(co), now, co.call_id)

    def _prefill_report(self, call_id: str) -> None:
        """A draft whose response model is still open gets the suggestion (never overwritten)."""
        suggestion = suggested_response_model(self._ref, self.for_call(call_id))
        for report in self._store.reports.for_call(call_id):
            if report.editable and report.response_model_code is None and suggestion:
                self._store.reports.update(report.id, {"response_model_code": suggestion})
