"""Fixtures and checks shared by the sync tests: enrolled units and "station holds exactly the
unit's data"."""

from __future__ import annotations

from pathlib import Path

from civilian_responder.app import ResponderApp, open_app
from civilian_responder.sync import SyncSettings, TokenStore

from tests.keyrings import MemoryKeyring
from tests.station_process import StationProcess

FAST = SyncSettings(timeout=5.0, probe_timeout=1.0)


def enrolled_app(station: StationProcess, profile: Path, unit: str,
                 settings: SyncSettings = FAST, url: str | None = None,
                 tokens: TokenStore | None = None) -> ResponderApp:
    app = open_app(profile, tokens=tokens or TokenStore(MemoryKeyring()), sync_settings=settings)
    app.sync.enroll(url or station.url, station.enroll_code(unit), device_name=f"{unit}-laptop")
    return app


def local_unit_events(app: ResponderApp) -> set[str]:
    ids: set[str] = set()
    for summary in app.calls.board():
        ids |= {e.id for e in app.calls.timeline(summary.id) if e.origin == "unit"}
    return ids


def assert_station_matches(app: ResponderApp, station: StationProcess, unit: str) -> None:
    """After a clean sync: every local change answered, and the station holds exactly this
    unit's records, once each."""
    entries = app.store.outbox.entries()
    assert [e for e in entries if e.state != "acked"] == [], "unanswered or refused changes"
    held = station.holdings(unit)
    events = local_unit_events(app)
    assert held.unit_events == events
    assert held.event_rows == len(events)
    submitted = {r.id: r for r in app.reports.all() if r.state != "draft"}
    assert set(held.reports) == set(submitted)
    expected_state = {"finalized": "submitted", "approved": "approved", "returned": "returned",
                      "superseded": "superseded"}
    for report_id, (state, _hash) in held.reports.items():
        local = submitted[report_id].state
        assert state == expected_state.get(local, local), (report_id, state, local)
    photos = [a for r in submitted.values() for a in app.attachments.for_report(r.id)]
    assert held.attachments == {a.id for a in photos}
    assert all(a.uploaded for a in photos)
    assert {a.sha256 for a in photos} <= held.complete_uploads
    onview = {s.id for s in app.calls.board() if app.calls.get(s.id).self_initiated}
    assert held.self_initiated == onview


CLI_OFFICER = "alice"
CLI_PASSPHRASE = "docking station lamp"


def enroll_officer(profile: Path):
    """Headless commands sign in: give the profile an officer (this encrypts the database).
    Returns the Authenticator; ``sign_in_officer`` opens sessions for in-process checks."""
    from civilian_responder.security.keystore import KdfParams
    from civilian_responder.security.session import Authenticator

    auth = Authenticator(profile, kdf=KdfParams(n=2**10, r=8, p=1))
    if auth.needs_enrollment():
        auth.enroll_first(CLI_OFFICER, CLI_PASSPHRASE)
    return auth


def sign_in_officer(profile: Path):
    return enroll_officer(profile).sign_in(CLI_OFFICER, CLI_PASSPHRASE)
