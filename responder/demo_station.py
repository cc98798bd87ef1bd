"""The embedded demo station: ``responder --demo`` brings its own station on loopback.

The station is a child process (``python -m civilian_responder.station serve --demo-unit ...``)
with its data in ``<demo profile>/station/``, reached only through the process and HTTP: the
device core never imports the station package. Every app on the demo profile *takes a lease*
(``civilian_responder.leases``) and finds a running station in ``station/demo-station.json``
(port, pid); the station stops by itself when no lease holder is alive, so it goes away after
the last app quits, ``kill -9`` included. The demo unit enrolls itself with a code from the
station's own admin command (``enroll-device``), then syncs like any unit.

Two halves, so the window never waits on a process or the network:

    plan = plan_link(app)                  # store's thread: a snapshot
    result = launcher.link(plan)           # worker: start or reuse, enrollment code, /enroll
    finish_link(app, result)               # store's thread: keep the device token

``connect(app, launcher)`` runs all three on one thread (headless commands).
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civilian_responder.demo import DEMO_UNIT
from civilian_responder.errors import DemoStationError, SyncError
from civilian_responder.leases import LaunchLock, LeaseDir, pid_alive, process_marker
from civilian_responder.sync.client import StationClient
from civilian_responder.sync.enrollment import Enrollment, EnrollmentGrant, request_enrollment
from civilian_responder.sync.status import META_STATION

if TYPE_CHECKING:
    from civilian_responder.app import ResponderApp

log = logging.getLogger(__name__)

OFF_ENV = "RESPONDER_DEMO_STATION"  # "off": the demo runs without its station
PACE_ENV = {  # the station's --demo-* options, for a faster demo (tests use seconds)
    "--demo-call-every": "RESPONDER_DEMO_CALL_EVERY",
    "--demo-review-after": "RESPONDER_DEMO_REVIEW_AFTER",
    "--demo-return-every": "RESPONDER_DEMO_RETURN_EVERY",
    "--demo-max-open": "RESPONDER_DEMO_MAX_OPEN",
    "--demo-history": "RESPONDER_DEMO_HISTORY",
}
HISTORY_CALLS = "300"  # past calls the demo station generates once, for its metrics
INSTALL_HINT = 'pip install "civilian-responder[demo]"'
MISSING_TEXT = ("The demo runs without its station: this install has no station server, so "
                "dispatch, sync and review cannot be shown. To see them, install the demo "
                f"extra ({INSTALL_HINT}) and start the demo again.")
# What `civilian-responder[station]` brings; looked up, never imported, by the device core.
STATION_MODULES = ("civilian_responder.station", "fastapi", "uvicorn", "sqlalchemy", "alembic")
START_TIMEOUT = 30.0
STATE_FILE = "demo-station.json"
DEVICE_NAME = "Demo laptop"
_APP_SECRETS = ("RESPONDER_PASSPHRASE", "RESPONDER_NEW_PASSPHRASE")


@dataclass(frozen=True)
class RunningStation:
    url: str
    port: int
    pid: int
    station_id: str
    started: bool  # this launcher started it (False: reused another app's)


@dataclass(frozen=True)
class LinkPlan:
    """What the store knows, read on its thread for the worker."""

    station_url: str
    station_id: str
    token_available: bool
    calls: tuple[Mapping[str, Any], ...]  # the offline demo shift, for the station to adopt


@dataclass(frozen=True)
class LinkResult:
    station: RunningStation
    grant: EnrollmentGrant | None  # None: already enrolled with this very station


def missing_reason() -> str:
    """Why this install cannot run the demo station ('' when it can)."""
    if os.environ.get(OFF_ENV, "").strip().lower() in ("0", "off", "no", "false"):
        return f"the demo station is turned off ({OFF_ENV})"
    if getattr(sys, "frozen", False):
        return MISSING_TEXT  # the desktop bundle leaves the station out
    for name in STATION_MODULES:
        try:
            if importlib.util.find_spec(name) is None:
                return MISSING_TEXT
        except (ImportError, ValueError):
            return MISSING_TEXT
    return ""


class DemoStationLauncher:
    """Starts, finds and leaves the demo station of one profile. No database: safe on a worker."""

    def __init__(self, profile: Path, unit_id: str = DEMO_UNIT,
                 environ: Mapping[str, str] | None = None) -> None:
        self.home = Path(profile) / "station"
        self.unit_id = unit_id
        self.leases = LeaseDir(self.home / "leases")
        self._lock = LaunchLock(self.leases.lock_path)
        # The station needs no sign-in secrets of the app.
        self._environ = {k: v for k, v in (os.environ if environ is None else environ).items()
                         if k not in _APP_SECRETS}
        self._proc: subprocess.Popen[bytes] | None = None
        self.station: RunningStation | None = None

    @property
    def state_path(self) -> Path:
        return self.home / STATE_FILE

    @property
    def log_path(self) -> Path:
        return self.home / "station.log"

    # Start or reuse -------------------------------------------------------------------------

    def ensure(self, calls: Sequence[Mapping[str, Any]] = (),
               cancel: threading.Event | None = None,
               timeout: float = START_TIMEOUT) -> RunningStation:
        """The running demo station, started if none answers. Takes this process's lease."""
        problem = missing_reason()
        if problem:
            raise DemoStationError(problem, missing=True)
        self.leases.take()
        with self._lock.held(timeout) as got:
            if not got:
                raise DemoStationError("The demo station is busy starting for another app")
            found = self._running()
            if found is None:
                self._write_adopt_file(calls)
                found = self._start(cancel, timeout)
        self.station = found
        return found

    def release(self) -> None:
        """This app is done with the station (it stops when no app is left)."""
        self.leases.release()

    def read_state(self) -> dict[str, Any]:
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _running(self) -> RunningStation | None:
        state = self.read_state()
        pid, marker = int(state.get("pid") or 0), str(state.get("marker") or "")
        if not pid_alive(pid, marker):
            return None  # nothing there, or a stale file from a killed run
        url = str(state.get("url") or "")
        for _ in range(3):
            station_id = _health(url)
            if station_id:
                return RunningStation(url, int(state["port"]), pid, station_id, started=False)
            time.sleep(0.2)
        log.warning("The demo station (pid %d) does not answer; starting a new one", pid)
        if marker:  # certainly our station, not a process that got its pid since
            _stop_process(pid)
        return None

    def _start(self, cancel: threading.Event | None, timeout: float) -> RunningStation:
        last_port = int(self.read_state().get("port") or 0)
        for attempt in range(2):
            port = _free_port(last_port if attempt == 0 else 0)
            try:
                return self._spawn(port, cancel, timeout)
            except DemoStationError:
                if attempt == 1 or "address already in use" not in self._log_tail().lower():
                    raise
        raise AssertionError("unreachable")

    def _spawn(self, port: int, cancel: threading.Event | None,
               timeout: float) -> RunningStation:
        url = f"http://127.0.0.1:{port}"
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as out:
            proc = subprocess.Popen(
                self._command(port), stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, env=dict(self._environ, PYTHONUNBUFFERED="1"),
                **_detached(),
            )
        self._proc = proc
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not (cancel and cancel.is_set()):
            if proc.poll() is not None:
                raise DemoStationError(f"The demo station could not start: {self._log_tail()}")
            station_id = _health(url)
            if station_id:
                running = RunningStation(url, port, proc.pid, station_id, started=True)
                self._write_state(running)
                log.info("Demo station started on %s (pid %d)", url, proc.pid)
                return running
            time.sleep(0.1)
        proc.kill()
        proc.wait(5)
        raise DemoStationError("The demo station did not start in time"
                               if not (cancel and cancel.is_set()) else "Cancelled")

    def _command(self, port: int) -> list[str]:
        cmd = [sys.executable, "-m", "civilian_responder.station", "serve",
               "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(self.home),
               "--no-docs", "--demo-unit", self.unit_id, "--lease-dir", str(self.leases.path),
               "--demo-adopt", str(self.home / "demo-shift.json")]
        given = {option: self._environ.get(env) for option, env in PACE_ENV.items()}
        given["--demo-history"] = given["--demo-history"] or HISTORY_CALLS
        for option, value in given.items():
            if value:
                cmd += [option, value]
        return cmd

    def _write_state(self, running: RunningStation) -> None:
        state = {"pid": running.pid, "marker": process_marker(running.pid),
                 "port": running.port, "url": running.url, "station_id": running.station_id,
                 "unit_id": self.unit_id, "started_by": os.getpid()}
        _write_json(self.state_path, state)

    def _write_adopt_file(self, calls: Sequence[Mapping[str, Any]]) -> None:
        _write_json(self.home / "demo-shift.json", [dict(c) for c in calls])

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "no log"
        return next((line for line in reversed(lines) if line.strip()), "no log")

    # Enrollment -----------------------------------------------------------------------------

    def make_code(self) -> str:
        """A one-time code from the station's own admin command."""
        try:
            done = subprocess.run(
                [sys.executable, "-m", "civilian_responder.station", "enroll-device",
                 "--unit", self.unit_id, "--data-dir", str(self.home), "--ttl-hours", "1",
                 "--json"],
                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
                env=self._environ,
            )
            return str(json.loads(done.stdout)["code"])
        except (OSError, subprocess.SubprocessError, ValueError, KeyError, TypeError) as exc:
            raise DemoStationError(f"The demo station gave no enrollment code: {exc}") from exc

    def link(self, plan: LinkPlan, cancel: threading.Event | None = None) -> LinkResult:
        """Worker-safe: start or reuse the station; enroll again if this device's sign-in
        does not fit it (new station, other port, token kept in memory only by a past run)."""
        station = self.ensure(plan.calls, cancel)
        if (plan.station_url == station.url and plan.station_id == station.station_id
                and plan.token_available):
            return LinkResult(station, None)
        try:
            grant = request_enrollment(station.url, self.make_code(), DEVICE_NAME)
        except SyncError as exc:
            raise DemoStationError(f"The demo unit could not enroll: {exc}") from exc
        return LinkResult(station, grant)


# The store's thread ---------------------------------------------------------------------------


def plan_link(app: ResponderApp) -> LinkPlan:
    status = app.sync.status()
    calls = []
    for summary in app.store.calls.board():
        call = app.store.calls.get(summary.id)
        # Generated offline: no station has seen it (station calls have a revision).
        if call is not None and not call.self_initiated and call.station_revision == 0:
            calls.append(dataclasses.asdict(call))
    return LinkPlan(status.station_url, app.store.get_meta(META_STATION) or "",
                    status.token_available, tuple(calls))


def finish_link(app: ResponderApp, result: LinkResult) -> Enrollment | None:
    if result.grant is None:
        return None
    return app.sync.complete_enrollment(result.grant)


def connect(app: ResponderApp, launcher: DemoStationLauncher) -> RunningStation:
    """Headless: start or reuse the demo station and enroll the demo unit, on this thread."""
    result = launcher.link(plan_link(app))
    finish_link(app, result)
    return result.station


# Helpers --------------------------------------------------------------------------------------


def _health(url: str) -> str:
    """The station id if a station answers at ``url``, else ''."""
    if not url:
        return ""
    try:
        with StationClient(url, timeout=1.0) as client:
            body = client.health()
    except SyncError:
        return ""
    return str(body.get("station_id") or "") if body.get("status") == "ok" else ""


def _free_port(preferred: int = 0) -> int:
    """The preferred port if it is free (the unit then keeps its station address), else any."""
    for port in (preferred, 0) if preferred else (0,):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    raise DemoStationError("No free port on 127.0.0.1 for the demo station")


def _detached() -> dict[str, Any]:
    """The station outlives a Ctrl+C in the terminal of the app that started it: other apps may
    use it. It stops through its lease watch instead."""
    if sys.platform == "win32":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW  # type: ignore[attr-defined]
        return {"creationflags": flags}
    return {"start_new_session": True}


def _stop_process(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and pid_alive(pid):
        time.sleep(0.05)
    if pid_alive(pid) and hasattr(signal, "SIGKILL"):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(value, indent=1), encoding="utf-8")
    os.replace(tmp, path)
