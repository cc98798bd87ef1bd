"""The sign-in window comes first (issue 17): the real ``responder`` command, in its own process,
shows the sign-in window before the core's facade, the store, reportlab, the sync engine or the
main window's modules are imported; an officer signs in there and the board comes up populated.
Timings are in tests/benchmarks/test_ui_benchmarks.py; this only checks the order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from civilian_responder.security.session import DEMO_PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "benchmarks" / "signin_driver.py"


def _start(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "RESPONDER_PASSPHRASE"}
    env.update(QT_QPA_PLATFORM="offscreen", RESPONDER_DEMO_STATION="off")
    marks = tmp_path / "marks.json"
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(marks), DEMO_PASSPHRASE, "--",
         "--profile", str(tmp_path / "demo"), "--demo"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(marks.read_text(encoding="utf-8"))


def test_the_sign_in_window_shows_before_the_heavy_modules_are_imported(tmp_path):
    _start(tmp_path)  # the first start enrolls the demo officer and seeds the demo profile
    found = _start(tmp_path)
    assert found["heavy_before_signin"] == [], found
    assert found["signin_shown"] <= found["submitted"] < found["board_shown"]
    assert found["kdf_s"] > 0  # the passphrase went through the real key derivation
    assert found["board_rows"] > 0  # the demo board, populated


def test_parsing_the_command_line_imports_no_subcommand_machinery():
    code = (
        "import sys\n"
        "from civilian_responder.cli import build_parser\n"
        "build_parser().parse_args(['--demo'])\n"
        "heavy = ['civilian_responder.app', 'civilian_responder.store', 'sqlite_utils',\n"
        "         'civilian_responder.sync.engine', 'civilian_responder.sync.transfer',\n"
        "         'keyring', 'reportlab', 'cryptography',\n"
        "         'importlib.metadata']\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_the_sync_help_names_the_engines_round_deadline():
    from civilian_responder.cli import sync as sync_cli
    from civilian_responder.sync.transfer import SyncSettings

    assert sync_cli.ROUND_DEADLINE_HELP == SyncSettings().round_deadline
