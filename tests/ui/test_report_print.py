"""Print… in the report form's PDF menu, against the real CUPS queue (packaging/ci/print-system):
the dialog's choices reach the job, the work runs off the GUI thread, failures say why and
offer the PDF instead, and every attempt is in the audit trail."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from civilian_responder.pdf.printing import PrintJob, job_status
from civilian_responder_ui.reports.pdf_password_dialog import PdfPasswordDialog
from civilian_responder_ui.reports.report_pdf import ReportPdf
from civilian_responder_ui.shell.tasks import TaskRunner
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from tests.pdf_samples import approve, demo_app, full_report, pages_text
from tests.print_system import QUEUE, ensure_print_system, take_printed, wait_completed

SHOTS = Path(os.environ["RESPONDER_SHOTS"]) if os.environ.get("RESPONDER_SHOTS") else None


@pytest.fixture(scope="module", autouse=True)
def print_system() -> Path:
    return ensure_print_system()


@pytest.fixture
def core(tmp_path):
    app = demo_app(tmp_path / "profile")
    report = full_report(app, photos=2)
    approve(app, report.id)
    app.report = app.reports.get(report.id)  # type: ignore[attr-defined]
    yield app
    app.close()


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    w.resize(900, 640)
    qtbot.addWidget(w)
    return w


def _pdf(core, parent, inline=True) -> ReportPdf:
    return ReportPdf(core, TaskRunner(inline=inline, parent=parent), parent,
                     current_report=lambda: core.report.id)


def _prints(core) -> list:
    return [e for e in core.audit.entries() if e.action == "pdf.print"]


def _queue_printer(copies: int = 1, pages: tuple[int, int] | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(QUEUE)
    printer.setCopyCount(copies)
    if pages:
        ranges = QPageRanges()
        ranges.addRange(*pages)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setPageRanges(ranges)
    return printer


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))


def test_print_sends_the_chosen_copies_and_pages_from_a_worker(core, parent, qtbot):
    pdf = _pdf(core, parent, inline=False)
    printer = _queue_printer(copies=2, pages=(1, 1))
    printer.setColorMode(QPrinter.ColorMode.GrayScale)

    started = time.perf_counter()
    with qtbot.waitSignal(pdf.printed, timeout=90_000) as printed:
        pdf.print_to(core.report.id, printer)
        handed_off = time.perf_counter() - started
    assert handed_off < 0.5, "render and lp must run on the worker, not the GUI thread"

    [row] = _prints(core)
    job_id = row.detail.rsplit("job ", 1)[1]
    assert printed.args == [f"Sent to {QUEUE} (job {job_id})."]
    wait_completed(job_id)
    copies = pages_text(take_printed(job_id))
    assert len(copies) == 2, "collated copies are made by CUPS's filters, so cups-pdf has both"
    assert all(core.report.report_number in p and "Page 1 of 2" in p for p in copies)
    number = int(job_id.rsplit("-", 1)[1])
    attrs = job_status(PrintJob(job_id, QUEUE, number)).attributes
    assert attrs["copies"] == (2,) and attrs["page-ranges"] == ((1, 1),)
    assert attrs["collate"] == (True,) and attrs["print-color-mode"] == ("monochrome",)
    assert (row.outcome, row.target) == ("ok", f"report:{core.report.id}")
    assert f"printer {QUEUE}; copies 2; pages 1;" in row.detail


def test_the_print_dialog_choices_reach_the_job(core, parent, qtbot):
    pdf = _pdf(core, parent)

    def choose() -> None:
        dialog = parent.findChild(QPrintDialog)
        assert dialog is not None and dialog.isVisible()
        more = [b for b in dialog.findChildren(QPushButton) if "Options" in b.text()]
        if more:
            more[0].click()  # shown expanded, as a user who sets copies would see it
        dialog.findChild(QSpinBox, "copies").setValue(3)
        dialog.findChild(QRadioButton, "printRange").setChecked(True)
        dialog.findChild(QSpinBox, "to").setValue(2)
        dialog.findChild(QSpinBox, "from").setValue(2)
        dialog.findChild(QCheckBox, "collate").setChecked(False)
        _shot(dialog, "print-dialog.png")
        box = dialog.findChild(QDialogButtonBox)
        box.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(200, choose)
    with qtbot.waitSignal(pdf.printed, timeout=90_000):
        pdf.print_current()

    [row] = _prints(core)
    job_id = row.detail.rsplit("job ", 1)[1]
    assert f"printer {QUEUE}; copies 3; pages 2;" in row.detail
    wait_completed(job_id)
    [page] = pages_text(take_printed(job_id))
    assert "Page 2 of 2" in page and "Dispatched to a welfare check" in page
    attrs = job_status(PrintJob(job_id, QUEUE, int(job_id.rsplit("-", 1)[1]))).attributes
    assert attrs["copies"] == (3,) and attrs["page-ranges"] == ((2, 2),)
    assert attrs["collate"] == (False,)


def test_a_stopped_print_service_is_explained_and_the_pdf_offered(core, parent, qtbot,
                                                                    monkeypatch, tmp_path):
    pdf = _pdf(core, parent)
    printer = _queue_printer()
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cupsd.sock"))  # cupsd "down" for lp
    failures: list[str] = []
    pdf.printing.print_failed.connect(failures.append)

    pdf.print_to(core.report.id, printer)

    offer = pdf.printing.offer
    assert offer is not None and offer.isVisible()
    assert "The print service (CUPS) is not running" in offer.text()
    assert "save it as a PDF instead" in offer.text()
    _shot(offer, "print-failed.png")
    [row] = _prints(core)
    assert row.outcome == "failed" and "job none; The print service (CUPS) is not" in row.detail
    assert failures and "not running" in failures[0]

    target = tmp_path / "instead.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF files (*.pdf)")))
    monkeypatch.setattr(PdfPasswordDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(pdf.saved, timeout=30_000):
        next(b for b in offer.findChildren(QPushButton) if b.text() == "Save PDF…").click()
    assert core.report.report_number in pages_text(target.read_bytes())[0]
    assert [e.action for e in core.audit.entries()][-2:] == ["pdf.print", "pdf.export"]
    assert pdf.printing.offer is None
