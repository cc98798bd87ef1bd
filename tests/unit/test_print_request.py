"""What printing checks before anything reaches CUPS (the real print system is tested in
tests/e2e/test_printing.py and tests/ui/test_report_print.py)."""

from __future__ import annotations

import pytest
from civilian_responder.errors import PrintError, PrintErrorKind
from civilian_responder.pdf import audit_row
from civilian_responder.pdf.printing import PrintRequest, check_request, pdf_facts, print_event
from civilian_responder.pdf.render import render

from tests.pdf_samples import full_report, pdf_app  # noqa: F401 (fixture)


@pytest.mark.parametrize(("pages", "normalised"), [("", ""), ("1", "1"), (" 1 - 2 ", "1-2"),
                                                   ("1,3", "1,3"), ("2-3, 1", "2-3,1")])
def test_page_ranges_are_normalised(pages, normalised):
    assert check_request(PrintRequest(pages=pages), page_count=3) == normalised


@pytest.mark.parametrize(("request_", "says"), [
    (PrintRequest(pages="4"), "The report has 3 page(s); page 4 does not exist."),
    (PrintRequest(pages="3-1"), "Page range 3-1 is backwards or starts before page 1."),
    (PrintRequest(pages="0"), "Page range 0 is backwards or starts before page 1."),
    (PrintRequest(pages="one"), "'one' is not a page range (write it like 1-2 or 1,3)."),
    (PrintRequest(copies=0), "Copies must be between 1 and 99 (not 0)."),
    (PrintRequest(duplex="both"), "Unknown two-sided setting 'both': use none, long or short."),
])
def test_impossible_requests_are_refused_in_plain_words(request_, says):
    with pytest.raises(PrintError) as refused:
        check_request(request_, page_count=3)
    assert refused.value.kind is PrintErrorKind.BAD_OPTIONS and not refused.value.started
    assert str(refused.value) == says


def test_the_media_is_the_pdfs_own_page_size(pdf_app):  # noqa: F811
    data = render(pdf_app.pdf.snapshot(full_report(pdf_app, photos=2).id))
    assert pdf_facts(data) == ("na_letter_8.5x11in", 2)


def test_print_audit_rows_name_settings_and_job_never_content(pdf_app):  # noqa: F811
    report = full_report(pdf_app, photos=0)
    rows: list[tuple] = []
    sink = lambda event: rows.append(audit_row(event))  # noqa: E731
    request = PrintRequest("Front-Desk", copies=2, pages="1-2", duplex="long")
    sink(print_event(report, request, "ok", "Front-Desk-7"))
    sink(print_event(report, PrintRequest(), "failed", why="No printer is set up."))
    assert rows == [
        ("pdf.print", f"report:{report.id}", "ok", f"{report.report_number} v1; printer "
         "Front-Desk; copies 2; pages 1-2; two-sided-long-edge; job Front-Desk-7"),
        ("pdf.print", f"report:{report.id}", "failed", f"{report.report_number} v1; printer "
         "(default); copies 1; pages all; printer default sides; job none; "
         "No printer is set up."),
    ]
