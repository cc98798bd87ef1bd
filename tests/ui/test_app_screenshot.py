"""``python -m civilian_responder_ui --demo --screenshot`` renders the real window to a PNG."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from civilian_responder.errors import StorageFullError, ValidationError
from civilian_responder_ui.shell.error_dialog import user_message
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _shoot(profile: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "civilian_responder_ui",
            "--demo",
            "--profile",
            str(profile),
            "--screenshot",
            str(out),
            *extra,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("theme", ["day", "night"])
def test_screenshot_of_demo_profile_is_a_1366x768_png(tmp_path, theme):
    out = tmp_path / f"{theme}.png"
    done = _shoot(tmp_path / "profile", out, "--theme", theme)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    # Night must be dark: the top-left corner (toolbar background) is far from white.
    corner = image.pixelColor(5, 5)
    assert (corner.lightness() < 60) == (theme == "night")
    settings = json.loads((tmp_path / "profile" / "settings.json").read_text())
    assert settings["theme"] == theme


def test_screenshot_reuses_the_demo_profile_and_remembers_the_theme(tmp_path):
    profile = tmp_path / "profile"
    assert _shoot(profile, tmp_path / "a.png", "--theme", "night").returncode == 0
    done = _shoot(profile, tmp_path / "b.png", "--size", "1024x700")
    assert done.returncode == 0, done.stderr
    image = QImage(str(tmp_path / "b.png"))
    assert (image.width(), image.height()) == (1024, 700)
    assert image.pixelColor(5, 5).lightness() < 60  # night was remembered


def test_errors_map_to_plain_language():
    headline, advice = user_message(StorageFullError("Disk full while saving the report"))
    assert headline == "Disk full while saving the report"
    assert "draft is kept" in advice
    headline, advice = user_message(ValidationError("Missing", {"address": "say where"}))
    assert "address" in headline and advice
    headline, advice = user_message(KeyError("x"))
    assert headline == "Something went wrong inside Responder."


def test_sigterm_closes_the_window_cleanly(tmp_path):
    import signal
    import time

    profile = tmp_path / "profile"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RESPONDER_PASSPHRASE="demo-responder-2026")
    proc = subprocess.Popen(
        [sys.executable, "-m", "civilian_responder_ui", "--demo", "--profile", str(profile)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log = profile / "logs" / "responder.log"
    deadline = time.monotonic() + 60
    while not (log.exists() and "Window shown" in log.read_text()):
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    from civilian_responder.security.session import Authenticator
    from civilian_responder.store.cipher import connect_encrypted

    key = Authenticator(profile).sign_in("demo", "demo-responder-2026").key
    db = connect_encrypted(profile / "responder.db", key)  # the profile is encrypted
    clean = db.execute("SELECT value FROM meta WHERE key = 'session_clean'").fetchone()
    db.close()
    assert clean == ("1",)
