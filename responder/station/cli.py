"""``responder-station``: set up, serve and administer a station.

Admin commands work on the database directly (same rules as the API, through ``Station``), so
they run on the station host without a token.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from civilian_responder import __version__
from civilian_responder.errors import ResponderError
from civilian_responder.extras import explain_missing
from civilian_responder.station import dispatch_cli, people_cli, program_cli
from civilian_responder.station.cli_common import add_command as _add
from civilian_responder.station.cli_common import database_url
from civilian_responder.station.cli_common import open_from_args as _open
from civilian_responder.station.cli_common import print_json as _print_json

DEFAULT_PORT = 8470
# File names reach the OS as given (it round-trips undecodable bytes); everything else is text.
PATH_ARGUMENTS = ("file", "database", "data_dir", "target")


def cmd_init(args: argparse.Namespace) -> int:
    from civilian_responder.station.storage.database import redact  # noqa: PLC0415

    station = _open(args)
    print(f"station {station.station_id} ready: {redact(str(station.engine.url))}")
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    epoch = _open(args).new_epoch()
    print(f"New station epoch {epoch}: units will re-send what they had synced and pull "
          "everything again at their next sync. Use this after restoring a backup.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from civilian_responder.station.server import check_transport, serve  # noqa: PLC0415
    from civilian_responder.station.service import Limits  # noqa: PLC0415

    check_transport(args.host, args.tls_cert, args.tls_key)  # before touching the database
    limits = Limits(enroll_per_ip=args.enroll_limit, enroll_global=args.enroll_global_limit,
                    auth_failures_per_ip=args.auth_failure_limit,
                    window_seconds=args.rate_window, docs=not args.no_docs,
                    trusted_proxies=trusted_proxies(args))
    clock = None
    if args.clock_offset:
        from civilian_responder.clock import CorrectedClock, SystemClock  # noqa: PLC0415

        # Testing only: a station whose clock is wrong, to see units notice and correct.
        clock = CorrectedClock(SystemClock(), args.clock_offset)
    station = _open(args, limits=limits, clock=clock)  # migrates once, before any worker
    workers = args.workers or int(os.environ.get("RESPONDER_STATION_WORKERS") or 1)
    return serve(station, args.host, args.port, args.tls_cert, args.tls_key,
                 "debug" if args.verbose else "info", _companions(args, station),
                 workers=workers, database_url=database_url(args))


def _companions(args: argparse.Namespace, station: Any) -> list[Any]:
    """The demo dispatcher and the lease watch, when asked for; set up before the server
    listens, so the first health answer already finds the demo shift and a first call."""
    found: list[Any] = []
    if args.demo_unit:
        from civilian_responder.station import demo_dispatcher as demo  # noqa: PLC0415

        if args.demo_adopt:
            demo.adopt_calls(station, demo.read_adopt_file(args.demo_adopt), args.demo_unit)
        demo.seed_directory(station)
        pace = demo.DemoPace(args.demo_call_every, args.demo_review_after,
                             args.demo_return_every, args.demo_max_open)
        dispatcher = demo.DemoDispatcher(station, args.demo_unit, pace)
        dispatcher.tick()
        found.append(dispatcher)
        if args.demo_history:
            found.append(demo.DemoHistory(station, args.demo_unit, args.demo_history))
    if args.lease_dir:
        from civilian_responder.station.lease_watch import LeaseWatch  # noqa: PLC0415

        found.append(LeaseWatch(args.lease_dir))
    return found


def trusted_proxies(args: argparse.Namespace) -> tuple[str, ...]:
    """--trusted-proxy (repeatable), else $RESPONDER_STATION_TRUSTED_PROXIES (comma-separated)."""
    import ipaddress  # noqa: PLC0415

    from civilian_responder.station.errors import StationConfigError  # noqa: PLC0415

    given = args.trusted_proxy or os.environ.get("RESPONDER_STATION_TRUSTED_PROXIES",
                                                 "").split(",")
    found = []
    for item in (g.strip() for g in given):
        if not item:
            continue
        try:
            found.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise StationConfigError(f"--trusted-proxy {item!r} is not an address or network "
                                     "(e.g. 127.0.0.1 or 10.0.0.0/24)") from None
    return tuple(found)


def cmd_enroll_device(args: argparse.Namespace) -> int:
    code, expires = _open(args).devices.make_code(args.unit, args.ttl_hours)
    if args.json:
        _print_json({"unit_id": args.unit, "code": code, "expires_at": expires})
        return 0
    print(f"Enrollment code for {args.unit}: {code}")
    print(f"One use only; expires {expires}. Enter it in the app's 'Connect to station'.")
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    dev = _open(args).devices.revoke(args.device_id)
    print(f"Device {dev.id} ({dev.name}, unit {dev.unit_id}) revoked at {dev.revoked_at}")
    return 0


def cmd_list_devices(args: argparse.Namespace) -> int:
    devices = _open(args).devices.all()
    if args.json:
        _print_json([d.__dict__ for d in devices])
        return 0
    for d in devices:
        state = f"revoked {d.revoked_at}" if d.revoked_at else "active"
        seen = f"last sync {d.last_seen_at}" if d.last_seen_at else "never synced"
        print(f"{d.id}  {d.unit_id:<10} {d.name:<20} enrolled {d.enrolled_at}  {seen}  {state}")
    if not devices:
        print("No devices enrolled yet.")
    return 0


def cmd_create_admin_token(args: argparse.Namespace) -> int:
    days = None if args.days == 0 else args.days
    admin, token = _open(args).devices.create_admin_token(args.role, args.label or "", days)
    life = f"valid {args.days:g} days" if days else "never expires"
    print(f"{admin.role} token (id {admin.id}, {life}); shown once, store it safely:")
    print(token)
    return 0


def cmd_list_admin_tokens(args: argparse.Namespace) -> int:
    tokens = _open(args).devices.admin_tokens()
    if args.json:
        _print_json(tokens)
        return 0
    for t in tokens:
        state = f"revoked {t['revoked_at']}" if t["revoked_at"] else \
            f"expires {t['expires_at'] or 'never'}"
        print(f"{t['id']}  {t['role']:<10} {t['label']:<24} created {t['created_at']}  {state}")
    if not tokens:
        print("No admin tokens yet.")
    return 0


def cmd_revoke_admin_token(args: argparse.Namespace) -> int:
    _open(args).devices.revoke_admin_token(args.token_id)
    print(f"Admin token {args.token_id} revoked")
    return 0


def cmd_publish_checklist(args: argparse.Namespace) -> int:
    from civilian_responder.station.bodies import parse_json  # noqa: PLC0415

    try:
        definition = parse_json(Path(args.file).read_bytes(), "checklist definition")
    except OSError as exc:
        print(f"responder-station: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    done = _open(args).checklists.publish(definition)
    state = "published to every unit" if done["published"] else "already published"
    print(f"Checklist {done['id']} v{done['version']} {state}")
    return 0


def cmd_list_conflicts(args: argparse.Namespace) -> int:
    kept = _open(args).review.conflicts(args.limit)
    if args.json:
        _print_json(kept)
        return 0
    for c in kept:
        print(f"{c['received_at']}  {c['kind']:<15} {c['entity_id']}  device {c['device_id']}: "
              f"{c['reason']}")
    if not kept:
        print("No conflicts kept.")
    return 0


def _staff_password() -> str:
    """From $RESPONDER_STAFF_PASSWORD (scripts) or typed twice at a prompt, never an argument
    (an argument shows in the process list and the shell history)."""
    env = os.environ.get("RESPONDER_STAFF_PASSWORD")
    if env:
        return env
    first = getpass.getpass("Password for the new staff account: ")
    if getpass.getpass("Same password again: ") != first:
        from civilian_responder.station.errors import Invalid  # noqa: PLC0415

        raise Invalid("The two passwords differ; nothing was created")
    return first


def cmd_staff(args: argparse.Namespace) -> int:
    directory = _open(args).staff
    if args.action == "add":
        if not args.role:
            print("responder-station: staff add needs --role", file=sys.stderr)
            return 2
        member = directory.add(args.name, args.role, _staff_password(), actor="station-cli")
        print(f"Staff account {member.name} ({member.role}) created; sign in at /console/")
    elif args.action == "disable":
        member = directory.disable(args.name, actor="station-cli")
        print(f"Staff account {member.name} disabled; its sessions are ended")
    else:
        members = directory.list()
        if args.json:
            _print_json([vars(m) for m in members])
        for m in [] if args.json else members:
            state = f"disabled {m.disabled_at}" if m.disabled_at else "active"
            print(f"{m.name:24} {m.role:16} created {m.created_at}  {state}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="responder-station",
                                     description="The Responder station server and admin tools.")
    parser.add_argument("--version", action="version", version=f"responder-station {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add(sub, "init", cmd_init, "create or migrate the station database")
    _add(sub, "new-epoch", cmd_new_epoch, "after restoring a backup: make units re-send and "
         "re-pull")
    p = _add(sub, "serve", cmd_serve, "run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.add_argument("--tls-cert", type=Path, help="PEM certificate (chain) file")
    p.add_argument("--tls-key", type=Path, help="PEM private key file")
    p.add_argument("--enroll-limit", type=int, default=10,
                   help="failed enrollments per client address (and per code) per window")
    p.add_argument("--enroll-global-limit", type=int, default=120,
                   help="failed enrollments per window, all clients together")
    p.add_argument("--auth-failure-limit", type=int, default=60,
                   help="requests with a bad token per client address (and per token) per "
                        "window")
    p.add_argument("--trusted-proxy", action="append", metavar="ADDR",
                   help="a proxy (address or network) whose X-Forwarded-For names the client; "
                        "repeatable (default: $RESPONDER_STATION_TRUSTED_PROXIES, else none)")
    p.add_argument("--rate-window", type=int, default=300, help="rate-limit window in seconds")
    p.add_argument("--no-docs", action="store_true", help="do not serve the /docs HTML page")
    p.add_argument("--clock-offset", type=float, default=0.0, help=argparse.SUPPRESS)
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: "
                   "$RESPONDER_STATION_WORKERS, else 1); use PostgreSQL for more than one")
    _serve_demo_arguments(p)
    p = _add(sub, "enroll-device", cmd_enroll_device, "make a one-time enrollment code")
    p.add_argument("--unit", required=True, help="unit id, e.g. CSO-12")
    p.add_argument("--ttl-hours", type=float, default=None, help="code lifetime (default 24)")
    p.add_argument("--json", action="store_true")
    p = _add(sub, "revoke-device", cmd_revoke_device, "revoke a device's token")
    p.add_argument("device_id")
    p = _add(sub, "list-devices", cmd_list_devices, "list enrolled devices")
    p.add_argument("--json", action="store_true")
    p = _add(sub, "create-admin-token", cmd_create_admin_token, "make a supervisor or "
             "dispatcher API token")
    p.add_argument("--role", required=True, choices=["supervisor", "dispatcher"])
    p.add_argument("--label", help="who holds it (shown as reviewer / dispatcher)")
    p.add_argument("--days", type=float, default=90,
                   help="lifetime in days (default 90; 0 = never expires)")
    p = _add(sub, "list-admin-tokens", cmd_list_admin_tokens, "list admin tokens (not secrets)")
    p.add_argument("--json", action="store_true")
    p = _add(sub, "revoke-admin-token", cmd_revoke_admin_token, "revoke an admin token")
    p.add_argument("token_id")
    dispatch_cli.register(sub)
    program_cli.register(sub)
    people_cli.register(sub, _add, _open)
    _register_staff(sub)
    p = _add(sub, "publish-checklist", cmd_publish_checklist,
             "send a checklist definition (JSON) to every unit")
    p.add_argument("file")
    p = _add(sub, "list-conflicts", cmd_list_conflicts, "changes kept but not applied because "
             "they clashed with what the station had")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--json", action="store_true")
    return parser


def _serve_demo_arguments(p: argparse.ArgumentParser) -> None:
    """The embedded demo station (started by ``responder --demo``); see docs/station.md."""
    p.add_argument("--demo-unit", metavar="UNIT", help="demo: dispatch generated calls to this "
                   "unit and review its reports")
    p.add_argument("--demo-history", type=int, default=0, metavar="CALLS",
                   help="demo: generate this many past calls for the other units once, in the "
                        "background, so the metrics have data (default 0: none)")
    p.add_argument("--demo-call-every", type=float, default=180.0, metavar="SECONDS",
                   help="demo: a new call this often (default 180)")
    p.add_argument("--demo-review-after", type=float, default=45.0, metavar="SECONDS",
                   help="demo: review a submitted report after this long (default 45)")
    p.add_argument("--demo-return-every", type=int, default=3, metavar="N",
                   help="demo: return about one first submission in N for revision (default 3)")
    p.add_argument("--demo-max-open", type=int, default=6, metavar="N",
                   help="demo: no new call while the unit has N open (default 6; 0: no limit)")
    p.add_argument("--demo-adopt", type=Path, metavar="FILE",
                   help="demo: JSON list of the unit's offline demo calls to take over")
    p.add_argument("--lease-dir", type=Path, metavar="DIR", help="stop when no process holding "
                   "a lease in DIR is alive (how apps share the embedded demo station)")


def _register_staff(sub: Any) -> None:
    p = _add(sub, "staff", cmd_staff, "console staff accounts: add NAME --role R, list, "
             "disable NAME (password from a prompt or $RESPONDER_STAFF_PASSWORD)")
    p.add_argument("action", choices=["add", "list", "disable"])
    p.add_argument("name", nargs="?", default="")
    p.add_argument("--role", help="supervisor, clinical_supervisor (sees 42 CFR Part 2 data), "
                   "dispatcher, program_manager or admin")
    p.add_argument("--json", action="store_true")


def _unencodable_argument(args: argparse.Namespace) -> str | None:
    """The first argument that UTF-8 cannot encode (argv decodes bad bytes to surrogates)."""
    for name, value in vars(args).items():
        if isinstance(value, str) and name not in PATH_ARGUMENTS:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return name
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    quiet = logging.INFO if args.command == "serve" else logging.WARNING
    logging.basicConfig(level=logging.DEBUG if args.verbose else quiet,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    bad = _unencodable_argument(args)
    if bad:
        print(f"responder-station: --{bad.replace('_', '-')} is not valid text (undecodable "
              "bytes or a lone surrogate); check the argument's encoding", file=sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except UnicodeError:
        # Belt and braces: any text that cannot be stored ends as a message, not a traceback.
        print("responder-station: the input holds text that cannot be stored (invalid UTF-8 "
              "or a lone surrogate)", file=sys.stderr)
        return 2
    except ResponderError as exc:
        print(f"responder-station: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:  # e.g. the desktop install has no web stack
        return explain_missing(exc, "responder-station")
    except KeyboardInterrupt:
        return 130
