"""The real station server as a subprocess on 127.0.0.1 (free port), for sync tests.

Admin work (enrollment codes, admin tokens) goes through the ``responder-station`` CLI; dispatch
and review through the HTTP API with admin tokens, as an agency would. ``holdings()`` reads the
station's SQLite file directly (read-only) so a test can compare it with the units' data.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


class StationProcess:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.db_path = workdir / "station.db"
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self._admin: dict[str, str] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # Process ---------------------------------------------------------------------------------

    def cli(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "responder.station", *args, "--database", str(self.db_path)],
            cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(f"responder-station {args[0]} failed: {done.stderr}")
        return done.stdout

    def start(self) -> StationProcess:
        log = open(self.workdir / "station.log", "ab")  # noqa: SIM115 (lives with the process)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "responder.station", "serve", "--database", str(self.db_path),
             "--host", "127.0.0.1", "--port", str(self.port),
             "--enroll-limit", "1000", "--enroll-global-limit", "1000",
             "--auth-failure-limit", "100000"],
            cwd=ROOT, env=child_env(), stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"station exited: {(self.workdir / 'station.log').read_text()}")
            try:
                if httpx.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("station did not start in 30 s")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    # Admin -----------------------------------------------------------------------------------

    def enroll_code(self, unit: str) -> str:
        out = self.cli("enroll-device", "--unit", unit)
        found = re.search(r":\s*([A-Z0-9]{4}-[A-Z0-9]{4}[A-Z0-9-]*)", out)
        if not found:
            raise RuntimeError(f"no code in {out!r}")
        return found.group(1)

    def admin_token(self, role: str) -> str:
        if role not in self._admin:
            out = self.cli("create-admin-token", "--role", role, "--label", f"test {role}")
            self._admin[role] = out.strip().splitlines()[-1].strip()
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
