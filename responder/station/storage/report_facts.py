"""Flattening a report's payload into the rows the metrics count (``report_facts`` and
``report_codes``), for the current report shape and for payloads units sent before the
0401 report migration (one ``outcome_code``, one ``transfer_988`` flag)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from civilian_responder.reference import ReferenceData
from civilian_responder.station.storage import rollups
from civilian_responder.station.storage.direct import run
from civilian_responder.station.storage.tables import report_codes, report_facts
from sqlalchemy import Connection, bindparam, delete, select

# The outcome a pre-0401 unit sent for a warm transfer; it is now the warm_transfer_988 field.
LEGACY_WARM_988 = "TRANSFER_988"
_CODES = ("disposition_code", "response_model_code", "call_source_code", "transport_mode_code",
          "transport_destination_code", "shelter_placement_code", "hold_code",
          "police_handoff_reason_code", "backup_reason_code")
_BOOLS = ("backup_requested", "follow_up_needed")


@dataclass(frozen=True)
class Facts:
    row: dict[str, Any]
    codes: list[dict[str, Any]]


def _code(value: Any) -> str | None:
    return value[:64] if isinstance(value, str) and value.strip() else None


def _codes(value: Any) -> list[str]:
    return [v[:64] for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


def _name(value: Any) -> str:
    return " ".join(value.split())[:200] if isinstance(value, str) else ""


def facts_of(report_id: str, unit_id: str, p: dict[str, Any]) -> Facts:
    """The countable facts of one report payload (any shape; odd values count as missing)."""
    row: dict[str, Any] = {"report_id": report_id, "unit_id": unit_id,
                           "call_id": str(p.get("call_id") or "")}
    for name in _CODES:
        row[name] = _code(p.get(name))
    for name in _BOOLS:
        row[name] = p.get(name) is True
    if "outcome_codes" in p:
        outcomes = _codes(p.get("outcome_codes"))
        warm = p.get("warm_transfer_988") is True
        call_988 = p.get("call_transferred_988") is True
    else:  # a pre-0401 payload: the same reading as the device migration (store/report_outcomes)
        old = _code(p.get("outcome_code"))
        warm = old == LEGACY_WARM_988
        outcomes = [old] if old and not warm else []
        call_988 = p.get("transfer_988") is True and not warm
    row.update(call_transferred_988=call_988, warm_transfer_988=warm,
               transport_facility=_name(p.get("transport_facility")),
               referral_agency=_name(p.get("referral_agency")),
               persons=len(p["persons"]) if isinstance(p.get("persons"), list) else 0,
               finalized_at=_code(p.get("finalized_at")))
    minutes = p.get("time_on_task_minutes")
    row["time_on_task_minutes"] = minutes if isinstance(minutes, int) and not isinstance(
        minutes, bool) else None
    codes = [{"field": "outcome", "code": c} for c in dict.fromkeys(outcomes)]
    codes += [{"field": "referral", "code": c} for c in dict.fromkeys(_codes(p.get("referrals")))]
    codes += [{"field": "flag", "code": c} for c in dict.fromkeys(_codes(p.get("flags")))]
    for s in p.get("services") or [] if isinstance(p.get("services"), list) else []:
        if isinstance(s, dict) and _code(s.get("code")) and _code(s.get("response")):
            codes.append({"field": "service", "code": _code(s["code"]),
                          "response": _code(s["response"]),
                          "person_id": _code(s.get("person_id"))})
    return Facts(row, [{"report_id": report_id, "response": None, "person_id": None, **c}
                       for c in codes])


_DROP_CODES = delete(report_codes).where(report_codes.c.report_id == bindparam("report"))
_DROP_FACTS = delete(report_facts).where(report_facts.c.report_id == bindparam("report"))
_NEW_FACTS = report_facts.insert()
_NEW_CODES = report_codes.insert()
_FACT_CALL = select(report_facts.c.call_id).where(report_facts.c.report_id == bindparam("report"))


def store_facts(conn: Connection, report_id: str, unit_id: str, p: dict[str, Any]) -> None:
    """Replace the report's facts (a resubmitted returned report changes them); the fact rows
    only, as revision 0004 wrote them (the live path is ``replace_facts``)."""
    facts = facts_of(report_id, unit_id, p)
    run(conn, _DROP_CODES, {"report": report_id})
    run(conn, _DROP_FACTS, {"report": report_id})
    run(conn, _NEW_FACTS, facts.row)
    if facts.codes:
        run(conn, _NEW_CODES, facts.codes)


def replace_facts(conn: Connection, ref: ReferenceData, report_id: str, unit_id: str,
                  p: dict[str, Any]) -> None:
    """``store_facts`` on a live station: the old rows leave the daily roll-up with them (the
    new ones join it when the call's facts are refreshed, storage/call_facts.py)."""
    with rollups.tracking(conn, ref):
        rollups.touch(conn, ref, run(conn, _FACT_CALL, {"report": report_id}).scalars())
        store_facts(conn, report_id, unit_id, p)
