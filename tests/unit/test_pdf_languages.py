"""Report PDFs print in the report's language: the report carries a language code (the
officer's by default), the PDF's fixed labels come from that language's table."""

from __future__ import annotations

import io
import json
import string

import pytest
from civilian_responder.app import open_app
from civilian_responder.errors import ValidationError
from civilian_responder.languages import OfficerLanguages, pdf_codes
from civilian_responder.pdf.labels import load_labels
from civilian_responder.pdf.render import render
from civilian_responder.resource_files import resource_path
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import Authenticator
from pypdf import PdfReader

from tests.pdf_samples import full_report, pages_text, pdf_app  # noqa: F401 (fixture)

SPANISH = [
    "Informe de contacto en campo",
    "Página 1 de",
    "BORRADOR",
    "Número de informe",
    "Historial de estados",
    "Personas contactadas",
    "Indicadores y necesidades",
    "Resolución y resultado",
    "Derivaciones y servicios",
    "Narración",
    "Declaración y aprobación",
    "Firmado electrónicamente por",
    "Fotos (2)",
]
ENGLISH = [
    "Field Contact Report",
    "Page 1 of",
    "Report number",
    "Status timeline",
    "Persons contacted",
    "Flags and needs",
    "Disposition and outcome",
    "Referrals and services",
    "Narrative",
    "Attestation and approval",
    "Photos (2)",
]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_a_spanish_report_prints_spanish_labels(pdf_app):  # noqa: F811
    report = full_report(pdf_app, language="es")
    assert report.language == "es"
    data = render(pdf_app.pdf.snapshot(report.id))
    text = " ".join(pages_text(data))
    missing = [label for label in SPANISH if label not in text]
    assert missing == []
    assert [label for label in ENGLISH if label in text] == []
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "es"
    # Codes' labels and what the responder wrote print as they are.
    assert "Ana López" in text and "Nguyễn Thị Minh" in text


def test_an_english_report_is_unchanged(pdf_app):  # noqa: F811
    report = full_report(pdf_app)
    assert report.language == "en"
    text = " ".join(pages_text(render(pdf_app.pdf.snapshot(report.id))))
    assert all(label in text for label in ENGLISH)
    assert "Informe" not in text


def test_a_report_can_only_print_in_a_language_with_labels(pdf_app):  # noqa: F811
    report = pdf_app.reports.start(pdf_app.store.calls.board()[0].id)
    assert set(pdf_codes()) == {"en", "es"}
    with pytest.raises(ValidationError) as caught:
        pdf_app.reports.save_fields(report.id, {"language": "vi"})
    assert "language" in caught.value.field_errors


def test_a_new_report_takes_the_signed_in_officer_language(tmp_path):
    profile = tmp_path / "profile"
    auth = Authenticator(profile, kdf=KdfParams(n=2**10, r=8, p=1))
    session = auth.enroll_first("alice", "river stone lamp")
    OfficerLanguages(profile / "settings.json").set(session.officer_id, "es")
    app = open_app(profile, session=session)
    try:
        call = app.calls.create_self_initiated("WELCK", "5th Ave and Pine")
        assert app.language == "es" and app.reports.start(call.id).language == "es"
        app.set_language("en")
        other = app.calls.create_self_initiated("WELCK", "6th Ave and Oak")
        assert app.reports.start(other.id).language == "en"
        assert OfficerLanguages(profile / "settings.json").of(session.officer_id) == "en"
    finally:
        app.close()


@pytest.mark.parametrize("language", ["es"])
def test_each_label_table_is_complete_with_the_same_placeholders(language):
    english = json.loads(resource_path("pdf_labels", "en.json").read_text("utf-8"))["labels"]
    other = json.loads(resource_path("pdf_labels", f"{language}.json").read_text("utf-8"))
    assert other["language"] == language
    assert set(other["labels"]) == set(english)
    for key, text in other["labels"].items():
        assert _fields(text) == _fields(english[key]), key
    assert len(load_labels(language).weekdays) == 7


def test_a_language_without_a_table_prints_in_english():
    labels = load_labels("so")
    assert labels.language == "en" and labels("title") == "Field Contact Report"


def test_reports_written_before_languages_existed_print_in_english(tmp_path):
    from tests.unit.test_report_migration import V1_REPORTS, _v1_profile  # noqa: PLC0415

    _v1_profile(tmp_path / "old")
    app = open_app(tmp_path / "old")
    try:
        reports = app.reports.all()
        assert len(reports) == len(V1_REPORTS) and {r.language for r in reports} == {"en"}
        assert "Field Contact Report" in pages_text(render(app.pdf.snapshot(reports[0].id)))[0]
    finally:
        app.close()


def test_a_spanish_report_prints_its_checklists_in_spanish(pdf_app):  # noqa: F811
    """The officer works in English; the report is Spanish: its checklists print in Spanish."""
    report = full_report(pdf_app, finalize=False, language="es")
    run = pdf_app.checklists.start(report.call_id, "transport").run
    pdf_app.checklists.answer(run.id, "wants_ride", True)
    pdf_app.checklists.answer(run.id, "destination", "SHELTER")
    pdf_app.checklists.answer(run.id, "consent", False)
    text = " ".join(pages_text(render(pdf_app.pdf.snapshot(report.id))))
    assert "Decisión de traslado y consentimiento (sin terminar)" in text
    assert "¿La persona quiere que la llevemos a algún lado? Sí" in text
    assert "Albergue / centro de día" in text
    assert "No hay consentimiento — no la lleves (sin decisión registrada)" in text
    assert "Listas de verificación" in text and "Pregunta" in text
    assert "Transport decision" not in text and "Does the person want" not in text
    assert pdf_app.checklists.get(run.id).definition.title == "Transport decision and consent"
