"""``responder-station`` for the program's records: supervisor review, the metrics, a report's
PDF, the flat exports and the generated demo year."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from civilian_responder.station.cli_common import add_command, open_from_args, print_json
from civilian_responder.station.part2_access import OPERATOR


def cmd_review(args: argparse.Namespace) -> int:
    review = open_from_args(args).review
    if args.action == "list":
        found = review.list_reports(None if args.state == "all" else args.state)
        if args.json:
            print_json(found)
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
        print_json(review.show(args.report_id))
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

    station = open_from_args(args)
    result = station.metrics.compute(_scope(args, station))
    if args.format == "json":
        print_json(result)
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
    data, name = to_pdf(open_from_args(args), args.report_id, role)
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

    station = open_from_args(args)
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

    station = open_from_args(args)
    step = max(1, args.calls // 10)

    def progress(done: int) -> None:
        if done % step < 250 or done == args.calls:
            print(f"  {done:,} of {args.calls:,} calls", file=sys.stderr)

    made = DemoData(station, args.seed, args.year).run(args.calls, progress)
    print(f"Generated {made.calls:,} calls in {made.year} for {', '.join(made.units)}: "
          f"{made.reports:,} reports ({made.approved:,} approved, {made.returned:,} returned). "
          "Generated data only: no real people, places or calls.")
    return 0



def register(sub: Any) -> None:
    """review, metrics, report-pdf, export, demo-data."""
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

    p = add_command(sub, "metrics", cmd_metrics, "program metrics for a period (docs/metrics.md)")
    period(p)
    p.add_argument("--format", choices=["table", "csv", "json", "pdf"], default="table")
    p.add_argument("--output", "-o", help="PDF file (default metrics-FROM-TO.pdf)")
    p = add_command(sub, "report-pdf", cmd_report_pdf,
                    "a report's Field Contact Report PDF, as the "
                    "station holds it (needs the reports extra)")
    p.add_argument("report_id", metavar="REPORT_ID")
    p.add_argument("--output", "-o", help="PDF file (default report-NUMBER-vVERSION.pdf)")
    p.add_argument("--include-part2", action="store_true", help="keep values tagged under 42 "
                   "CFR Part 2 (left out by default; the PDF says what was withheld)")
    p = add_command(sub, "export", cmd_export, "the flat records the metrics are computed from")
    p.add_argument("what", choices=["reports", "calls"])
    p.add_argument("--format", choices=["csv"], default="csv")
    p.add_argument("--include-part2", action="store_true", help="reports: keep values tagged "
                   "under 42 CFR Part 2 (left out by default; column part2_withheld says what)")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    period(p, required=False)
    p = add_command(sub, "demo-data", cmd_demo_data,
                    "fill the station with a generated year of "
                    "calls, timelines and reports (generated data only)")
    p.add_argument("--calls", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--year", type=int, help="the year to generate (default: last year)")
    p = add_command(sub, "review", cmd_review, "supervisor review of submitted reports")
    p.add_argument("action", choices=["list", "show", "approve", "return"])
    p.add_argument("report_id", nargs="?")
    p.add_argument("--state", default="submitted",
                   choices=["submitted", "approved", "returned", "superseded", "all"])
    p.add_argument("--comment", help="review comment (required to return)")
    p.add_argument("--reviewer", default=getpass.getuser())
    p.add_argument("--json", action="store_true")

