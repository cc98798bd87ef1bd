import pytest
from civilian_responder.app import open_app
from civilian_responder.errors import LockedRecordError, ValidationError

COMPLETE = {
    "persons": [{"id": "p1", "role_code": "SUBJECT", "name": "Alex Rivera"}],
    "disposition_code": "NRR",
    "outcome_codes": ["RESOLVED_ON_SCENE"],
    "time_on_task_minutes": 35,
    "narrative": "Met the person at the bus shelter; offered water and a shelter bed.",
}


def test_finalize_names_exactly_what_blocks_it(app, open_call):
    report = app.reports.start(open_call.id)
    with pytest.raises(ValidationError) as err:
        app.reports.finalize(report.id)
    assert set(err.value.field_errors) == {
        "disposition_code", "outcome_codes", "persons", "time_on_task_minutes", "narrative"}
    assert "Disposition" in str(err.value)


def test_conditional_requirements(app, open_call):
    report = app.reports.start(open_call.id)
    report = app.reports.save_fields(report.id, {
        **COMPLETE, "outcome_codes": ["TRANSPORTED"], "flags": ["PERCEIVED_DISABILITY",
                                                             "LANGUAGE_NEED"],
        "disability_codes": ["OTHER"], "backup_requested": True, "follow_up_needed": True})
    assert set(app.reports.problems(report)) == {
        "transport_destination_code", "transport_mode_code", "disability_other",
        "language_codes", "backup_reason_code", "follow_up_note"}


def test_codes_are_checked_on_save(app, open_call):
    report = app.reports.start(open_call.id)
    with pytest.raises(ValidationError) as err:
        app.reports.save_fields(report.id, {"disposition_code": "made up", "flags": ["X"],
                                            "time_on_task_minutes": "lots", "colour": "red"})
    assert set(err.value.field_errors) == {"disposition_code", "flags", "time_on_task_minutes",
                                           "colour"}
    assert app.reports.get(report.id).disposition_code is None


def test_edits_are_durable_in_the_file(app, open_call, tmp_path, clock):
    report = app.reports.start(open_call.id)
    app.reports.save_fields(report.id, {"narrative": "first words"})
    other = open_app(tmp_path / "profile", clock=clock)  # a second connection sees the commit
    assert other.reports.get(report.id).narrative == "first words"
    other.store.close()


def test_finalized_report_is_locked_and_queued_for_sync(app, open_call):
    report = app.reports.start(open_call.id)
    app.reports.save_fields(report.id, COMPLETE)
    final = app.reports.finalize(report.id)
    assert final.state == "finalized"
    with pytest.raises(LockedRecordError):
        app.reports.save_fields(report.id, {"narrative": "changed"})
    (entry,) = [e for e in app.store.outbox.pending() if e.kind == "report"]
    assert entry.entity_id == report.id and "bus shelter" in entry.payload


def test_correction_makes_a_new_version_and_keeps_the_old(app, open_call):
    report = app.reports.start(open_call.id)
    app.reports.save_fields(report.id, COMPLETE)
    v1 = app.reports.finalize(report.id)
    v2 = app.reports.correct(v1.id)
    assert (v2.version, v2.supersedes_id, v2.state) == (2, v1.id, "draft")
    assert app.reports.correct(v1.id).id == v2.id  # asking twice resumes the same correction
    app.reports.save_fields(v2.id, {"narrative": "Corrected: two people were contacted."})
    with pytest.raises(ValidationError) as err:
        app.reports.finalize(v2.id)
    assert set(err.value.field_errors) == {"correction_reason"}
    app.reports.save_fields(v2.id, {"correction_reason": "second person was omitted"})
    app.reports.finalize(v2.id)
    old = app.reports.get(v1.id)
    assert old.state == "superseded" and old.narrative == COMPLETE["narrative"]
    assert app.reports.current_for_call(open_call.id).id == v2.id


def test_report_prefills_backup_and_time_on_task_from_the_timeline(app, open_call, clock):
    app.calls.change_status(open_call.id, "ACKNOWLEDGED")
    app.calls.request_backup(open_call.id, "VIOLENCE")
    clock.advance(25 * 60)
    app.calls.change_status(open_call.id, "CLEARED")
    report = app.reports.start(open_call.id)
    assert report.backup_requested and report.backup_reason_code == "VIOLENCE"
    assert report.time_on_task_minutes == 25


def test_unclean_shutdown_reports_recovered_drafts(tmp_path, clock, open_call, app):
    report = app.reports.start(open_call.id)
    app.reports.save_fields(report.id, {"narrative": "typing when the van lost power"})
    # No clean close (like kill -9): a second instance starts while the first never said goodbye.
    reopened = open_app(tmp_path / "profile", clock=clock)
    assert [d.report_id for d in reopened.recovered] == [report.id]
    reopened.close()
    assert open_app(tmp_path / "profile", clock=clock).recovered == []


def test_photo_limits_are_checked_when_attaching(app, open_call):
    report = app.reports.start(open_call.id)
    app.attachments.max_bytes = 1000
    with pytest.raises(ValidationError, match="at most"):
        app.attachments.attach_photo(report.id, "big.jpg", b"\xff\xd8\xff" + b"0" * 2000)
    with pytest.raises(ValidationError, match="not a photo"):
        app.attachments.attach_photo(report.id, "notes.txt", b"hello")
    ok = app.attachments.attach_photo(report.id, "p.png", b"\x89PNG\r\n\x1a\n" + b"1" * 50)
    assert app.attachments.data(ok.id).startswith(b"\x89PNG")


def test_gone_on_arrival_needs_no_person(app, open_call):
    report = app.reports.start(open_call.id)
    report = app.reports.save_fields(report.id, {**COMPLETE, "persons": [],
                                                 "disposition_code": "GOA"})
    assert "persons" not in app.reports.problems(report)
    report = app.reports.save_fields(report.id, {"disposition_code": "NRR"})
    assert "persons" in app.reports.problems(report)


def test_demo_profile_has_reports_in_each_state(tmp_path, clock):
    from civilian_responder.demo import seed_demo

    a = open_app(tmp_path / "demo", clock=clock)
    seed_demo(a.store, clock)
    assert sorted(r.state for r in a.reports.all()) == ["approved", "draft", "finalized"]
    assert a.store.outbox.counts_by_kind() == {"report": 1}  # only the unsynced finalized one
    a.close()
