"""Preview, save, print and batch-export report PDFs. Snapshots are taken here, on the GUI thread;
rendering and writing run on the task runner's "pdf" pool; audit entries are recorded back here.
Printing itself is ``report_print.ReportPrint``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from civilian_responder.app import ResponderApp
from civilian_responder.errors import ResponderError
from civilian_responder.pdf import AuditEvent, ExportedFile, ExportOutcome, export_many, write_pdf
from civilian_responder.pdf.service import clear_previews, write_file
from civilian_responder.pdf.snapshot import report_file_name
from civilian_responder_ui.reports.pdf_password_dialog import PdfPasswordDialog
from civilian_responder_ui.reports.report_print import ReportPrint
from civilian_responder_ui.shell.translations import core_text, fill, translate
from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QToolButton,
    QWidget,
)

log = logging.getLogger(__name__)

BATCH_CHUNK = 5  # snapshots (photo bytes included) per GUI-thread turn: short turns, bounded memory


class ReportPdf(QObject):
    """The PDF actions for whichever report ``current_report`` names (None disables them)."""

    saved = Signal(str)  # path written
    printed = Signal(str)  # the status line: job sent, or the file printed to
    export_progressed = Signal(int, int)  # done, total
    export_finished = Signal(object)  # ExportOutcome
    failed = Signal(str)

    def __init__(self, core: ResponderApp, tasks: object, parent: QWidget,
                 current_report: Callable[[], str | None] = lambda: None,
                 flush_edits: Callable[[], object] = lambda: None) -> None:
        super().__init__(parent)
        self._core = core
        self._tasks = tasks
        self._parent = parent
        self._current = current_report
        self._flush = flush_edits  # typed-but-unsaved edits reach the store before a snapshot
        self.batch: BatchExport | None = None
        self.printing = ReportPrint(tasks, parent, snapshot=self._snapshot,
                                    save_instead=lambda: self.save_current(),
                                    record=self._core.pdf.record, render=_render)
        self.printing.printed.connect(self.printed)
        self.preview_action = self._action(translate("ReportPdf", 'Preview'), self.preview_current)
        self.save_action = self._action(translate("ReportPdf", 'Save PDF…'), self.save_current)
        self.print_action = self._action(translate("ReportPdf", 'Print…'), self.print_current)
        self.police_copy_action = self._action(
            translate("ReportPdf", "Save police copy…"), self.save_police_copy
        )
        self.police_copy_action.setToolTip(
            translate(
                "ReportPdf",
                "The report without substance-use treatment data "
                "(42 CFR Part 2); it says what was withheld",
            )
        )
        self.export_action = QAction(translate("ReportPdf", "Export reports…"), self)
        self.export_action.triggered.connect(lambda: self.export_reports())

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda: slot())
        return action

    def actions(self) -> list[QAction]:
        return [self.preview_action, self.save_action, self.print_action,
                self.police_copy_action]

    def has_report(self) -> bool:
        return bool(self._current())

    # One report ----------------------------------------------------------------------------

    def preview_current(self) -> None:
        report_id = self._current()
        if report_id:
            self.preview(report_id)

    def preview(self, report_id: str) -> None:
        """No QtPdf in PySide6-Essentials: the system PDF viewer shows the rendered file."""
        snap = self._snapshot(report_id)
        if snap is None:
            return
        folder = self.preview_folder()

        def work() -> ExportedFile:
            clear_previews(folder)
            return write_pdf(snap, folder)

        self._run(work, on_result=self._on_preview_written)

    def preview_folder(self) -> Path:
        # The session's private temp dir (0700), wiped at sign-out and close: never the profile.
        return self._core.scratch.path()

    def clear_previews(self) -> None:
        """For the main window's close: previews are unencrypted copies."""
        clear_previews(self.preview_folder())

    def _on_preview_written(self, exported: ExportedFile) -> None:
        self._audit("pdf_preview", exported)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(exported.path)))

    def save_police_copy(self) -> None:
        self.save_current(police_copy=True)

    def save_current(self, police_copy: bool = False) -> None:
        report_id = self._current()
        if not report_id:
            return
        try:
            name = report_file_name(self._core.reports.get(report_id))
        except ResponderError as exc:
            self._on_error(exc)
            return
        if police_copy:
            name = name.replace(".pdf", "-police-copy.pdf")
        title = (
            translate("ReportPdf", "Save police copy")
            if police_copy
            else translate("ReportPdf", "Save report PDF")
        )
        path, _ = QFileDialog.getSaveFileName(self._parent, title,
                                              str(self._core.paths.exports / name),
                                              translate("ReportPdf", 'PDF files (*.pdf)'))
        if not path:
            return
        dialog = PdfPasswordDialog(self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        self.save_to(report_id, target, dialog.value(), police_copy)

    def save_to(self, report_id: str, path: Path, password: str | None = None,
                police_copy: bool = False) -> None:
        snap = self._snapshot(report_id, police_copy)
        if snap is None:
            return

        def work() -> ExportedFile:
            write_file(path, _render(snap, password))
            r = snap.report
            return ExportedFile(r.id, r.report_number, r.version, path, bool(password))

        self._run(work, on_result=self._on_saved)

    def _on_saved(self, exported: ExportedFile) -> None:
        self._audit("pdf_export", exported)
        self.saved.emit(str(exported.path))

    def print_current(self) -> None:
        report_id = self._current()
        if report_id:
            self.printing.ask_and_print(report_id)

    def print_to(self, report_id: str, printer: QPrinter) -> None:
        """With the dialog's choices already on ``printer`` (tests set them directly)."""
        self.printing.print_to(report_id, printer)

    # Many reports ----------------------------------------------------------------------------

    def export_reports(self, report_ids: Sequence[str] | None = None) -> None:
        ids = list(report_ids) if report_ids is not None else self._core.pdf.report_ids()
        if not ids:
            QMessageBox.information(
                self._parent,
                translate("ReportPdf", "Export reports"),
                translate("ReportPdf", "There are no reports yet."),
            )
            return
        folder = QFileDialog.getExistingDirectory(
            self._parent,
            translate("ReportPdf", "Export reports to folder"),
            str(self._core.paths.exports),
        )
        if not folder:
            return
        dialog = PdfPasswordDialog(self._parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.export_to(ids, Path(folder), dialog.value())

    def export_to(self, report_ids: Sequence[str], folder: Path,
                  password: str | None = None) -> BatchExport:
        self.batch = BatchExport(self._core, self._tasks, list(report_ids), folder, password,
                                 self._parent)
        self.batch.finished.connect(self._on_batch_finished)
        self.batch.progressed.connect(self.export_progressed)
        self.batch.start()
        return self.batch

    def _on_batch_finished(self, outcome: ExportOutcome) -> None:
        self._core.pdf.record_exports(outcome.written)
        self.export_finished.emit(outcome)

    # Plumbing -------------------------------------------------------------------------------

    def _snapshot(self, report_id: str | None,
                  police_copy: bool = False):  # -> ReportSnapshot | None
        try:
            self._flush()
            return self._core.pdf.snapshot(report_id or "", police_copy)
        except ResponderError as exc:
            self._on_error(exc)
            return None

    def _run(self, fn: Callable[..., object], *args: object,
             on_result: Callable[[object], None]) -> None:
        self._tasks.run(fn, *args, on_result=on_result, on_error=self._on_error, pool="pdf")

    def _on_error(self, exc: BaseException) -> None:
        message = (
            core_text(exc)
            if isinstance(exc, ResponderError)
            else translate("ReportPdf", "The PDF could not be made.")
        )
        if not isinstance(exc, ResponderError):
            log.error("PDF task failed", exc_info=(type(exc), exc, exc.__traceback__))
        self.failed.emit(message)

    def _audit(self, action: str, f: ExportedFile) -> None:
        self._core.pdf.record(AuditEvent(action, f.report_id, f.report_number, f.version,
                                         str(f.path), f.encrypted))


class ReportPdfButton(QToolButton):
    """"PDF ▾" with Preview / Save PDF… / Print…, enabled only while a report is shown."""

    def __init__(self, pdf: ReportPdf, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.setText(translate("ReportPdfButton", "&PDF  \u25be"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setStyleSheet("QToolButton { padding: 0 14px; }"
                           " QToolButton::menu-indicator { image: none; width: 0; }")
        self.setToolTip(translate("ReportPdfButton", "Preview, save or print this report as a PDF"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMinimumHeight(44)  # the form's touch-target height
        menu = QMenu(self)
        menu.addActions(pdf.actions())
        self.setMenu(menu)
        menu.aboutToShow.connect(self.refresh)

    def refresh(self) -> None:
        on = self.pdf.has_report()
        for action in self.pdf.actions():
            action.setEnabled(on)


def install_on_report_form(form: QWidget, core: ResponderApp, tasks: object) -> ReportPdf:
    """Give a ``report_form.ReportFormView`` its PDF menu; returns the actions' owner."""
    pdf = ReportPdf(core, tasks, form, current_report=lambda: form.shown_report_id,
                    flush_edits=form.flush)
    form.add_header_widget(ReportPdfButton(pdf, form))
    pdf.saved.connect(
        lambda path: form.status.setText(fill(translate("report_pdf", "PDF saved: %1"), path))
    )
    pdf.printed.connect(form.status.setText)
    pdf.failed.connect(
        lambda text: QMessageBox.warning(form, translate("report_pdf", "Report PDF"), text)
    )
    return pdf


def install_on_main_window(window: QMainWindow, core: ResponderApp, tasks: object) -> ReportPdf:
    """"Export reports…" in the main toolbar, with its outcome in the status bar."""
    pdf = ReportPdf(core, tasks, window)
    window.add_toolbar_action(pdf.export_action, in_menu=True)
    pdf.export_action.setToolTip(translate("report_pdf", "Export many reports as PDFs to a folder"))
    pdf.export_finished.connect(lambda outcome: _show_outcome(window, outcome))
    pdf.failed.connect(
        lambda text: QMessageBox.warning(window, translate("report_pdf", "Export reports"), text)
    )
    return pdf


def _show_outcome(window: QMainWindow, outcome: ExportOutcome) -> None:
    done = fill(translate("report_pdf", '%1 report PDF(s) exported'), len(outcome.written))
    if outcome.cancelled:
        done += translate("report_pdf", ' before you cancelled')
    window.statusBar().showMessage(done, 15_000)
    if outcome.failed:
        lines = "\n".join(f"{what}: {why}" for what, why in outcome.failed[:10])
        QMessageBox.warning(
            window,
            translate("report_pdf", "Export reports"),
            fill(translate("report_pdf", "Some reports were not exported:\n%1"), lines),
        )


class BatchExport(QObject):
    """Export many reports in chunks: snapshots on the GUI thread, rendering on the worker,
    with a cancellable progress dialog."""

    finished = Signal(object)  # ExportOutcome
    progressed = Signal(int, int)

    def __init__(self, core: ResponderApp, tasks: object, ids: list[str], folder: Path,
                 password: str | None, parent: QWidget) -> None:
        super().__init__(parent)
        self._core, self._tasks = core, tasks
        self._ids, self._folder, self._password = ids, folder, password
        self._next = 0
        self._task = None
        self._cancelled = False
        self.outcome = ExportOutcome()
        self.dialog = QProgressDialog(
            translate("BatchExport", "Exporting reports…"),
            translate("BatchExport", "Cancel"),
            0,
            len(ids),
            parent,
        )
        self.dialog.setWindowTitle(translate("BatchExport", "Export reports"))
        self.dialog.setMinimumWidth(340)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        self.dialog.setValue(0)
        self._submit_next_chunk()

    def cancel(self) -> None:
        self._cancelled = True
        if self._task is not None:
            self._task.cancel()

    def _submit_next_chunk(self) -> None:
        chunk = self._ids[self._next:self._next + BATCH_CHUNK]
        if self._cancelled or not chunk:
            self._finish()
            return
        snaps = []
        for report_id in chunk:
            try:
                snaps.append(self._core.pdf.snapshot(report_id))
            except ResponderError as exc:
                self.outcome.failed.append((report_id, core_text(exc)))
        base = self._next
        self._next += len(chunk)

        def work(task) -> ExportOutcome:
            return export_many(snaps, self._folder, self._password,
                               cancelled=lambda: task.cancelled or self._cancelled,
                               progress=lambda done, _: task.report_progress(base + done,
                                                                             len(self._ids)))

        self._task = self._tasks.run(work, on_result=self._on_chunk_done,
                                     on_error=self._on_chunk_failed,
                                     on_progress=self._on_progress, pool="pdf", pass_task=True)

    def _on_progress(self, done: int, total: int) -> None:
        # A modal QProgressDialog processes events inside setValue(), so later reports from the
        # worker are handled *inside* this call (CI saw [1, 3, 4, 5, 2, …] when the signal was
        # emitted after it): everything observable happens before setValue.
        self.progressed.emit(done, total)
        self.dialog.setLabelText(
            fill(translate("BatchExport", "Exported %1 of %2 reports…"), done, total)
        )
        self.dialog.setValue(done)  # may re-enter this method with the later counts

    def _on_chunk_done(self, part: ExportOutcome) -> None:
        self.outcome.written += part.written
        self.outcome.failed += part.failed
        self._cancelled = self._cancelled or part.cancelled
        self._submit_next_chunk()

    def _on_chunk_failed(self, exc: BaseException) -> None:
        log.error("Batch export chunk failed", exc_info=(type(exc), exc, exc.__traceback__))
        self.outcome.failed.append(
            ("batch", translate("BatchExport", "The export stopped unexpectedly."))
        )
        self._finish()

    def _finish(self) -> None:
        self.outcome.cancelled = self._cancelled and len(self.outcome.written) < len(self._ids)
        self.dialog.reset()
        self._task = None
        self.finished.emit(self.outcome)


def _render(snapshot, password: str | None = None) -> bytes:
    # reportlab loads on the first render (on a worker), not while the window starts.
    from civilian_responder.pdf.render import render  # noqa: PLC0415

    return render(snapshot, password)
