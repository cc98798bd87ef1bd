"""Signing in from the command line: the ONE helper every headless subcommand uses.

    app = open_app_for_cli(args)      # asks for the passphrase, or reads RESPONDER_PASSPHRASE

The officer comes from ``--officer NAME``, then ``RESPONDER_OFFICER``, then the only officer
enrolled on the device. The demo profile (``--demo``) enrolls officer ``demo`` with passphrase
``demo-responder-2026`` on first use and is seeded with demo calls. Also provides
``responder officer add|list``.
"""

from __future__ import annotations

import argparse
import atexit
import getpass
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from civilian_responder.cli.options import add_signin_arguments, is_demo, resolve_profile
from civilian_responder.clock import SystemClock
from civilian_responder.errors import (
    AuthError,
    DemoStationError,
    LockedOutError,
    ValidationError,
)
from civilian_responder.security.session import Authenticator, Session

if TYPE_CHECKING:  # the facade is imported when a command runs: parsing stays light
    from civilian_responder.app import ResponderApp

PASSPHRASE_ENV = "RESPONDER_PASSPHRASE"
OFFICER_ENV = "RESPONDER_OFFICER"
NEW_PASSPHRASE_ENV = "RESPONDER_NEW_PASSPHRASE"
MAX_PROMPTS = 3


def open_app(profile: Path, **kwargs) -> ResponderApp:
    """The core's facade, imported when a command runs: building the parser stays light (the
    window's sign-in comes before the core is imported)."""
    from civilian_responder.app import open_app as open_core  # noqa: PLC0415

    return open_core(profile, **kwargs)


def _officer_name(args: argparse.Namespace, auth: Authenticator) -> str:
    name = getattr(args, "officer", None) or os.environ.get(OFFICER_ENV)
    if name:
        return str(name)
    names = auth.officer_names()
    if len(names) == 1:
        return names[0]
    raise AuthError(f"Several officers use this device ({', '.join(names)}); "
                    "choose one with --officer NAME")


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise AuthError(f"No passphrase: set {PASSPHRASE_ENV} or run in a terminal")
    return getpass.getpass(prompt)


def sign_in_for_cli(args: argparse.Namespace, profile: Path) -> Session:
    clock = SystemClock()
    auth = Authenticator(profile, clock)
    if auth.needs_enrollment():
        if is_demo(args, profile):
            return auth.enroll_demo()
        raise AuthError(f"No officer is enrolled in {profile}; run `responder officer add NAME`"
                        " (or start the app) first")
    name = _officer_name(args, auth)
    from_env = os.environ.get(PASSPHRASE_ENV)
    for attempt in range(1 if from_env is not None else MAX_PROMPTS):
        passphrase = from_env if from_env is not None else _ask(f"Passphrase for {name}: ")
        try:
            auth.attempts.check(name)
        except LockedOutError as exc:
            if exc.lockout:
                raise
            time.sleep(max(0.0, (exc.until - clock.now()).total_seconds()))
        try:
            return auth.sign_in(name, passphrase)
        except LockedOutError:
            raise
        except AuthError as exc:
            if attempt == MAX_PROMPTS - 1 or from_env is not None:
                raise
            print(f"responder: {exc}", file=sys.stderr)
    raise AuthError("Sign-in failed")


def open_app_for_cli(args: argparse.Namespace, demo_station: bool = False) -> ResponderApp:
    """Sign in (prompt or environment) and open the profile with the officer's key. On the demo
    profile, ``demo_station=True`` (commands that talk to a station) also starts or reuses the
    demo's own station and enrolls the demo unit with it."""
    profile = resolve_profile(args)
    session = sign_in_for_cli(args, profile)
    app = open_app(profile, session=session)
    if is_demo(args, profile):
        from civilian_responder.demo import seed_demo  # noqa: PLC0415

        seed_demo(app.store, app.clock)
        if demo_station:
            _connect_demo_station(app, profile)
    return app


def _connect_demo_station(app: ResponderApp, profile: Path) -> None:
    from civilian_responder.demo_station import DemoStationLauncher, connect  # noqa: PLC0415

    launcher = DemoStationLauncher(profile)
    atexit.register(launcher.release)  # a killed command's lease is dropped by the station
    try:
        station = connect(app, launcher)
    except DemoStationError as exc:
        print(f"responder: {exc}", file=sys.stderr, flush=True)
        return
    verb = "started" if station.started else "running"
    print(f"Demo station {verb} at {station.url} (pid {station.pid})", file=sys.stderr,
          flush=True)


# responder officer add|list ------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    officer = subparsers.add_parser("officer", help="enroll officers on this device")
    verbs = officer.add_subparsers(dest="officer_command", metavar="ACTION", required=True)
    add = verbs.add_parser("add", help="enroll an officer (the first one needs no sign-in; "
                                       "later ones need an admin's passphrase)")
    add.add_argument("name")
    add.add_argument("--admin", action="store_true", help="may enroll other officers")
    add_signin_arguments(add)
    add.set_defaults(func=_cmd_add)
    release = verbs.add_parser("unlock", help="release an officer's sign-in lockout (needs an "
                                              "admin: --officer ADMIN)")
    release.add_argument("name")
    add_signin_arguments(release)
    release.set_defaults(func=_cmd_unlock)
    listing = verbs.add_parser("list", help="list enrolled officers (no sign-in needed)")
    add_signin_arguments(listing)
    listing.set_defaults(func=_cmd_list)


def _new_passphrase(name: str) -> str:
    given = os.environ.get(NEW_PASSPHRASE_ENV)
    if given is not None:
        return given
    first = _ask(f"New passphrase for {name} (8+ characters; a few words work well): ")
    if _ask("Repeat it: ") != first:
        raise ValidationError("The two passphrases differ", {"passphrase": "mismatch"})
    return first


def _cmd_add(args: argparse.Namespace) -> int:
    profile = resolve_profile(args)
    auth = Authenticator(profile, SystemClock())
    if auth.needs_enrollment():
        session = auth.enroll_first(args.name, _new_passphrase(args.name))
        open_app(profile, session=session).close()
        print(f"Enrolled {args.name} as the first officer (admin) of {profile}")
        return 0
    admin = sign_in_for_cli(args, profile)
    auth.add_officer(admin, args.name, _new_passphrase(args.name), make_admin=args.admin)
    _audit_as(admin, profile, "officer.add", args.name)
    print(f"Enrolled {args.name} on {profile}")
    return 0


def _cmd_unlock(args: argparse.Namespace) -> int:
    profile = resolve_profile(args)
    auth = Authenticator(profile, SystemClock())
    admin = sign_in_for_cli(args, profile)
    auth.release(admin, args.name)
    _audit_as(admin, profile, "officer.release", args.name)
    print(f"Released the sign-in lockout of {args.name}")
    return 0


def _audit_as(admin: Session, profile: Path, action: str, officer: str) -> None:
    """Officer changes live in the keystore; the audit trail (in the database) records them."""
    app = open_app(profile, session=admin)
    try:
        app.audit.record(action, f"officer:{officer}")
    finally:
        app.close()


def _cmd_list(args: argparse.Namespace) -> int:
    for o in Authenticator(resolve_profile(args)).keystore.officers():
        print(f"{o.name}{'  (admin)' if o.admin else ''}  enrolled {o.created_at}")
    return 0
