"""``responder directory search`` and ``directory handout`` on a signed-in (encrypted) profile."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from civilian_responder.app import open_app
from pypdf import PdfReader

from tests.station_process import ROOT
from tests.sync_checks import CLI_PASSPHRASE, enroll_officer
from tests.unit.test_directory import DEMO, feed_rows, pull


def _responder(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["RESPONDER_PASSPHRASE"] = CLI_PASSPHRASE
    return subprocess.run(
        [sys.executable, "-m", "civilian_responder", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_search_and_handout_from_the_command_line(tmp_path):
    profile = tmp_path / "profile"
    app = open_app(profile)
    pull(app, feed_rows(DEMO))
    app.close()
    enroll_officer(profile)
    done = _responder("directory", "search", "detox", "--profile", str(profile))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert sorted(line.split()[0] for line in lines) == ["detox-harbor", "detox-pearl"]
    assert "beds open" in done.stdout and "2 of 27 resources" in done.stderr
    done = _responder("directory", "search", "--kind", "FOOD", "--json", "--profile", str(profile))
    assert {r["kind"] for r in json.loads(done.stdout)} == {"FOOD"}
    out = tmp_path / "handout.pdf"
    done = _responder(
        "directory",
        "handout",
        "988-lifeline",
        "dv-hotline",
        "-o",
        str(out),
        "--profile",
        str(profile),
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text().split())
    assert "988 Suicide & Crisis Lifeline" in text and "Domestic Violence Helpline" in text
    done = _responder("directory", "handout", "nope", "-o", str(out), "--profile", str(profile))
    assert done.returncode == 2 and "no longer in the directory" in done.stderr
