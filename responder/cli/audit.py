"""``responder audit verify`` and ``responder audit list``."""

from __future__ import annotations

import argparse
import sys

from civilian_responder.cli.options import add_signin_arguments
from civilian_responder.cli.signin import open_app_for_cli


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]

    audit = subparsers.add_parser("audit", help="check or list the audit trail")
    verbs = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = verbs.add_parser("verify", help="check the hash chain; exit 1 naming the first "
                                             "bad row")
    add_signin_arguments(verify)
    verify.set_defaults(func=_cmd_verify)
    listing = verbs.add_parser("list", help="print the newest audit rows")
    add_signin_arguments(listing)
    listing.add_argument("--limit", type=int, default=50)
    listing.set_defaults(func=_cmd_list)


def _cmd_verify(args: argparse.Namespace) -> int:

    app = open_app_for_cli(args)
    try:
        check = app.audit.verify()
        app.audit.record("audit.verify", "", "ok" if check.ok else "alert", check.problem)
    finally:
        app.close()
    if check.ok:
        print(f"audit trail OK: {check.rows} rows, chain intact")
        return 0
    print(f"audit trail BROKEN: {check.problem}", file=sys.stderr)
    return 1


def _cmd_list(args: argparse.Namespace) -> int:

    app = open_app_for_cli(args)
    try:
        for e in reversed(app.audit.entries(args.limit, newest_first=True)):
            print(f"{e.seq:6d} {e.at} {e.actor:<16} {e.action:<20} {e.outcome:<7} {e.target}"
                  f"{'  ' + e.detail if e.detail else ''}")
    finally:
        app.close()
    return 0
