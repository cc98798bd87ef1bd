"""SIGKILL a real app process while it types into a report: every acknowledged save survives,
the database is intact, and the next start says it recovered the draft."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from civilian_responder.app import open_app
from civilian_responder.profile import ProfilePaths

from tests.e2e.report_typist import typed_text

TYPIST = Path(__file__).with_name("report_typist.py")
RUNS = 4


def _profile_with_call(directory: Path) -> str:
    app = open_app(directory)
    call = app.calls.create_self_initiated("5150", "1 Civic Center Plaza")
    app.close()
    return call.id


def _run_and_kill(profile: Path, call_id: str, kill_after: float) -> tuple[str, list[int]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, str(TYPIST), "typist", str(profile), call_id],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    lines: list[str] = []
    first_ack = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("ACK "):
                first_ack.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        # Typing is under way once the first save is acknowledged; kill at a random moment after.
        assert first_ack.wait(30), f"the app process never saved: {lines}"
        time.sleep(kill_after)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(10)
    report_id = lines[0].split()[1]
    acked = [int(line.split()[2]) for line in lines if line.startswith("ACK ")]
    return report_id, acked


def test_every_acknowledged_save_survives_sigkill(tmp_path: Path):
    rng = random.Random()
    for run in range(RUNS):
        profile = tmp_path / f"run{run}"
        call_id = _profile_with_call(profile)
        kill_after = rng.uniform(0.0, 1.8)

        report_id, acked = _run_and_kill(profile, call_id, kill_after)

        con = sqlite3.connect(ProfilePaths(profile).database)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            (stored,) = con.execute(
                "SELECT narrative FROM reports WHERE id = ?", [report_id]
            ).fetchone()
        finally:
            con.close()
        assert len(stored) >= acked[-1], (
            f"run {run}: killed after {kill_after:.2f} s; last ack had {acked[-1]} characters, "
            f"only {len(stored)} survived"
        )
        assert stored == typed_text(len(stored)), f"run {run}: stored text is not what was typed"

        reopened = open_app(profile)
        try:
            assert [d.report_id for d in reopened.recovered] == [report_id]
            assert reopened.reports.get(report_id).narrative == stored
        finally:
            reopened.close()
