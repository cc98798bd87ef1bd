"""``responder-station persons …`` and ``followups …``: merges, lists, merge conflicts."""

from __future__ import annotations

import argparse
import getpass
import json
from collections.abc import Callable
from typing import Any

Opener = Callable[[argparse.Namespace], Any]


def register(sub: Any, add: Callable[..., argparse.ArgumentParser], open_station: Opener) -> None:
    p = add(
        sub,
        "persons",
        lambda a: _persons(a, open_station),
        "known people: merge two into one (reaches units at their next sync), list, "
        "merge conflicts",
    )
    p.add_argument("action", choices=["merge", "list", "conflicts", "outreach"])
    p.add_argument(
        "ids",
        nargs="*",
        metavar="ID",
        help="merge: KEEP GONE (GONE becomes KEEP); list: an optional name part",
    )
    p.add_argument("--actor", default=getpass.getuser())
    p.add_argument("--from", dest="start", metavar="DATE", help="outreach: period start")
    p.add_argument("--to", dest="end", metavar="DATE", help="outreach: period end (exclusive)")
    p.add_argument("--json", action="store_true")
    register_settings(sub, add, open_station)
    p = add(
        sub, "followups", lambda a: _followups(a, open_station), "follow-ups by unit and due date"
    )
    p.add_argument("action", choices=["list"])
    p.add_argument("--unit", help="only this unit's")
    p.add_argument("--due", metavar="DATE", help="only those due by DATE (YYYY-MM-DD)")
    p.add_argument("--state", default="open", choices=["open", "done", "cancelled", "all"])
    p.add_argument("--json", action="store_true")


def register_settings(
    sub: Any, add: Callable[..., argparse.ArgumentParser], open_station: Opener
) -> None:
    p = add(
        sub,
        "settings",
        lambda a: _settings(a, open_station),
        "agency settings: list, get NAME, set NAME VALUE (retention_days reaches units at "
        "their next sync; part2_roles: console roles that see 42 CFR Part 2 data)",
    )
    p.add_argument("action", choices=["list", "get", "set"])
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("value", nargs="?", metavar="VALUE")
    p.add_argument("--actor", default=getpass.getuser())
    p.add_argument("--json", action="store_true")


def _settings(args: argparse.Namespace, open_station: Opener) -> int:
    station = open_station(args)
    if args.action == "list":
        rows = station.settings.all()
        if args.json:
            print(json.dumps(rows, indent=2))
            return 0
        for r in rows:
            where = "units and station" if r["to_units"] else "station"
            mark = "" if r["set"] else " (default)"
            print(f"{r['name']} = {r['value']}{mark}  [{where}] {r['help']}")
        return 0
    if not args.name:
        print(f"responder-station: settings {args.action} needs a setting NAME")
        return 2
    if args.action == "get":
        print(station.settings.get(args.name))
        return 0
    if args.value is None:
        print("responder-station: settings set needs NAME and VALUE")
        return 2
    done = station.settings.set(args.name, args.value, args.actor)
    station.staff.record(
        args.actor, "setting.set", args.name, f"{done['previous']} -> {done['value']}", "cli"
    )
    units = " (units get it at their next sync)" if args.name == "retention_days" else ""
    print(f"{args.name} = {done['value']} (was {done['previous']}){units}")
    return 0


def _persons(args: argparse.Namespace, open_station: Opener) -> int:
    people = open_station(args).people
    if args.action == "merge":
        if len(args.ids) != 2:
            print("responder-station: persons merge needs KEEP and GONE ids")
            return 2
        done = people.merge(args.ids[0], args.ids[1], args.actor)
        print(
            json.dumps(done, indent=2)
            if args.json
            else f"{done['merged']} merged into {done['into']} "
            f"({done['person']['display_name']}); units see it at their next sync"
        )
        return 0
    if args.action == "outreach":
        return _outreach(args, open_station)
    rows = (
        people.merge_conflicts()
        if args.action == "conflicts"
        else people.list_persons(" ".join(args.ids))
    )
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.action == "conflicts":
        for r in rows:
            print(f"{r['received_at']}  person {r['person_id']}  {r['reason']}")
        print(f"{len(rows)} merge conflict(s): edits made offline to merged people, kept")
    else:
        for r in rows:
            merged = f"  merged into {r['merged_into']}" if r["merged_into"] else ""
            print(
                f"{r['id']}  {r['display_name']}  {r['age_range']}  "
                f"last seen {r['last_seen_at'] or '-'}{merged}"
            )
    return 0


def _outreach(args: argparse.Namespace, open_station: Opener) -> int:
    """New vs repeat connections made on outreach (no 911 call) in a period."""
    from civilian_responder.station.metrics.outreach import outreach_figures  # noqa: PLC0415

    if not args.start or not args.end:
        print("responder-station: persons outreach needs --from and --to")
        return 2
    figures = outreach_figures(open_station(args).engine, args.start, args.end)
    if args.json:
        print(json.dumps(figures.as_dict(), indent=2))
        return 0
    f = figures
    print(
        f"Outreach {f.start} to {f.end}: {f.contacts} contact(s), {f.people} people: "
        f"{f.new_connections} new connection(s), {f.repeat_connections} repeat"
    )
    for label, counts in (("offered", f.offered), ("accepted", f.accepted), ("shelter", f.shelter)):
        if counts:
            print(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


def _followups(args: argparse.Namespace, open_station: Opener) -> int:
    rows = open_station(args).people.follow_ups(args.unit, args.due, args.state)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        print(
            f"{r['due_date']}  {r['unit_id']:<10} {r['state']:<9} {r['what']}"
            + (f"  ({r['who']})" if r["who"] else "")
        )
    print(f"{len(rows)} follow-up(s)")
    return 0
