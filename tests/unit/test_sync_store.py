"""Sync's local half without a network: what is held back, how answers and pulled changes are
stored, and that the cursor moves only with the changes it covers."""

from __future__ import annotations

import dataclasses
import json

import civilian_responder.sync.engine as engine_module
import pytest
from civilian_responder.app import open_app
from civilian_responder.errors import StorageError, SyncError, SyncErrorKind
from civilian_responder.sync import RoundResult, SyncPlan, TokenStore
from civilian_responder.sync.status import META_CURSOR

from tests.keyrings import MemoryKeyring
from tests.sync_work import finish_report, photo_bytes, station_call, work_call_to_clear


@pytest.fixture
def app(tmp_path):
    app = open_app(tmp_path / "unit", tokens=TokenStore(MemoryKeyring()))
    app.store.set_meta("unit_id", "CSO-12")
    app.set_unit("CSO-12")
    yield app
    app.close()


def _seed_call(app):
    call = station_call("CSO-12")
    with app.store.atomic("seed"):
        app.store.calls.insert(call)
    return call


def _result(app, **kw) -> RoundResult:
    plan = SyncPlan("http://127.0.0.1:1", "t", int(app.store.get_meta(META_CURSOR) or 0), (), ())
    kw.setdefault("cursor", plan.cursor)
    return RoundResult(plan, **kw)


def _ack_all(app, changes):
    app.sync.apply(_result(app, outcomes=[(c.change_id, "applied", "") for c in changes]))


def test_photo_metadata_waits_for_its_report_and_bytes_for_it_to_be_finished(app):
    call = _seed_call(app)
    report = app.reports.start(call.id)
    app.attachments.attach_photo(report.id, "a.jpg", photo_bytes())
    kinds = [c.kind for c in app.store.sync.pending_changes(100, 10**7)]
    assert "attachment_meta" not in kinds  # the report is still a draft
    assert app.store.sync.uploadable_attachments(10**7) == []  # and so are its photo's bytes
    assert app.store.sync.uploadable(10**7, 100) == []
    work_call_to_clear(app, call.id)
    finish_report(app, call.id)
    first = app.store.sync.pending_changes(100, 10**7)
    assert "report" in [c.kind for c in first] and "attachment_meta" not in [c.kind for c in first]
    # Its bytes may go now (filed under the report only by the metadata, which waits) ...
    uploads = app.store.sync.uploadable_attachments(10**7)
    assert len(uploads) == 1 and uploads[0][1].startswith(b"\xff\xd8")
    # ... and its metadata follows the report's change within the round.
    reports = {c.entity_id: c.change_id for c in first if c.kind == "report"}
    ((meta, after),) = app.store.sync.metas_following(reports, 100)
    assert meta.kind == "attachment_meta" and after == reports[report.id]
    _ack_all(app, first)
    second = app.store.sync.pending_changes(100, 10**7)
    assert [c.kind for c in second] == ["attachment_meta"]
    assert app.store.sync.metas_following({}, 100) == []


def test_answers_mark_acked_quarantined_and_conflict_and_never_flip(app):
    call = _seed_call(app)
    for status in ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE"):
        app.calls.change_status(call.id, status)
    a, b, c = app.store.sync.pending_changes(100, 10**7)
    app.sync.apply(_result(app, outcomes=[(a.change_id, "duplicate", ""),
                                          (b.change_id, "rejected", "call is not yours"),
                                          (c.change_id, "conflict", "different payload")]))
    states = {e.change_id: (e.state, e.result_reason) for e in app.store.outbox.entries()}
    assert states[a.change_id] == ("acked", "")
    assert states[b.change_id] == ("quarantined", "call is not yours")
    assert states[c.change_id] == ("conflict", "different payload")
    assert [p.change_id for p in app.sync.problems()] == [b.change_id, c.change_id]
    app.sync.apply(_result(app, outcomes=[(b.change_id, "applied", "")]))
    assert app.store.outbox.entries("quarantined")[0].change_id == b.change_id
    assert app.sync.status().waiting_text == "Nothing waiting"


def test_pulled_calls_keep_the_units_status_and_get_cad_numbers(app):
    call = _seed_call(app)
    app.calls.change_status(call.id, "ACKNOWLEDGED")
    onview = app.calls.create_self_initiated("WELCK", "Library steps")
    update = dataclasses.asdict(call) | {"status": "DISPATCHED", "priority": 1,
                                         "caution_notes": "Dog on premises", "station_revision": 2}
    cad = dataclasses.asdict(onview) | {"cad_number": "CAD-2026-77", "status": "ON_SCENE"}
    new = dataclasses.asdict(station_call("CSO-12"))
    pulled = [{"seq": 5, "kind": "call", "entity_id": call.id, "payload": update},
              {"seq": 6, "kind": "call", "entity_id": onview.id, "payload": cad},
              {"seq": 7, "kind": "call", "entity_id": new["id"], "payload": new}]
    app.sync.apply(_result(app, pulled=pulled, cursor=7))
    got = app.calls.get(call.id)
    assert (got.status, got.priority, got.caution_notes) == ("ACKNOWLEDGED", 1, "Dog on premises")
    assert app.calls.get(onview.id).cad_number == "CAD-2026-77"
    assert app.calls.get(new["id"]).status == "DISPATCHED"
    assert app.store.get_meta(META_CURSOR) == "7"


def test_returned_report_becomes_editable_and_resubmits(app):
    call = _seed_call(app)
    work_call_to_clear(app, call.id)
    report = finish_report(app, call.id)
    _ack_all(app, app.store.sync.pending_changes(100, 10**7))
    review = {"report_id": report.id, "report_number": report.report_number, "version": 1,
              "decision": "returned", "comment": "Add the referral", "reviewer": "sup",
              "at": "2026-11-21T13:00:00.000Z"}
    app.sync.apply(_result(app, pulled=[{"seq": 1, "kind": "review", "entity_id": report.id,
                                         "payload": review}], cursor=1))
    returned = app.reports.get(report.id)
    assert (returned.state, returned.review_comment, returned.editable) == (
        "returned", "Add the referral", True)
    app.reports.save_fields(report.id, {"narrative": "Spoke with the person. Referred."})
    app.reports.finalize(report.id)
    # The finalize also recorded the report's contact and its person (people over time).
    pending = [c for c in app.store.sync.pending_changes(100, 10**7)
               if c.kind not in ("audit", "person", "contact")]
    assert [c.kind for c in pending] == ["report"]
    assert json.loads(pending[0].payload)["narrative"].endswith("Referred.")
    # A restored station's re-pull replays the old decision: the resubmission stands.
    app.sync.apply(_result(app, pulled=[{"seq": 1, "kind": "review", "entity_id": report.id,
                                         "payload": review}], cursor=1))
    assert app.reports.get(report.id).state == "finalized"
    approved = dict(review, decision="approved", comment="", at="2026-11-21T15:00:00.000Z")
    app.sync.apply(_result(app, pulled=[{"seq": 2, "kind": "review", "entity_id": report.id,
                                         "payload": approved}], cursor=2))
    app.sync.apply(_result(app, pulled=[{"seq": 1, "kind": "review", "entity_id": report.id,
                                         "payload": review}], cursor=2))
    assert app.reports.get(report.id).state == "approved"


def test_checklist_definitions_are_written_to_the_profile(app):
    definition = {"id": "crisis-intake", "version": 3, "title": "Crisis intake", "items": []}
    app.sync.apply(_result(app, pulled=[{"seq": 1, "kind": "checklist_definition",
                                         "entity_id": "crisis-intake",
                                         "payload": {"id": "crisis-intake", "version": 3,
                                                     "definition": definition}}], cursor=1))
    path = app.paths.checklists / "crisis-intake.v3.json"
    assert json.loads(path.read_text()) == definition
    newer = definition | {"version": 4, "title": "Crisis intake (2027)"}
    app.sync.apply(_result(app, pulled=[{"seq": 2, "kind": "checklist_definition",
                                         "entity_id": "crisis-intake",
                                         "payload": {"id": "crisis-intake", "version": 4,
                                                     "definition": newer}}], cursor=2))
    assert json.loads(path.read_text()) == definition  # older version kept for older runs
    assert json.loads((app.paths.checklists / "crisis-intake.v4.json").read_text()) == newer


def _plan_result(app, **kw) -> RoundResult:
    """A round as ``prepare`` would plan it (so the give-up counter is honoured)."""
    plan = dataclasses.replace(app.sync.prepare(), changes=(), uploads=())
    kw.setdefault("cursor", plan.cursor)
    return RoundResult(plan, **kw)


def _enrolled(app):
    app.store.set_meta("sync.station_url", "http://127.0.0.1:1")
    app.store.set_meta("sync.device_id", "dev-1")
    app.sync.tokens.save("device:dev-1", "token")


def test_an_unreadable_station_change_keeps_the_cursor_before_it_and_is_retried(app):
    _enrolled(app)
    first = dataclasses.asdict(station_call("CSO-12"))
    good = dataclasses.asdict(station_call("CSO-12"))
    pulled = [{"seq": 1, "kind": "call", "entity_id": first["id"], "payload": first},
              {"seq": 2, "kind": "call_event", "entity_id": "y", "payload": "garbage"},
              {"seq": 3, "kind": "call", "entity_id": good["id"], "payload": good}]
    result = _plan_result(app, pulled=pulled, cursor=3)
    counts = app.sync.apply(result)
    assert (counts.calls, counts.unreadable, counts.skipped) == (1, 1, 0)
    assert app.store.get_meta(META_CURSOR) == "1"  # just before the unreadable one
    assert app.store.calls.get(good["id"]) is None  # not past it
    assert result.error is not None and "#2" in str(result.error)  # said so
    assert "asked for again" in app.sync.status().last_error
    # Next sync the same change arrives intact: everything is stored, the cursor moves on.
    pulled[1] = {"seq": 2, "kind": "call_event", "entity_id": "y", "payload": {
        "id": "y", "call_id": first["id"], "kind": "note", "status": "DISPATCHED",
        "at": first["received_at"], "note": "Gate code 1234", "origin": "station"}}
    result = _plan_result(app, pulled=pulled[1:], cursor=3)
    counts = app.sync.apply(result)
    assert (counts.events, counts.calls, counts.unreadable) == (1, 1, 0)
    assert app.store.get_meta(META_CURSOR) == "3" and result.error is None


def test_a_change_unreadable_sync_after_sync_is_passed_over_in_the_end(app):
    _enrolled(app)
    good = dataclasses.asdict(station_call("CSO-12"))
    pulled = [{"seq": 4, "kind": "call", "entity_id": "x", "payload": {"id": "x"}},
              {"seq": 5, "kind": "call", "entity_id": good["id"], "payload": good}]
    for _ in range(engine_module.GIVE_UP_AFTER):
        counts = app.sync.apply(_plan_result(app, pulled=pulled, cursor=5))
        assert counts.unreadable == 1 and app.store.get_meta(META_CURSOR) is None
    counts = app.sync.apply(_plan_result(app, pulled=pulled, cursor=5))
    assert (counts.skipped, counts.calls) == (1, 1)
    assert app.store.get_meta(META_CURSOR) == "5"


def test_an_older_station_copy_never_replaces_the_units_newer_one(app):
    """A re-pull from a restored station replays old copies: a cancelled call stays cancelled,
    a raised priority stays raised, a newer review decision is not undone."""
    statuses = app.reference.unit_statuses.codes()
    call = dataclasses.asdict(station_call("CSO-12", priority=4, station_revision=1))
    newer = dict(call, priority=1, cancelled=True, station_revision=3)
    with app.store.atomic("t"):
        app.store.sync.store_call(newer, "DISPATCHED", statuses)
        assert app.store.sync.store_call(call, "DISPATCHED", statuses) == "older"
        # Even a newer revision without the cancellation (a restored station) keeps it.
        app.store.sync.store_call(dict(call, station_revision=4), "DISPATCHED", statuses)
    got = app.calls.get(call["id"])
    assert got.cancelled and got.station_revision == 4


def test_a_station_status_further_along_moves_the_call_forward_never_back(app):
    statuses = app.reference.unit_statuses.codes()
    call = dataclasses.asdict(station_call("CSO-12", station_revision=1))
    with app.store.atomic("t"):
        app.store.sync.store_call(call, "DISPATCHED", statuses)
    app.calls.change_status(call["id"], "ACKNOWLEDGED")
    with app.store.atomic("t"):
        app.store.sync.store_call(dict(call, status="CLEARED", station_revision=2), "", statuses)
    assert app.calls.get(call["id"]).status == "CLEARED"
    with app.store.atomic("t"):
        app.store.sync.store_call(dict(call, status="EN_ROUTE", station_revision=3), "", statuses)
    assert app.calls.get(call["id"]).status == "CLEARED"


def test_cursor_does_not_move_when_storing_fails(app, monkeypatch):
    first = dataclasses.asdict(station_call("CSO-12"))
    real = engine_module.store_changes

    def store_then_fail(store, folder, changes, statuses, give_up=None, **_handlers):
        real(store, folder, changes, statuses, give_up)
        raise StorageError("disk went away")

    monkeypatch.setattr(engine_module, "store_changes", store_then_fail)
    with pytest.raises(StorageError):
        app.sync.apply(_result(app, pulled=[{"seq": 9, "kind": "call", "entity_id": first["id"],
                                             "payload": first}], cursor=9))
    assert app.store.get_meta(META_CURSOR) is None
    assert app.store.calls.get(first["id"]) is None  # rolled back together


def test_waiting_counts_in_words(app):
    call = _seed_call(app)
    work_call_to_clear(app, call.id)
    finish_report(app, call.id, photo=photo_bytes())
    status = app.sync.status()
    # The save and the finalize were audited too; those rows travel silently.
    # The finalize recorded the report's contact and its (new, provisional) person too.
    assert status.waiting_text == "1 report, 4 status changes, 1 photo, 1 contact, 1 person waiting"
    assert status.waiting["audit"] == 2


def test_not_enrolled_is_a_sign_in_error(app):
    with pytest.raises(SyncError) as info:
        app.sync.sync()
    assert info.value.kind is SyncErrorKind.AUTH
    assert app.sync.status().error_text == "Station sign-in failed"


def test_photo_bytes_are_read_on_the_worker_through_its_own_connection(app):
    import threading

    call = _seed_call(app)
    work_call_to_clear(app, call.id)
    data = photo_bytes(40_000)
    finish_report(app, call.id, photo=data)
    (photo,) = app.store.attachments.not_uploaded()
    source = app.store.photo_source()
    got: dict[str, bytes] = {}
    reader = threading.Thread(target=lambda: got.update(source.read([photo.id, "gone"])))
    reader.start()
    reader.join(10)
    assert got == {photo.id: data}  # a photo that no longer exists is simply absent


def test_a_big_round_of_answers_is_stored_and_never_flips(app):
    call = _seed_call(app)
    for _ in range(300):
        app.calls.request_backup(call.id, next(iter(app.reference.backup_reasons)).code)
    changes = app.store.sync.pending_changes(1000, 10**8)
    assert len(changes) == 300
    answers = [(c.change_id, "applied" if n % 3 else "rejected", "" if n % 3 else "no")
               for n, c in enumerate(changes)]
    app.sync.apply(_result(app, outcomes=answers))
    app.sync.apply(_result(app, outcomes=[(c.change_id, "conflict", "x") for c in changes]))
    states = {e.change_id: e.state for e in app.store.outbox.entries()}
    assert [states[c.change_id] for c in changes] == [
        "acked" if n % 3 else "quarantined" for n in range(300)]


def test_rounds_shrink_on_a_machine_slow_to_read_them(app):
    """A round holds as many changes as this machine reads in one GUI step (prepare runs on
    the window's thread); the station's answers are applied in slices sized the same way."""
    call = _seed_call(app)
    for _ in range(1300):
        app.calls.request_backup(call.id, next(iter(app.reference.backup_reasons)).code)
    from civilian_responder.sync.status import META_DEVICE, META_URL, token_account

    app.store.set_meta(META_URL, "http://127.0.0.1:1")
    app.store.set_meta(META_DEVICE, "d1")
    app.sync.tokens.save(token_account("d1"), "t")
    waiting = len(app.store.sync.pending_changes(10**6, 10**9))
    first = app.sync.prepare()
    cautious = app.sync.settings.first_round_changes
    assert len(first.changes) == cautious == 1000  # until this machine's pace is known
    app.sync.settings = dataclasses.replace(app.sync.settings, gui_step_seconds=1e-9)
    app.sync.apply(_result(app, outcomes=[(c.change_id, "applied", "") for c in first.changes]))
    assert len(app.sync.prepare().changes) == 20  # as few as it takes; the floor is 20
    app.sync.settings = dataclasses.replace(app.sync.settings, gui_step_seconds=1e9)
    assert len(app.sync.prepare().changes) == waiting - cautious  # a fast machine: the rest
