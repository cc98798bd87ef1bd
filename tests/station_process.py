"""The real station server as a subprocess on 127.0.0.1 (free port), for sync tests.

Built on the station helper's ``tests/station_fixture.StationProcess``. Dispatch and review go
through the HTTP API with admin tokens, as an agency would. ``holdings()`` reads the station's
SQLite file directly (read-only) so a test can compare it with the units' data.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.station_fixture import StationProcess as BaseStation
from tests.station_fixture import free_port

ROOT = Path(__file__).resolve().parents[1]
__all__ = ["ROOT", "StationProcess", "child_env", "free_port"]


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(extra)
    return env


@dataclass
class Holdings:
    """What the station holds for one unit (or all units)."""

    unit_events: set[str] = field(default_factory=set)
    event_rows: int = 0
    reports: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (state, hash)
    report_rows: int = 0
    attachments: set[str] = field(default_factory=set)
    complete_uploads: set[str] = field(default_factory=set)
    self_initiated: set[str] = field(default_factory=set)
    conflicts: int = 0


class StationProcess(BaseStation):
    """The station helper's process fixture plus what sync tests need: admin tokens cached,
    dispatch and review through the HTTP API, and ``holdings()``."""

    def __init__(self, workdir: Path, database_url: str | None = None) -> None:
        super().__init__(workdir, database_url)
        self.postgres = self.database_url.startswith("postgresql")
        self.db_path = Path(self.database_url) if not self.postgres else workdir / "unused.db"
        self._admin: dict[str, str] = {}

    @property
    def url(self) -> str:
        return self.base_url

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "civilian_responder.station",
             *args, "--database", self.database_url],
            cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(f"responder-station {args[0]} failed: {done.stderr}")
        return done.stdout

    # Admin -----------------------------------------------------------------------------------

    def enroll_code(self, unit: str) -> str:
        return self.make_code(unit)

    def admin_token(self, role: str) -> str:
        if role not in self._admin:
            self._admin[role] = super().admin_token(role)
        return self._admin[role]

    def api(self, method: str, path: str, role: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.admin_token(role)}"}
        headers.update(kwargs.pop("headers_extra", {}))
        response = httpx.request(method, self.url + "/api/v1" + path, headers=headers,
                                 timeout=30, **kwargs)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text}")
        return response.json() if response.content else None

    def create_call(self, unit: str, **fields: Any) -> dict[str, Any]:
        body = {"unit_id": unit, "type_code": "WELCK", "priority": 3,
                "address": "1100 Pacific Ave", "narrative": "RP asks for a welfare check."}
        body.update(fields)
        return self.api("POST", "/calls", "dispatcher", json=body)["call"]

    def update_call(self, call_id: str, **change: Any) -> dict[str, Any]:
        return self.api("PATCH", f"/calls/{call_id}", "dispatcher", json=change)["call"]

    def import_eido(self, document: bytes, unit: str) -> dict[str, Any]:
        return self.api("POST", f"/calls/eido?unit={unit}", "dispatcher", content=document,
                        headers_extra={"Content-Type": "application/json"})["call"]

    def review(self, report_id: str, decision: str, comment: str = "") -> Any:
        return self.api("POST", f"/reports/{report_id}/review", "supervisor",
                        json={"decision": decision, "comment": comment})

    # Backups -------------------------------------------------------------------------------

    def backup(self, name: str) -> Path:
        """An online backup of the running station, as an agency's nightly job takes it."""
        target = self.workdir / f"{name}.backup"
        if self.postgres:
            subprocess.run(["pg_dump", "-Fc", "-f", str(target), "-d", self.database_url],
                           check=True, capture_output=True, timeout=60)
            return target
        src = sqlite3.connect(self.db_path, timeout=30)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return target

    def restore(self, backup: Path, new_epoch: bool = False) -> None:
        """Stop the station, put the backup in place of its database, start it again."""
        self.stop()
        if self._station is not None:
            self._station.close()
            self._station = None
        if self.postgres:
            import psycopg

            from tests.station_fixture import PG_ADMIN_URL

            name = self.database_url.rsplit("/", 1)[1]
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
            subprocess.run(["pg_restore", "--no-owner", "-d", self.database_url, str(backup)],
                           check=True, capture_output=True, timeout=60)
        else:
            for suffix in ("-wal", "-shm"):
                Path(str(self.db_path) + suffix).unlink(missing_ok=True)
            shutil.copy2(backup, self.db_path)
        if new_epoch:
            self.cli("new-epoch")
        self._admin.clear()  # admin tokens made after the backup are gone with it
        self.start()

    # Inspection ------------------------------------------------------------------------------

    def holdings(self, unit: str | None = None) -> Holdings:
        if self.postgres:
            with self.station.engine.connect() as conn:
                return _read_holdings(_Postgres(conn), unit)
        con = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        try:
            return _read_holdings(con, unit)
        finally:
            con.close()

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        """Read the station's database directly (``?`` placeholders, either backend)."""
        if self.postgres:
            with self.station.engine.connect() as conn:
                return [tuple(r) for r in _Postgres(conn).execute(sql, list(args)).fetchall()]
        con = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        try:
            return [tuple(r) for r in con.execute(sql, args).fetchall()]
        finally:
            con.close()


class _Postgres:
    """Just enough of sqlite3's ``execute(sql, args)`` over a SQLAlchemy connection."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, args: list[Any] | tuple[Any, ...] = ()) -> Any:
        from sqlalchemy import text

        parts = sql.split("?")
        named = parts[0] + "".join(f":p{i}{part}" for i, part in enumerate(parts[1:]))
        return self._conn.execute(text(named), {f"p{i}": a for i, a in enumerate(args)})


def _read_holdings(con: Any, unit: str | None) -> Holdings:
    where, args = ("AND unit_id = ?", [unit]) if unit else ("", [])
    h = Holdings()
    rows = con.execute(f"SELECT id FROM call_events WHERE origin = 'unit' {where}", args).fetchall()
    h.unit_events = {r[0] for r in rows}
    h.event_rows = len(rows)
    rows = con.execute(f"SELECT id, state, payload_hash FROM reports WHERE 1=1 {where}",
                       args).fetchall()
    h.reports = {r[0]: (r[1], r[2]) for r in rows}
    h.report_rows = len(rows)
    h.attachments = {r[0] for r in con.execute(
        f"SELECT entity_id FROM records WHERE kind = 'attachment_meta' {where}", args)}
    h.complete_uploads = {r[0] for r in con.execute(
        f"SELECT sha256 FROM uploads WHERE complete {where}", args)}
    h.self_initiated = {r[0] for r in con.execute(
        f"SELECT id FROM calls WHERE self_initiated {where}", args)}
    h.conflicts = con.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0]
    return h
