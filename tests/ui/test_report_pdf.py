"""PDF actions in the UI: save, print to file, batch export with progress and cancel (inline and
once on a real worker thread), and the password dialog."""

from __future__ import annotations

import pytest
from civilian_responder_ui.reports.pdf_password_dialog import PdfPasswordDialog
from civilian_responder_ui.reports.report_pdf import ReportPdf
from civilian_responder_ui.shell.tasks import TaskRunner
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from tests.pdf_samples import demo_app, full_report, pages_text


@pytest.fixture
def core(tmp_path):
    app = demo_app(tmp_path / "profile", history=30)
    for i in range(24):
        full_report(app, index=i, photos=1 if i < 2 else 0, finalize=i % 2 == 0)
    yield app
    app.close()


def pdf_rows(app) -> list:
    """The PDF rows of the real audit trail (exports, prints, previews)."""
    return [e for e in app.audit.entries() if e.action.startswith("pdf.")]


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


def _pdf(core, parent, inline=True):
    return ReportPdf(core, TaskRunner(inline=inline, parent=parent), parent)


def test_save_writes_an_encrypted_pdf_and_records_the_export(core, parent, qtbot, tmp_path):
    pdf = _pdf(core, parent)
    report_id = core.pdf.report_ids()[0]
    target = tmp_path / "saved" / "one.pdf"
    with qtbot.waitSignal(pdf.saved, timeout=10_000) as saved:
        pdf.save_to(report_id, target, password="pw")
    assert saved.args == [str(target)]
    assert PdfReader(target).is_encrypted
    number = core.reports.get(report_id).report_number
    assert number in pages_text(target.read_bytes(), "pw")[0]
    [event] = pdf_rows(core)
    assert (event.action, event.target) == ("pdf.export", f"report:{report_id}")
    assert "AES-256 encrypted" in event.detail


def test_print_to_file_writes_the_report_and_records_the_print(core, parent, qtbot, tmp_path):
    pdf = _pdf(core, parent)
    report_id = core.pdf.report_ids()[1]
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(pdf.printed, timeout=10_000):
        pdf.print_to(report_id, printer)
    assert "Page 1 of" in pages_text((tmp_path / "printed.pdf").read_bytes())[0]
    assert [e.action for e in pdf_rows(core)] == ["pdf.print"]


def test_batch_export_reports_progress_and_stops_when_cancelled(core, parent, qtbot, tmp_path):
    pdf = _pdf(core, parent)
    out = tmp_path / "out"
    seen: list[tuple[int, int]] = []

    def on_progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 13:
            pdf.batch.dialog.findChild(QPushButton).click()  # the user presses Cancel

    pdf.export_progressed.connect(on_progress)
    with qtbot.waitSignal(pdf.export_finished, timeout=30_000) as finished:
        pdf.export_to(core.pdf.report_ids(), out)
    outcome = finished.args[0]
    assert outcome.cancelled and not outcome.failed
    assert len(outcome.written) == 13 == len(list(out.glob("*.pdf")))
    assert seen == [(n, 24) for n in range(1, 14)]
    assert len(pdf_rows(core)) == 13


def test_batch_export_on_a_real_worker_thread(core, parent, qtbot, tmp_path):
    runner = TaskRunner(parent=parent)
    pdf = ReportPdf(core, runner, parent)
    ids = core.pdf.report_ids()
    progress: list[int] = []
    pdf.export_progressed.connect(lambda done, total: progress.append(done))
    # About 1 s alone; it once needed over 60 s on a loaded CI machine (a bound, not a figure).
    with qtbot.waitSignal(pdf.export_finished, timeout=180_000) as finished:
        pdf.export_to(ids, tmp_path / "out", password="pw")
    runner.wait_for_done(5_000)
    outcome = finished.args[0]
    assert not outcome.cancelled and not outcome.failed
    assert sorted(f.report_id for f in outcome.written) == sorted(ids)
    assert progress[-1] == len(ids) and progress == sorted(progress)
    assert all(PdfReader(f.path).is_encrypted for f in outcome.written)
    assert {e.action for e in pdf_rows(core)} == {"pdf.export"}


def test_batch_progress_stays_in_order_when_the_dialog_reenters(core, parent, qtbot, tmp_path):
    # A modal QProgressDialog runs the event loop inside setValue(): the worker's later reports
    # are handled inside the earlier one. What is emitted must still go 1, 2, 3, 4.
    from civilian_responder_ui.reports.report_pdf import BatchExport

    batch = BatchExport(core, TaskRunner(inline=True, parent=parent), ["a", "b", "c", "d"],
                        tmp_path, None, parent)
    emitted: list[int] = []
    batch.progressed.connect(lambda done, total: emitted.append(done))
    real_set_value = batch.dialog.setValue
    pending = [2, 3, 4]  # what the worker reported meanwhile, in its order

    def set_value(value: int) -> None:
        real_set_value(value)
        while pending:  # what processEvents() delivers here
            batch._on_progress(pending.pop(0), 4)

    batch.dialog.setValue = set_value
    batch._on_progress(1, 4)
    assert emitted == [1, 2, 3, 4]
    assert "4 of 4" in batch.dialog.labelText()


def test_password_dialog_accepts_only_matching_passwords(qtbot):
    dialog = PdfPasswordDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and dialog.value() is None
    dialog.protect.setChecked(True)
    assert not ok.isEnabled()
    dialog.password.setText("abc")
    dialog.confirm.setText("abd")
    assert not ok.isEnabled()
    dialog.confirm.setText("abc")
    assert ok.isEnabled() and dialog.value() == "abc"


def test_an_unknown_report_is_reported_not_raised(core, parent, qtbot):
    pdf = _pdf(core, parent)
    with qtbot.waitSignal(pdf.failed, timeout=5_000) as failed:
        pdf.preview("no-such-report")
    assert "no-such-report" in failed.args[0]


def test_preview_keeps_only_the_latest_unencrypted_copy(core, parent, qtbot, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr("civilian_responder_ui.reports.report_pdf.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    pdf = _pdf(core, parent)
    first, second = core.pdf.report_ids()[:2]
    pdf.preview(first)
    pdf.preview(second)
    files = list(pdf.preview_folder().glob("*.pdf"))
    assert [str(f) for f in files] == opened[-1:]
    assert [e.action for e in pdf_rows(core)] == ["pdf.preview", "pdf.preview"]
    pdf.clear_previews()
    assert not list(pdf.preview_folder().glob("*.pdf"))


def test_report_form_gets_a_pdf_menu_for_the_report_it_shows(core, parent, qtbot, monkeypatch):
    from civilian_responder_ui.reports.report_form import ReportFormView
    from civilian_responder_ui.reports.report_pdf import ReportPdfButton, install_on_report_form

    opened: list[str] = []
    monkeypatch.setattr("civilian_responder_ui.reports.report_pdf.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    runner = TaskRunner(inline=True, parent=parent)
    form = ReportFormView(core, runner)
    qtbot.addWidget(form)
    pdf = install_on_report_form(form, core, runner)
    button = form.findChild(ReportPdfButton)
    form.show_call(None)
    button.refresh()
    assert not pdf.preview_action.isEnabled()
    report = core.reports.get(core.pdf.report_ids()[0])
    form.show_call(report.call_id)
    button.refresh()
    assert pdf.preview_action.isEnabled()
    pdf.preview_action.trigger()
    assert opened and opened[0].endswith(f"{report.report_number}-v{report.version}.pdf")


def test_main_window_toolbar_exports_and_the_call_detail_form_has_the_menu(core, qtbot, tmp_path):
    from civilian_responder_ui.main_window import MainWindow
    from civilian_responder_ui.reports.report_pdf import ReportPdfButton, install_on_main_window

    runner = TaskRunner(inline=True)
    window = MainWindow(core, runner)
    qtbot.addWidget(window)
    pdf = install_on_main_window(window, core, runner)
    assert pdf.export_action in window.more_menu.actions()  # the toolbar's More menu
    assert window.detail.report_form.findChild(ReportPdfButton) is not None
    with qtbot.waitSignal(pdf.export_finished, timeout=30_000):
        pdf.export_to(core.pdf.report_ids()[:3], tmp_path / "out")
    assert "3 report PDF(s) exported" in window.statusBar().currentMessage()


def test_edits_still_waiting_for_autosave_are_in_the_saved_pdf(core, parent, qtbot, tmp_path):
    from civilian_responder_ui.reports.report_form import ReportFormView
    from civilian_responder_ui.reports.report_pdf import install_on_report_form

    runner = TaskRunner(inline=True, parent=parent)
    form = ReportFormView(core, runner)
    qtbot.addWidget(form)
    pdf = install_on_report_form(form, core, runner)
    draft = next(r for r in core.reports.all() if r.editable)
    form.show_call(draft.call_id)
    form.autosaver.change("narrative", "Typed a moment ago, not yet autosaved.")
    assert form.autosaver.has_pending(draft.id)
    with qtbot.waitSignal(pdf.saved, timeout=10_000):
        pdf.save_to(draft.id, tmp_path / "draft.pdf")
    text = " ".join(pages_text((tmp_path / "draft.pdf").read_bytes()))
    assert "Typed a moment ago, not yet autosaved." in text
