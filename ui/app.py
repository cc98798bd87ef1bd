"""The ``responder`` command and the composition root: pick the profile, open the core, build the
window, run the event loop. Subcommands go to the command layer (:mod:`civilian_responder.cli`).

Start-up order (issue 17): the sign-in window comes first, with only Qt, the theme and the
authenticator imported; the core, the store and the main window's modules are imported on a
worker while the officer types and the key is derived (:func:`_preload_window_modules`), so the
board follows the key derivation closely. ``tests/ui/test_startup_imports.py`` holds the line.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import civilian_responder
from civilian_responder.cli import build_parser, prepare_process, run_command
from civilian_responder.cli.options import is_demo, resolve_profile
from civilian_responder.errors import ResponderError, ValidationError
from civilian_responder.security.redact import RedactingFilter

if TYPE_CHECKING:
    from civilian_responder.app import ResponderApp

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1366, 768)
DEMO_SETTLE_MS = 30_000  # --screenshot waits this long at most for the demo station's first sync
FREEZE_DELAY_MS = 1000  # the board is painted, the officer is reading it
PRELOAD_DELAY_MS = 150  # after the sign-in window is painted, before a fast typist is done
SIGNED_OUT = -1  # _run_window's result when the officer signed out (show the sign-in again)


def parse_size(text: str | None) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in (text or "").lower().split("x"))
    except ValueError:
        return DEFAULT_SIZE
    return (w, h) if w > 0 and h > 0 else DEFAULT_SIZE


class UiSettings:
    """UI preferences in the profile's settings.json; keeps keys other features wrote."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def _read(self) -> dict:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str, default=None):
        return self._read().get(key, default)

    def set(self, key: str, value) -> None:
        data = self._read()
        data[key] = value
        tmp = self._path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
            os.replace(tmp, self._path)
        except OSError as exc:
            log.warning("Cannot save settings to %s: %s", self._path, exc)


def open_profile(args: argparse.Namespace, session=None) -> ResponderApp:
    """Open the profile with the signed-in officer's key (the database is encrypted)."""
    from civilian_responder.app import open_app  # noqa: PLC0415 (after the sign-in window)
    from civilian_responder.demo import seed_demo  # noqa: PLC0415

    profile = resolve_profile(args)
    core = open_app(profile, session=session)
    if args.demo and core.store.calls.count() == 0:
        seed_demo(core.store, core.clock)
        # The demo sets its own unit; reopen so every service sees it.
        core.close()
        core = open_app(profile, session=session)
    return core


def _log_to_profile(logs_dir: Path) -> None:
    import logging.handlers  # noqa: PLC0415 (after the sign-in window)

    handler = logging.handlers.RotatingFileHandler(
        logs_dir / "responder.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    logging.getLogger().addHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """``responder``: the window, or a headless subcommand (which needs no Qt)."""
    args = build_parser().parse_args(argv)
    prepare_process(args)
    if args.command:
        return run_command(args)
    return run(args)


def run(args: argparse.Namespace) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from civilian_responder_ui.shell import system_libraries  # noqa: PLC0415

    if system_libraries.uses_x11() and (missing := system_libraries.missing_packages()):
        print(f"responder: {system_libraries.missing_libraries_message(missing)}",
              file=sys.stderr)
        return 2
    from civilian_responder_ui.shell.error_dialog import install_excepthook  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 (after the platform is chosen)

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    qapp.setApplicationName("Responder")
    qapp.setDesktopFileName("responder")
    from civilian_responder_ui.shell.icons import app_icon  # noqa: PLC0415

    qapp.setWindowIcon(app_icon())
    install_excepthook(interactive=not args.screenshot)
    from civilian_responder_ui.shell.translations import Translations  # noqa: PLC0415

    translations = Translations(qapp)  # the officer's language, switched at sign-in
    logged = False
    while True:  # sign in, work, and after a sign-out offer the sign-in again
        core = _sign_in_and_open(args, translations)
        if isinstance(core, int):  # quit at the sign-in, or the profile cannot be opened
            return core
        if not logged:
            _log_to_profile(core.paths.logs)
            qapp.setApplicationVersion(civilian_responder.__version__)  # not before sign-in
            logged = True
        result = _run_window(qapp, core, args)
        if result != SIGNED_OUT:
            return result


def _sign_in_and_open(args: argparse.Namespace, translations=None) -> ResponderApp | int:
    """Sign in BEFORE the profile is opened: the key comes from the officer's passphrase."""
    from civilian_responder_ui.session.signin_dialog import startup_session  # noqa: PLC0415
    from civilian_responder_ui.shell.error_dialog import show_error  # noqa: PLC0415
    from civilian_responder_ui.shell.tasks import TaskRunner  # noqa: PLC0415
    from civilian_responder_ui.shell.theme import apply_theme  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    profile = resolve_profile(args)
    # settings.json holds UI preferences only (readable before sign-in): theme the dialog.
    apply_theme(QApplication.instance(), args.theme or UiSettings(
        profile / "settings.json").get("theme", "day"))
    # The key derivation runs on a worker: the sign-in window stays live and shows it working.
    tasks = TaskRunner()
    # Without a sign-in window (--screenshot, $RESPONDER_PASSPHRASE) the key is derived on this
    # thread right away: the preload runs beside it from the start.
    asks = not args.screenshot and not os.environ.get("RESPONDER_PASSPHRASE")
    _preload_window_modules(tasks, PRELOAD_DELAY_MS if asks else 0)
    try:
        session = startup_session(profile, demo=args.demo, interactive=not args.screenshot,
                                  tasks=tasks, translations=translations)
        if session is None:
            return 0
        return open_profile(args, session)
    except ResponderError as exc:
        log.error("Cannot open the profile: %s", exc)
        if not args.screenshot:
            show_error(None, exc, "Responder cannot start")
        else:
            print(f"responder: {exc}", file=sys.stderr)
        return 2
    finally:
        tasks.wait_for_done(10_000)


# What the window needs after the sign-in, heaviest first (the core and its store, reportlab).
WINDOW_MODULES = (
    "civilian_responder.app",
    "civilian_responder.demo",
    "civilian_responder_ui.main_window",
    "civilian_responder_ui.reports.report_pdf",
    "civilian_responder_ui.people.people_actions",
    "civilian_responder_ui.sync.sync_panel",
    "civilian_responder_ui.sync.demo_link",
)


def _preload_window_modules(tasks, delay_ms: int) -> None:
    """Once the sign-in window is up (a timer fires inside its event loop, after it has been
    painted; ``delay_ms=0``: now), import what the main window needs on a worker: the officer's
    typing and the key derivation hide it. Imports create no Qt objects; the GUI thread that
    needs a module while it is being imported waits for it."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415

    def load() -> None:
        import importlib  # noqa: PLC0415

        importlib.import_module(WINDOW_MODULES[0]).warm_up()  # the core: keyring, sqlite-utils
        _ = civilian_responder.__version__  # read from the package metadata once
        for name in WINDOW_MODULES[1:]:
            importlib.import_module(name)

    def on_timer_timeout() -> None:
        tasks.run(load, on_error=lambda exc: log.warning("Preloading failed: %s", exc),
                  pool="preload")  # its own thread: the key derivation does not wait for it

    if delay_ms:
        QTimer.singleShot(delay_ms, on_timer_timeout)
    else:
        on_timer_timeout()


def _run_window(qapp, core: ResponderApp, args: argparse.Namespace) -> int:
    from civilian_responder_ui.main_window import MainWindow  # noqa: PLC0415
    from civilian_responder_ui.people.people_actions import install_people  # noqa: PLC0415
    from civilian_responder_ui.reports.report_pdf import install_on_main_window  # noqa: PLC0415
    from civilian_responder_ui.shell.error_dialog import show_error  # noqa: PLC0415
    from civilian_responder_ui.shell.tasks import TaskRunner  # noqa: PLC0415
    from civilian_responder_ui.sync.sync_panel import install_sync  # noqa: PLC0415

    settings = UiSettings(core.paths.settings)
    theme = args.theme or settings.get("theme", "day")
    tasks = TaskRunner()
    window = MainWindow(core, tasks, theme)
    panel = install_sync(window, core.sync, tasks)
    demo = _start_demo_station(window, core, panel, tasks, args)
    pdf = install_on_main_window(window, core, tasks)
    window.people = install_people(window, core)
    panel.sync_finished.connect(lambda _summary: window.people.refresh())
    window.theme_changed.connect(lambda name: settings.set("theme", name))
    if not args.screenshot:
        # Background work that failed with nobody listening still reaches the user.
        tasks.task_failed.connect(lambda exc: show_error(window, exc))
    if args.theme:
        settings.set("theme", args.theme)
    window.resize(*parse_size(args.size))
    window.reload(select_first=True)
    lock = install_lock(window, core, tasks, settings)
    try:
        if args.screenshot:
            if demo is not None:
                demo.wait_settled(DEMO_SETTLE_MS)  # so the picture shows the station connected
            return _screenshot(qapp, window, Path(args.screenshot))
        _close_on_signals(window)
        window.show()
        log.info("Window shown for profile %s", core.paths.root)
        # After the board is on screen.
        from PySide6.QtCore import QTimer  # noqa: PLC0415

        QTimer.singleShot(FREEZE_DELAY_MS, _freeze_startup_objects)
        result = int(qapp.exec())
        return SIGNED_OUT if lock.signed_out else result
    finally:
        lock.stop()
        if demo is not None:
            demo.stop()
        if not lock.signed_out:
            window.detail.flush()
            panel.cancel()  # a sync round in flight stops at its next step
            tasks.wait_for_done(10_000)
            # Deliver what the workers finished while the profile is still open (a sync
            # round's acknowledgements), instead of to a closed database later.
            qapp.processEvents()
            pdf.clear_previews()
            core.close()


def _start_demo_station(window, core: ResponderApp, panel, tasks, args: argparse.Namespace):
    """The demo profile brings its own station (started on a worker; the window opens now)."""
    if not is_demo(args, core.paths.root):
        return None
    from civilian_responder_ui.sync.demo_link import DemoStationLink  # noqa: PLC0415

    link = DemoStationLink(window, core, panel, tasks)
    link.start()
    return link


def install_lock(window, core: ResponderApp, tasks, settings: UiSettings):
    """Auto-lock, the Lock button (Ctrl+L) and sign-out for the signed-in officer."""
    from civilian_responder.security.session import Authenticator  # noqa: PLC0415
    from civilian_responder_ui.session.lock_screen import (  # noqa: PLC0415
        DEFAULT_MINUTES,
        SessionLock,
        validate_minutes,
    )

    minutes = settings.get("auto_lock_minutes", DEFAULT_MINUTES)
    try:
        validate_minutes(float(minutes))
    except (TypeError, ValueError, ValidationError):
        log.warning("auto_lock_minutes=%r in settings.json is not allowed (1-30); using %d",
                    minutes, DEFAULT_MINUTES)
        minutes = DEFAULT_MINUTES
    lock = SessionLock(window, core, Authenticator(core.paths.root), core.session,
                       minutes=float(minutes), flush=window.detail.flush, tasks=tasks)
    window.add_toolbar_action(lock.action)
    lock.sign_out_requested.connect(lambda: _sign_out(window, core, tasks, lock))
    return lock


def _sign_out(window, core: ResponderApp, tasks, lock) -> None:
    """Save, close the window, record the sign-out, wipe temporary files and decrypted caches."""
    from PySide6.QtGui import QGuiApplication, QPixmapCache  # noqa: PLC0415

    window.detail.flush()
    tasks.wait_for_done(10_000)
    lock.signed_out = True
    window.close()
    core.sign_out()
    QPixmapCache.clear()
    QGuiApplication.clipboard().clear()
    QGuiApplication.instance().quit()


def _freeze_startup_objects() -> None:
    """Everything built at start (modules, Qt wrappers, reference data) lives for the whole
    session: move it out of the garbage collector's view. Otherwise a full collection walks it
    all, holding the GIL for 60+ ms and stalling the window while sync runs (measured with
    tests/benchmarks/test_sync_benchmark.py). Only the young generations are collected first:
    a full collection here would itself be that stall (23 ms on this machine with the demo
    board, 50-100 ms on an old laptop), and the oldest generation held no garbage when
    measured."""
    import gc  # noqa: PLC0415

    gc.collect(1)
    gc.freeze()


def _close_on_signals(window) -> None:
    """Ctrl+C or a polite kill closes the window the normal way, so edits are flushed."""
    from PySide6.QtCore import QTimer  # noqa: PLC0415

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: window.close())
    # Python runs signal handlers only when it gets control; wake it up now and then.
    ticker = QTimer(window, interval=300)
    ticker.timeout.connect(lambda: None)
    ticker.start()


def _screenshot(qapp, window, path: Path) -> int:
    window.show()
    for _ in range(5):
        qapp.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        print(f"responder: cannot write screenshot {path}", file=sys.stderr)
        return 1
    log.info("Screenshot written to %s", path)
    window.close()
    return 0
