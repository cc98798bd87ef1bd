"""The real station server as a subprocess on 127.0.0.1 (free port), for sync tests.

Built on the station helper's ``tests/station_fixture.StationProcess``. Dispatch and review go
through the HTTP API with admin tokens, as an agency would. ``holdings()`` reads the station's
SQLite file directly (read-only) so a test can compare it with the units' data.
"""

from __future__ import annotations

import os
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

    def __init__(self, workdir: Path) -> None:
        super().__init__(workdir)
        self.db_path = Path(self.database_url)
        self._admin: dict[str, str] = {}

    @property
    def url(self) -> str:
        return self.base_url

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "civilian_responder.station",
             *args, "--database", str(self.db_path)],
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

    # Inspection ------------------------------------------------------------------------------

    def holdings(self, unit: str | None = None) -> Holdings:
        con = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        try:
            return _read_holdings(con, unit)
        finally:
            con.close()


def _read_holdings(con: sqlite3.Connection, unit: str | None) -> Holdings:
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
