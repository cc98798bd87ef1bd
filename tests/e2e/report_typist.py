"""A real app process for the durability tests (run as a script, not collected by pytest).

``typist PROFILE CALL_ID``: opens the profile, shows the report form of the call and types into
the narrative at a steady pace, printing ``ACK <n> <length>`` each time the Autosaver reports a
committed save, until it is killed.

``diskfull PROFILE CALL_ID BIG_CHARS``: caps the file size just above the database (RLIMIT_FSIZE,
SIGXFSZ ignored), pastes a large edit into the narrative, reports the banner and what is stored,
lifts the cap, types one more character and reports the retried save.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TYPE_EVERY_MS = 15
CHARS_PER_TICK = 3


def typed_text(length: int) -> str:
    """The exact text the typist has entered after ``length`` characters."""
    words = []
    total = 0
    i = 0
    while total < length:
        word = f"word{i} "
        words.append(word)
        total += len(word)
        i += 1
    return "".join(words)[:length]


def pasted_text(length: int) -> str:
    """A long statement pasted in one go: 80-character lines, like a case-file excerpt."""
    line = ("Long statement pasted from the case file, " * 2)[:79] + "\n"
    return (line * (length // len(line) + 1))[:length]


def _open(profile: str, call_id: str):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from civilian_responder.app import open_app
    from civilian_responder_ui.reports.report_form import ReportFormView
    from PySide6.QtWidgets import QApplication

    qapp = QApplication([])
    app = open_app(Path(profile))
    form = ReportFormView(app, None)
    form.resize(800, 700)
    form.show()
    form.show_call(call_id)
    if form._shown is None:
        form.start_report()
    return qapp, app, form


def _wait_until(condition, timeout_s: float = 10.0) -> None:
    """Let the event loop run (timers fire) until ``condition`` holds; a loaded machine may be
    slow, so no fixed sleeps."""
    import time

    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        QTest.qWait(20)


def typist(profile: str, call_id: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    qapp, app, form = _open(profile, call_id)
    narrative = form.sections.editors["narrative"]
    narrative.setFocus()
    acks = 0

    def on_saved(_report_id: str, fields: dict) -> None:
        nonlocal acks
        if "narrative" in fields:
            acks += 1
            print(f"ACK {acks} {len(fields['narrative'])}", flush=True)

    form.autosaver.saved.connect(on_saved)
    target = typed_text(1_000_000)

    def type_some() -> None:
        done = len(narrative.toPlainText())
        QTest.keyClicks(narrative, target[done:done + CHARS_PER_TICK])

    timer = QTimer()
    timer.timeout.connect(type_some)
    timer.start(TYPE_EVERY_MS)
    print(f"READY {form._shown.id}", flush=True)
    qapp.exec()


def diskfull(profile: str, call_id: str, big_chars: str) -> None:
    import resource
    import signal

    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    qapp, app, form = _open(profile, call_id)
    report_id = form._shown.id
    narrative = form.sections.editors["narrative"]
    db = app.paths.database
    sizes = [p.stat().st_size for p in (db, db.with_name(db.name + "-wal")) if p.exists()]
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (max(sizes) + 16 * 1024, hard))
    print(f"LIMIT {max(sizes) + 16 * 1024}", flush=True)

    narrative.moveCursor(QTextCursor.MoveOperation.End)
    narrative.insertPlainText(pasted_text(int(big_chars)))  # like pasting a long statement
    _wait_until(lambda: form.banner.isVisible())  # the debounce fires and the commit fails
    print(f"BANNER {form.banner.text() if form.banner.isVisible() else '-'}", flush=True)
    print(f"PENDING {form.autosaver.has_pending(report_id)}", flush=True)
    print(f"STORED {len(app.reports.get(report_id).narrative)}", flush=True)

    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    QTest.keyClicks(narrative, "!")
    # The next edit's debounce retries the pending fields, now with room.
    _wait_until(lambda: not form.autosaver.has_pending(report_id))
    print(f"BANNER_AFTER {form.banner.text() if form.banner.isVisible() else '-'}", flush=True)
    print(f"PENDING_AFTER {form.autosaver.has_pending(report_id)}", flush=True)
    print(f"STORED_AFTER {len(app.reports.get(report_id).narrative)}", flush=True)
    form.close()
    app.close()
    qapp.quit()


if __name__ == "__main__":
    {"typist": typist, "diskfull": diskfull}[sys.argv[1]](*sys.argv[2:])
