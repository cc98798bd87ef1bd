"""``responder directory search WORDS...`` and ``responder directory handout ID... -o FILE``:
the offline resource directory the station synced to this profile."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from civilian_responder.cli.options import add_signin_arguments
from civilian_responder.cli.signin import open_app_for_cli
from civilian_responder.errors import StorageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "directory", help="search the offline resource directory or write the person's handout PDF"
    )
    sub = parser.add_subparsers(dest="directory_command", metavar="ACTION", required=True)
    search = sub.add_parser(
        "search",
        help="resources matching every word (name, kind, address, language, eligibility, phone)",
    )
    search.add_argument("words", nargs="*", metavar="WORD")
    search.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="only this resource kind, e.g. SHELTER (repeatable)",
    )
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true")
    add_signin_arguments(search)
    search.set_defaults(func=run_search)
    handout = sub.add_parser(
        "handout", help="the one-page handout PDF for the chosen resources (up to six)"
    )
    handout.add_argument("ids", nargs="+", metavar="ID")
    handout.add_argument("--output", "-o", type=Path, required=True, metavar="FILE")
    add_signin_arguments(handout)
    handout.set_defaults(func=run_handout)


def run_search(args: argparse.Namespace) -> int:
    app = open_app_for_cli(args)
    try:
        found = app.directory.search(" ".join(args.words), tuple(args.kind or ()), args.limit)
        if args.json:
            print(json.dumps([asdict(r) for r in found], indent=2, ensure_ascii=False))
            return 0
        for r in found:
            beds = app.directory.beds_text(r)
            print(
                f"{r.id:<28} {app.directory.kind_label(r):<30} {r.name}  {r.phone}"
                + (f"  [{beds}]" if beds else "")
            )
        total = app.directory.count()
        print(
            f"{len(found)} of {total} resources"
            if total
            else "No directory yet: sync with the station first",
            file=sys.stderr,
        )
        return 0
    finally:
        app.close()


def run_handout(args: argparse.Namespace) -> int:
    app = open_app_for_cli(args)
    try:
        data = app.directory.handout(args.ids)
    finally:
        app.close()
    try:
        args.output.write_bytes(data)
    except OSError as exc:
        raise StorageError(f"Cannot write {args.output}: {exc.strerror}") from exc
    print(f"Handout written to {args.output}", file=sys.stderr)
    return 0
