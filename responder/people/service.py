"""Known persons, contacts, the briefing, follow-ups, consents and retention on the unit.

Every change the station must have writes its outbox entry in the same transaction. The unit
creates provisional people and never merges them; merges come from the station (pull)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from civilian_responder.clock import Clock, iso, new_id
from civilian_responder.errors import NotFoundError, ValidationError, say
from civilian_responder.models import (
    Call,
    Consent,
    Contact,
    FollowUp,
    FollowUpAttempt,
    KnownPerson,
    Person,
    Report,
)
from civilian_responder.people.briefing import MAX_CONTACTS, KnownHere
from civilian_responder.people.consent import ConsentRules
from civilian_responder.reference import ReferenceData
from civilian_responder.store import Store

AuditSink = Callable[..., object]
META_RETENTION_DAYS = "people_retention_days"  # this laptop's own (``responder people purge``)
# The agency's, delivered by the station at sync (setting ``retention_days``): it wins.
META_STATION_RETENTION_DAYS = "people_retention_days_station"
MAX_RETENTION_DAYS = 3650
DEFAULT_RETENTION_DAYS = 30
# The safety screen's question whose "yes" marks a contact as violent.
VIOLENCE_ITEM = ("safety-screen", "violence")
# Checklist questions answered from the record: the panel shows what the answer rests on.
EVIDENCE_ITEMS = {("safety-screen", "history")}


class PeopleService:
    def __init__(
        self,
        store: Store,
        reference: ReferenceData,
        clock: Clock,
        unit_id: str,
        audit: AuditSink | None = None,
    ) -> None:
        self._store = store
        self._ref = reference
        self._clock = clock
        self.unit_id = unit_id
        self._audit = audit
        self.consent_rules = ConsentRules(reference)

    def _now(self) -> str:
        return iso(self._clock.now())

    # Persons -------------------------------------------------------------------------------

    def suggest(self, typed: str, limit: int = 8) -> list[KnownPerson]:
        """Known people for what is typed so far. Suggestions only: nothing is ever merged."""
        return self._store.people.suggest(typed, limit)

    def person(self, person_id: str) -> KnownPerson:
        found = self._store.people.person(person_id)
        if found is None:
            raise NotFoundError(say("People", 'No known person {person_id}')
                .format(person_id=person_id))
        return found

    def current(self, person_id: str) -> KnownPerson:
        """The person, or the one the station merged them into."""
        person, seen = self.person(person_id), set()
        while person.merged_into and person.merged_into not in seen:
            seen.add(person.id)
            person = self.person(person.merged_into)
        return person

    def add_person(
        self, display_name: str, age_range: str = "", description: str = ""
    ) -> KnownPerson:
        """A new person met by this unit: a provisional id born here."""
        if not display_name.strip():
            raise ValidationError(
                say("People", 'A known person needs a name or a nickname'),
                {"display_name": say("People", 'enter a name or nickname')},
            )
        if age_range and age_range not in self._ref.age_ranges:
            raise ValidationError(say("People", 'Unknown age range'),
                {"age_range": say("People", 'choose an age range')})
        now = self._now()
        person = KnownPerson(
            new_id(),
            display_name.strip(),
            age_range,
            description.strip(),
            None,
            True,
            None,
            "unit",
            now,
            now,
        )
        with self._store.atomic("adding a known person"):
            self._store.people.put_person(person)
            self._store.outbox.enqueue("person", person.id, dataclasses.asdict(person), now)
        return person

    def update_person(self, person_id: str, **fields: Any) -> KnownPerson:
        person = dataclasses.replace(self.person(person_id), **fields, updated_at=self._now())
        with self._store.atomic("saving a known person"):
            self._store.people.put_person(person)
            self._store.outbox.enqueue(
                "person", person.id, dataclasses.asdict(person), person.updated_at
            )
        return person

    # Contacts ------------------------------------------------------------------------------

    def record_contact(
        self,
        *,
        person_id: str | None,
        address: str,
        call_id: str | None = None,
        report_id: str | None = None,
        kind: str = "call",
        outcome_code: str | None = None,
        safety_notes: str = "",
        triggers: str = "",
        what_helped: str = "",
        violence: bool = False,
        at: str | None = None,
        **outreach: Any,
    ) -> Contact:
        if outcome_code is not None and outcome_code not in self._ref.outcomes:
            raise ValidationError(say("People", 'Unknown outcome'),
                {"outcome_code": say("People", 'choose an outcome')})
        contact = Contact(
            new_id(),
            at or self._now(),
            person_id,
            call_id,
            report_id,
            address.strip(),
            self.unit_id,
            kind,
            outcome_code,
            safety_notes,
            triggers,
            what_helped,
            violence,
            **outreach,
        )
        with self._store.atomic("recording the contact"):
            self._store.people.put_contact(contact)
            self._store.outbox.enqueue(
                "contact", contact.id, dataclasses.asdict(contact), contact.at, call_id
            )
        return contact

    def record_outreach(
        self,
        place: str,
        met: Sequence[str | tuple[str, str]],
        offered: Sequence[str] = (),
        accepted: Sequence[str] = (),
        shelter_placement_code: str | None = None,
        note: str = "",
    ) -> list[Contact]:
        """A contact without a 911 call (encampment work): one contact per person met, each a
        known person's id or a new person's (name, age range). One transaction."""
        problems: dict[str, str] = {}
        if not place.strip():
            problems["place"] = say("People", 'say where (a place name or landmark)')
        if not met:
            problems["met"] = say("People", 'add at least one person met')
        bad = [c for c in (*offered, *accepted) if c not in self._ref.services]
        if bad:
            problems["services"] = (say("People", 'unknown services: {value}')
                .format(value=', '.join(bad)))
        if shelter_placement_code and shelter_placement_code not in self._ref.shelter_placements:
            problems["shelter_placement_code"] = say("People", 'choose a shelter outcome')
        if problems:
            raise ValidationError(say("People", "The outreach contact is missing details"),
                                  problems)
        made: list[Contact] = []
        with self._store.atomic("recording the outreach contact"):
            for who in met:
                if isinstance(who, tuple):
                    person_id = self.add_person(who[0], who[1]).id
                else:
                    person_id = self.current(who).id
                made.append(
                    self.record_contact(
                        person_id=person_id,
                        address=place,
                        kind="outreach",
                        what_helped=note,
                        services_offered=tuple(dict.fromkeys(offered)),
                        services_accepted=tuple(dict.fromkeys(accepted)),
                        shelter_placement_code=shelter_placement_code,
                    )
                )
        return made

    def record_report(self, report: Report) -> list[Contact]:
        """A finalized report's contacts: one per named person (a new name becomes a
        provisional known person), or one for the address when no one is named. Violence
        comes from the call's safety screen. Runs inside the finalize transaction."""
        call = self._store.calls.get(report.call_id)
        address = call.address if call else ""
        violence = any(
            self._store.checklists.get(r.id) is not None
            and any(
                s.item_id == VIOLENCE_ITEM[1] and s.value is True
                for s in self._store.checklists.get(r.id).steps
            )  # type: ignore[union-attr]
            for r in self._store.checklists.for_call(report.call_id)
            if r.definition_id == VIOLENCE_ITEM[0]
        )
        outcome = report.outcome_codes[0] if report.outcome_codes else None
        safety = call.caution_notes if call else ""
        made = []
        named = [p for p in report.persons if p.known_id or p.name.strip()]
        for p in named or [None]:
            person_id = None
            if p is not None:
                person_id = (
                    p.known_id
                    if p.known_id and self._store.people.person(p.known_id)
                    else self._new_person_for(p).id
                )
            made.append(
                self.record_contact(
                    person_id=person_id,
                    address=address,
                    call_id=report.call_id,
                    report_id=report.id,
                    outcome_code=outcome,
                    safety_notes=safety,
                    triggers=p.triggers if p else "",
                    what_helped=p.what_helped if p else "",
                    violence=violence,
                    at=report.finalized_at,
                )
            )
        if report.follow_up_needed and report.follow_up_note.strip():
            # The report's "follow-up needed" becomes a task: by tomorrow unless changed.
            due = (self._clock.now().astimezone().date() + timedelta(days=1)).isoformat()
            self.add_follow_up(
                report.follow_up_note,
                due,
                call_id=report.call_id,
                person_id=made[0].person_id if made else None,
            )
        return made

    def _new_person_for(self, p: Person) -> KnownPerson:
        return self.add_person(p.name, description=p.note)

    def known_here(self, call: Call, person_ids: Sequence[str] = ()) -> KnownHere:
        """Earlier contacts at the call's address and with its named people (the station sends
        them with the call), and their open follow-ups. A few indexed reads."""
        repo = self._store.people
        at_address = repo.contacts_at(call.address, MAX_CONTACTS)
        report = self._store.reports.for_call(call.id)
        named = [p.known_id for r in report for p in r.persons if p.known_id]
        ids = [
            self._survivor(i)
            for i in dict.fromkeys([*person_ids, *named, *repo.named_for_call(call.id)])
        ]
        ids = list(dict.fromkeys(ids))
        with_people = repo.contacts_with(ids, MAX_CONTACTS) if ids else []
        merged: dict[str, Contact] = {}
        for c in sorted([*at_address, *with_people], key=lambda c: c.at, reverse=True):
            if c.call_id != call.id or c.call_id is None:
                merged.setdefault(c.id, c)
        contacts = tuple(list(merged.values())[:MAX_CONTACTS])
        people_ids = {c.person_id for c in contacts if c.person_id} | set(ids)
        follow_ups = tuple(repo.open_follow_ups(person_ids=people_ids)) if people_ids else ()
        return KnownHere(
            call.address,
            contacts,
            tuple(repo.persons(people_ids)),
            follow_ups,
            repo.count_contacts_at(call.address),
        )

    def _survivor(self, person_id: str) -> str:
        try:
            return self.current(person_id).id
        except NotFoundError:
            return person_id

    def evidence(self, call: Call, definition_id: str, item_id: str) -> list[str]:
        """What a checklist answer can rest on (the safety screen's prior-violence question):
        the earlier contacts that saw violence, and the call's caution notes."""
        if (definition_id, item_id) not in EVIDENCE_ITEMS:
            return []
        brief = self.known_here(call)
        lines = [
            f"{c.at[:10]}: {c.safety_notes or 'violence noted'}"
            + (f" ({brief.person_name(c.person_id)})" if c.person_id else "")
            for c in brief.violence_basis
        ]
        if call.caution_notes.strip():
            lines.append(f"Caution notes: {call.caution_notes.strip()}")
        return lines or ["No earlier contact here or with these people noted violence."]

    # Follow-ups ----------------------------------------------------------------------------

    def add_follow_up(
        self,
        what: str,
        due_date: str,
        *,
        person_id: str | None = None,
        call_id: str | None = None,
        who: str = "",
    ) -> FollowUp:
        problems = {}
        if not what.strip():
            problems["what"] = say("People", 'say what the follow-up is')
        if not _is_date(due_date):
            problems["due_date"] = say("People", 'give the date it is due (YYYY-MM-DD)')
        if problems:
            raise ValidationError(say("People", 'The follow-up is missing details'), problems)
        now = self._now()
        f = FollowUp(
            new_id(),
            what.strip(),
            due_date,
            now,
            now,
            person_id,
            call_id,
            who.strip(),
            self.unit_id,
        )
        self._save_follow_up(f, "adding a follow-up")
        return f

    def follow_ups(self, due_by: str | None = None) -> list[FollowUp]:
        return self._store.people.open_follow_ups(due_by)

    def due(self, today: str) -> tuple[list[FollowUp], list[FollowUp]]:
        """(due today, overdue) among the open follow-ups."""
        open_ = self._store.people.open_follow_ups(today)
        return ([f for f in open_ if f.due_date == today], [f for f in open_ if f.due_date < today])

    def record_attempt(
        self, follow_up_id: str, outcome_code: str, note: str = "", visit_call_id: str | None = None
    ) -> FollowUp:
        f = self._follow_up(follow_up_id)
        outcome = self._ref.follow_up_outcomes.get(outcome_code)
        if outcome is None:
            raise ValidationError(say("People", 'Unknown outcome'),
                {"outcome_code": say("People", 'choose what happened')})
        now = self._now()
        attempt = FollowUpAttempt(new_id(), f.id, now, outcome_code, note, visit_call_id)
        state = "done" if outcome.get("closes") else f.state
        updated = dataclasses.replace(
            f, attempts=(*f.attempts, attempt), state=state, updated_at=now
        )
        self._save_follow_up(updated, "recording a follow-up attempt")
        return updated

    def start_visit(self, follow_up_id: str, create_call: Callable[[str, str, str], Call]) -> Call:
        """A follow-up visit: a new call (made by ``create_call(type, address, narrative)``)
        linked to the original call and to the follow-up."""
        f = self._follow_up(follow_up_id)
        original = self._store.calls.get(f.call_id) if f.call_id else None
        type_code = original.type_code if original else self._ref.call_types.codes()[0]
        address = original.address if original else (f.who or "follow-up visit")
        call = create_call(type_code, address, f"Follow-up: {f.what}")
        with self._store.atomic("linking the follow-up visit"):
            self._store.people.link_call(call.id, f.call_id, f.id)
        return call

    def visit_of(self, call_id: str) -> tuple[str | None, str | None] | None:
        """(original call id, follow-up id) when this call is a follow-up visit."""
        return self._store.people.call_link(call_id)

    def _follow_up(self, follow_up_id: str) -> FollowUp:
        f = self._store.people.follow_up(follow_up_id)
        if f is None:
            raise NotFoundError(say("People", 'No follow-up {follow_up_id}')
                .format(follow_up_id=follow_up_id))
        return f

    def _save_follow_up(self, f: FollowUp, doing: str) -> None:
        with self._store.atomic(doing):
            self._store.people.put_follow_up(f)
            self._store.outbox.enqueue(
                "follow_up", f.id, dataclasses.asdict(f), f.updated_at, f.call_id
            )

    # Consents ------------------------------------------------------------------------------

    def record_consent(
        self,
        report_id: str,
        kind: str,
        given: bool,
        *,
        person_id: str | None = None,
        source: str = "responder",
        **details: str,
    ) -> Consent:
        if kind not in self._ref.consent_kinds:
            raise ValidationError(say("People", 'Unknown consent'),
                {"kind": say("People", 'choose a consent')})
        method = details.get("method", "")
        if method and method not in self._ref.consent_methods:
            raise ValidationError(say("People", 'Unknown consent method'),
                {"method": say("People", 'verbal or signed')})
        if details.get("until") and not _is_date(details["until"]):
            raise ValidationError(say("People", 'Bad date'),
                {"until": say("People", 'give a date (YYYY-MM-DD)')})
        # Recording a consent again changes the same record (the station keeps one per kind).
        held = next(
            (c for c in self.consents(report_id) if c.kind == kind and c.person_id == person_id),
            None,
        )
        consent = Consent(
            held.id if held else new_id(),
            report_id,
            kind,
            given,
            self._now(),
            person_id,
            **{k: v.strip() for k, v in details.items()},
            source=source,
        )
        with self._store.atomic("recording consent"):
            self._store.people.put_consent(consent)
            self._store.outbox.enqueue(
                "consent", consent.id, dataclasses.asdict(consent), consent.at
            )
        return consent

    def consents(self, report_id: str) -> list[Consent]:
        return self._store.people.consents(report_id)

    def consent_problems(self, report_id: str) -> dict[str, str]:
        return self.consent_rules.problems(self.consents(report_id))

    def prefill_consents(
        self, report_id: str, answers: Iterable[tuple[str, str, Any]]
    ) -> list[Consent]:
        """Consents asked in checklists ((definition, item, value) answers) that the report
        does not hold yet; the responder completes their details."""
        have = {c.kind for c in self.consents(report_id)}
        made = []
        for definition_id, item_id, value in answers:
            found = self.consent_rules.from_checklist(definition_id, item_id, value)
            if found and found[0] not in have:
                have.add(found[0])
                made.append(
                    self.record_consent(
                        report_id, found[0], found[1], source=f"checklist:{definition_id}/{item_id}"
                    )
                )
        return made

    def prefill_from_checklist(
        self,
        call_id: str,
        definition_id: str,
        values: Mapping[str, Any],
        report_for: Callable[[str], Report],
    ) -> list[Consent]:
        """A completed checklist that asked for consent pre-fills the call's report with it
        (``report_for(call_id)``: the editable report, started if need be)."""
        asked = [
            (definition_id, item, v)
            for item, v in values.items()
            if self.consent_rules.from_checklist(definition_id, item, v)
        ]
        if not asked:
            return []
        report = report_for(call_id)
        return self.prefill_consents(report.id, asked) if report.editable else []

    # Retention -----------------------------------------------------------------------------

    def retention_days(self) -> int:
        return self.retention()[0]

    def retention(self) -> tuple[int, str]:
        """The purge delay in days and where it comes from: "station" (the agency setting,
        delivered at sync), "laptop" (set here) or "default"."""
        for key, source in (
            (META_STATION_RETENTION_DAYS, "station"),
            (META_RETENTION_DAYS, "laptop"),
        ):
            raw = self._store.get_meta(key)
            if raw and raw.isdigit():
                return int(raw), source
        return DEFAULT_RETENTION_DAYS, "default"

    def _agency_setting(self, payload: dict[str, Any]) -> str | None:
        """The station's agency setting (kind ``agency_setting``); this laptop follows the
        ones it knows (``retention_days``), audited when the value changes."""
        if payload.get("name") != "retention_days":
            return None
        raw = str(payload.get("value"))
        if not raw.isdigit() or int(raw) > MAX_RETENTION_DAYS:
            raise ValueError(say("People", 'retention_days is not a number of days'))
        before, source = self.retention()
        held = self._store.get_meta(META_STATION_RETENTION_DAYS)
        if held == str(int(raw)):
            return None
        self._store.set_meta(META_STATION_RETENTION_DAYS, str(int(raw)))
        if self._audit is not None:
            by = str(payload.get("by") or "")[:64]
            self._audit(
                "people.retention",
                "retention_days",
                "ok",
                f"{before} ({source}) -> {int(raw)} days, set at the station"
                + (f" by {by}" if by else ""),
            )
        return None

    def purge(self) -> int:
        """Remove people, contacts and follow-ups the station acknowledged more than N days
        ago (agency setting). Anything the station has not acknowledged stays. Audited."""
        days = self.retention_days()
        cutoff = iso(self._clock.now() - timedelta(days=days))
        with self._store.atomic("purging old people data"):
            ids = self._store.people.purgeable(cutoff)
            n = self._store.people.purge(ids)
        if self._audit is not None and n:
            counts = ", ".join(f"{t}={len(v)}" for t, v in ids.items())
            self._audit("people.purge", "people", "ok", f"after {days} days: {counts}")
        return n

    # From the station (pull) ---------------------------------------------------------------

    def store_from_station(self, kind: str, payload: dict[str, Any]) -> str | None:
        """One pulled change (inside the caller's transaction). Returns what was counted."""
        if kind == "agency_setting":
            return self._agency_setting(payload)
        now = self._now()
        repo = self._store.people
        if kind == "person":
            repo.put_person(_build(KnownPerson, payload, origin="station", provisional=False), now)
            return "people"
        if kind == "person_merge":
            survivor = payload.get("person")
            if isinstance(survivor, dict) and repo.person(str(payload["into"])) is None:
                repo.put_person(
                    _build(
                        KnownPerson, survivor, origin="station", provisional=False, merged_into=None
                    ),
                    now,
                )
            repo.merge_person(str(payload["merged"]), str(payload["into"]))
            return "people"
        if kind == "prior_contacts":
            for p in payload.get("persons", []):
                repo.put_person(_build(KnownPerson, p, origin="station", provisional=False), now)
            for c in payload.get("contacts", []):
                repo.put_contact(_build(Contact, c, origin="station"), now)
            call_id = payload.get("call_id")
            if isinstance(call_id, str):
                repo.name_for_call(call_id, [str(p["id"]) for p in payload.get("persons", [])])
            for f in payload.get("follow_ups", []):
                attempts = tuple(
                    _build(
                        FollowUpAttempt,
                        a,
                    )
                    for a in f.get("attempts", [])
                )
                repo.put_follow_up(_build(FollowUp, f, origin="station", attempts=attempts), now)
            return "people"
        return None


def _build(cls: type, payload: dict[str, Any], **override: Any) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: v for k, v in payload.items() if k in names}
    values.update(override)
    return cls(**values)


def _is_date(text: str) -> bool:
    from datetime import date  # noqa: PLC0415

    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return len(text) == 10
