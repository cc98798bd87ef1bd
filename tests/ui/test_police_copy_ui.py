"""The report PDF menu's "Save police copy…": a PDF without substance-use treatment data."""

from __future__ import annotations

from civilian_responder_ui.reports import report_pdf as report_pdf_module
from civilian_responder_ui.reports.report_pdf import ReportPdf
from civilian_responder_ui.shell.tasks import TaskRunner
from PySide6.QtWidgets import QDialog, QWidget

from tests.pdf_samples import demo_app, full_report, pages_text


def test_the_pdf_menu_saves_a_police_copy(qtbot, tmp_path, monkeypatch):
    core = demo_app(tmp_path / "profile")
    report = full_report(
        core, photos=0, flags=["SUBSTANCE_USE"], narrative="Asked about the methadone clinic."
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    pdf = ReportPdf(
        core, TaskRunner(inline=True, parent=parent), parent, current_report=lambda: report.id
    )
    assert pdf.police_copy_action in pdf.actions()
    asked: list[str] = []

    def save_name(_parent, title, suggested, _filter):
        asked.append(suggested)
        return str(tmp_path / "copy.pdf"), ""

    monkeypatch.setattr(report_pdf_module.QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(
        report_pdf_module.PdfPasswordDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    monkeypatch.setattr(report_pdf_module.PdfPasswordDialog, "value", lambda self: None)
    with qtbot.waitSignal(pdf.saved, timeout=10_000):
        pdf.police_copy_action.trigger()
    assert asked[0].endswith("-police-copy.pdf")
    text = " ".join(pages_text((tmp_path / "copy.pdf").read_bytes()))
    assert "POLICE COPY" in text and "methadone" not in text
    assert "Substance use" not in text and report.report_number in text
    core.close()
