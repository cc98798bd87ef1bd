"""``responder --demo`` with its embedded station: real app processes, a real station child on
127.0.0.1, leases, ``kill -9``, stale files, the demo dispatcher and a desktop-only install.

The machine has no OS keyring, so the device token lives in memory only: every new process
enrolls the demo unit again, which the demo handles by itself.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from civilian_responder.app import open_app
from civilian_responder.demo_station import INSTALL_HINT, STATE_FILE
from civilian_responder.leases import LeaseDir, pid_alive
from civilian_responder.security.session import Authenticator
from civilian_responder.station.demo_dispatcher import RETURN_COMMENTS
from PySide6.QtGui import QImage

from tests.station_process import ROOT, child_env

PASSPHRASE = "demo-responder-2026"
pytestmark = pytest.mark.timeout(60)


def _env(**extra: str) -> dict[str, str]:
    env = child_env(QT_QPA_PLATFORM="offscreen", RESPONDER_PASSPHRASE=PASSPHRASE)
    for name in [n for n in env if n.startswith("RESPONDER_DEMO_")]:
        del env[name]
    env.update(extra)
    return env


def _cli(profile: Path, *args: str, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "civilian_responder", "--demo", "--profile", str(profile), *args],
        cwd=ROOT, env=env or _env(), capture_output=True, text=True, timeout=60)


def _window_cmd(profile: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "civilian_responder_ui", "--demo", "--profile", str(profile),
            *args]


def _state(profile: Path) -> dict:
    path = profile / "station" / STATE_FILE
    return json.loads(path.read_text()) if path.exists() else {}


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def _open(profile: Path):
    return open_app(profile, session=Authenticator(profile).sign_in("demo", PASSPHRASE))


def _station_reports(profile: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(f"file:{profile / 'station' / 'station.db'}?mode=ro", uri=True)
    try:
        return con.execute("SELECT id, state FROM reports").fetchall()
    finally:
        con.close()


def test_demo_window_starts_its_station_enrolls_and_syncs(tmp_path):
    profile, shot = tmp_path / "demo", tmp_path / "shot.png"
    done = subprocess.run(_window_cmd(profile, "--screenshot", str(shot)), cwd=ROOT, env=_env(),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert QImage(str(shot)).width() == 1366
    state = _state(profile)
    log = (profile / "station" / "station.log").read_text()
    assert "enrolled device" in log and "/sync/push" in log and "/sync/pull" in log
    # The app quit: nobody holds a lease, so its station goes too.
    _wait(lambda: not pid_alive(state["pid"]), 10, "the station to stop")
    assert _station_reports(profile) == [(_station_reports(profile)[0][0], "submitted")]
    app = _open(profile)
    try:
        status = app.sync.status()
        assert status.station_url == state["url"] and status.last_success_at
        assert "report" not in status.waiting  # the demo shift's finalized report went up
        dispatched = [c for c in app.store.calls.board() if c.number.startswith("20")]
        assert dispatched, "the dispatcher's first call reached the unit"
    finally:
        app.close()


def test_a_second_app_reuses_the_station_and_kill_9_of_the_last_one_stops_it(tmp_path):
    profile = tmp_path / "demo"
    window = subprocess.Popen(_window_cmd(profile), cwd=ROOT, env=_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: pid_alive(_state(profile).get("pid", 0)), 30, "the demo station")
        state = _state(profile)
        done = _cli(profile, "sync")
        assert done.returncode == 0, done.stderr
        assert f"Demo station running at {state['url']} (pid {state['pid']})" in done.stderr
        assert _state(profile)["pid"] == state["pid"]
        time.sleep(1.5)  # the command has quit; the window still holds its lease
        assert pid_alive(state["pid"])
        window.send_signal(signal.SIGKILL)
        window.wait(10)
        started = time.monotonic()
        _wait(lambda: not pid_alive(state["pid"]), 5, "the station to notice the kill")
        assert time.monotonic() - started < 5
    finally:
        if window.poll() is None:
            window.kill()
            window.wait(10)


def test_stale_files_of_a_killed_run_do_not_block_the_next_start(tmp_path):
    profile = tmp_path / "demo"
    home = profile / "station"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    home.mkdir(parents=True)
    (home / STATE_FILE).write_text(json.dumps(
        {"pid": dead.pid, "marker": "1", "port": port, "url": f"http://127.0.0.1:{port}"}))
    LeaseDir(home / "leases").take(dead.pid)
    (home / "leases" / "launch.lock").write_text("")
    try:
        done = _cli(profile, "sync")
        assert done.returncode == 0, done.stderr
        first = _state(profile)
        assert first["pid"] != dead.pid and first["port"] != port  # the old port is taken
        _wait(lambda: not pid_alive(first["pid"]), 10, "the station to stop")
        # A pid that now belongs to some other program is neither reused nor killed.
        other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        try:
            (home / STATE_FILE).write_text(json.dumps(dict(first, pid=other.pid,
                                                           marker="another start")))
            done = _cli(profile, "sync")
            assert done.returncode == 0, done.stderr
            assert _state(profile)["pid"] not in (other.pid, first["pid"])
            assert other.poll() is None
        finally:
            other.kill()
            other.wait(10)
    finally:
        busy.close()


def test_the_dispatcher_sends_calls_and_returns_a_report_for_revision(tmp_path):
    profile = tmp_path / "demo"
    env = _env(RESPONDER_DEMO_CALL_EVERY="1", RESPONDER_DEMO_REVIEW_AFTER="0",
               RESPONDER_DEMO_RETURN_EVERY="1", RESPONDER_DEMO_MAX_OPEN="0")
    leases = LeaseDir(profile / "station" / "leases")
    leases.take()  # the test holds the station open between the two commands
    try:
        first = _cli(profile, "sync", env=env)
        assert first.returncode == 0, first.stderr
        assert "1 report waiting" in first.stdout and "Nothing waiting." in first.stdout
        pid = _state(profile)["pid"]
        app = _open(profile)
        try:
            calls_before = {c.id for c in app.store.calls.board() if c.number.startswith("20")}
            # The supervisor reviews at once: under load the first sync's own pull may already
            # have brought the return back.
            [finalized] = app.reports.all(["finalized", "returned"])
        finally:
            app.close()
        _wait(lambda: any(s == "returned" for _, s in _station_reports(profile)), 10,
              "the supervisor's review")
        time.sleep(1.2)  # at least one more call comes due
        second = _cli(profile, "sync", env=env)
        assert second.returncode == 0, second.stderr
        assert _state(profile)["pid"] == pid
        app = _open(profile)
        try:
            calls_after = {c.id for c in app.store.calls.board() if c.number.startswith("20")}
            returned = app.reports.get(finalized.id)
        finally:
            app.close()
        assert calls_before < calls_after
        assert returned.state == "returned" and returned.review_comment in RETURN_COMMENTS
    finally:
        leases.release()


def test_a_desktop_install_without_the_station_opens_the_demo_offline(tmp_path):
    """The station extra is missing: its modules cannot be found in the app process."""
    blocker = tmp_path / "no-station"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\n"
        "class _NoStation:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('fastapi', 'uvicorn', 'sqlalchemy', 'alembic'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, _NoStation())\n")
    env = _env()
    env["PYTHONPATH"] = os.pathsep.join([str(blocker), env["PYTHONPATH"]])
    profile, shot = tmp_path / "demo", tmp_path / "shot.png"
    done = subprocess.run(_window_cmd(profile, "--screenshot", str(shot)), cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert shot.stat().st_size > 10_000
    assert not (profile / "station" / STATE_FILE).exists()
    assert INSTALL_HINT in (profile / "logs" / "responder.log").read_text()
    done = _cli(profile, "sync", env=env)
    assert done.returncode == 4  # not connected to a station
    assert done.stderr.count(INSTALL_HINT) == 1
