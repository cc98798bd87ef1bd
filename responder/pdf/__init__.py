"""Report PDFs: the only place reportlab is used. Snapshot on the owning thread, render anywhere.

    snap = app.pdf.snapshot(report_id)          # GUI / owning thread
    data = render(snap, password=None)          # any thread; from pdf.render (kept
                                                # out of this package's imports: reportlab is slow)
    export_many(snaps, out_dir, cancelled=..., progress=...)  # worker
"""

from civilian_responder.pdf.service import (
    AuditEvent,
    AuditSink,
    ExportedFile,
    ExportOutcome,
    ReportPdfService,
    audit_trail_sink,
    export_many,
    log_audit,
    write_pdf,
)
from civilian_responder.pdf.snapshot import AgencySettings, ChecklistSummary, ReportSnapshot

__all__ = [
    "AgencySettings", "AuditEvent", "AuditSink", "ChecklistSummary", "ExportOutcome",
    "ExportedFile", "ReportPdfService", "ReportSnapshot", "audit_trail_sink", "export_many",
    "log_audit",
    "write_pdf",
]

