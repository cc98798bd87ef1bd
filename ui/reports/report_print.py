"""Print… for one report: Qt's print dialog asks (its printers come from CUPS), the core prints.

Prepare on the GUI thread (dialog, snapshot), run on the "pdf" pool (render, ``lp``, a few seconds
of watching the job), process the result back here (audit, status line, or the reason it failed
with the PDF offered instead). "Print to file" in the dialog writes the report PDF itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from civilian_responder.errors import PrintError, ResponderError
from civilian_responder.pdf import AuditEvent
from civilian_responder.pdf.printing import PrintRequest, PrintResult, print_event, print_report
from civilian_responder.pdf.service import write_file
from civilian_responder.pdf.snapshot import ReportSnapshot
from civilian_responder_ui.shell.translations import core_text, fill, translate
from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)

SETTLE_SECONDS = 5.0  # watch a fresh job this long, so an early abort is reported, not lost
_SIDES = {QPrinter.DuplexMode.DuplexNone: "none", QPrinter.DuplexMode.DuplexLongSide: "long",
          QPrinter.DuplexMode.DuplexShortSide: "short", QPrinter.DuplexMode.DuplexAuto: "default"}


def request_from(printer: QPrinter) -> PrintRequest:
    """The printer, copies, page range, sides, collation and colour the dialog left on
    ``printer``. Qt offers two-sided only for printers whose driver has it."""
    pages = ""
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        spans = [(r.from_, r.to) for r in printer.pageRanges().toRangeList()]
        if not spans and printer.fromPage() > 0:
            spans = [(printer.fromPage(), printer.toPage() or printer.fromPage())]
        pages = ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in spans)
    return PrintRequest(printer.printerName(), max(1, printer.copyCount()), pages,
                        _SIDES.get(printer.duplex(), "default"), printer.collateCopies(),
                        printer.colorMode() == QPrinter.ColorMode.GrayScale)


class ReportPrint(QObject):
    """Owned by ``ReportPdf``; ``snapshot`` and ``save_instead`` are its plumbing."""

    printed = Signal(str)  # what the status line says
    print_failed = Signal(str)  # the plain reason, after it was shown and audited

    def __init__(self, tasks: object, parent: QWidget,
                 snapshot: Callable[[str], ReportSnapshot | None],
                 save_instead: Callable[[], object],
                 record: Callable[[AuditEvent], None],
                 render: Callable[[ReportSnapshot], bytes]) -> None:
        super().__init__(parent)
        self._tasks, self._parent = tasks, parent
        self._snapshot, self._save_instead = snapshot, save_instead
        self._record, self._render = record, render
        self.offer: QMessageBox | None = None  # the "save the PDF instead?" box, while shown

    def ask_and_print(self, report_id: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle(translate("ReportPrint", "Print report"))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(report_id, printer)

    def print_to(self, report_id: str, printer: QPrinter) -> None:
        snap = self._snapshot(report_id)
        if snap is None:
            return
        target = printer.outputFileName()
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and target:
            self._print_to_file(snap, Path(target))
            return
        request = request_from(printer)
        self._tasks.run(print_report, snap, request, SETTLE_SECONDS, pool="pdf",
                        on_result=lambda result: self._on_printed(snap, result),
                        on_error=lambda exc: self._on_print_failed(snap, request, exc))

    def _print_to_file(self, snap: ReportSnapshot, target: Path) -> None:
        def work() -> Path:
            write_file(target, self._render(snap))
            return target

        def done(path: Path) -> None:
            r = snap.report
            self._record(AuditEvent("pdf_print", r.id, r.report_number, r.version, str(path)))
            self.printed.emit(fill(translate("ReportPrint", "Printed to %1"), path))

        self._tasks.run(work, pool="pdf", on_result=done,
                        on_error=lambda exc: self._on_print_failed(snap, None, exc, target))

    def _on_printed(self, snap: ReportSnapshot, result: PrintResult) -> None:
        self._record(print_event(snap.report, result.request, result.outcome,
                                 result.job.job_id))
        where = result.job.printer
        if result.outcome == "ok":
            self.printed.emit(fill(translate("ReportPrint", "Sent to %1 (job %2)."),
                                   where, result.job.job_id))
        else:
            self.printed.emit(fill(
                translate("ReportPrint",
                          "Waiting at %1 (job %2); it prints when the printer is ready."),
                where, result.job.job_id))

    def _on_print_failed(self, snap: ReportSnapshot, request: PrintRequest | None,
                         exc: BaseException, target: Path | None = None) -> None:
        if isinstance(exc, ResponderError):
            message = core_text(exc)
        else:
            log.error("Printing failed", exc_info=(type(exc), exc, exc.__traceback__))
            message = translate("ReportPrint", 'The report could not be printed.')
        job_id = exc.job_id if isinstance(exc, PrintError) else ""
        r = snap.report
        self._record(
            print_event(r, request, "failed", job_id, message)
            if request
            else AuditEvent(
                "pdf_print",
                r.id,
                r.report_number,
                r.version,
                str(target),
                outcome="failed",
                detail=fill(translate("ReportPrint", "to file %1; %2"), target, message),
            )
        )
        if isinstance(exc, PrintError) and not exc.started:
            self._offer_save(message)  # nothing reached a printer: the PDF is the way out
        else:
            QMessageBox.warning(self._parent, translate("ReportPrint", "Print report"), message)
        self.print_failed.emit(message)

    def _offer_save(self, message: str) -> None:
        """Non-blocking, so the GUI thread keeps running (and tests can see the box)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("ReportPrint", "Print report"),
            fill(
                translate(
                    "ReportPrint",
                    "The report was not printed.\n\n%1\n\nYou can save it as a PDF instead and print that file elsewhere.",  # noqa: E501
                ),
                message,
            ),
            QMessageBox.StandardButton.NoButton,
            self._parent,
        )
        save = box.addButton(
            translate("ReportPrint", "Save PDF…"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(save)
        box.buttonClicked.connect(lambda button: self._on_offer_answered(button is save))
        self.offer = box
        box.open()

    def _on_offer_answered(self, save: bool) -> None:
        self.offer = None
        if save:
            self._save_instead()
