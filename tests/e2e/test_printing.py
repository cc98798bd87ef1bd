"""Printing against the real print system: CUPS and its cups-pdf virtual printer (set up, and
started if needed, by packaging/ci/print-system). Each test prints a real report, waits until
CUPS lists the job as completed, reads back the PDF cups-pdf wrote and checks the job's own
attributes (copies, sides, page ranges, media) as the scheduler reports them over IPP.

Most reports here are approved (no watermark); one draft checks that its DRAFT watermark, which
is opaque on purpose, does not make a PostScript queue such as cups-pdf flatten the page to an
image with no text left in it.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from civilian_responder.app import ResponderApp
from civilian_responder.errors import PrintError, PrintErrorKind
from civilian_responder.pdf.printing import PrintRequest, job_status, print_report
from civilian_responder.pdf.render import render
from pypdf import PdfReader

from tests.pdf_samples import NARRATIVE, approve, demo_app, full_report, pages_text
from tests.print_system import QUEUE, ROOT, ensure_print_system, take_printed, wait_completed

CLI_PASSPHRASE = "printer room lamp"
NARRATIVE_START = "Dispatched to a welfare check at the bus shelter."


@pytest.fixture(scope="module", autouse=True)
def print_system() -> Path:
    return ensure_print_system()


@pytest.fixture
def app(tmp_path):
    core = demo_app(tmp_path / "profile")
    yield core
    core.close()


def _approved(app: ResponderApp, **fields: object):
    report = full_report(app, photos=2, **fields)
    approve(app, report.id)
    return app.reports.get(report.id)


def _prints(app: ResponderApp) -> list:
    return [e for e in app.audit.entries() if e.action == "pdf.print"]


def test_a_report_reaches_the_printer_with_its_copies_and_sides(app):
    report = _approved(app)
    snap = app.pdf.snapshot(report.id)
    pages = len(PdfReader(io.BytesIO(render(snap))).pages)
    assert pages == 2

    result = print_report(snap, PrintRequest(QUEUE, copies=2, duplex="long"), settle=60)

    wait_completed(result.job.job_id)
    assert result.status.state == "completed" and result.outcome == "ok"
    printed = take_printed(result.job.job_id)
    text = " ".join(pages_text(printed))
    assert report.report_number in text
    assert NARRATIVE_START in text and "housing navigation line" in text
    reader = PdfReader(io.BytesIO(printed))
    # Collated copies are made by CUPS's own filters: the file holds both, in order 1,2,1,2.
    footers = [t[t.index("Page "):][:11] for t in pages_text(printed)]
    assert footers == ["Page 1 of 2", "Page 2 of 2"] * 2
    assert [round(float(p.mediabox.width)) for p in reader.pages] == [612] * 2 * pages
    attrs = job_status(result.job).attributes
    assert attrs["copies"] == (2,)
    assert attrs["sides"] == ("two-sided-long-edge",)
    assert attrs["media"] == ("na_letter_8.5x11in",)  # the PDF's own page size, not A4
    assert attrs["job-name"] == (f"{report.report_number} v{report.version}",)


def test_a_page_range_prints_only_those_pages(app):
    report = _approved(app)
    snap = app.pdf.snapshot(report.id)
    original = pages_text(render(snap))
    assert NARRATIVE_START in original[1] and NARRATIVE_START not in original[0]

    result = print_report(snap, PrintRequest(QUEUE, pages="2", duplex="none"), settle=60)

    wait_completed(result.job.job_id)
    printed = pages_text(take_printed(result.job.job_id))
    assert len(printed) == 1
    assert "Page 2 of 2" in printed[0] and NARRATIVE_START in printed[0]
    assert "Page 1 of 2" not in printed[0]
    attrs = job_status(result.job).attributes
    assert attrs["page-ranges"] == ((2, 2),) and attrs["sides"] == ("one-sided",)


def test_a_draft_prints_as_text_with_its_watermark(app):
    report = full_report(app, photos=0, finalize=False)

    result = print_report(app.pdf.snapshot(report.id), PrintRequest(QUEUE), settle=60)

    wait_completed(result.job.job_id)
    printed = take_printed(result.job.job_id)
    text = pages_text(printed)
    assert all("DRAFT" in page for page in text)
    assert report.report_number in text[0] and NARRATIVE_START in " ".join(text)
    assert not any(page.images for page in PdfReader(io.BytesIO(printed)).pages)


def test_a_page_past_the_end_is_refused_before_anything_is_queued(app):
    snap = app.pdf.snapshot(_approved(app).id)
    with pytest.raises(PrintError) as refused:
        print_report(snap, PrintRequest(QUEUE, pages="1-5"))
    assert refused.value.kind is PrintErrorKind.BAD_OPTIONS and not refused.value.started
    assert "has 2 page(s); page 5 does not exist" in str(refused.value)


def test_a_missing_printer_or_a_stopped_print_service_is_said_plainly(app, monkeypatch, tmp_path):
    snap = app.pdf.snapshot(_approved(app).id)
    with pytest.raises(PrintError) as missing:
        print_report(snap, PrintRequest("No-Such-Printer"))
    assert missing.value.kind is PrintErrorKind.NO_PRINTER
    assert str(missing.value) == "There is no printer named 'No-Such-Printer' on this computer."
    # lp talks to the scheduler CUPS_SERVER names: a socket nobody listens on is cupsd down.
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cupsd.sock"))
    with pytest.raises(PrintError) as down:
        print_report(snap, PrintRequest(QUEUE))
    assert down.value.kind is PrintErrorKind.SERVICE_DOWN and not down.value.started
    assert "The print service (CUPS) is not running" in str(down.value)
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without the CUPS client commands
    with pytest.raises(PrintError) as absent:
        print_report(snap, PrintRequest(QUEUE))
    assert absent.value.kind is PrintErrorKind.NO_PRINT_SYSTEM
    assert "the CUPS printing commands are not installed" in str(absent.value)


def _enroll(profile: Path) -> None:
    from civilian_responder.security.keystore import KdfParams  # noqa: PLC0415
    from civilian_responder.security.session import Authenticator  # noqa: PLC0415

    Authenticator(profile, kdf=KdfParams(n=2**10, r=8, p=1)).enroll_first("alice",
                                                                           CLI_PASSPHRASE)


def _cli(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["RESPONDER_PASSPHRASE"] = CLI_PASSPHRASE
    return subprocess.run([sys.executable, "-m", "civilian_responder", "print-pdf",
                           "--profile", str(profile), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def _signed_in(profile: Path) -> ResponderApp:
    from civilian_responder.app import open_app  # noqa: PLC0415
    from civilian_responder.security.session import Authenticator  # noqa: PLC0415

    return open_app(profile, session=Authenticator(profile).sign_in("alice", CLI_PASSPHRASE))


def test_print_pdf_command_prints_and_audits(tmp_path):
    profile = tmp_path / "profile"
    app = demo_app(profile)
    report = _approved(app)
    app.close()
    _enroll(profile)

    done = _cli(profile, "--report", report.report_number, "--printer", QUEUE,
                "--copies", "3", "--pages", "1", "--duplex")

    assert done.returncode == 0, done.stderr
    job_id = done.stdout.split(" job ")[1].split()[0]
    assert done.stdout.strip() == f"{report.report_number} v1: job {job_id} printed"
    wait_completed(job_id)
    printed = pages_text(take_printed(job_id))
    # Three collated copies of one page, two-sided: each copy starts a new sheet, so CUPS
    # adds a blank back to each.
    assert len(printed) == 6 and printed[1::2] == ["", "", ""]
    assert all(report.report_number in page and "Page 1 of 2" in page for page in printed[::2])
    signed_in = _signed_in(profile)
    [row] = _prints(signed_in)
    signed_in.close()
    assert (row.actor, row.target, row.outcome) == ("alice", f"report:{report.id}", "ok")
    assert row.detail == (f"{report.report_number} v1; printer {QUEUE}; copies 3; pages 1; "
                          f"two-sided-long-edge; job {job_id}")
    assert NARRATIVE[:20] not in row.detail


def test_print_pdf_command_names_a_missing_printer_and_audits_the_failure(tmp_path):
    profile = tmp_path / "profile"
    app = demo_app(profile)
    report = _approved(app)
    app.close()
    _enroll(profile)

    done = _cli(profile, "--report", report.id, "--printer", "No-Such-Printer")

    assert done.returncode == 1
    assert "not printed: There is no printer named 'No-Such-Printer'" in done.stderr
    assert "Traceback" not in done.stderr
    signed_in = _signed_in(profile)
    [row] = _prints(signed_in)
    signed_in.close()
    assert row.outcome == "failed"
    assert "printer No-Such-Printer; copies 1; pages all" in row.detail
    assert "job none; There is no printer named" in row.detail
