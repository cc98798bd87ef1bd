"""``responder-station`` for dispatch and the agency's reference data: calls (add, update, EIDO
in and out), the crew roster and the resource directory."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from civilian_responder.station.cli_common import add_command, open_from_args, print_json


def cmd_add_call(args: argparse.Namespace) -> int:
    fields = {"unit_id": args.unit, "type_code": args.type, "priority": args.priority,
              "address": args.address, "narrative": args.narrative or "",
              "caution_notes": args.caution or "", "caller_name": args.caller or "",
              "caller_phone": args.caller_phone or "", "received_at": args.received_at}
    call = open_from_args(args).create_call(fields, args.actor)
    print(f"Call {call['cad_number']} ({call['id']}) dispatched to {call['unit_id']}")
    return 0


def cmd_import_eido(args: argparse.Namespace) -> int:
    try:
        body = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"responder-station: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    call, created = open_from_args(args).import_eido(body, args.unit, args.actor)
    verb = "created" if created else "updated"
    print(f"Call {call['cad_number']} ({call['id']}) {verb} for {call['unit_id']}")
    return 0


def cmd_export_eido(args: argparse.Namespace) -> int:
    station = open_from_args(args)
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


def cmd_update_call(args: argparse.Namespace) -> int:
    from civilian_responder.station.storage.calls import CallUpdate  # noqa: PLC0415

    station = open_from_args(args)
    call_id = station.dispatch.resolve(args.call)
    change = CallUpdate(priority=args.priority, add_note=args.note, unit_id=args.reassign,
                        cancel=args.cancel, cancel_reason=args.reason or "")
    call = station.dispatch.update(call_id, change, args.actor)
    state = "cancelled" if call["cancelled"] else f"P{call['priority']}"
    print(f"Call {call['cad_number']} now {state}, unit {call['unit_id']}, "
          f"revision {call['station_revision']}")
    return 0


def cmd_directory(args: argparse.Namespace) -> int:
    station = open_from_args(args)
    if args.action in ("import", "set-beds", "retire") and not args.target:
        print(f"responder-station: directory {args.action} needs "
              f"{'a FILE' if args.action == 'import' else 'a resource ID'}", file=sys.stderr)
        return 2
    if args.action == "import":
        return _directory_import(station, args.target)
    if args.action == "list":
        rows = station.directory.list(args.kind)
        if args.json:
            print_json(rows)
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


def cmd_roster(args: argparse.Namespace) -> int:
    """``roster import FILE``: add or update people (bad rows named, the rest kept);
    ``roster list``: who is on the roster."""
    station = open_from_args(args)
    if args.action == "list":
        people = station.roster.people()
        if args.json:
            print_json(people)
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



def register(sub: Any) -> None:
    """add-call, import-eido, export-eido, update-call, roster, directory."""
    p = add_command(sub, "add-call", cmd_add_call, "create a call and dispatch it to a unit")
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
    p = add_command(sub, "import-eido", cmd_import_eido, "import a NENA EIDO JSON incident")
    p.add_argument("file")
    p.add_argument("--unit", help="unit to assign a new incident to")
    p.add_argument("--actor", default="dispatch")
    p = add_command(sub, "export-eido", cmd_export_eido,
                    "the EIDO status and disposition documents "
                    "sent back to CAD, for one call or since a time (docs/cad.md)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("call", nargs="?", help="call id or CAD number")
    which.add_argument("--since", metavar="T", help="documents published at or after T "
                       "(ISO-8601, e.g. 2026-12-01T00:00:00Z)")
    p.add_argument("--documents-only", action="store_true",
                   help="just the EIDO documents, without cursor and kind")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p = add_command(sub, "update-call", cmd_update_call,
                    "change priority, add a note, reassign or "
                    "cancel a call")
    p.add_argument("call", help="call id or CAD number")
    p.add_argument("--priority", type=int)
    p.add_argument("--note", help="add a dispatcher note")
    p.add_argument("--reassign", metavar="UNIT")
    p.add_argument("--cancel", action="store_true")
    p.add_argument("--reason", help="why the call is cancelled")
    p.add_argument("--actor", default="dispatch")
    p = add_command(sub, "roster", cmd_roster, "the agency's roster of crew members, sent to units")
    p.add_argument("action", choices=["import", "list"])
    p.add_argument("file", nargs="?", help="roster CSV: person_id,name,roles[,active]")
    p.add_argument("--json", action="store_true")
    p = add_command(sub, "directory", cmd_directory,
                    "the resource directory units search offline: "
                    "import FILE (CSV or JSON), list, set-beds ID N, retire ID (docs/station.md)")
    p.add_argument("action", choices=["import", "list", "set-beds", "retire"])
    p.add_argument("target", nargs="?", help="FILE for import; resource ID for set-beds, retire")
    p.add_argument("beds", nargs="?", type=int, help="set-beds: beds open now")
    p.add_argument("--as-of", help="set-beds: when the count was taken (default now)")
    p.add_argument("--kind", help="list: only this kind (e.g. SHELTER)")
    p.add_argument("--json", action="store_true")

