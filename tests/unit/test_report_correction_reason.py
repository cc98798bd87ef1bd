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
