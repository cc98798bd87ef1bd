"""``serve`` warms the station before it takes requests; admin commands do not pay for it."""

from __future__ import annotations

from civilian_responder.station.service import open_station


def test_warm_builds_the_eido_writer_that_admin_commands_leave_unbuilt(tmp_path):
    station = open_station(str(tmp_path / "station.db"))
    try:
        assert station.eido._writer is None  # an admin command never compiles the schema
        station.warm()
        built = station.eido._writer
        assert built is not None and built.validate is not None
        station.warm()
        assert station.eido._writer is built  # once
    finally:
        station.close()
