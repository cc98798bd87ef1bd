"""Field reports: drafts saved field by field, validation that names what blocks finalizing,
locked finalized versions, and corrections that keep the old version."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from civilian_responder.clock import Clock, iso, new_id, parse_iso
from civilian_responder.co_responders import suggested_response_model
from civilian_responder.errors import LockedRecordError, NotFoundError, ValidationError, say
from civilian_responder.languages import SOURCE, pdf_codes
from civilian_responder.models import CrewMember, Person, Report, ServiceEntry
from civilian_responder.reference import ReferenceData
from civilian_responder.store import Store
from civilian_responder.store.reports import report_payload

if TYPE_CHECKING:
    from civilian_responder.audit import AuditRecorder

# field -> (kind, reference list)
FIELD_SPECS: dict[str, tuple[str, str | None]] = {
    "persons": ("persons", "person_roles"),
    "flags": ("codes", "flags"),
    "disability_codes": ("codes", "disabilities"),
    "disability_other": ("text", None),
    "language_codes": ("codes", "languages"),
    "disposition_code": ("code", "dispositions"),
    "outcome_codes": ("codes", "outcomes"),
    "response_model_code": ("code", "response_models"),
    "call_source_code": ("code", "call_sources"),
    "transport_mode_code": ("code", "transport_modes"),
    "transport_destination_code": ("code", "transport_destinations"),
    "transport_facility": ("name", None),
    "referrals": ("codes", "referral_destinations"),
    "referral_agency": ("name", None),
    "services": ("services", "services"),
    "shelter_placement_code": ("code", "shelter_placements"),
    "hold_code": ("code", "holds"),
    "police_handoff_reason_code": ("code", "police_handoff_reasons"),
    "backup_requested": ("bool", None),
    "backup_reason_code": ("code", "backup_reasons"),
    "call_transferred_988": ("bool", None),
    "warm_transfer_988": ("bool", None),
    "follow_up_needed": ("bool", None),
    "follow_up_note": ("text", None),
    "time_on_task_minutes": ("int", None),
    "narrative": ("text", None),
    "correction_reason": ("text", None),
    "language": ("language", None),
}

FIELD_LABELS = {
    "persons": "Persons contacted",
    "flags": "Flags",
    "disability_codes": "Perceived disability",
    "disability_other": "Other disability",
    "language_codes": "Language needed",
    "disposition_code": "Disposition",
    "language": "Report language",
    "outcome_codes": "Outcome",
    "response_model_code": "Response",
    "call_source_code": "Call came from",
    "transport_mode_code": "Transported by",
    "transport_destination_code": "Transported to",
    "transport_facility": "Facility",
    "referrals": "Referrals",
    "referral_agency": "Agency named",
    "services": "Services",
    "shelter_placement_code": "Shelter placement",
    "hold_code": "Hold or admission by others",
    "police_handoff_reason_code": "Why handed to police",
    "call_transferred_988": "911 call transferred to 988",
    "warm_transfer_988": "Warm transfer to 988 on scene",
    "backup_reason_code": "Backup reason",
    "follow_up_note": "Follow-up",
    "time_on_task_minutes": "Time on task",
    "narrative": "Narrative",
    "correction_reason": "Reason for correction",
}

MAX_MINUTES = 24 * 60
MAX_NAME = 200  # a named facility or agency

# A detail applies only while its owner says so (the form shows it only then). Drafts keep a
# detail whose owner was unticked, so an accidental untick loses nothing; finalizing drops it.
_DETAILS: tuple[tuple[str, Callable[[Report], bool], Any], ...] = (
    ("disability_codes", lambda r: "PERCEIVED_DISABILITY" in r.flags, ()),
    ("disability_other",
     lambda r: "PERCEIVED_DISABILITY" in r.flags and "OTHER" in r.disability_codes, ""),
    ("language_codes", lambda r: "LANGUAGE_NEED" in r.flags, ()),
    # The transport's mode, destination and facility are kept whatever the outcomes say.
    ("police_handoff_reason_code", lambda r: "HANDED_TO_POLICE" in r.outcome_codes, None),
    ("backup_reason_code", lambda r: r.backup_requested, None),
    ("follow_up_note", lambda r: r.follow_up_needed, ""),
)


_NEEDS_WORDS = {
    "transport_destination_code": "say where the person was transported",
    "referrals": "add at least one referral",
    "police_handoff_reason_code": "say why the call was handed to police",
}


def inapplicable_details(report: Report) -> dict[str, Any]:
    """Details left over from a changed mind, mapped to their empty values."""
    return {name: empty for name, applies, empty in _DETAILS
            if not applies(report) and getattr(report, name) != empty}


class ReportService:
    def __init__(self, store: Store, reference: ReferenceData, clock: Clock, unit_id: str,
                 author: str = "", audit: AuditRecorder | None = None) -> None:
        self._store = store
        self._audit = audit
        self._ref = reference
        self._clock = clock
        self.unit_id = unit_id
        self.author = author
        self.device_tag = ""  # set by open_app once the device is enrolled
        # More finalize checks from other domains (consents): report -> {field: problem}.
        self.checks: list[Callable[[Report], dict[str, str]]] = []
        # Run inside the finalize transaction (people: the report's contacts).
        self.finalize_hooks: list[Callable[[Report], None]] = []
        self.language = SOURCE  # a new report's language: the signed-in officer's

    def get(self, report_id: str) -> Report:
        report = self._store.reports.get(report_id)
        if report is None:
            raise NotFoundError(say("Reports", "No report with id {id}").format(id=report_id))
        return report

    def for_call(self, call_id: str) -> list[Report]:
        return self._store.reports.for_call(call_id)

    def current_for_call(self, call_id: str) -> Report | None:
        versions = self.for_call(call_id)
        return max(versions, key=lambda r: r.version) if versions else None

    def all(self, states: list[str] | None = None) -> list[Report]:
        return self._store.reports.all(states)

    def start(self, call_id: str) -> Report:
        """The call's editable report, created (pre-filled from the timeline) if there is none."""
        current = self.current_for_call(call_id)
        if current is not None:
            return current
        now = self._clock.now()
        events = self._store.calls.events(call_id)
        backup = next((e for e in reversed(events) if e.kind == "backup"), None)
        call = self._store.calls.get(call_id)
        source = next((c.code for c in self._ref.call_sources if c.get("self_initiated")),
                      None) if call is not None and call.self_initiated else None
        report = Report(
            id=new_id(), call_id=call_id,
            report_number=self._store.reports.next_number(now.year, self.unit_id,
                                                          self.device_tag),
            version=1, state="draft", created_at=iso(now), updated_at=iso(now),
            author=self.author, backup_requested=backup is not None,
            backup_reason_code=backup.reason_code if backup else None,
            time_on_task_minutes=_minutes_on_task(events), call_source_code=source,
            language=self.language if self.language in pdf_codes() else SOURCE,
            crew=self._crew(call_id, iso(now)),
            response_model_code=self._response_model(call_id),
        )
        with self._store.atomic("starting the report"):
            self._store.reports.insert(report)
        return report

    def _crew(self, call_id: str, now: str) -> tuple[CrewMember, ...]:
        """Who worked the call: the crew on shift now, else the shift the call came in on."""
        shifts = self._store.shifts
        shift = shifts.shift_at(now) or shifts.open_shift()
        if shift is None:
            call = self._store.calls.get(call_id)
            shift = shifts.shift_at(call.received_at) if call else None
        return shift.crew if shift else ()

    def _response_model(self, call_id: str) -> str | None:
        co = self._store.unit.co_responders(call_id)
        return suggested_response_model(self._ref, co) if co else None

    def save_fields(self, report_id: str, fields: Mapping[str, Any]) -> Report:
        """Autosave: write just the changed fields. Values must be well-formed (codes known,
        numbers numeric) but the report need not be complete."""
        report = self.get(report_id)
        if not report.editable:
            self._record("report.change", report_id, "denied", f"state:{report.state}")
            raise LockedRecordError(say(
                "Reports", "Report {number} v{version} is {state}; make a correction to "
                "change it").format(number=report.report_number, version=report.version,
                                    state=report.state))
        clean = self._clean(fields)
        clean["updated_at"] = iso(self._clock.now())
        with self._store.atomic(f"saving report {report.report_number}"):
            self._store.reports.update(report_id, clean)
            self._record_change(report_id, fields)
        return dataclasses.replace(report, **clean)

    def problems(self, report: Report) -> dict[str, str]:
        """What blocks finalizing, field by field, in words a responder can act on."""
        p: dict[str, str] = {}
        report = dataclasses.replace(report, **inapplicable_details(report))
        outcomes = [self._ref.outcomes.get(c) for c in report.outcome_codes]
        no_contact = any(
            code is not None and code.get("no_contact")
            for code in (*outcomes, self._ref.dispositions.get(report.disposition_code))
        )
        if not report.disposition_code:
            p["disposition_code"] = "choose a disposition"
        p.update(self._outcome_problems(report, outcomes))
        if not report.persons and not no_contact:
            p["persons"] = "add at least one person contacted"
        known = {person.id for person in report.persons}
        if any(e.person_id is not None and e.person_id not in known for e in report.services):
            p["services"] = "a service names a person who is no longer on the report"
        if "PERCEIVED_DISABILITY" in report.flags and not report.disability_codes:
            p["disability_codes"] = "choose the nature of the perceived disability"
        if "OTHER" in report.disability_codes and not report.disability_other.strip():
            p["disability_other"] = "describe the other disability in a few words"
        if "LANGUAGE_NEED" in report.flags and not report.language_codes:
            p["language_codes"] = "choose the language needed"
        if report.backup_requested and not report.backup_reason_code:
            p["backup_reason_code"] = "say why police backup was requested"
        if report.follow_up_needed and not report.follow_up_note.strip():
            p["follow_up_note"] = "say what follow-up is needed"
        if report.time_on_task_minutes is None:
            p["time_on_task_minutes"] = "enter the minutes spent on this call"
        if not report.narrative.strip():
            p["narrative"] = "write what happened"
        if report.supersedes_id and not report.correction_reason.strip():
            p["correction_reason"] = "say what this correction changes"
        for check in self.checks:
            p.update(check(report))
        return p

    def _outcome_problems(self, report: Report, outcomes: list[Any]) -> dict[str, str]:
        """The outcome list and the details each outcome needs (``needs`` in outcomes.json)."""
        if not report.outcome_codes:
            return {"outcome_codes": "choose how the contact ended"}
        p: dict[str, str] = {}
        retired = [o.label for o in outcomes if o is not None and o.get("retired")]
        if retired:
            p["outcome_codes"] = f"{retired[0]} is no longer an outcome; use the 988 fields"
        elif len(outcomes) > 1 and any(o is not None and o.get("no_contact") for o in outcomes):
            p["outcome_codes"] = "\"no contact made\" cannot go with other outcomes"
        for o in outcomes:
            for need in (o.get("needs", ()) if o is not None else ()):
                if not getattr(report, need):
                    p.setdefault(need, _NEEDS_WORDS.get(need, "fill this in"))
        if "TRANSPORTED" in report.outcome_codes and not report.transport_mode_code:
            p["transport_mode_code"] = "say how the person was transported"
        return p

    def finalize(self, report_id: str) -> Report:
        report = self.get(report_id)
        if not report.editable:
            raise LockedRecordError(say("Reports", "Report {number} is already {state}").format(
                number=report.report_number, state=report.state))
        problems = self.problems(report)
        if problems:
            names = ", ".join(FIELD_LABELS.get(k, k.replace("consent.", "consent "))
                              for k in problems)
            self._record("report.finalize", report_id, "failed", ",".join(sorted(problems)))
            raise ValidationError(say("Reports", "Cannot finalize yet: {names}").format(
                names=names), problems)
        now = iso(self._clock.now())
        changes = {**inapplicable_details(report), "state": "finalized", "finalized_at": now,
                   "updated_at": now}
        final = dataclasses.replace(report, **changes)
        with self._store.atomic(f"finalizing report {report.report_number}"):
            self._store.reports.update(report_id, changes)
            if report.supersedes_id:
                self._store.reports.update(report.supersedes_id, {"state": "superseded"})
            self._store.outbox.enqueue(
                "report", report_id, report_payload(final), now, report.call_id
            )
            for hook in self.finalize_hooks:
                hook(final)
            self._record("report.finalize", report_id)
        return final

    def correct(self, report_id: str, reason: str = "") -> Report:
        """Start a correction: a new draft version; the old version is kept, unchanged.
        ``reason`` (what the correction changes) is stored on the new version right away."""
        old = self.get(report_id)
        if old.state not in ("finalized", "approved"):
            raise LockedRecordError(say("Reports", "Only a finalized or approved report can be "
                                        "corrected"))
        newer = [r for r in self.for_call(old.call_id)
                 if r.report_number == old.report_number and r.version > old.version]
        if newer:
            return max(newer, key=lambda r: r.version)
        now = iso(self._clock.now())
        draft = dataclasses.replace(
            old, id=new_id(), version=old.version + 1, supersedes_id=old.id, state="draft",
            created_at=now, updated_at=now, finalized_at=None, review_comment="",
            correction_reason=reason.strip(),
        )
        with self._store.atomic(f"starting a correction of {old.report_number}"):
            self._store.reports.insert(draft)
            self._record("report.correct", draft.id, detail=f"supersedes:{old.id}")
        return draft

    def _record_change(self, report_id: str, fields: Mapping[str, Any]) -> None:
        """Field names only: the audit trail never holds report content (successive changes to
        one report share a row: ``audit.COALESCE_WINDOW_S``)."""
        self._record("report.change", report_id, detail=",".join(sorted(fields)))

    def _record(self, action: str, target: str, outcome: str = "ok", detail: str = "") -> None:
        if self._audit is not None:
            self._audit(action, target, outcome, detail)

    def _clean(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        errors: dict[str, str] = {}
        out: dict[str, Any] = {}
        for name, value in fields.items():
            spec = FIELD_SPECS.get(name)
            if spec is None:
                errors[name] = "is not a report field"
                continue
            try:
                out[name] = self._coerce(spec, value)
            except (TypeError, ValueError) as exc:
                errors[name] = exc.args[0] if exc.args and isinstance(exc.args[0], str) \
                    else str(exc)  # a say() message stays translatable
        if errors:
            raise ValidationError(say("Reports", "Some report fields could not be saved"),
                                  errors)
        return out

    def _coerce(self, spec: tuple[str, str | None], value: Any) -> Any:
        kind, list_name = spec
        codes = self._ref.lists[list_name] if list_name else None
        if kind == "text":
            return "" if value is None else str(value)
        if kind == "name":
            name = " ".join(("" if value is None else str(value)).split())
            if len(name) > MAX_NAME:
                raise ValueError(say("Reports", "must be at most {n} characters").format(
                    n=MAX_NAME))
            return name
        if kind == "bool":
            return bool(value)
        if kind == "language":
            if value not in pdf_codes():
                raise ValueError(say("Reports", "{value} is not a language reports print "
                                     "in").format(value=repr(value)))
            return value
        if kind == "int":
            if value in (None, ""):
                return None
            n = int(value)
            if not 0 <= n <= MAX_MINUTES:
                raise ValueError(say("Reports", "must be between 0 and {most}").format(
                    most=MAX_MINUTES))
            return n
        assert codes is not None
        if kind == "code":
            if value in (None, ""):
                return None
            if value not in codes:
                raise ValueError(say("Reports", "{value} is not a known code").format(
                    value=repr(value)))
            return value
        if kind == "codes":
            bad = [v for v in value if v not in codes]
            if bad:
                raise ValueError(say("Reports", "unknown codes: {codes}").format(
                    codes=", ".join(map(str, bad))))
            retired = [v for v in value if codes.get(v).get("retired")]  # type: ignore[union-attr]
            if retired:
                raise ValueError(say("Reports", "no longer in use: {codes}").format(
                    codes=", ".join(retired)))
            return tuple(dict.fromkeys(value))
        if kind == "persons":
            persons = tuple(p if isinstance(p, Person) else Person(**p) for p in value)
            for p in persons:
                if p.role_code not in codes:
                    raise ValueError(say("Reports", "{role} is not a person role").format(
                        role=repr(p.role_code)))
            return persons
        if kind == "services":
            entries = tuple(s if isinstance(s, ServiceEntry) else ServiceEntry(**s) for s in value)
            responses = self._ref.service_responses
            for s in entries:
                if s.code not in codes or s.response not in responses:
                    raise ValueError(say("Reports", "{code}/{response} is not a known service "
                                         "response").format(code=s.code, response=s.response))
            if len({(s.code, s.person_id) for s in entries}) != len(entries):
                raise ValueError(say("Reports", "one answer per service and person"))
            return entries
        raise ValueError(f"unknown field kind {kind}")


def _minutes_on_task(events: list[Any]) -> int | None:
    """Minutes from first acknowledgement (or on-scene) to clear, when the timeline has both."""
    start = next((e.at for e in events if e.status in ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE")),
                 None)
    end = next((e.at for e in reversed(events) if e.status == "CLEARED"), None)
    if not start or not end:
        return None
    return max(0, round((parse_iso(end) - parse_iso(start)).total_seconds() / 60))
