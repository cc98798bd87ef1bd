"""The sync engine against the real station (uvicorn subprocess on 127.0.0.1)."""

from __future__ import annotations

import dataclasses
import itertools

import civilian_responder.sync.engine as engine_module
import pytest
from civilian_responder.errors import StorageError, SyncError, SyncErrorKind
from civilian_responder.models import Call
from civilian_responder.sync.client import StationClient
from civilian_responder.sync.status import META_CURSOR

from tests.station_process import StationProcess
from tests.sync_checks import assert_station_matches, enrolled_app
from tests.sync_work import finish_report, photo_bytes, work_call_to_clear

_units = (f"ENG-{n}" for n in itertools.count(1))


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    station = StationProcess(tmp_path_factory.mktemp("station")).start()
    yield station
    station.close()


@pytest.fixture
def unit(station, tmp_path):
    name = next(_units)
    app = enrolled_app(station, tmp_path / name, name)
    yield name, app
    app.close()


def test_dispatched_call_arrives_and_work_goes_back(station, unit):
    name, app = unit
    sent = station.create_call(name, caution_notes="Dog on premises")
    summary = app.sync.sync()
    call = app.calls.get(sent["id"])
    assert (call.cad_number, call.status, call.caution_notes) == (
        sent["cad_number"], "DISPATCHED", "Dog on premises")
    assert summary.incoming.calls >= 1
    work_call_to_clear(app, call.id)
    finish_report(app, call.id, photo=photo_bytes(50_000))
    summary = app.sync.sync()
    assert summary.uploaded == 1 and summary.quarantined == 0
    assert_station_matches(app, station, name)
    status = app.sync.status()
    assert status.waiting_text == "Nothing waiting" and status.last_success_at
    assert status.last_error_kind is None


def test_answers_lost_in_transit_are_recovered_as_duplicates(station, unit):
    name, app = unit
    sent = station.create_call(name)
    app.sync.sync()
    work_call_to_clear(app, sent["id"])
    finish_report(app, sent["id"], photo=photo_bytes(20_000))
    # The station takes the changes but the app dies before storing the answers.
    for _ in range(3):
        app.sync.transfer(app.sync.prepare())
    before = station.holdings(name)
    summary = app.sync.sync()
    assert summary.applied >= 5 and summary.quarantined == summary.conflicts == 0
    after = station.holdings(name)
    assert after.event_rows == before.event_rows and after.report_rows == before.report_rows
    assert_station_matches(app, station, name)


def test_a_refused_change_is_quarantined_and_the_rest_still_go(station, unit):
    name, app = unit
    other = station.create_call("ENG-OTHER")  # not this unit's call
    mine = station.create_call(name)
    app.sync.sync()
    with app.store.atomic("test: a call this unit should not have"):
        app.store.calls.insert(Call(**{k: v for k, v in other.items()
                                       if k in {f.name for f in dataclasses.fields(Call)}}))
    app.calls.change_status(other["id"], "ACKNOWLEDGED")
    app.calls.change_status(mine["id"], "ACKNOWLEDGED")
    summary = app.sync.sync()
    assert summary.quarantined == 1 and summary.applied == 1
    problems = app.sync.problems()
    assert len(problems) == 1 and problems[0].state == "quarantined" and problems[0].result_reason
    assert app.sync.status().waiting_text == "Nothing waiting"
    app.sync.sync()  # a quarantined change is not sent again and blocks nothing
    assert len(app.sync.problems()) == 1


def test_a_conflicting_report_keeps_both_versions(station, unit):
    name, app = unit
    sent = station.create_call(name)
    app.sync.sync()
    work_call_to_clear(app, sent["id"])
    report = finish_report(app, sent["id"], narrative="First account.")
    app.sync.sync()
    # Another copy of the same report id with other content (e.g. a restored backup).
    payload = dataclasses.asdict(report) | {"narrative": "A different account."}
    with app.store.atomic("test: conflicting copy"):
        app.store.outbox.enqueue("report", report.id, payload, report.updated_at, report.call_id)
    summary = app.sync.sync()
    assert summary.conflicts == 1
    problem = app.sync.problems()[0]
    assert problem.state == "conflict"
    assert app.reports.get(report.id).narrative == "First account."  # never overwritten
    assert station.holdings(name).conflicts >= 1


def test_cursor_moves_only_after_the_changes_are_stored(station, unit, monkeypatch):
    name, app = unit
    sent = station.create_call(name)
    real = engine_module.store_changes

    def fail(*args, **kwargs):
        real(*args, **kwargs)
        raise StorageError("simulated crash while storing")

    monkeypatch.setattr(engine_module, "store_changes", fail)
    with pytest.raises(StorageError):
        app.sync.sync()
    assert app.store.get_meta(META_CURSOR) == "0"
    assert app.store.calls.get(sent["id"]) is None
    monkeypatch.setattr(engine_module, "store_changes", real)
    app.sync.sync()
    assert app.store.calls.get(sent["id"]) is not None
    assert int(app.store.get_meta(META_CURSOR)) > 0


def test_review_round_trip_approve_and_return(station, unit):
    name, app = unit
    calls = [station.create_call(name) for _ in range(2)]
    app.sync.sync()
    reports = []
    for c in calls:
        work_call_to_clear(app, c["id"])
        reports.append(finish_report(app, c["id"]))
    app.sync.sync()
    station.review(reports[0].id, "approve")
    station.review(reports[1].id, "return", "Add the referral you made")
    summary = app.sync.sync()
    assert summary.incoming.reviews == 2
    assert app.reports.get(reports[0].id).state == "approved"
    returned = app.reports.get(reports[1].id)
    assert returned.state == "returned" and returned.editable
    assert returned.review_comment == "Add the referral you made"
    app.reports.save_fields(returned.id, {"narrative": "Spoke with the person; referred."})
    app.reports.finalize(returned.id)
    app.sync.sync()
    assert_station_matches(app, station, name)


def test_self_initiated_call_gets_its_cad_number(station, unit):
    name, app = unit
    call = app.calls.create_self_initiated("WELCK", "Library steps")
    app.sync.sync()
    got = app.calls.get(call.id)
    assert got.cad_number and got.status == "ON_SCENE"
    assert_station_matches(app, station, name)


def test_offline_station_is_an_offline_error(unit, tmp_path):
    _, app = unit
    app.store.set_meta("sync.station_url", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(SyncError) as info:
        app.sync.sync()
    assert info.value.kind is SyncErrorKind.OFFLINE
    assert app.sync.status().error_text == "Station unreachable (offline)"


def test_revoked_device_is_told_plainly(station, unit):
    name, app = unit
    station.cli("revoke-device", app.store.get_meta("sync.device_id"))
    with pytest.raises(SyncError) as info:
        app.sync.sync()
    assert info.value.kind is SyncErrorKind.AUTH and "revoked" in str(info.value)


def test_station_restored_from_a_backup_gets_everything_again(tmp_path):
    """medic/cht-core#8093: after a restore the station lost what it had acknowledged; the new
    epoch makes the unit offer everything again (and pull from the start)."""
    station = StationProcess(tmp_path / "station").start()
    try:
        app = enrolled_app(station, tmp_path / "eng-r", "ENG-R")
        sent = station.create_call("ENG-R")
        app.sync.sync()
        station.close()
        backup = _copy_database(station.db_path, tmp_path / "backup")
        station.start()
        work_call_to_clear(app, sent["id"])
        finish_report(app, sent["id"], photo=photo_bytes(30_000))
        app.sync.sync()
        assert_station_matches(app, station, "ENG-R")
        station.close()
        _copy_database(backup, station.db_path)  # the operator restores last night's backup
        station.cli("new-epoch")
        station.start()
        assert station.holdings("ENG-R").reports == {}  # the restore lost the report
        summary = app.sync.sync()
        assert summary.applied >= 6 and summary.uploaded == 1
        assert_station_matches(app, station, "ENG-R")
        app.close()
    finally:
        station.close()


def _copy_database(source, target):
    import shutil

    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        src = source.with_name(source.name + suffix)
        dst = target.with_name(target.name + suffix)
        if src.exists():
            shutil.copy2(src, dst)
        elif dst.exists():
            dst.unlink()
    return target


def test_a_finished_report_its_photo_metadata_and_bytes_go_in_one_round(station, unit):
    """The report, then (in a later push of the same round, once the station acknowledged the
    report) the photo's metadata; the bytes go from the round's start, read by the worker."""
    name, app = unit
    sent = station.create_call(name)
    app.sync.sync()
    work_call_to_clear(app, sent["id"])
    finish_report(app, sent["id"], photo=photo_bytes(30_000))
    plan = app.sync.prepare()
    report = next(c for c in plan.changes if c.kind == "report")
    assert "attachment_meta" not in [c.kind for c in plan.changes]
    (follower,) = plan.followers
    assert follower.change.kind == "attachment_meta" and follower.after == report.change_id
    # The GUI thread read no photo bytes: the worker reads them through its own connection.
    (photo,) = plan.uploads
    assert photo.data is None and plan.photos is not None
    pushes: list[list[str]] = []
    real_push = StationClient.push

    def push(client, changes):
        pushes.append([c["kind"] for c in changes])
        return real_push(client, changes)

    StationClient.push = push
    try:
        result = app.sync.transfer(plan)
    finally:
        StationClient.push = real_push
    assert result.error is None and result.uploaded == [photo.attachment_id]
    assert "report" in pushes[0] and pushes[-1] == ["attachment_meta"] and len(pushes) == 2
    app.sync.apply(result)
    assert app.store.sync.pending_changes(100, 10**7) == []
    assert_station_matches(app, station, name)


def test_metadata_waiting_for_a_change_the_station_did_not_acknowledge_stays_pending(
        station, unit):
    """A follower goes only after its change's acknowledgement: without it, the metadata is
    not sent and waits for a later round (its report goes first there)."""
    name, app = unit
    sent = station.create_call(name)
    app.sync.sync()
    work_call_to_clear(app, sent["id"])
    finish_report(app, sent["id"], photo=photo_bytes(30_000))
    plan = app.sync.prepare()
    (follower,) = plan.followers
    without_report = dataclasses.replace(
        plan, changes=tuple(c for c in plan.changes if c.kind != "report"), uploads=())
    result = app.sync.transfer(without_report)
    assert result.outcomes and follower.change.change_id not in [
        cid for cid, _, _ in result.outcomes]
    app.sync.apply(result)
    states = {e.change_id: e.state for e in app.store.outbox.entries()}
    assert states[follower.change.change_id] == "pending"
    app.sync.sync()
    assert_station_matches(app, station, name)


def test_answers_are_applied_in_slices_each_its_own_transaction(station, unit):
    """A big round's acknowledgements go in GUI-sized slices (one transaction each); a slice
    that never ran leaves its changes pending, and the next sync has them answered duplicate."""
    name, app = unit
    sent = station.create_call(name)
    app.sync.sync()
    backup = next(iter(app.reference.backup_reasons)).code
    for _ in range(60):
        app.calls.request_backup(sent["id"], backup)
    result = app.sync.transfer(app.sync.prepare())
    assert len(result.outcomes) == 60
    app.sync._cost["answers"] = 1.0  # a very slow machine: slices of the floor, 20 changes
    steps = app.sync.answer_steps(result)
    next(steps)  # the first slice only; the window runs the next one in its next turn
    states = [e.state for e in app.store.outbox.entries() if e.kind == "status_event"]
    assert states.count("acked") == 20 and states.count("pending") == 40
    steps.close()  # the profile closed before the other slices ran
    app.sync._cost["answers"] = 0.0
    app.sync.sync()
    assert_station_matches(app, station, name)


def test_pulled_changes_are_stored_in_slices_the_cursor_moving_with_each(station, unit):
    """One round pulls up to round_pull changes and stores them in GUI-sized slices, one
    transaction each, the cursor at the last change of each slice; a slice that never ran is
    pulled again next time, and nothing is stored twice or lost."""
    name, app = unit
    for n in range(45):
        station.create_call(name, address=f"{n} Slice St")
    result = app.sync.transfer(app.sync.prepare())
    assert len(result.pulled) >= 45 and not result.more_to_pull  # one round, not 200 a round
    app.sync.apply_answers(result)
    app.sync._cost["pulled"] = 1.0  # a very slow machine: slices of the floor, 20 changes
    steps = app.sync.pulled_steps(result)
    next(steps)
    first_slice = result.pulled[:20]
    assert int(app.store.get_meta(META_CURSOR)) == first_slice[-1]["seq"]
    assert app.store.calls.count() == sum(1 for c in first_slice if c["kind"] == "call")
    steps.close()  # the window closed before the other slices ran
    app.sync._cost["pulled"] = 0.0
    app.sync.sync()
    assert int(app.store.get_meta(META_CURSOR)) >= result.pulled[-1]["seq"]
    addresses = [r[0] for r in app.store.db.execute("SELECT address FROM calls").fetchall()]
    assert sorted(addresses) == sorted(f"{n} Slice St" for n in range(45))  # each once
    assert_station_matches(app, station, name)


def test_a_photo_deleted_after_prepare_is_not_marked_uploaded(station, unit):
    name, app = unit
    sent = station.create_call(name)
    app.sync.sync()
    work_call_to_clear(app, sent["id"])
    finish_report(app, sent["id"], photo=photo_bytes(30_000))
    plan = app.sync.prepare()
    (photo,) = plan.uploads
    with app.store.atomic("test: the photo's bytes go missing"):
        app.store.db.execute("DELETE FROM attachment_data WHERE id = ?", [photo.attachment_id])
    result = app.sync.transfer(plan)
    assert result.uploaded == [] and not result.upload_failures
    app.sync.apply(result)
    assert app.store.attachments.get(photo.attachment_id).uploaded is False
