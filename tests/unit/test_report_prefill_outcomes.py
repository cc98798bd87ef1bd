"""Checklist answers that hold outcome facts pre-fill the countable report fields, and a
definition written for the pre-0401 report (outcome_code, transfer_988) still pre-fills."""

import json

from civilian_responder.checklists.loader import parse_definition
from civilian_responder.checklists.prefill import report_fields
from civilian_responder.reference import load_reference
from civilian_responder.resource_files import resource_path

REF = load_reference()


def _shipped(name):
    raw = json.loads((resource_path("checklists") / f"{name}.json").read_text())
    result = parse_definition(raw, f"{name}.json", REF)
    assert result.problems == ()
    return result.definition, raw


def test_transport_consent_and_departure_fill_mode_destination_and_outcome():
    definition, _ = _shipped("transport")
    fields = report_fields(definition, {"wants_ride": True, "destination": "CRISIS_CENTER",
                                        "consent": True, "left": "2026-03-01T10:00:00.000Z",
                                        "arrived": "2026-03-01T10:20:00.000Z"})
    assert fields["transport_mode_code"] == "TEAM_VEHICLE"
    assert fields["transport_destination_code"] == "CRISIS_CENTER"
    assert fields["outcome_codes"] == ("TRANSPORTED",)
    no_consent = report_fields(definition, {"wants_ride": True, "consent": False,
                                            "left": "2026-03-01T10:00:00.000Z"})
    assert "transport_mode_code" not in no_consent


def test_shelter_placement_and_hmis_consent_fill_their_fields():
    definition, _ = _shipped("unhoused-outreach")
    fields = report_fields(definition, {"bed_offered": True, "placement": "WAITLIST",
                                        "hmis_consent": True})
    assert fields["shelter_placement_code"] == "WAITLIST"
    assert [(s.code, s.response) for s in fields["services"]] == [("HOUSING_NAV", "ACCEPTED")]


def _old(mappings):
    _definition, raw = _shipped("suicide-risk")
    raw["report_mappings"] += mappings
    old = parse_definition(raw, "old-suicide-risk.json", REF)
    assert old.problems == ()
    return old.definition


ANSWERS = {"warm_988": "2026-03-01T10:00:00.000Z", "clinician": "2026-03-01T10:01:00.000Z"}


def test_a_pre_0401_definition_still_prefills_the_new_fields():
    fields = report_fields(_old([
        {"field": "transfer_988", "when": {"item": "warm_988", "answered": True}, "value": True},
        {"field": "outcome_code", "when": {"item": "clinician", "answered": True},
         "value": "REFERRED"}]), ANSWERS)
    assert fields["warm_transfer_988"] is True
    assert fields["outcome_codes"] == ("REFERRED",)
    assert "outcome_code" not in fields and "transfer_988" not in fields


def test_the_retired_988_outcome_of_an_old_definition_becomes_the_warm_transfer_field():
    fields = report_fields(_old([
        {"field": "outcome_code", "when": {"item": "warm_988", "answered": True},
         "value": "TRANSFER_988"}]), ANSWERS)
    assert fields["warm_transfer_988"] is True
    assert "outcome_codes" not in fields  # the retired outcome is not an outcome any more


def test_a_self_initiated_calls_report_starts_with_its_source(app, open_call):
    call = app.calls.create_self_initiated("647", "Library steps")
    assert app.reports.start(call.id).call_source_code == "SELF_DISPATCH"
    assert app.reports.start(open_call.id).call_source_code is None  # dispatch does not say


def test_services_are_answered_once_per_person_and_name_a_person_on_the_report(app, open_call):
    import pytest  # noqa: PLC0415
    from civilian_responder.errors import ValidationError  # noqa: PLC0415

    report = app.reports.start(open_call.id)
    with pytest.raises(ValidationError):
        app.reports.save_fields(report.id, {"services": [
            {"code": "HYGIENE", "response": "ACCEPTED", "person_id": "p1"},
            {"code": "HYGIENE", "response": "DECLINED", "person_id": "p1"}]})
    report = app.reports.save_fields(report.id, {
        "persons": [{"id": "p1", "role_code": "SUBJECT"}],
        "services": [{"code": "HYGIENE", "response": "ACCEPTED", "person_id": "p1"},
                     {"code": "HYGIENE", "response": "DECLINED", "person_id": "gone"}]})
    assert "services" in app.reports.problems(report)
