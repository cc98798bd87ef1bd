"""Report PDFs: the only place reportlab is used. Snapshot on the owning thread, render anywhere.

    snap = app.pdf.snapshot(report_id)          # GUI / owning thread
    data = render(snap, password=None)          # any thread; from pdf.render (kept
                                                # out of this package's imports: reportlab is slow)
    export_many(snaps, out_dir, cancelled=..., progress=...)  # worker
"""

from civilian_responder.pdf.service import (
    AuditEvent,
    ExportedFile,
    ExportOutcome,
    ReportPdfService,
    audit_row,
    export_many,
    write_pdf,
)
from civilian_responder.pdf.snapshot import AgencySettings, ChecklistSummary, ReportSnapshot

__all__ = [
    "AgencySettings", "AuditEvent", "ChecklistSummary", "ExportOutcome", "ExportedFile",
    "ReportPdfService", "ReportSnapshot", "audit_row", "export_many", "write_pdf",
]

