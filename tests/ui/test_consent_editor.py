"""Consent on the report form: recorded as coded data with a time stamp, pre-filled from the
checklists, and a consent missing what it needs blocks finalizing with a message naming it."""

from __future__ import annotations

from civilian_responder.app import open_app
from civilian_responder_ui.reports.report_form import ReportFormView
from PySide6.QtCore import Qt


def form_for(qtbot, tmp_path):
    app = open_app(tmp_path / "profile")
    call = app.calls.create_self_initiated("WELCK", "200 E Santa Clara St")
    view = ReportFormView(app, None)
    qtbot.addWidget(view)
    view.show()
    view.show_call(call.id)
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    report = view._shown
    app.reports.save_fields(
        report.id,
        {
            "persons": [{"id": "p1", "role_code": "SUBJECT", "name": "Ana"}],
            "disposition_code": "CSA",
            "outcome_codes": ["RESOLVED_ON_SCENE"],
            "time_on_task_minutes": 20,
            "narrative": "Talked it through.",
        },
    )
    view.show_call(call.id)
    return app, call, view


def test_a_share_consent_without_its_details_blocks_finalizing_naming_them(qtbot, tmp_path):
    app, _call, view = form_for(qtbot, tmp_path)
    row = view.consents.rows["SHARE"]
    row.given.setCurrentIndex(row.given.findData(True))
    row.method.setCurrentIndex(row.method.findData("verbal"))
    row.details["share_with"].setText("Housing navigation")
    qtbot.mouseClick(row.save, Qt.MouseButton.LeftButton)
    assert "for what" in row.problem.text() and "witness" in row.problem.text()
    assert view.finalize() is None
    assert "Consent to share information" in view.validation.items.text()
    assert "until when" in row.problem.text()
    for name, text in (
        ("share_for", "a housing application"),
        ("until", "2027-05-01"),
        ("witness", "CSO Lee"),
    ):
        row.details[name].setText(text)
    qtbot.mouseClick(row.save, Qt.MouseButton.LeftButton)
    assert row.problem.text() == "" and row.stamp.text().startswith("recorded ")
    assert view.finalize().state == "finalized"
    [consent] = app.people.consents(view._shown.id)
    assert (consent.kind, consent.given, consent.method, consent.witness) == (
        "SHARE",
        True,
        "verbal",
        "CSO Lee",
    )
    app.close()


def test_a_consent_asked_in_a_checklist_is_prefilled_on_the_report(qtbot, tmp_path):
    app, call, view = form_for(qtbot, tmp_path)
    run = app.checklists.start(call.id, "unhoused-outreach")
    for item, value in (("living", "UNSHELTERED"), ("hmis_consent", True)):
        app.checklists.answer(run.run.id, item, value)
    view_run = app.checklists.get(run.run.id)
    for item in view_run.evaluation.visible:
        if item.required and item.id not in view_run.evaluation.values:
            app.checklists.answer(run.run.id, item.id, _any_answer(item))
    app.checklists.complete(run.run.id)
    view.show_call(call.id)
    row = view.consents.rows["HMIS"]
    assert row.given.currentData() is True
    assert "from unhoused-outreach/hmis_consent" in row.stamp.text()
    app.close()


def _any_answer(item):
    if item.type == "yes_no":
        return False
    if item.type == "single_choice":
        return item.choices[0].code
    if item.type == "multi_choice":
        return [item.choices[0].code]
    if item.type == "number":
        return 0
    return "x"
