"""``responder-station``: set up, serve and administer a station.

Admin commands work on the database directly (same rules as the API, through ``Station``), so
they run on the station host without a token.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from civilian_responder import __version__
from civilian_responder.errors import ResponderError
from civilian_responder.extras import explain_missing
from civilian_responder.station import people_cli
from civilian_responder.station.part2_access import OPERATOR

DEFAULT_PORT = 8470
# File names reach the OS as given (it round-trips undecodable bytes); everything else is text.
PATH_ARGUMENTS = ("file", "database", "data_dir", "target")


def default_data_dir() -> Path:
    env = os.environ.get("RESPONDER_STATION_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_dir  # noqa: PLC0415

    return Path(user_data_dir("responder-station", appauthor=False))


def database_url(args: argparse.Namespace) -> str:
    if args.database:
        return str(args.database)
    env = os.environ.get("RESPONDER_STATION_DATABASE")
    if env:
        return env
    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    return str(data_dir / "station.db")


def _open(args: argparse.Namespace, **kwargs: Any) -> Any:
    from civilian_responder.station.service import open_station  # noqa: PLC0415

    return open_station(database_url(args), **kwargs)


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


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


def cmd_add_call(args: argparse.Namespace) -> int:
    fields = {"unit_id": args.unit, "type_code": args.type, "priority": args.priority,
              "address": args.address, "narrative": args.narrative or "",
              "caution_notes": args.caution or "", "caller_name": args.caller or "",
              "caller_phone": args.caller_phone or "", "received_at": args.received_at}
    call = _open(args).create_call(fields, args.actor)
    print(f"Call {call['cad_number']} ({call['id']}) dispatched to {call['unit_id']}")
    return 0


def cmd_import_eido(args: argparse.Namespace) -> int:
    try:
        body = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"responder-station: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    call, created = _open(args).import_eido(body, args.unit, args.actor)
    verb = "created" if created else "updated"
    print(f"Call {call['cad_number']} ({call['id']}) {verb} for {call['unit_id']}")
    return 0


def cmd_export_eido(args: argparse.Namespace) -> int:
    station = _open(args)
    if args.call:
        entries = station.eido.select(call_id=station.dispatch.resolve(args.call))
    else:
        entries = station.eido.select(since=args.since)
    text = json.dumps([e["document"] for e in entries] if args.documents_only else entries,
                      indent=2, ensure_ascii=False)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"Wrote {len(entries):,} EIDO documents to {args.output}", file=sys.stderr)
    else:
        print(text)
    waiting = station.eido.pending()
    if waiting:
        print(f"responder-station: {len(waiting)} EIDO document(s) not sent because they fail "
              f"the schema (retried automatically); first: {waiting[0]['last_error']}",
              file=sys.stderr)
    return 0


def cmd_directory(args: argparse.Namespace) -> int:
    station = _open(args)
    if args.action in ("import", "set-beds", "retire") and not args.target:
        print(f"responder-station: directory {args.action} needs "
              f"{'a FILE' if args.action == 'import' else 'a resource ID'}", file=sys.stderr)
        return 2
    if args.action == "import":
        return _directory_import(station, args.target)
    if args.action == "list":
        rows = station.directory.list(args.kind)
        if args.json:
            _print_json(rows)
            return 0
        for r in rows:
            beds = "" if r["beds_open"] is None else (
                f"  beds {r['beds_open']} as of {r['beds_as_of']}")
            print(f"{r['id']:<32} {r['kind']:<18} {r['name']}  {r['phone']}{beds}")
        print(f"{len(rows):,} resources", file=sys.stderr)
        return 0
    if args.action == "retire":
        done = station.directory.retire(args.target)
        print(f"{done['name']} retired: units drop it at their next sync")
        return 0
    if args.beds is None:
        print("responder-station: directory set-beds needs ID and N (beds open)", file=sys.stderr)
        return 2
    from civilian_responder.station.directory import RowError, as_of_time  # noqa: PLC0415
    from civilian_responder.station.errors import Invalid  # noqa: PLC0415

    try:
        as_of = as_of_time(args.as_of, station.clock.now())
    except RowError as exc:
        raise Invalid(str(exc)) from None
    done = station.directory.set_beds(args.target, args.beds, as_of)
    print(f"{done['name']}: {done['beds_open']} beds open as of {done['beds_as_of']}")
    return 0


def _directory_import(station: Any, file: str) -> int:
    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        print(f"responder-station: cannot read {file}: {exc.strerror}", file=sys.stderr)
        return 2
    done, bad = station.import_directory(data, file)
    for line in bad:
        print(f"responder-station: {file}: {line} (left out)", file=sys.stderr)
    print(f"Directory: {done.added:,} added, {done.updated:,} updated, {done.unchanged:,} "
          f"unchanged, {len(bad):,} bad rows left out")
    return 1 if bad else 0


def cmd_update_call(args: argparse.Namespace) -> int:
    from civilian_responder.station.storage.calls import CallUpdate  # noqa: PLC0415

    station = _open(args)
    call_id = station.dispatch.resolve(args.call)
    change = CallUpdate(priority=args.priority, add_note=args.note, unit_id=args.reassign,
                        cancel=args.cancel, cancel_reason=args.reason or "")
    call = station.dispatch.update(call_id, change, args.actor)
    state = "cancelled" if call["cancelled"] else f"P{call['priority']}"
    print(f"Call {call['cad_number']} now {state}, unit {call['unit_id']}, "
          f"revision {call['station_revision']}")
    return 0


def cmd_roster(args: argparse.Namespace) -> int:
    """``roster import FILE``: add or update people (bad rows named, the rest kept);
    ``roster list``: who is on the roster."""
    station = _open(args)
    if args.action == "list":
        people = station.roster.people()
        if args.json:
            _print_json(people)
            return 0
        for p in people:
            state = "" if p["active"] else "  (inactive)"
            print(f"{p['person_id']:<12} {p['name']:<32} {', '.join(p['role_codes'])}{state}")
        print(f"{len(people)} people on the roster")
        return 0
    if not args.file:
        print("responder-station: roster import needs a FILE (CSV)", file=sys.stderr)
        return 2
    try:
        text = Path(args.file).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        print(f"responder-station: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"responder-station: {args.file} is not UTF-8 text", file=sys.stderr)
        return 2
    done = station.roster.import_text(text)
    for problem in done.problems:
        print(f"skipped {problem}", file=sys.stderr)
    print(f"Roster: {done.added} added, {done.updated} updated, {done.unchanged} unchanged, "
          f"{len(done.problems)} rows skipped; units get the changes at their next sync")
    return 1 if done.problems else 0


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


def cmd_review(args: argparse.Namespace) -> int:
    review = _open(args).review
    if args.action == "list":
        found = review.list_reports(None if args.state == "all" else args.state)
        if args.json:
            _print_json(found)
        for r in [] if args.json else found:
            print(f"{r['id']}  {r['report_number']} v{r['version']}  {r['unit_id']:<10} "
                  f"{r['state']:<10} submitted {r['submitted_at']}")
        if not found and not args.json:
            print(f"No {args.state} reports.")
        return 0
    if not args.report_id:
        print("responder-station: say which report (its id)", file=sys.stderr)
        return 2
    if args.action == "show":
        _print_json(review.show(args.report_id))
        return 0
    decision = "approve" if args.action == "approve" else "return"
    done = review.decide(args.report_id, decision, args.comment or "", args.reviewer)
    print(f"Report {done['report_number']} v{done['version']} {done['decision']}; the unit "
          "sees it at its next sync")
    return 0


def _scope(args: argparse.Namespace, station: Any) -> Any:
    from civilian_responder.station.metrics.scope import make_scope  # noqa: PLC0415

    return make_scope(station.engine, station.reference, args.date_from, args.date_to,
                      args.unit or (), args.call_type or (), args.unfinished_hours)


def cmd_metrics(args: argparse.Namespace) -> int:
    from civilian_responder.station.metrics import render  # noqa: PLC0415

    station = _open(args)
    result = station.metrics.compute(_scope(args, station))
    if args.format == "json":
        _print_json(result)
    elif args.format == "csv":
        sys.stdout.write(render.to_csv(result))
    elif args.format == "table":
        print(render.to_table(result, station.reference))
    else:
        data = render.to_pdf(result, station.reference)
        target = Path(args.output or f"metrics-{args.date_from}-{args.date_to}.pdf")
        target.write_bytes(data)
        print(f"Wrote {target} ({len(data):,} bytes)")
    if result["empty"] and args.format != "table":
        print(f"responder-station: {result['notes'][0]}", file=sys.stderr)
    return 0


def cmd_report_pdf(args: argparse.Namespace) -> int:
    from civilian_responder.station.console.report_document import to_pdf  # noqa: PLC0415

    role = OPERATOR if args.include_part2 else None
    data, name = to_pdf(_open(args), args.report_id, role)
    target = Path(args.output or name)
    target.write_bytes(data)
    print(f"Wrote {target} ({len(data):,} bytes)")
    print(_part2_said(args.include_part2), file=sys.stderr)
    return 0


def _part2_said(included: bool) -> str:
    return (
        "42 CFR Part 2 data included (--include-part2): keep this file where only people "
        "allowed to see substance-use treatment data can read it"
        if included
        else "42 CFR Part 2 data withheld (tagged values left out, each row or page says what); "
        "--include-part2 keeps them"
    )


def cmd_export(args: argparse.Namespace) -> int:
    from civilian_responder.station.metrics.export import write_csv  # noqa: PLC0415

    station = _open(args)
    scope = _scope(args, station)
    role = OPERATOR if args.include_part2 else None
    if args.output:
        with open(args.output, "w", newline="", encoding="utf-8") as out:
            n = write_csv(args.what, station.engine, station.reference, scope, out, role)
        print(f"Wrote {n:,} {args.what} rows to {args.output}", file=sys.stderr)
    else:
        write_csv(args.what, station.engine, station.reference, scope, sys.stdout, role)
    if args.what == "reports":
        print(_part2_said(args.include_part2), file=sys.stderr)
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from civilian_responder.station.demo_data import DemoData  # noqa: PLC0415

    station = _open(args)
    step = max(1, args.calls // 10)

    def progress(done: int) -> None:
        if done % step < 250 or done == args.calls:
            print(f"  {done:,} of {args.calls:,} calls", file=sys.stderr)

    made = DemoData(station, args.seed, args.year).run(args.calls, progress)
    print(f"Generated {made.calls:,} calls in {made.year} for {', '.join(made.units)}: "
          f"{made.reports:,} reports ({made.approved:,} approved, {made.returned:,} returned). "
          "Generated data only: no real people, places or calls.")
    return 0


def _register_metrics(sub: Any) -> None:
    def period(p: argparse.ArgumentParser, required: bool = True) -> None:
        p.add_argument("--from", dest="date_from", required=required, default="2000-01-01",
                       metavar="DATE", help="first day, YYYY-MM-DD (UTC)")
        p.add_argument("--to", dest="date_to", required=required, default="2099-12-31",
                       metavar="DATE", help="last day, YYYY-MM-DD (UTC), included")
        p.add_argument("--unit", action="append", metavar="U", help="only this unit (repeat)")
        p.add_argument("--call-type", action="append", metavar="T",
                       help="only this call type code (repeat)")
        p.add_argument("--unfinished-hours", type=int, default=24,
                       help="data quality: a call cleared this long ago needs a report")

    p = _add(sub, "metrics", cmd_metrics, "program metrics for a period (docs/metrics.md)")
    period(p)
    p.add_argument("--format", choices=["table", "csv", "json", "pdf"], default="table")
    p.add_argument("--output", "-o", help="PDF file (default metrics-FROM-TO.pdf)")
    p = _add(sub, "report-pdf", cmd_report_pdf, "a report's Field Contact Report PDF, as the "
             "station holds it (needs the reports extra)")
    p.add_argument("report_id", metavar="REPORT_ID")
    p.add_argument("--output", "-o", help="PDF file (default report-NUMBER-vVERSION.pdf)")
    p.add_argument("--include-part2", action="store_true", help="keep values tagged under 42 "
                   "CFR Part 2 (left out by default; the PDF says what was withheld)")
    p = _add(sub, "export", cmd_export, "the flat records the metrics are computed from")
    p.add_argument("what", choices=["reports", "calls"])
    p.add_argument("--format", choices=["csv"], default="csv")
    p.add_argument("--include-part2", action="store_true", help="reports: keep values tagged "
                   "under 42 CFR Part 2 (left out by default; column part2_withheld says what)")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    period(p, required=False)
    p = _add(sub, "demo-data", cmd_demo_data, "fill the station with a generated year of "
             "calls, timelines and reports (generated data only)")
    p.add_argument("--calls", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--year", type=int, help="the year to generate (default: last year)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database", help="database URL or SQLite file (default: "
                   "$RESPONDER_STATION_DATABASE, else station.db in the data dir)")
    p.add_argument("--data-dir", help="station data directory (default: $RESPONDER_STATION_HOME "
                   "or the user data dir)")
    p.add_argument("-v", "--verbose", action="store_true", help="log debug messages")


def _add(sub: Any, name: str, func: Any, help_text: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    _common(p)
    p.set_defaults(func=func)
    return p


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
    _register_dispatch(sub)
    _register_metrics(sub)
    people_cli.register(sub, _add, _open)
    _register_staff(sub)
    p = _add(sub, "roster", cmd_roster, "the agency's roster of crew members, sent to units")
    p.add_argument("action", choices=["import", "list"])
    p.add_argument("file", nargs="?", help="roster CSV: person_id,name,roles[,active]")
    p.add_argument("--json", action="store_true")
    p = _add(sub, "publish-checklist", cmd_publish_checklist,
             "send a checklist definition (JSON) to every unit")
    p.add_argument("file")
    p = _add(sub, "list-conflicts", cmd_list_conflicts, "changes kept but not applied because "
             "they clashed with what the station had")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--json", action="store_true")
    p = _add(sub, "directory", cmd_directory, "the resource directory units search offline: "
             "import FILE (CSV or JSON), list, set-beds ID N, retire ID (docs/station.md)")
    p.add_argument("action", choices=["import", "list", "set-beds", "retire"])
    p.add_argument("target", nargs="?", help="FILE for import; resource ID for set-beds, retire")
    p.add_argument("beds", nargs="?", type=int, help="set-beds: beds open now")
    p.add_argument("--as-of", help="set-beds: when the count was taken (default now)")
    p.add_argument("--kind", help="list: only this kind (e.g. SHELTER)")
    p.add_argument("--json", action="store_true")
    p = _add(sub, "review", cmd_review, "supervisor review of submitted reports")
    p.add_argument("action", choices=["list", "show", "approve", "return"])
    p.add_argument("report_id", nargs="?")
    p.add_argument("--state", default="submitted",
                   choices=["submitted", "approved", "returned", "superseded", "all"])
    p.add_argument("--comment", help="review comment (required to return)")
    p.add_argument("--reviewer", default=getpass.getuser())
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


def _register_dispatch(sub: Any) -> None:
    p = _add(sub, "add-call", cmd_add_call, "create a call and dispatch it to a unit")
    p.add_argument("--unit", required=True)
    p.add_argument("--type", required=True, help="call type code, e.g. WELCK")
    p.add_argument("--priority", type=int, required=True, help="1 (most urgent) to 6")
    p.add_argument("--address", required=True)
    p.add_argument("--narrative")
    p.add_argument("--caution", help="caution notes for the responders")
    p.add_argument("--caller", help="caller name")
    p.add_argument("--caller-phone")
    p.add_argument("--received-at", help="when CAD received the call (ISO-8601 with zone)")
    p.add_argument("--actor", default="dispatch")
    p = _add(sub, "import-eido", cmd_import_eido, "import a NENA EIDO JSON incident")
    p.add_argument("file")
    p.add_argument("--unit", help="unit to assign a new incident to")
    p.add_argument("--actor", default="dispatch")
    p = _add(sub, "export-eido", cmd_export_eido, "the EIDO status and disposition documents "
             "sent back to CAD, for one call or since a time (docs/cad.md)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("call", nargs="?", help="call id or CAD number")
    which.add_argument("--since", metavar="T", help="documents published at or after T "
                       "(ISO-8601, e.g. 2026-12-01T00:00:00Z)")
    p.add_argument("--documents-only", action="store_true",
                   help="just the EIDO documents, without cursor and kind")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p = _add(sub, "update-call", cmd_update_call, "change priority, add a note, reassign or "
             "cancel a call")
    p.add_argument("call", help="call id or CAD number")
    p.add_argument("--priority", type=int)
    p.add_argument("--note", help="add a dispatcher note")
    p.add_argument("--reassign", metavar="UNIT")
    p.add_argument("--cancel", action="store_true")
    p.add_argument("--reason", help="why the call is cancelled")
    p.add_argument("--actor", default="dispatch")


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
