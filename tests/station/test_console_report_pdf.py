"""The station-rendered Field Contact Report PDF: from the console's report page and the
``report-pdf`` command, parsed back with pypdf; hostile text renders; roles are enforced."""

from __future__ import annotations

import io
import re
import sys

import pytest
from civilian_responder.station import cli
from civilian_responder.station.console.report_document import filename, gather
from civilian_responder.station.reports_pdf import render_report_pdf
from pypdf import PdfReader

from tests.console_support import Unit, browser, make_station, signed_in

HOSTILE = (
    '<script>alert("x")</script><para><b>bold & </font></i>'
    + " W"
    + "x" * 4000
    + "\n"
    + "Long narrative line. " * 600
)


@pytest.fixture()
def station(tmp_path):
    station = make_station(tmp_path)
    yield station
    station.close()


def _text(pdf: bytes) -> tuple[list[str], str]:
    reader = PdfReader(io.BytesIO(pdf))
    pages = [p.extract_text() for p in reader.pages]
    return pages, re.sub(r"\s+", " ", " ".join(pages))


def test_report_page_links_the_pdf_which_holds_number_narrative_labels_and_pages(station):
    supervisor = signed_in(station, "supervisor")
    unit = Unit(station, supervisor)
    report = unit.report(narrative="Met Ms Rivera at the bus shelter, offered a ride to the clinic")
    page = supervisor.get(f"/console/review/{report}").text
    assert f'href="/console/reports/{report}/pdf"' in page
    assert "cannot render" not in page and "does not render" not in page
    answer = supervisor.get(f"/console/reports/{report}/pdf")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == 'inline; filename="report-R-2026-0001-v1.pdf"'
    pages, text = _text(answer.content)
    assert "Field Contact Report" in text
    assert "R-2026-0001" in text and "version 1" in text
    assert "Review state: submitted" in text
    assert "Met Ms Rivera at the bus shelter, offered a ride to the clinic" in text
    disposition = station.reference.dispositions.get("GOA").label
    assert f"{disposition} (GOA)" in text
    assert station.reference.outcomes.get("NO_CONTACT").label in text
    assert "Acknowledged" in text  # the timeline, in words
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "report.pdf" in [r["action"] for r in station.staff.audit_trail("supervisor1")]


def test_a_hostile_narrative_renders_as_text_over_several_pages(station):
    supervisor = signed_in(station, "supervisor")
    unit = Unit(station, supervisor)
    report = unit.report(narrative=HOSTILE)
    answer = supervisor.get(f"/console/reports/{report}/pdf")
    assert answer.status_code == 200, answer.text[:500]
    pages, text = _text(answer.content)
    assert len(pages) >= 3
    assert '<script>alert("x")</script><para><b>bold & </font></i>' in text
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    # Text the station refuses at push (lone surrogates, controls) still cannot break a render.
    sheet = gather(station, report, "supervisor")
    odd = "nul\x00 bell\x07 lone \ud800 surrogate \ufffe end"
    pdf = render_report_pdf(
        sheet.__class__(**{**sheet.__dict__, "report_number": odd, "fields": [(odd, odd)]})
    )
    assert "lone surrogate" in _text(pdf)[1]


def test_filename_is_safe_for_the_header_and_the_file_system():
    assert filename('R-1"; x=\r\n../../etc', 2) == "report-R-1_x_.._.._etc-v2.pdf"
    assert filename("", "") == "report--v.pdf"


def test_program_manager_may_read_it_other_roles_may_not_and_no_session_signs_in(station):
    supervisor = signed_in(station, "supervisor")
    report = Unit(station, supervisor).report()
    path = f"/console/reports/{report}/pdf"
    assert signed_in(station, "program_manager").get(path).status_code == 200
    for role in ("dispatcher", "admin"):
        answer = signed_in(station, role).get(path)
        assert answer.status_code == 403 and "application/pdf" not in answer.headers["content-type"]
    answer = browser(station).get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/console/signin?next=/console/reports/{report}/pdf"
    assert supervisor.get("/console/reports/no-such-report/pdf").status_code == 404


def test_without_reportlab_the_page_names_the_extra_to_install(station, monkeypatch):
    supervisor = signed_in(station, "supervisor")
    report = Unit(station, supervisor).report()
    monkeypatch.delitem(sys.modules, "civilian_responder.station.reports_pdf")
    for name in [m for m in sys.modules if m == "reportlab" or m.startswith("reportlab.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "reportlab", None)
    answer = supervisor.get(f"/console/reports/{report}/pdf")
    assert answer.status_code == 501
    assert "civilian-responder[station,reports]" in answer.text


def test_report_pdf_command_writes_the_same_report(station, tmp_path, capsys):
    supervisor = signed_in(station, "supervisor")
    report = Unit(station, supervisor).report(narrative="Written from the command line")
    db = station.engine.url.render_as_string(hide_password=False)
    target = tmp_path / "out.pdf"
    assert cli.main(["report-pdf", report, "-o", str(target), "--database", db]) == 0
    assert f"Wrote {target}" in capsys.readouterr().out
    text = _text(target.read_bytes())[1]
    assert "Written from the command line" in text and "R-2026-0001" in text
    assert cli.main(["report-pdf", "missing", "-o", str(target), "--database", db]) != 0
