"""Storage: the Alembic revisions build exactly the tables the code uses, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from civilian_responder.station.errors import StationConfigError
from civilian_responder.station.service import open_station
from civilian_responder.station.storage.database import make_engine, migrate, normalize_url
from civilian_responder.station.storage.tables import metadata

from tests.station_fixture import postgres_url


def _no_drift(url: str) -> None:
    station = open_station(url)
    first_id = station.station_id
    migrate(station.engine)  # idempotent
    with station.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                metadata)
    assert diff == []
    station.close()
    again = open_station(url)
    assert again.station_id == first_id  # the station keeps its identity across restarts
    again.close()


def test_sqlite_schema_matches_the_code(tmp_path):
    _no_drift(str(tmp_path / "s.db"))


@pytest.mark.postgres
def test_postgres_schema_matches_the_code():
    with postgres_url() as url:
        _no_drift(url)


def test_database_urls():
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("/tmp/x.db") == "sqlite:////tmp/x.db"
    with pytest.raises(StationConfigError, match="Unsupported database"):
        make_engine("mysql://u@h/db")


def test_unreachable_postgres_is_a_clear_error():
    with pytest.raises(StationConfigError, match="Cannot migrate"):
        open_station("postgresql://postgres@127.0.0.1:1/none")


def test_upgrade_from_the_first_revision_keeps_data(tmp_path):
    from alembic import command
    from alembic.config import Config
    from civilian_responder.station.storage.database import MIGRATIONS_DIR, write

    url = str(tmp_path / "old.db")
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with write(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with write(engine) as conn:
        conn.exec_driver_sql(
            "INSERT INTO admin_tokens (id, role, label, token_hash, created_at) VALUES "
            "('a1', 'supervisor', 'old', 'h', '2026-01-01T00:00:00.000Z')")
    engine.dispose()
    station = open_station(url)  # migrates to head
    assert [t["id"] for t in station.devices.admin_tokens()] == ["a1"]
    assert station.devices.admin_tokens()[0]["expires_at"] is None
    station.close()
