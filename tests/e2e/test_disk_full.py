"""A real app process whose file-size limit (RLIMIT_FSIZE) is hit by an autosave: the failure is
shown in the form, nothing is corrupted, the earlier draft is intact, and the kept edit is saved
once there is room again."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from civilian_responder.app import open_app
from civilian_responder.profile import ProfilePaths
from civilian_responder_ui.reports.autosave import DISK_FULL_MESSAGE

from tests.e2e.report_typist import pasted_text

TYPIST = Path(__file__).with_name("report_typist.py")
EARLIER = "Earlier content: met the person at the bus shelter; they accepted water."
MIN_BIG = 300_000


def _big_enough(profile: Path) -> int:
    """A paste larger than the cap the typist sets (the largest database file + 16 KB): the cap
    is per file, so an edit smaller than the database would fit in the write-ahead log and never
    hit it. The database grows as migrations are added; the paste grows with it."""
    db = ProfilePaths(profile).database
    largest = max(p.stat().st_size for p in (db, db.with_name(db.name + "-wal")) if p.exists())
    return max(MIN_BIG, 2 * largest + 64 * 1024)


def _draft_with_narrative(profile: Path) -> tuple[str, str]:
    app = open_app(profile)
    call = app.calls.create_self_initiated("647", "Story Rd and King Rd")
    report = app.reports.start(call.id)
    app.reports.save_fields(report.id, {"narrative": EARLIER})
    app.close()
    return call.id, report.id


def _integrity_and_narrative(profile: Path, report_id: str) -> tuple[str, str]:
    con = sqlite3.connect(ProfilePaths(profile).database)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        (narrative,) = con.execute(
            "SELECT narrative FROM reports WHERE id = ?", [report_id]
        ).fetchone()
        return check, narrative
    finally:
        con.close()


def test_disk_full_autosave_fails_visibly_keeps_the_draft_and_retries(tmp_path: Path):
    profile = tmp_path / "profile"
    call_id, report_id = _draft_with_narrative(profile)
    big = _big_enough(profile)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    done = subprocess.run(
        [sys.executable, str(TYPIST), "diskfull", str(profile), call_id, str(big)],
        capture_output=True, text=True, env=env, timeout=60,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    out = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert out["BANNER"] == DISK_FULL_MESSAGE, done.stdout
    assert out["PENDING"] == "True"
    assert out["STORED"] == str(len(EARLIER)), "the earlier draft must be intact after the failure"
    assert out["BANNER_AFTER"] == "-", "the banner goes once the retry succeeded"
    assert out["PENDING_AFTER"] == "False"
    check, narrative = _integrity_and_narrative(profile, report_id)
    assert check == "ok"
    assert narrative == EARLIER + pasted_text(big) + "!"
    assert out["STORED_AFTER"] == str(len(narrative))
