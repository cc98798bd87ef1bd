"""``responder export-pdf`` and ``print-pdf``: the same export and print the app does, headless."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from civilian_responder.cli.options import add_signin_arguments
from civilian_responder.cli.signin import open_app_for_cli
from civilian_responder.errors import NotFoundError, PrintError, ValidationError

if TYPE_CHECKING:
    from civilian_responder.app import ResponderApp
    from civilian_responder.pdf.snapshot import ReportSnapshot


def register(subparsers: argparse._SubParsersAction) -> None:

    p = subparsers.add_parser(
        "export-pdf", help="write report PDFs to a folder",
        description="Write report PDFs as <report_number>-v<version>.pdf into OUTDIR.",
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--report", metavar="ID",
                       help="one report: its id, or its number (latest version)")
    which.add_argument("--all", action="store_true", help="every report and every version")
    p.add_argument("--password-env", metavar="VAR",
                   help="encrypt with AES-256 using the password in this environment variable")
    p.add_argument("--police-copy", action="store_true",
                   help="the police copy: leaves out substance-use treatment data (42 CFR "
                        "Part 2) and says what was withheld; written as ...-police-copy.pdf")
    # SUPPRESS so a --profile given before the subcommand is not overwritten with None.
    add_signin_arguments(p)  # --profile and --officer; the passphrase is asked for
    p.add_argument("outdir", type=Path, metavar="OUTDIR")
    p.set_defaults(func=run)

    q = subparsers.add_parser(
        "print-pdf", help="print a report through the system print service (CUPS)",
        description="Render one report and send it to a CUPS printer. Exit 0 once the job is "
                    "printed or queued, 1 if printing failed (the reason is printed).",
    )
    q.add_argument("--report", metavar="ID|NUMBER", required=True,
                   help="the report's id, or its number (latest version)")
    q.add_argument("--printer", metavar="NAME", default="",
                   help="CUPS queue name (default: the system's default printer)")
    q.add_argument("--copies", type=int, default=1, metavar="N")
    q.add_argument("--pages", default="", metavar="RANGE", help="e.g. 1-2 or 1,3 (default: all)")
    q.add_argument("--duplex", nargs="?", const="long", default="default",
                   choices=["long", "short", "none"],
                   help="two-sided on the long edge (or 'short'; 'none' = one-sided); "
                        "without it the printer's own setting applies")
    q.add_argument("--police-copy", action="store_true",
                   help="print the police copy (substance-use treatment data left out)")
    q.add_argument("--wait", type=float, default=30.0, metavar="SECONDS",
                   help="how long to watch the job before leaving it queued (default 30)")
    add_signin_arguments(q)
    q.set_defaults(func=run_print)

    s = subparsers.add_parser(
        "pdf-settings", help="show or change the report PDF letterhead",
        description="Agency name, logo and time zone printed on this profile's report PDFs. "
                    "Pass an empty value to go back to the default.",
    )
    s.add_argument("--agency-name", metavar="NAME")
    s.add_argument("--agency-logo", metavar="PATH", help="PNG or JPEG file")
    s.add_argument("--timezone", metavar="ZONE", help="IANA name, e.g. America/Los_Angeles")
    add_signin_arguments(s)
    s.set_defaults(func=run_settings)


def run(args: argparse.Namespace) -> int:
    from civilian_responder.pdf.service import export_many  # noqa: PLC0415 (keep `--help` light)

    password = _password(args.password_env)
    app = open_app_for_cli(args)  # signs in; seeds the demo profile on first use
    try:
        ids = app.pdf.report_ids() if args.all else [_find_report(app, args.report)]
        started = time.perf_counter()
        snapshots: Iterator[ReportSnapshot] = (app.pdf.snapshot(i, args.police_copy)
                                               for i in ids)
        outcome = export_many(snapshots, args.outdir, password, total=len(ids))
        app.pdf.record_exports(outcome.written)
    finally:
        app.close()
    for f in outcome.written:
        print(f.path)
    for what, why in outcome.failed:
        print(f"responder: {what} not exported: {why}", file=sys.stderr)
    took = time.perf_counter() - started
    print(f"{len(outcome.written)} PDF(s) written to {args.outdir} in {took:.1f} s"
          + (" (AES-256 encrypted)" if password else ""), file=sys.stderr)
    return 1 if outcome.failed else 0


def run_print(args: argparse.Namespace) -> int:
    from civilian_responder.pdf import printing  # noqa: PLC0415 (keep `--help` light)

    request = printing.PrintRequest(args.printer, args.copies, args.pages, args.duplex)
    app = open_app_for_cli(args)
    try:
        snap = app.pdf.snapshot(_find_report(app, args.report), args.police_copy)
        try:
            result = printing.print_report(snap, request, settle=args.wait)
        except PrintError as exc:
            app.pdf.record(printing.print_event(snap.report, request, "failed", exc.job_id,
                                                str(exc)))
            print(f"responder: not printed: {exc}", file=sys.stderr)
            return 1
        app.pdf.record(printing.print_event(snap.report, request, result.outcome,
                                            result.job.job_id))
    finally:
        app.close()
    r = snap.report
    state = "printed" if result.outcome == "ok" else "queued (still waiting at the printer)"
    print(f"{r.report_number} v{r.version}: job {result.job.job_id} {state}")
    return 0


def run_settings(args: argparse.Namespace) -> int:

    app = open_app_for_cli(args)
    try:
        app.pdf.change_settings(args.agency_name, args.agency_logo, args.timezone)
        for key, value in app.pdf.settings().items():
            print(f"{key}: {value or '(default)'}")
    finally:
        app.close()
    return 0


def _password(var: str | None) -> str | None:
    if var is None:
        return None
    value = os.environ.get(var, "")
    if not value:
        raise ValidationError(f"--password-env {var}: that environment variable is empty or unset",
                              {"password_env": "empty"})
    return value


def _find_report(app: ResponderApp, key: str) -> str:
    everything = app.reports.all()
    for r in everything:
        if r.id == key:
            return str(r.id)
    versions = [r for r in everything if r.report_number == key]
    if not versions:
        raise NotFoundError(f"No report with id or number {key!r}")
    return str(max(versions, key=lambda r: r.version).id)
