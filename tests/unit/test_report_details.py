from tests.unit.test_reports import COMPLETE


def test_correction_carries_its_reason_and_old_version_is_untouched(app, open_call):
    report = app.reports.start(open_call.id)
    app.reports.save_fields(report.id, COMPLETE)
    final = app.reports.finalize(report.id)

    draft = app.reports.correct(final.id, "  Wrong disposition  ")

    assert (draft.version, draft.correction_reason) == (2, "Wrong disposition")
    assert app.reports.get(draft.id).correction_reason == "Wrong disposition"
    assert "correction_reason" not in app.reports.problems(draft)
    assert app.reports.get(final.id) == final


def test_details_of_an_unticked_owner_do_not_block_and_are_dropped_on_finalize(app, open_call):
    report = app.reports.start(open_call.id)
    report = app.reports.save_fields(report.id, {
        **COMPLETE, "flags": [], "disability_codes": ["OTHER"], "language_codes": ["es"],
        "transport_destination_code": "HOSPITAL", "backup_reason_code": "WEAPON",
        "follow_up_note": "changed my mind"})

    assert app.reports.problems(report) == {}  # "describe the other disability" is not asked
    final = app.reports.finalize(report.id)

    stored = app.reports.get(final.id)
    assert stored == final
    assert (stored.disability_codes, stored.disability_other, stored.language_codes) == ((), "", ())
    # The transport destination is kept whatever the outcomes say (it is a fact, not a detail).
    assert stored.transport_destination_code == "HOSPITAL" and stored.backup_reason_code is None
    assert stored.follow_up_note == ""
