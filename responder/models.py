"""Plain frozen records passed between the store, the services and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Call:
    id: str
    cad_number: str | None
    unit_id: str
    type_code: str
    priority: int
    status: str
    address: str
    received_at: str
    updated_at: str
    cross_streets: str = ""
    location_note: str = ""
    latitude: float | None = None
    longitude: float | None = None
    caller_name: str = ""
    caller_phone: str = ""
    narrative: str = ""
    caution_notes: str = ""
    self_initiated: bool = False
    cancelled: bool = False
    station_revision: int = 0

    @property
    def display_number(self) -> str:
        return self.cad_number or f"LOCAL-{self.id[:8].upper()}"


@dataclass(frozen=True)
class StatusEvent:
    id: str
    call_id: str
    kind: str  # 'status' | 'backup' | 'note'
    status: str
    at: str
    reason_code: str | None = None
    note: str = ""
    actor: str = ""
    origin: str = "unit"


@dataclass(frozen=True)
class Person:
    id: str
    role_code: str
    name: str = ""
    age: int | None = None
    phone: str = ""
    note: str = ""
    known_id: str | None = None  # the KnownPerson this is (chosen from suggestions), if any
    triggers: str = ""  # what upset them (for the next team)
    what_helped: str = ""  # "responds well to ..."


@dataclass(frozen=True)
class ServiceEntry:
    code: str
    response: str  # OFFERED | ACCEPTED | DECLINED
    person_id: str | None = None  # the Person it was offered to; None: the person served


@dataclass(frozen=True)
class CrewMember:
    """One person on a shift's crew (and on the reports of its calls). ``on_roster`` is False
    for someone added by hand who is not on the station's roster: flagged for review."""

    person_id: str
    name: str
    role_code: str
    on_roster: bool = True


@dataclass(frozen=True)
class Report:
    id: str
    call_id: str
    report_number: str
    version: int
    state: str  # draft | finalized | approved | returned | superseded
    created_at: str
    updated_at: str
    author: str = ""
    supersedes_id: str | None = None
    finalized_at: str | None = None
    persons: tuple[Person, ...] = ()
    flags: tuple[str, ...] = ()
    disability_codes: tuple[str, ...] = ()
    disability_other: str = ""
    language_codes: tuple[str, ...] = ()
    disposition_code: str | None = None
    outcome_codes: tuple[str, ...] = ()
    response_model_code: str | None = None
    call_source_code: str | None = None
    transport_mode_code: str | None = None
    transport_destination_code: str | None = None
    transport_facility: str = ""  # the named place, e.g. "St. Joseph Medical Center"
    referrals: tuple[str, ...] = ()
    referral_agency: str = ""  # the named agency the person was referred to
    services: tuple[ServiceEntry, ...] = ()
    shelter_placement_code: str | None = None
    hold_code: str | None = None  # a hold / ED admission made by others
    police_handoff_reason_code: str | None = None
    backup_requested: bool = False
    backup_reason_code: str | None = None
    call_transferred_988: bool = False  # the 911 call itself was transferred to 988
    warm_transfer_988: bool = False  # the person was warm-transferred to 988 on scene
    follow_up_needed: bool = False
    follow_up_note: str = ""
    time_on_task_minutes: int | None = None
    narrative: str = ""
    correction_reason: str = ""
    review_comment: str = ""
    language: str = "en"  # the language the report prints in (its PDF); not language_codes
    crew: tuple[CrewMember, ...] = ()

    @property
    def editable(self) -> bool:
        return self.state in ("draft", "returned")


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    change_id: str
    kind: str
    entity_id: str
    payload: str
    created_at: str
    state: str = "pending"
    acked_at: str | None = None
    result_reason: str = ""


@dataclass(frozen=True)
class RecoveredDraft:
    report_id: str
    report_number: str
    call_number: str
    saved_at: str


@dataclass(frozen=True)
class MigrationNote:
    """A report a migration carried over that does not meet the new rules; ``original`` is the
    row exactly as it was (JSON), so nothing the responder wrote is lost."""

    report_id: str
    report_number: str
    version: int
    migration: str
    problem: str
    original: str
    at: str


@dataclass(frozen=True)
class CallSummary:
    """What the call board needs for one row: small, cheap to hold 50,000 of."""

    id: str
    number: str
    type_code: str
    priority: int
    address: str
    status: str
    received_at: str
    has_caution: bool
    unsynced: bool
    narrative_head: str = field(default="", repr=False)


@dataclass(frozen=True)
class Attachment:
    id: str
    report_id: str
    filename: str
    mime_type: str
    size: int
    sha256: str
    caption: str
    created_at: str
    uploaded: bool = False


@dataclass(frozen=True)
class AuditEntry:
    """One audit-trail row. ``seq`` is the device sequence number; ``hash`` chains the rows."""

    seq: int
    id: str
    at: str
    device_id: str
    actor: str
    action: str
    target: str
    outcome: str
    detail: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class PendingChange:
    """One outbox entry as it goes to the station (an immutable snapshot for the sync worker)."""

    seq: int
    change_id: str
    kind: str
    entity_id: str
    call_id: str | None
    created_at: str
    payload: str  # JSON text, exactly as written in the outbox


@dataclass(frozen=True)
class ChecklistStep:
    """One checklist item's record in a run: the answer (JSON-ready), a note, a done time."""

    item_id: str
    value: object = None
    answered_at: str | None = None
    note: str = ""
    done_at: str | None = None


@dataclass(frozen=True)
class ChecklistEscalation:
    """What the responder chose when a stop rule fired."""

    id: str
    run_id: str
    rule_id: str
    action: str  # request_police | hand_back | proceed
    at: str
    reason_code: str | None = None
    justification: str = ""
    event_id: str | None = None


@dataclass(frozen=True)
class ChecklistRun:
    id: str
    call_id: str
    definition_id: str
    definition_version: int
    state: str  # in_progress | completed | abandoned
    started_at: str
    updated_at: str
    finished_at: str | None = None
    current_item: str | None = None
    score: int | None = None
    level: str | None = None
    outcome: str | None = None
    steps: tuple[ChecklistStep, ...] = ()
    escalations: tuple[ChecklistEscalation, ...] = ()

    def step(self, item_id: str) -> ChecklistStep | None:
        return next((s for s in self.steps if s.item_id == item_id), None)


# People over time (issue 13) ----------------------------------------------------------------


@dataclass(frozen=True)
class KnownPerson:
    """A person the unit knows across calls. ``id`` is born where the person was first met
    (a unit's id is provisional until the station has it); only the station merges people,
    and a merged person points at the one it became (``merged_into``)."""

    id: str
    display_name: str
    age_range: str = ""
    description: str = ""
    last_seen_at: str | None = None
    provisional: bool = True
    merged_into: str | None = None
    origin: str = "unit"  # unit | station
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Contact:
    """One meeting with a person (or at an address): what a later team needs before arriving."""

    id: str
    at: str
    person_id: str | None = None
    call_id: str | None = None
    report_id: str | None = None
    address: str = ""
    unit_id: str = ""
    kind: str = "call"  # call | outreach | follow_up
    outcome_code: str | None = None
    safety_notes: str = ""
    triggers: str = ""
    what_helped: str = ""
    violence: bool = False  # violence or threats were seen on this contact
    origin: str = "unit"
    # Outreach (no 911 call): services offered / accepted (codes) and the shelter outcome.
    services_offered: tuple[str, ...] = ()
    services_accepted: tuple[str, ...] = ()
    shelter_placement_code: str | None = None


@dataclass(frozen=True)
class FollowUpAttempt:
    id: str
    follow_up_id: str
    at: str
    outcome_code: str
    note: str = ""
    visit_call_id: str | None = None


@dataclass(frozen=True)
class FollowUp:
    """A promise to come back: what, who (person to see), by when; linked to person and call."""

    id: str
    what: str
    due_date: str  # YYYY-MM-DD, the agency's local date
    created_at: str
    updated_at: str
    person_id: str | None = None
    call_id: str | None = None
    who: str = ""  # who on the team does it (free text: a name or a unit)
    unit_id: str = ""
    state: str = "open"  # open | done | cancelled
    attempts: tuple[FollowUpAttempt, ...] = ()
    origin: str = "unit"


@dataclass(frozen=True)
class Consent:
    """Consent as coded data on a report (transport, share, HMIS), with its time stamp."""

    id: str
    report_id: str
    kind: str  # a code from consent_kinds.json
    given: bool
    at: str
    person_id: str | None = None
    method: str = ""  # verbal | signed
    witness: str = ""
    share_with: str = ""
    share_for: str = ""
    until: str = ""  # YYYY-MM-DD
    source: str = "responder"  # responder | checklist:<id>/<item>


@dataclass(frozen=True)
class Resource:
    """A named agency or program from the station's resource directory (synced, read-only)."""

    id: str
    kind: str
    name: str
    phone: str = ""
    address: str = ""
    hours: str = ""
    eligibility: str = ""
    languages: tuple[str, ...] = ()
    beds_open: int | None = None
    beds_as_of: str | None = None
    revision: int = 0
    updated_at: str = ""


@dataclass(frozen=True)
class RosterPerson:
    """One person on the agency's roster, as the station sent it."""

    person_id: str
    name: str
    role_codes: tuple[str, ...]
    active: bool = True


@dataclass(frozen=True)
class Shift:
    id: str
    unit_id: str
    vehicle: str
    start_mileage: int
    started_at: str
    crew: tuple[CrewMember, ...] = ()
    end_mileage: int | None = None
    ended_at: str | None = None
    correction_note: str = ""  # why the end was entered afterwards (a shift left open)
    officer: str = ""

    @property
    def open(self) -> bool:
        return self.ended_at is None


@dataclass(frozen=True)
class ShiftTotals:
    """What ending a shift produces: hours, calls and time on task (minutes)."""

    hours: float
    calls: int
    time_on_task_minutes: int
    miles: int | None


@dataclass(frozen=True)
class UnitStatus:
    """One entry of the unit's own timeline (one status per unit)."""

    id: str
    status: str
    at: str
    call_id: str | None = None
    shift_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class CoResponder:
    """Another agency's unit on a call (police, fire, EMS, mobile crisis)."""

    id: str
    call_id: str
    agency_code: str
    unit_label: str
    requested_by_code: str
    created_at: str
    arrived_at: str | None = None
    departed_at: str | None = None
    note: str = ""
