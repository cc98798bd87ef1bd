"""A person seen by two units, merged at the station, seen merged by both; and the prior
contacts of one unit reaching the other with an assigned call (real station process)."""

from __future__ import annotations

import pytest
from civilian_responder.sync import SyncSettings

from tests.station_process import StationProcess
from tests.sync_checks import enrolled_app

SETTINGS = SyncSettings(timeout=10.0, probe_timeout=1.0)


@pytest.fixture()
def station(tmp_path):
    s = StationProcess(tmp_path / "station").start()
    yield s
    s.close()


def unit(station, profile, name):
    return enrolled_app(station, profile, name, SETTINGS)


def test_a_person_two_units_met_is_merged_at_the_station_and_both_see_one(station, tmp_path):
    a = unit(station, tmp_path / "a", "CSO-1")
    b = unit(station, tmp_path / "b", "CSO-2")
    try:
        rob = a.people.add_person("Rob Tate", "35_44", "green jacket")
        a.people.record_contact(person_id=rob.id, address="5 Elm St", what_helped="coffee")
        robert = b.people.add_person("Robert Tate", "35_44")
        b.people.record_contact(
            person_id=robert.id,
            address="77 Dock St",
            violence=True,
            safety_notes="swung a bottle",
            at="2026-11-01T10:00:00.000Z",
        )
        a.sync.sync()
        b.sync.sync()
        assert not [
            e for e in a.store.outbox.entries() + b.store.outbox.entries() if e.state != "acked"
        ]
        out = station.cli("persons", "merge", rob.id, robert.id)
        assert "merged into" in out
        a.sync.sync()
        b.sync.sync()
        for app in (a, b):
            assert [p.id for p in app.people.suggest("tate")] == [rob.id]
            assert app.people.current(rob.id).display_name == "Rob Tate"
        assert b.people.current(robert.id).id == rob.id
        assert [c.person_id for c in b.store.people.contacts_with([rob.id])] == [rob.id]
        # Unit A is sent to the place unit B met him: the briefing comes with the call.
        station.create_call("CSO-1", address="77 DOCK ST.", caller_name="Rob Tate")
        a.sync.sync()
        call = next(a.calls.get(s.id) for s in a.calls.board() if s.address == "77 DOCK ST.")
        brief = a.people.known_here(call)
        assert [c.safety_notes for c in brief.violence_basis] == ["swung a bottle"]
        assert brief.person_name(brief.contacts[0].person_id) == "Rob Tate"
    finally:
        a.close()
        b.close()


def test_retention_is_an_agency_setting_units_get_at_sync_and_follow(station, tmp_path):
    """``responder-station settings set retention_days N`` reaches the unit at its next sync
    (pull); the laptop purges after N days instead of its own setting, audits the change, and
    still never purges what the station has not acknowledged."""
    import time

    from civilian_responder.people.service import META_RETENTION_DAYS

    a = unit(station, tmp_path / "a", "CSO-1")
    try:
        a.store.set_meta(META_RETENTION_DAYS, "90")  # the laptop's own setting
        assert a.people.retention() == (90, "laptop")
        synced = a.people.add_person("Synced Person", "35_44")
        a.people.record_contact(person_id=synced.id, address="5 Elm St")
        a.sync.sync()
        assert a.people.retention() == (90, "laptop")  # the station has set nothing yet
        assert "retention_days = 0" in station.cli("settings", "set", "retention_days", "0")
        assert "(default)" not in station.cli("settings", "list").split("retention_days")[1][:20]
        unsynced = a.people.add_person("Met Offline", "25_34")
        a.sync.sync()
        assert a.people.retention() == (0, "station")
        [changed] = [e for e in a.audit.entries() if e.action == "people.retention"]
        assert "90 (laptop) -> 0 days" in changed.detail
        # The person met offline was pushed by that sync; add one more the station lacks.
        never = a.people.add_person("Not Yet Synced", "45_54")
        time.sleep(0.05)
        assert a.people.purge() >= 2  # the synced person and contact, acknowledged
        assert a.store.people.person(synced.id) is None
        assert a.store.people.person(never.id) is not None  # not acknowledged: kept
        assert unsynced.id  # pushed and acknowledged in the second sync: purgeable too
        # A new value is audited once; a sync without a change adds nothing.
        station.cli("settings", "set", "retention_days", "45")
        a.sync.sync()
        a.sync.sync()
        changes = [e.detail for e in a.audit.entries() if e.action == "people.retention"]
        assert len(changes) == 2 and "0 (station) -> 45 days" in changes[1]
        assert a.people.retention() == (45, "station")
        assert a.store.people.person(never.id) is not None
    finally:
        a.close()
