"""``responder enroll`` and ``responder sync``: headless, for a docking-station script."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING, Any

from civilian_responder.cli.options import add_signin_arguments
from civilian_responder.cli.signin import open_app_for_cli
from civilian_responder.errors import StorageFullError, SyncError, SyncErrorKind

if TYPE_CHECKING:  # the engine (keyring, HTTP) is imported when a command runs
    from civilian_responder.sync.transfer import SyncProgress

# SyncSettings().round_deadline, written out so that parsing `responder` stays light (the
# window's sign-in parses first); tests/unit check that the two agree.
ROUND_DEADLINE_HELP = 300

EXIT_CODES = {SyncErrorKind.OFFLINE: 3, SyncErrorKind.AUTH: 4, SyncErrorKind.CONFLICT: 5,
              SyncErrorKind.SERVER: 6, SyncErrorKind.PROTOCOL: 7}
# The device's disk (or file-size limit) filled up while storing what the station sent or
# answered: nothing half-stored; free space and sync again.
EXIT_DISK_FULL = 8


def register(subparsers: Any) -> None:

    enroll = subparsers.add_parser("enroll", help="connect this device to a station")
    enroll.add_argument("--station", required=True, help="station address, e.g. https://…")
    enroll.add_argument("--code", required=True, help="one-time code from the station")
    enroll.add_argument("--device-name", help="name the station shows for this device")
    add_signin_arguments(enroll)  # --profile, --officer; passphrase asked or from the env
    enroll.set_defaults(func=enroll_command)
    sync = subparsers.add_parser("sync", help="send waiting changes and fetch station updates")
    add_signin_arguments(sync)
    sync.add_argument("--quiet", action="store_true", help="print only the summary")
    sync.add_argument("--deadline", type=float, default=None, metavar="SECONDS",
                      help="longest one sync round may take, however slowly the station "
                           f"answers (default {ROUND_DEADLINE_HELP:g})")
    sync.set_defaults(func=sync_command)


def _open(args: argparse.Namespace, demo_station: bool = False) -> Any:
    return open_app_for_cli(args, demo_station)  # the database is encrypted: sign in first


def enroll_command(args: argparse.Namespace) -> int:
    app = _open(args)
    try:
        enrollment = app.sync.enroll(args.station, args.code, args.device_name)
    except SyncError as exc:
        return _failed("enroll", exc)
    finally:
        app.close()
    print(f"Enrolled as unit {enrollment.unit_id} at {enrollment.station_url}")
    if not enrollment.token_persistent:
        print("warning: no secure keyring is available; the station token was kept in memory "
              "only and is gone now. Enroll from the app, or set up a keyring.", file=sys.stderr)
    return 0


def sync_command(args: argparse.Namespace) -> int:
    app = _open(args, demo_station=True)  # the demo profile syncs with its own station
    try:
        if args.deadline:
            app.sync.settings = dataclasses.replace(app.sync.settings,
                                                    round_deadline=args.deadline)
        before = app.sync.status().waiting_text
        print(f"Syncing with {app.sync.station_url or '(no station)'}: {before}", flush=True)
        summary = app.sync.sync(progress=None if args.quiet else _print_progress)
        after = app.sync.status()
    except SyncError as exc:
        return _failed("sync", exc)
    except StorageFullError as exc:
        print(f"sync failed: this device's disk is full: {exc}. Free some space and sync "
              "again; nothing was half-stored.", file=sys.stderr, flush=True)
        return EXIT_DISK_FULL
    finally:
        _close(app)
    print(f"Sync done: {summary.text()}. {after.waiting_text}.", flush=True)
    if after.problems:
        print(f"{after.problems} change(s) need attention (refused or in conflict); "
              "open the app to see them.")
    return 0


def _close(app: Any) -> None:
    try:
        app.close()
    except StorageFullError:  # the exit code already says so; the profile is intact
        pass


def _print_progress(p: SyncProgress) -> None:
    print(f"  {p.phase}: {p.done}/{p.total}", flush=True)


def _failed(what: str, exc: SyncError) -> int:
    from civilian_responder.sync.status import ERROR_WORDS  # noqa: PLC0415

    print(f"{what} failed: {ERROR_WORDS[exc.kind]}: {exc}", file=sys.stderr, flush=True)
    return EXIT_CODES[exc.kind]
