"""After a demo session, no byte of any file under the profile holds report, person or photo
content in the clear: not the database, not its WAL, not backups, logs or leftovers."""

import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from civilian_responder.app import open_app
from civilian_responder.clock import SystemClock
from civilian_responder.demo import seed_demo
from civilian_responder.security.keystore import KdfParams
from civilian_responder.security.session import DEMO_PASSPHRASE, Authenticator

ROOT = Path(__file__).resolve().parents[2]
NARRATIVE = "NARRATIVE-MARKER-Q9X7"
PERSON = "Zebulon Markerperson"
PHOTO_MARK = b"PHOTO-MARKER-BYTES-5150"
PHOTO = b"\x89PNG\r\n\x1a\n" + PHOTO_MARK * 100
MARKERS = [NARRATIVE.encode(), PERSON.encode(), PHOTO_MARK,
           NARRATIVE.encode("utf-16-le"), PERSON.encode("utf-16-le")]


def _scan(profile: Path) -> list[str]:
    hits = []
    for f in sorted(profile.rglob("*")):
        if f.is_file():
            data = f.read_bytes()
            hits += [f"{f.relative_to(profile)}: {m!r}" for m in MARKERS if m in data]
    return hits


def _pdfs(app, report_id, outside: Path) -> None:
    """A preview (the session's scratch dir) and an export to a folder the user chose."""
    from civilian_responder.pdf.service import export_many, write_pdf

    preview = write_pdf(app.pdf.snapshot(report_id), app.scratch.path())
    assert preview.path.stat().st_size > 0
    outcome = export_many([app.pdf.snapshot(report_id)], outside)
    app.pdf.record_exports(outcome.written)
    assert outcome.written and not outcome.failed


def _work(app) -> None:
    call_id = app.store.db.execute("SELECT id FROM calls ORDER BY received_at").fetchone()[0]
    report = app.reports.start(call_id)
    app.audit.record("report.view", report.id)
    app.reports.save_fields(report.id, {
        "persons": [{"id": "p1", "role_code": "SUBJECT", "name": PERSON}],
        "disposition_code": "NRR", "outcome_codes": ["RESOLVED_ON_SCENE"],
        "time_on_task_minutes": 20, "narrative": f"Met {PERSON}. {NARRATIVE}"})
    app.attachments.attach_photo(report.id, "scene.png", PHOTO)
    app.reports.finalize(report.id)
    correction = app.reports.correct(report.id)
    app.reports.save_fields(correction.id, {"narrative": f"Corrected. {NARRATIVE}",
                                            "correction_reason": "typo"})


@pytest.fixture
def file_log(tmp_path):
    """The app's log file in the profile, at DEBUG, as a verbose session would write it."""
    (tmp_path / "logs").mkdir(exist_ok=True)
    handler = logging.FileHandler(tmp_path / "logs" / "responder.log")
    root = logging.getLogger()
    old = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    yield
    root.removeHandler(handler)
    handler.close()
    root.setLevel(old)


def test_no_marker_in_any_file_after_a_demo_session(tmp_path, file_log):
    # An earlier version wrote this profile unencrypted, with a migration backup beside it.
    old = open_app(tmp_path)
    seed_demo(old.store, SystemClock())
    _work(old)
    old.close()
    assert _scan(tmp_path), "sanity: the scan finds markers in a plaintext profile"
    (tmp_path / "responder.db.before-0099_old.bak").write_bytes(
        (tmp_path / "responder.db").read_bytes())

    auth = Authenticator(tmp_path, kdf=KdfParams(n=2**10, r=8, p=1))
    session = auth.enroll_demo()  # encrypts the existing database in place
    app = open_app(tmp_path, session=session)
    _work(app)
    scratch = app.scratch.path()
    _pdfs(app, app.reports.all()[0].id, tmp_path.parent / f"{tmp_path.name}-exports")
    app.sign_out()
    assert not scratch.exists(), "sign-out wipes the decrypted previews"
    env = dict(os.environ, RESPONDER_PASSPHRASE=DEMO_PASSPHRASE)
    listing = subprocess.run(
        [sys.executable, "-m", "civilian_responder",
         "-v", "audit", "list", "--profile", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    app = open_app(tmp_path, session=auth.sign_in("demo", DEMO_PASSPHRASE))
    assert sum(NARRATIVE in r.narrative for r in app.reports.all()) == 3  # v1, v2, v3 kept
    app.close()

    assert _scan(tmp_path) == []
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(tmp_path / "responder.db").execute("SELECT 1 FROM calls").fetchall()
    assert DEMO_PASSPHRASE.encode() not in b"".join(
        f.read_bytes() for f in tmp_path.rglob("*") if f.is_file())
