"""42 CFR Part 2: the tag list, and the police-copy PDF that leaves every tagged value out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from civilian_responder.errors import ValidationError
from civilian_responder.part2 import Part2Tags, load_part2_tags
from civilian_responder.pdf.render import render

from tests.pdf_samples import demo_app, full_report, pages_text, pdf_app
from tests.unit.test_pdf_render import CLI_PASSPHRASE, ROOT, _enroll

app = pdf_app

TAGGED_NARRATIVE = "Says he missed his methadone dose at the Eastside clinic this morning."
FACILITY = "Harborview Detox Unit"
AGENCY = "Eastside Recovery Clinic"


def tagged_report(app, **fields):
    report = full_report(
        app,
        **fields,
        photos=0,
        narrative=TAGGED_NARRATIVE,
        flags=["UNHOUSED", "SUBSTANCE_USE"],
        referrals=["SHELTER", "SUD_TREATMENT"],
        referral_agency=AGENCY,
        services=[
            {"code": "SHELTER_BED", "response": "ACCEPTED"},
            {"code": "SUD_SUPPORT", "response": "ACCEPTED"},
        ],
        outcome_codes=["TRANSPORTED"],
        transport_mode_code="TEAM_VEHICLE",
        transport_destination_code="TREATMENT",
        transport_facility=FACILITY,
    )
    run = app.checklists.start(report.call_id, "substance-overdose")
    app.checklists.answer(run.run.id, "responds", "ALERT")
    return report


def tagged_values(app) -> list[str]:
    ref, tags = app.reference, app.pdf.part2
    values = [TAGGED_NARRATIVE.split()[4], FACILITY, AGENCY]  # "methadone"
    for list_name, codes in tags.codes.items():
        values += [
            getattr(ref, list_name).label(c)
            for c in codes
            if list_name != "services" or c == "SUD_SUPPORT"
        ]
    return values + ["overdose"]


def test_police_copy_holds_no_tagged_value_while_the_full_pdf_does(app):
    report = tagged_report(app)
    full = " ".join(pages_text(render(app.pdf.snapshot(report.id))))
    police = " ".join(pages_text(render(app.pdf.snapshot(report.id, police_copy=True))))
    for value in tagged_values(app):
        assert value.lower() in full.lower(), value
        assert value.lower() not in police.lower(), value
    # What is not protected is still there, and the copy says something was withheld.
    for kept in (
        "Ana López",
        "Unhoused person involved",
        "Shelter bed",
        app.reference.referral_destinations.label("SHELTER"),
        report.report_number,
    ):
        assert kept in police
    assert "POLICE COPY" in police and "42 CFR Part 2" in police
    assert "the narrative" in police and "a checklist" in police
    assert "withheld" in police.lower() and "withheld" not in full.lower()


def test_police_copy_of_an_untagged_report_keeps_everything_and_says_so(app):
    report = full_report(app, photos=0)
    snap = app.pdf.snapshot(report.id, police_copy=True)
    assert snap.withheld == () and snap.report == app.pdf.snapshot(report.id).report
    text = " ".join(pages_text(render(snap)))
    assert "nothing was left out" in text and report.narrative.split()[0] in text
    assert snap.file_name.endswith("-police-copy.pdf")


def test_a_tagged_checklist_answer_is_withheld_but_its_question_stays(app):
    report = full_report(app, photos=0)
    run = app.checklists.start(report.call_id, "transport")
    app.checklists.answer(run.run.id, "wants_ride", True)
    app.checklists.answer(run.run.id, "destination", "TREATMENT")
    police = " ".join(pages_text(render(app.pdf.snapshot(report.id, police_copy=True))))
    assert "Where to?" in police and "Substance-use treatment" not in police
    assert "checklist answers" in police


def test_a_spanish_report_police_copy_speaks_spanish(app):
    report = tagged_report(app, language="es")
    police = " ".join(pages_text(render(app.pdf.snapshot(report.id, police_copy=True))))
    assert "COPIA PARA LA POLICÍA" in police and "la narrativa" in police
    assert "POLICE COPY" not in police and TAGGED_NARRATIVE.split()[4] not in police


def test_cad_documents_drop_every_code_of_the_one_tag_list():
    """EIDO back to CAD reads the same tag list as the police copy (the reference data carry no
    second one): widening the list drops the code from CAD's documents too."""
    from civilian_responder.reference import load_reference  # noqa: PLC0415
    from civilian_responder.station.eido_out import EidoWriter  # noqa: PLC0415

    ref, tags = load_reference(), load_part2_tags()
    assert not any("part2" in c.extra for codes in ref.lists.values() for c in codes)
    call = {
        "id": "c1",
        "cad_number": "26-000123",
        "incident_id": None,
        "type_code": "WELFARE",
        "priority": 3,
        "received_at": "2026-12-02T10:00:00.000Z",
        "unit_id": "CSO-7",
        "status": "CLEARED",
    }
    facts = {
        "report_id": "r1",
        "disposition_code": "CSA",
        "response_model_code": None,
        "finalized_at": "2026-12-02T11:00:00.000Z",
    }
    outcomes = ["REFERRED", "TRANSPORTED", *sorted(tags.all_codes())]

    def sent(writer: EidoWriter) -> set[str]:
        doc = writer.disposition(call, facts, outcomes)
        writer.validate(doc)
        return {
            c["dispositionCommonRegistryCode"]
            for c in doc["incidentComponent"]["dispositionComponent"]
        }

    assert sent(EidoWriter(ref, "st-1")) == {"CSA", "REFERRED", "TRANSPORTED"}
    referrals = tags.codes["referral_destinations"] | {"REFERRED"}  # an agency widens the list
    widened = Part2Tags(codes={**tags.codes, "referral_destinations": referrals})
    assert sent(EidoWriter(ref, "st-1", part2=widened)) == {"CSA", "TRANSPORTED"}


def test_cli_export_writes_the_police_copy(tmp_path):
    profile = tmp_path / "cli-profile"
    app = demo_app(profile)
    report = tagged_report(app)
    app.close()
    _enroll(profile)
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "civilian_responder",
            "export-pdf",
            "--profile",
            str(profile),
            "--report",
            report.report_number,
            "--police-copy",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, RESPONDER_PASSPHRASE=CLI_PASSPHRASE),
    )
    assert done.returncode == 0, done.stderr
    files = list(out.glob("*.pdf"))
    assert [f.name for f in files] == [f"{report.report_number}-v1-police-copy.pdf"]
    text = " ".join(pages_text(files[0].read_bytes()))
    assert "methadone" not in text and FACILITY not in text and "POLICE COPY" in text


def test_the_tag_list_refuses_an_unknown_code_list_or_field(tmp_path):
    bad = tmp_path / "part2.json"
    bad.write_text(json.dumps({"codes": {"call_types": ["X"]}}))
    with pytest.raises(ValidationError, match="call_types"):
        load_part2_tags(bad)
    bad.write_text(json.dumps({"codes": {}, "fields": [{"field": "no_such"}]}))
    with pytest.raises(ValidationError, match="no_such"):
        load_part2_tags(bad)


def test_the_shipped_tags_name_real_codes_and_checklist_items():
    from civilian_responder.checklists.loader import load_file  # noqa: PLC0415
    from civilian_responder.reference import load_reference  # noqa: PLC0415
    from civilian_responder.resource_files import resource_path  # noqa: PLC0415

    tags, ref = load_part2_tags(), load_reference()
    for list_name, codes in tags.codes.items():
        assert codes <= set(getattr(ref, list_name).codes()), list_name
    loaded = [load_file(f, ref).definition for f in resource_path("checklists").glob("*.json")]
    defs = {d.id: d for d in loaded if d is not None}
    for checklist, item in tags.answers:
        assert defs[checklist].item(item) is not None, (checklist, item)
    assert tags.checklists <= set(defs)
    assert Path(resource_path("privacy", "part2.json")).is_file()
