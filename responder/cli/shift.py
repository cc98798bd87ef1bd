"""``responder shift start|end|show``: crew log-on and log-off without the window."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from civilian_responder.cli.options import add_signin_arguments
from civilian_responder.cli.signin import open_app_for_cli
from civilian_responder.clock import parse_iso
from civilian_responder.errors import ValidationError

if TYPE_CHECKING:  # annotations only: parsing `responder` stays light
    from civilian_responder.models import Shift, ShiftTotals


def register(subparsers: Any) -> None:
    shift = subparsers.add_parser(
        "shift", help="start, end or show the unit's shift (crew, vehicle, mileage)"
    )
    sub = shift.add_subparsers(dest="shift_command", metavar="ACTION", required=True)
    start = sub.add_parser("start", help="log the crew on")
    start.add_argument(
        "--crew",
        action="append",
        required=True,
        metavar="WHO",
        help="a roster person id (P123, or P123=ROLE for another of their "
        "roles), or Name/ROLE for someone not on the roster (flagged); "
        "repeat for each crew member",
    )
    start.add_argument("--vehicle", required=True, help="vehicle, e.g. VAN-3")
    start.add_argument("--mileage", type=int, required=True, help="odometer at the start")
    end = sub.add_parser("end", help="log the crew off")
    end.add_argument("--mileage", type=int, required=True, help="odometer at the end")
    end.add_argument(
        "--at",
        help="correction: when the shift really ended (ISO time, e.g. "
        "2026-12-01T23:30), for a shift left open",
    )
    end.add_argument("--note", default="", help="correction: why the end is entered afterwards")
    show = sub.add_parser("show", help="the open shift (or the last one) and its totals")
    roster = sub.add_parser("roster", help="the roster as last synced from the station")
    for p in (start, end, show, roster):
        add_signin_arguments(p)
        p.add_argument("--json", action="store_true")
    start.set_defaults(func=start_command)
    end.set_defaults(func=end_command)
    show.set_defaults(func=show_command)
    roster.set_defaults(func=roster_command)


def start_command(args: argparse.Namespace) -> int:
    app = open_app_for_cli(args)
    try:
        crew = [app.shifts.crew_member(spec) for spec in args.crew]
        shift = app.shifts.start(crew, args.vehicle, args.mileage)
        _print(args, shift, app.shifts.totals(shift), app.reference)
    finally:
        app.close()
    return 0


def end_command(args: argparse.Namespace) -> int:
    app = open_app_for_cli(args)
    try:
        at = _when(args.at) if args.at else None
        shift, totals = app.shifts.end(args.mileage, at, args.note)
        _print(args, shift, totals, app.reference)
    finally:
        app.close()
    return 0


def show_command(args: argparse.Namespace) -> int:
    app = open_app_for_cli(args)
    try:
        shift = app.shifts.current() or app.shifts.last()
        if shift is None:
            print("No shift yet: start one with `responder shift start`", file=sys.stderr)
            return 1
        _print(
            args,
            shift,
            app.shifts.totals(shift),
            app.reference,
            unit_status=app.calls.unit_status(),
        )
    finally:
        app.close()
    return 0


def roster_command(args: argparse.Namespace) -> int:
    app = open_app_for_cli(args)
    try:
        people = app.shifts.roster()
    finally:
        app.close()
    if args.json:
        print(json.dumps([asdict(p) for p in people], indent=2, ensure_ascii=False))
        return 0
    for p in people:
        print(f"{p.person_id:<12} {p.name:<32} {', '.join(p.role_codes)}")
    print(f"{len(people)} people on the roster")
    return 0


def _when(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(
            "--at must be an ISO time such as 2026-12-01T23:30", {"ended_at": text}
        ) from None
    if value.tzinfo is None:
        value = value.astimezone()  # local wall-clock time, as the crew remembers it
    return value


def _print(
    args: argparse.Namespace,
    shift: Shift,
    totals: ShiftTotals,
    ref: Any,
    unit_status: str | None = None,
) -> None:
    if args.json:
        out: dict[str, Any] = {"shift": asdict(shift), "totals": asdict(totals)}
        if unit_status:
            out["unit_status"] = unit_status
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return
    started = parse_iso(shift.started_at).astimezone().strftime("%Y-%m-%d %H:%M")
    ended = (
        parse_iso(shift.ended_at).astimezone().strftime("%Y-%m-%d %H:%M")
        if shift.ended_at
        else "open"
    )
    print(f"Shift {shift.id[:8]}  {shift.vehicle}  {started} \u2192 {ended}")
    for m in shift.crew:
        flag = "" if m.on_roster else "  [not on roster]"
        print(f"  {m.name} ({ref.crew_roles.label(m.role_code)}){flag}")
    miles = f", {totals.miles} miles" if totals.miles is not None else ""
    print(
        f"  {totals.hours:.2f} h, {totals.calls} calls, {totals.time_on_task_minutes} min on "
        f"task{miles}"
    )
    if shift.correction_note:
        print(f"  correction: {shift.correction_note}")
    if unit_status:
        print(f"  unit: {ref.unit_states.label(unit_status)}")
