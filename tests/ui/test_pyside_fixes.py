"""The guard against PySide6 6.12.0's emit() reference leak on True keeps the process alive."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Emit far more signals than True has references, then let the interpreter shut down.
MANY_EMITS = """
import sys
import civilian_responder_ui  # noqa: F401 (applies the fixes)
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class O(QObject):
    fired = Signal(object)
o = O()
o.fired.connect(lambda value: None)
for i in range(20000):
    o.fired.emit(i)
print("ok")
"""


def test_many_signal_emits_do_not_crash_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", MANY_EMITS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_emit_no_longer_drains_true_in_this_process():
    from civilian_responder_ui.shell import pyside_fixes

    # Whether or not this PySide6 leaks, True can no longer run out of references.
    assert sys.getrefcount(True) > 10_000 or not pyside_fixes.emit_leaks_true()


MANY_SETTERS = """
import civilian_responder_ui  # noqa: F401 (applies the fixes)
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(60000):
    label.setText("x")
print("ok")
"""


def test_many_setter_calls_do_not_crash_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", MANY_SETTERS], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
