"""``responder followups list`` and ``responder people purge``: the unit's follow-ups, and the
retention purge of people data the station has had long enough."""

from __future__ import annotations

import argparse
import json
import sys

from civilian_responder.cli.options import add_signin_arguments
from civilian_responder.cli.signin import open_app_for_cli


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    f = subparsers.add_parser("followups", help="the unit's follow-ups (due today, overdue)")
    verbs = f.add_subparsers(dest="followups_command", metavar="ACTION", required=True)
    listing = verbs.add_parser("list", help="open follow-ups, soonest due first")
    listing.add_argument("--due", metavar="DATE", help="only those due by DATE (YYYY-MM-DD)")
    listing.add_argument("--json", action="store_true")
    add_signin_arguments(listing)
    listing.set_defaults(func=_cmd_list)
    p = subparsers.add_parser("people", help="people data on this laptop")
    verbs = p.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    purge = verbs.add_parser(
        "purge",
        help="remove people, contacts and follow-ups the station "
        "acknowledged more than N days ago (agency setting)",
    )
    purge.add_argument("--days", type=int, help="this laptop's own purge delay, used while "
                       "the station has sent no agency setting (retention_days)")
    add_signin_arguments(purge)
    purge.set_defaults(func=_cmd_purge)


def _cmd_list(args: argparse.Namespace) -> int:
    app = open_app_for_cli(args)
    try:
        today = app.clock.now().astimezone().date().isoformat()
        rows = app.people.follow_ups(args.due)
        names = {
            p.id: p.display_name
            for p in app.store.people.persons({f.person_id for f in rows if f.person_id})
        }
    finally:
        app.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": f.id,
                        "due_date": f.due_date,
                        "what": f.what,
                        "who": f.who,
                        "person": names.get(f.person_id or "", ""),
                        "call_id": f.call_id,
                        "attempts": len(f.attempts),
                    }
                    for f in rows
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    for f in rows:
        when = "OVERDUE" if f.due_date < today else "today" if f.due_date == today else ""
        person = names.get(f.person_id or "", "")
        print(
            f"{f.due_date}  {when:<7}  {f.what}"
            + (f"  \N{EM DASH} {person}" if person else "")
            + (f"  ({f.who})" if f.who else "")
            + (f"  [{len(f.attempts)} attempt(s)]" if f.attempts else "")
        )
    print(f"{len(rows)} open follow-up(s)")
    return 0


def _cmd_purge(args: argparse.Namespace) -> int:
    from civilian_responder.people.service import META_RETENTION_DAYS  # noqa: PLC0415

    app = open_app_for_cli(args)
    try:
        if args.days is not None:
            app.store.set_meta(META_RETENTION_DAYS, str(max(0, args.days)))
        removed = app.people.purge()
        days, source = app.people.retention()
    finally:
        app.close()
    where = {"station": "the agency setting from the station", "laptop": "this laptop's setting",
             "default": "the default"}[source]
    print(f"{removed} row(s) purged (station acknowledged more than {days} days ago; "
          f"{where})")
    if args.days is not None and source == "station":
        print(f"--days {args.days} is kept for this laptop but the station's agency setting "
              f"({days} days) applies", file=sys.stderr)
    return 0
