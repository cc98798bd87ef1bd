"""Runs the real ``responder`` command with an officer at the keyboard, and writes when things
happened (``time.monotonic()``, one clock for every process on the machine) to a JSON file.

    python tests/benchmarks/signin_driver.py OUT.json PASSPHRASE -- --demo [other options]

- ``signin_shown``: the sign-in window is on screen (shown and rendered, as the bare baseline's
  window is); ``heavy_before_signin``: the heavy modules imported before it was shown;
- ``submitted``: the passphrase is typed and Sign in pressed, at once;
- ``kdf_s``: how long the deliberate key derivation took (on its worker);
- ``board_shown``: the main window is shown with the call board populated; the driver then
  closes it and the command exits.

Only what the sign-in path imports anyway is imported here before the command starts.
"""

from __future__ import annotations

import json
import sys
import time

HEAVY = (
    "civilian_responder.app",
    "civilian_responder.store",
    "sqlite_utils",
    "reportlab",
    "civilian_responder.pdf",
    "civilian_responder.sync.engine",
    "civilian_responder.sync.transfer",
    "civilian_responder_ui.main_window",
    "civilian_responder_ui.reports.report_form",
    "keyring",
    "httpx",
)


def main() -> int:
    out, passphrase = sys.argv[1], sys.argv[2]
    argv = sys.argv[sys.argv.index("--") + 1:]
    marks: dict[str, object] = {}

    def mark(name: str) -> None:
        marks[name] = time.monotonic()

    from civilian_responder.security import keystore  # noqa: PLC0415 (what sign-in imports)
    from civilian_responder_ui import app as ui_app  # noqa: PLC0415
    from civilian_responder_ui.session import signin_dialog  # noqa: PLC0415

    derive = keystore.KdfParams.derive

    def timed_derive(self, *args, **kwargs):
        start = time.monotonic()
        try:
            return derive(self, *args, **kwargs)
        finally:
            marks["kdf_s"] = float(marks.get("kdf_s", 0.0)) + time.monotonic() - start

    keystore.KdfParams.derive = timed_derive
    dialog_exec = signin_dialog.SignInDialog.exec

    def exec_and_type(dialog) -> int:
        from PySide6.QtCore import QTimer  # noqa: PLC0415

        def on_screen() -> None:
            dialog.grab()  # rendered, as the baseline's window is
            mark("signin_shown")
            dialog.passphrase.setText(passphrase)
            mark("submitted")
            dialog.ok.click()

        marks["heavy_before_signin"] = sorted(m for m in HEAVY if m in sys.modules)
        QTimer.singleShot(0, on_screen)
        return dialog_exec(dialog)

    signin_dialog.SignInDialog.exec = exec_and_type
    import logging  # noqa: PLC0415

    class WindowShown(logging.Handler):  # the app logs it right after window.show()
        def emit(self, record: logging.LogRecord) -> None:
            if not record.getMessage().startswith("Window shown"):
                return
            from PySide6.QtCore import QTimer  # noqa: PLC0415
            from PySide6.QtWidgets import QApplication  # noqa: PLC0415

            def on_screen() -> None:
                window = next(w for w in QApplication.topLevelWidgets()
                              if type(w).__name__ == "MainWindow" and w.isVisible())
                marks["board_rows"] = window.board.model.rowCount()
                window.grab()
                mark("board_shown")
                window.close()

            QTimer.singleShot(0, on_screen)

    logging.getLogger(ui_app.__name__).addHandler(WindowShown())
    from civilian_responder_ui.launch import main as responder  # noqa: PLC0415

    code = responder(argv)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(marks, f)
    return code


if __name__ == "__main__":
    sys.exit(main())
