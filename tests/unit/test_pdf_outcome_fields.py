"""The countable report fields print: outcomes, response model, call source, transport mode /
destination / facility, referral agency, services per person, shelter, hold, hand-off, 988."""

from civilian_responder.pdf.render import render

from tests.pdf_samples import full_report, pages_text


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_new_outcome_fields_print(app):
    report = full_report(
        app, photos=0, outcome_codes=["TRANSPORTED", "HANDED_TO_POLICE", "REFERRED"],
        response_model_code="TANDEM_FIRE_EMS", call_source_code="FLAG_DOWN",
        transport_mode_code="VOUCHER", transport_destination_code="HOSPITAL",
        transport_facility="Generated General Hospital", referral_agency="Sample Housing Org",
        shelter_placement_code="WAITLIST", hold_code="ED_ADMISSION",
        police_handoff_reason_code="WARRANT", call_transferred_988=True, warm_transfer_988=True,
        services=[{"code": "HYGIENE", "response": "ACCEPTED", "person_id": "p2"},
                  {"code": "HYGIENE", "response": "DECLINED", "person_id": "p1"}])
    text = " ".join(pages_text(render(app.pdf.snapshot(report.id))))
    ref = app.reference
    expected = [ref.outcomes.label(c) for c in report.outcome_codes] + [
        ref.response_models.label("TANDEM_FIRE_EMS"), ref.call_sources.label("FLAG_DOWN"),
        ref.transport_modes.label("VOUCHER"), "Generated General Hospital",
        "Sample Housing Org", ref.shelter_placements.label("WAITLIST"),
        ref.holds.label("ED_ADMISSION"), ref.police_handoff_reasons.label("WARRANT"),
        "911 call transferred to 988", "Warm transfer to 988 on scene", "Nguyễn Thị Minh",
    ]
    missing = [e for e in expected if flat(e) not in text]
    assert missing == []
