"""The metrics as a plain-text table (for a terminal) or as long-format CSV (one figure a row:
section, key, subkey, value), with the reference labels next to the codes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.errors import StationError

# Which reference list labels the codes of each section (None: keys are not codes).
LABELS = {"outcomes": "outcomes", "response_model": "response_models",
          "call_source": "call_sources", "holds": "holds"}


def flatten(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from flatten(v, (*path, str(k)))
    elif isinstance(value, list):
        yield path, ";".join(map(str, value))
    else:
        yield path, value


def to_csv(metrics: dict[str, Any]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "key", "subkey", "detail", "value"])
    for path, value in flatten({k: v for k, v in metrics.items() if k != "definitions"}):
        cells = [*path, "", "", ""][:4] if len(path) <= 4 else [*path[:3], ".".join(path[3:])]
        w.writerow([*cells, "" if value is None else value])
    return out.getvalue()


def _table(title: str, header: list[str], rows: list[list[Any]]) -> list[str]:
    cells = [header, *[[("" if c is None else str(c)) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    fmt = [("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                      for i, (c, w) in enumerate(zip(r, widths, strict=True)))) for r in cells]
    return [title, fmt[0], line, *fmt[1:], ""]


def to_table(metrics: dict[str, Any], ref: ReferenceData) -> str:
    m = metrics
    p = m["period"]
    lines = [f"Program metrics {p['from']} to {p['to']} ({p['timezone']})"
             + (f", units {', '.join(p['units'])}" if p["units"] else "")
             + (f", call types {', '.join(p['call_types'])}" if p["call_types"] else ""), ""]
    lines += [f"NOTE: {n}" for n in m["notes"]] + ([""] if m["notes"] else [])
    t = m["totals"]
    lines += _table("Totals", ["", "count"], [[k.replace("_", " "), v] for k, v in t.items()])
    grid = m["disposition_by_priority"]
    prios = [k for k in grid["total"] if k != "total"]
    lines += _table("Disposition by priority", ["group", *[f"P{x}" for x in prios], "total"], [
        [ref.disposition_groups.label(g) if g != "total" else "TOTAL",
         *[row[x] for x in prios], row["total"]] for g, row in grid.items()])
    rwp = m["resolved_without_police"]
    lines += _table("Police", ["", "count", "rate"], [
        ["resolved without police", rwp["count"], rwp["share"]],
        ["backup requested", m["backup"]["count"], m["backup"]["rate"]],
        ["handed to police", m["handed_to_police"]["count"], m["handed_to_police"]["rate"]]])
    lines += _counts("Backup reasons", m["backup"]["reasons"], ref.backup_reasons)
    lines += _counts("Handed to police because", m["handed_to_police"]["reasons"],
                     ref.police_handoff_reasons)
    for key, title in (("outcomes", "Outcomes"), ("response_model", "Response model"),
                       ("call_source", "Call source"), ("holds", "Holds by others")):
        lines += _counts(title, m[key], ref.lists[LABELS[key]])
    tr = m["transports"]
    lines += _counts(f"Transports ({tr['count']}) by mode", tr["by_mode"], ref.transport_modes)
    lines += _counts("Transports by destination", tr["by_destination"],
                     ref.transport_destinations)
    lines += _counts("Transports by facility", tr["by_facility"], None)
    lines += _counts("Referrals by type", m["referrals"]["by_type"], ref.referral_destinations)
    lines += _counts("Referrals by agency", m["referrals"]["by_agency"], None)
    sv = m["services"]
    responses = ref.service_responses.codes()
    lines += _table(f"Services (persons accepting: {sv['persons_accepting']})",
                    ["service", *[r.lower() for r in responses]],
                    [[ref.services.label(code), *[row.get(r, 0) for r in responses]]
                     for code, row in sv["by_service"].items()])
    lines += _table(f"Services per person (persons with an answer: "
                    f"{sv['persons_with_services']})", ["response", "persons"],
                    [[ref.service_responses.label(r), sv["persons_by_response"].get(r, 0)]
                     for r in responses])
    sh = m["shelter"]
    lines += _counts(f"Shelter (placements: {sh['placements']})", sh["by_result"],
                     ref.shelter_placements)
    lines += _table("988 and follow-up", ["", "count"], [
        ["911 call transferred to 988", m["transfers_988"]["call_transferred"]],
        ["warm transfer to 988 on scene", m["transfers_988"]["warm_transfer"]],
        ["follow-up needed", m["follow_ups"]["needed"]]])
    lines += _table("Response times (minutes)", ["leg", "n", "p50", "p90"], [
        [k.replace("_", " "), v["n"], v["p50"], v["p90"]]
        for k, v in m["response_minutes"].items()])
    lines += _table("Units", ["unit", "calls", "hours of service"],
                    [[u, v["calls"], v["hours"]] for u, v in m["units"].items()])
    lines += _table("Flags", ["flag", "count", "rate"],
                    [[ref.flags.label(f), v["count"], v["rate"]] for f, v in m["flags"].items()])
    dq = m["data_quality"]
    lines += _table("Data quality", ["", "value"], [
        ["reports missing a disposition", dq["reports_missing_disposition"]],
        ["reports with an unknown disposition", dq["reports_unknown_disposition"]],
        [f"calls cleared over {dq['unfinished_after_clear']['hours']} h ago with no report",
         dq["unfinished_after_clear"]["count"]],
        ["calls with no report", m["totals"]["calls_without_report"]],
        ["share of 'other' codes", dq["other_codes"]["share"]]])
    return "\n".join(lines)


def _counts(title: str, counts: dict[str, int], codes: Any) -> list[str]:
    if not counts:
        return [f"{title}: none", ""]
    return _table(title, ["", "count"],
                  [[codes.label(k) if codes is not None else k, v] for k, v in counts.items()])


INSTALL_HINT = ('The metrics PDF needs reportlab, which a station install leaves out: '
                'pip install "civilian-responder[station,reports]" (or use --format '
                'table, csv or json)')


class PdfUnavailable(StationError):
    status = 501
    kind = "unavailable"


def to_pdf(metrics: dict[str, Any], ref: ReferenceData) -> bytes:
    """The program report PDF, or PdfUnavailable naming the install it needs."""
    try:
        from civilian_responder.station.metrics.pdf import render_pdf  # noqa: PLC0415
    except ImportError as exc:
        if (exc.name or "").split(".")[0] == "reportlab":
            raise PdfUnavailable(INSTALL_HINT) from None
        raise
    return render_pdf(metrics, ref)
