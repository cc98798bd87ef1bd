"""The PDF feature's facade: snapshots on the owning thread, exports anywhere, audit entries
through one hook."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from civilian_responder.audit import AuditRecorder
from civilian_responder.errors import NotFoundError, RenderError, StorageError, ValidationError
from civilian_responder.models import Report
from civilian_responder.part2 import Part2Tags, load_part2_tags
from civilian_responder.pdf.snapshot import (
    META_AGENCY_LOGO,
    META_AGENCY_NAME,
    ChecklistSummary,
    PhotoSnapshot,
    ReportSnapshot,
    fingerprint,
    load_agency,
)
from civilian_responder.reference import ReferenceData
from civilian_responder.store import Store

log = logging.getLogger(__name__)

SETTING_KEYS = (META_AGENCY_NAME, META_AGENCY_LOGO, "timezone")


@dataclass(frozen=True)
class AuditEvent:
    """One export, print or preview of a report. Never carries report content."""

    action: str  # "pdf_export" | "pdf_print" | "pdf_preview"
    report_id: str
    report_number: str
    version: int
    target: str = ""  # file written or printer name
    encrypted: bool = False
    outcome: str = "ok"  # "ok" | "queued" (a print still waiting at the printer) | "failed"
    detail: str = ""  # settings and job id (prints) or the reason it failed; never content


# The report's checklist runs (runs belong to the call: ``report.call_id``), summarised.
ChecklistSource = Callable[[Report], Sequence[ChecklistSummary]]


def audit_row(event: AuditEvent) -> tuple[str, str, str, str]:
    """The audit trail's (action, target, outcome, detail) for an export, print or preview."""
    how = "AES-256 encrypted" if event.encrypted else "not encrypted"
    what = event.detail or f"{how}; to {event.target}"
    return (event.action.replace("pdf_", "pdf."), f"report:{event.report_id}", event.outcome,
            f"{event.report_number} v{event.version}; {what}")


@dataclass(frozen=True)
class ExportedFile:
    report_id: str
    report_number: str
    version: int
    path: Path
    encrypted: bool


@dataclass
class ExportOutcome:
    written: list[ExportedFile] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (report number vN, reason)
    cancelled: bool = False


class ReportPdfService:
    """Built by ``open_app``; belongs to the thread that owns the store, except the static
    functions, which only take snapshots and may run on a worker."""

    def __init__(self, store: Store, reference: ReferenceData, profile_root: Path,
                 audit: AuditRecorder | None = None,
                 checklists: ChecklistSource | None = None,
                 part2: Part2Tags | None = None) -> None:
        self._store = store
        self.part2 = part2 or load_part2_tags()
        self._ref = reference
        self._root = profile_root
        self.audit = audit
        self.checklists = checklists

    def snapshot(self, report_id: str, police_copy: bool = False) -> ReportSnapshot:
        """Everything the PDF needs, read in one transaction so it is never half-saved. A
        police copy leaves out every value tagged under 42 CFR Part 2 and says so."""
        snap = self._snapshot(report_id)
        if not police_copy:
            return snap
        from civilian_responder.pdf.police_copy import police_copy as withhold  # noqa: PLC0415

        return withhold(snap, self.part2)

    def _snapshot(self, report_id: str) -> ReportSnapshot:
        with self._store.atomic("reading the report for its PDF"):
            report = self._store.reports.get(report_id)
            if report is None:
                raise NotFoundError(f"No report with id {report_id}")
            call = self._store.calls.get(report.call_id)
            events = tuple(self._store.calls.events(report.call_id))
            photos = self._photos(report)
            old = self._store.reports.get(report.supersedes_id) if report.supersedes_id else None
            agency = load_agency(self._store.get_meta, self._root)
            zone = self._store.get_meta("timezone") or ""
            runs = tuple(self.checklists(report)) if self.checklists else ()
            co = tuple(self._store.unit.co_responders(report.call_id))
        return ReportSnapshot(
            report=report, call=call, timeline=events, photos=photos, reference=self._ref,
            agency=agency, checklists=runs, superseded_version=old.version if old else None,
            fingerprint=fingerprint(report), timezone=zone, co_responders=co,
        )

    def _photos(self, report: Report) -> tuple[PhotoSnapshot, ...]:
        """This version's photos, then those attached to the versions it corrects: a
        correction is the same incident, and its photos must not vanish from the print."""
        seen_reports: set[str] = set()
        seen_photos: set[str] = set()
        out: list[PhotoSnapshot] = []
        current: Report | None = report
        while current is not None and current.id not in seen_reports:
            seen_reports.add(current.id)
            for a in self._store.attachments.for_report(current.id):
                if a.sha256 not in seen_photos:
                    seen_photos.add(a.sha256)
                    out.append(PhotoSnapshot(a, self._store.attachments.data(a.id)))
            sid = current.supersedes_id
            current = self._store.reports.get(sid) if sid else None
        return tuple(out)

    def settings(self) -> dict[str, str]:
        """The PDF letterhead settings as stored (empty string = default)."""
        return {key: self._store.get_meta(key) or "" for key in SETTING_KEYS}

    def change_settings(self, agency_name: str | None = None, agency_logo: str | None = None,
                        timezone: str | None = None) -> None:
        """Validate, then store (None = leave as is, "" = back to the default). An unreadable
        logo or an unknown zone is refused, naming what is wrong."""
        errors: dict[str, str] = {}
        logo = agency_logo.strip() if agency_logo else agency_logo
        if logo:
            problem = _logo_problem(Path(logo))
            if problem:
                errors[META_AGENCY_LOGO] = problem
            logo = str(Path(logo).resolve())
        if timezone:
            try:
                ZoneInfo(timezone)
            except (ZoneInfoNotFoundError, ValueError):
                errors["timezone"] = f"{timezone!r} is not a known time zone (e.g. America/Chicago)"
        if errors:
            raise ValidationError("PDF settings not changed", errors)
        values = {META_AGENCY_NAME: agency_name, META_AGENCY_LOGO: logo, "timezone": timezone}
        with self._store.atomic("saving PDF settings"):
            for key, value in values.items():
                if value is not None:
                    self._store.set_meta(key, value.strip())

    def report_ids(self, include_superseded: bool = True) -> list[str]:
        states = None if include_superseded else ["draft", "finalized", "approved", "returned"]
        return [r.id for r in self._store.reports.all(states)]

    def record(self, event: AuditEvent) -> None:
        """Audit failures must not undo an export that already happened; they are logged."""
        if self.audit is None:  # no trail (tests): one content-free log line
            log.info("audit %s report=%s v%d outcome=%s", event.action, event.report_number,
                     event.version, event.outcome)
            return
        try:
            self.audit(*audit_row(event))
        except Exception:  # noqa: BLE001
            log.error("Could not record audit entry for %s", event.action, exc_info=True)

    def record_exports(self, files: Iterable[ExportedFile]) -> None:
        for f in files:
            self.record(AuditEvent("pdf_export", f.report_id, f.report_number, f.version,
                                   str(f.path), f.encrypted))


def clear_previews(folder: Path) -> None:
    """Preview files are plain PDFs outside the encrypted database: keep at most the latest.
    Call on close too (the viewer may still hold the newest one open until then)."""
    for old in folder.glob("*.pdf"):
        try:
            old.unlink()
        except OSError:
            log.warning("Could not remove an old preview file")


def _logo_problem(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    from civilian_responder.pdf import photos  # noqa: PLC0415 (Pillow only when a logo is set)

    if photos.prepare(data).data is None:
        return f"{path} is not a readable image (PNG or JPEG)"
    return ""


def write_pdf(snapshot: ReportSnapshot, out_dir: Path, password: str | None = None) -> ExportedFile:
    """Render and write ``<report_number>-v<version>.pdf`` atomically (temp file, then rename)."""
    from civilian_responder.pdf.render import render  # noqa: PLC0415 (reportlab off the start-up path)

    data = render(snapshot, password)
    target = Path(out_dir) / snapshot.file_name
    write_file(target, data)
    r = snapshot.report
    return ExportedFile(r.id, r.report_number, r.version, target, bool(password))


def write_file(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".partial-", suffix=".pdf", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StorageError(f"Cannot write {target}: {exc.strerror or exc}") from exc


def export_many(snapshots: Iterable[ReportSnapshot], out_dir: Path, password: str | None = None,
                *, total: int | None = None, cancelled: Callable[[], bool] = lambda: False,
                progress: Callable[[int, int], None] | None = None) -> ExportOutcome:
    """Worker-safe batch export. One bad report is listed in ``failed``; the rest still go."""
    outcome = ExportOutcome()
    items: Iterable[ReportSnapshot] = snapshots
    if total is None:
        items = list(snapshots)
        total = len(items)
    for done, snap in enumerate(items, start=1):
        if cancelled():
            outcome.cancelled = True
            break
        try:
            outcome.written.append(write_pdf(snap, out_dir, password))
        except (RenderError, StorageError) as exc:
            outcome.failed.append((f"{snap.report.report_number} v{snap.report.version}",
                                   str(exc)))
        if progress:
            progress(done, total)
    return outcome
