"""The core's facade: ``open_app(profile_dir)`` builds everything the UI and CLI use."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path

from civilian_responder.attachments import AttachmentService
from civilian_responder.audit import AuditLog, verify_chain
from civilian_responder.calls import CallService
from civilian_responder.checklists.service import ChecklistService
from civilian_responder.clock import Clock, CorrectedClock, SystemClock, iso
from civilian_responder.co_responders import CoResponderService
from civilian_responder.directory import DirectoryService
from civilian_responder.languages import OfficerLanguages, check_ui_language
from civilian_responder.models import RecoveredDraft
from civilian_responder.part2 import load_part2_tags
from civilian_responder.pdf.checklist_runs import checklist_summaries
from civilian_responder.pdf.service import ReportPdfService
from civilian_responder.people import PeopleService
from civilian_responder.profile import ProfilePaths
from civilian_responder.reference import ReferenceData, load_reference
from civilian_responder.reports import ReportService
from civilian_responder.secrets import SecretStore
from civilian_responder.secrets import warm_up as warm_up_secrets
from civilian_responder.security.scratch import ScratchDir
from civilian_responder.security.session import Session, attempts_path
from civilian_responder.shifts import ShiftRecovery, ShiftService
from civilian_responder.store import Store
from civilian_responder.store.database import warm_up as warm_up_store
from civilian_responder.sync import SyncEngine, SyncSettings, TokenStore
from civilian_responder.sync.clock_check import ClockCheck
from civilian_responder.sync.status import META_DEVICE

log = logging.getLogger(__name__)

DEFAULT_UNIT = "UNASSIGNED"


@dataclass
class ResponderApp:
    """Everything for one open profile. Owned by the thread that opened it (the GUI thread)."""

    paths: ProfilePaths
    store: Store
    reference: ReferenceData
    clock: Clock
    calls: CallService
    reports: ReportService
    attachments: AttachmentService
    sync: SyncEngine
    checklists: ChecklistService
    pdf: ReportPdfService
    audit: AuditLog
    people: PeopleService
    directory: DirectoryService
    shifts: ShiftService
    co_responders: CoResponderService
    recovered: list[RecoveredDraft] = field(default_factory=list)
    shift_recovery: ShiftRecovery | None = None
    session: Session | None = None
    scratch: ScratchDir = field(default_factory=ScratchDir)

    @property
    def unit_id(self) -> str:
        return self.calls.unit_id

    @property
    def officer_name(self) -> str:
        """The signed-in officer (or, for a profile opened without sign-in, the stored name)."""
        if self.session is not None:
            return self.session.officer_name
        return self.store.get_meta("officer_name") or ""

    @functools.cached_property
    def secrets(self) -> SecretStore:
        """The OS keyring (device token). Built on first use; a missing secure backend is
        recorded once in the audit trail and shown by the UI via ``secrets.problem``."""
        store = SecretStore()
        if not store.persistent:
            self.audit.record("secrets.unavailable", "keyring", "alert", store.problem)
        return store

    def sign_out(self) -> None:
        """Record the sign-out, drop in-memory secrets, wipe this session's temporary files
        (rendered PDFs, previews) and close. The UI also clears its own caches."""
        try:
            self.audit.record("signout")
        finally:
            if "secrets" in self.__dict__:
                self.secrets.forget_session()
            self.close()

    @property
    def language(self) -> str:
        """The signed-in officer's language: checklists show in it, new reports print in it."""
        return self.checklists.language

    def set_language(self, code: str) -> None:
        """The officer chose another language (the window switches its translators itself)."""
        check_ui_language(code)
        if self.session is not None:
            OfficerLanguages(self.paths.settings).set(self.session.officer_id, code)
        self.checklists.language = code
        self.reports.language = code

    @property
    def clock_check(self) -> ClockCheck:
        """How far this device's clock was from the station's at the last sync."""
        return ClockCheck.load(self.store)

    def set_unit(self, unit_id: str) -> None:
        """The station said which unit this device is (enrollment)."""
        self.calls.unit_id = unit_id
        self.shifts.unit_id = unit_id
        self.reports.unit_id = unit_id
        self.reports.device_tag = device_tag(self.store)
        self.people.unit_id = unit_id

    def close(self) -> None:
        """Mark a clean shutdown (so the next start knows nothing needs recovering) and close."""
        try:
            self.store.set_meta("session_clean", "1")
        finally:
            self.scratch.wipe()
            self.store.close()


def device_tag(store: Store) -> str:
    """A short tag of this device's station enrollment, in its report numbers: two laptops of
    one unit (or a cloned profile enrolled again) never number two reports alike."""
    device = (store.get_meta(META_DEVICE) or "").replace("-", "")
    return device[:6].upper()


def warm_up() -> None:
    """What opening a profile costs that needs no key, done ahead: the UI calls this on a worker
    while the officer signs in (the key derivation leaves the processor to it). The keyring's
    backend discovery and sqlite-utils' plugin scan; both libraries keep what they found."""
    warm_up_secrets()
    warm_up_store()


def open_app(profile_dir: Path, *, clock: Clock | None = None, key: bytes | None = None,
             reference: ReferenceData | None = None, tokens: TokenStore | None = None,
             sync_settings: SyncSettings | None = None,
             session: Session | None = None) -> ResponderApp:
    """Open a profile. With ``session`` (from ``civilian_responder.security.Authenticator``) the
    database is opened with the officer's unwrapped key and the sign-in is audited."""
    paths = ProfilePaths(Path(profile_dir)).ensure()
    reference = reference or load_reference()
    if session is not None:
        key = session.key
    store = Store.open(paths.database, key)
    # Timelines use the station's time: the offset measured at the last sync (see sync).
    clock = CorrectedClock(clock or SystemClock(), ClockCheck.load(store).offset_seconds)
    unit_id = store.get_meta("unit_id") or DEFAULT_UNIT
    officer = session.officer_name if session else (store.get_meta("officer_name") or "")
    audit = AuditLog(store, clock, actor=officer)
    if session is not None:
        audit.import_signin_attempts(attempts_path(paths.root))
        audit.record("signin", f"officer:{session.officer_id}")
        _check_audit_chain(store, audit)
    clean = store.get_meta("session_clean", "1") == "1"
    recovered = _start_session(store, clock)
    calls = CallService(store, reference, clock, unit_id, actor=officer)
    shifts = ShiftService(store, reference, clock, unit_id, officer=officer, audit=audit.record,
                          unit_state=calls.record_unit_state)
    reports = ReportService(store, reference, clock, unit_id, author=officer,
                            audit=audit.record)
    reports.device_tag = device_tag(store)
    language = OfficerLanguages(paths.settings).of(session.officer_id) if session else "en"
    reports.language = language
    checklists = ChecklistService(store, reference, clock, calls, reports,
                                  ChecklistService.default_folders(paths.checklists))
    part2 = load_part2_tags()
    people = PeopleService(store, reference, clock, unit_id, audit=audit.record)
    # A consent missing what it needs blocks finalizing like any other missing field.
    reports.checks.append(lambda report: people.consent_problems(report.id))
    reports.finalize_hooks.append(people.record_report)
    checklists.completed_hooks.append(
        lambda view: people.prefill_from_checklist(view.run.call_id, view.definition.id,
                                                   view.evaluation.values, reports.start))
    checklists.language = language
    app = ResponderApp(
        paths=paths, store=store, reference=reference, clock=clock,
        calls=calls, reports=reports,
        attachments=AttachmentService(store, clock),
        shifts=shifts, co_responders=CoResponderService(store, reference, clock),
        shift_recovery=shifts.recovery(clean),
        sync=SyncEngine(store, paths.checklists, clock, tokens or TokenStore(),
                        tuple(reference.unit_statuses.codes()), sync_settings, audit=audit.record),
        checklists=checklists,
        pdf=ReportPdfService(store, reference, paths.root, audit=audit.record,
                             checklists=lambda report: checklist_summaries(checklists, report,
                                                                           part2),
                             part2=part2),
        audit=audit, people=people, directory=DirectoryService(store, reference, clock),
        recovered=recovered, session=session,
    )
    app.sync.people = people.store_from_station
    people.purge()  # retention: what the station has had for N days leaves this laptop
    app.sync.enrolled_listeners.append(app.set_unit)
    app.sync.definitions_listeners.append(checklists.reload)
    return app


def _check_audit_chain(store: Store, audit: AuditLog) -> None:
    """CJIS SI-7(1)/AU-9: verify the trail at every sign-in and record a break."""
    check = verify_chain(store)
    if not check.ok:
        log.warning("The audit trail failed verification at row %s", check.bad_seq)
        audit.record("audit.tampered", "audit_log", "alert", check.problem)


def _start_session(store: Store, clock: Clock) -> list[RecoveredDraft]:
    """If the last session did not close cleanly, list drafts it saved: they were recovered."""
    previous_start = store.get_meta("session_started_at")
    clean = store.get_meta("session_clean", "1") == "1"
    recovered: list[RecoveredDraft] = []
    if previous_start and not clean:
        recovered = store.reports.drafts_saved_since(previous_start)
        if recovered:
            log.info("Recovered %d draft(s) after an unclean shutdown", len(recovered))
    store.set_meta("session_started_at", iso(clock.now()))
    store.set_meta("session_clean", "0")
    return recovered
