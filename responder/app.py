"""The core's facade: ``open_app(profile_dir)`` builds everything the UI and CLI use."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from responder.attachments import AttachmentService
from responder.calls import CallService
from responder.checklists.service import ChecklistService
from responder.clock import Clock, SystemClock, iso
from responder.models import RecoveredDraft
from responder.pdf.checklist_runs import checklist_summaries
from responder.pdf.service import ReportPdfService
from responder.profile import ProfilePaths
from responder.reference import ReferenceData, load_reference
from responder.reports import ReportService
from responder.store import Store
from responder.sync import SyncEngine, SyncSettings, TokenStore

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
    recovered: list[RecoveredDraft] = field(default_factory=list)

    @property
    def unit_id(self) -> str:
        return self.calls.unit_id

    def set_unit(self, unit_id: str) -> None:
        """The station said which unit this device is (enrollment)."""
        self.calls.unit_id = unit_id
        self.reports.unit_id = unit_id

    def close(self) -> None:
        """Mark a clean shutdown (so the next start knows nothing needs recovering) and close."""
        try:
            self.store.set_meta("session_clean", "1")
        finally:
            self.store.close()


def open_app(profile_dir: Path, *, clock: Clock | None = None, key: bytes | None = None,
             reference: ReferenceData | None = None, tokens: TokenStore | None = None,
             sync_settings: SyncSettings | None = None) -> ResponderApp:
    paths = ProfilePaths(Path(profile_dir)).ensure()
    clock = clock or SystemClock()
    reference = reference or load_reference()
    store = Store.open(paths.database, key)
    unit_id = store.get_meta("unit_id") or DEFAULT_UNIT
    officer = store.get_meta("officer_name") or ""
    recovered = _start_session(store, clock)
    calls = CallService(store, reference, clock, unit_id, actor=officer)
    reports = ReportService(store, reference, clock, unit_id, author=officer)
    checklists = ChecklistService(store, reference, clock, calls, reports,
                                  ChecklistService.default_folders(paths.checklists))
    app = ResponderApp(
        paths=paths, store=store, reference=reference, clock=clock,
        calls=calls, reports=reports,
        attachments=AttachmentService(store, clock),
        sync=SyncEngine(store, paths.checklists, clock, tokens or TokenStore(),
                        tuple(reference.unit_statuses.codes()), sync_settings),
        checklists=checklists,
        pdf=ReportPdfService(store, reference, paths.root,
                             checklists=lambda report: checklist_summaries(checklists, report)),
        recovered=recovered,
    )
    app.sync.enrolled_listeners.append(app.set_unit)
    app.sync.definitions_listeners.append(checklists.reload)
    return app


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
