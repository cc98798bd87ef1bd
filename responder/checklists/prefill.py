"""Turning a finished run's answers into report fields, and merging them into a report without
overwriting anything the responder already entered."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from civilian_responder.checklists.definition import Definition
from civilian_responder.checklists.engine import holds
from civilian_responder.checklists.rules import MAPPABLE_FIELDS
from civilian_responder.models import ChecklistEscalation, Report, ServiceEntry

# The one retired outcome (outcomes.json marks it retired): now the warm_transfer_988 field.
RETIRED_988_OUTCOME = "TRANSFER_988"
# When a run says a service was both offered and accepted, the stronger answer wins.
_RESPONSE_RANK = {"OFFERED": 0, "DECLINED": 1, "ACCEPTED": 2}


def report_fields(definition: Definition, values: Mapping[str, Any],
                  escalations: tuple[ChecklistEscalation, ...] = ()) -> dict[str, Any]:
    """What the definition's mappings (and any police co-response) say the report should hold."""
    out: dict[str, Any] = {}
    services: dict[str, str] = {}
    for m in definition.report_mappings:
        kind = MAPPABLE_FIELDS[m.field][0]
        if m.from_item is not None:
            chosen = values.get(m.from_item)
            codes = chosen if isinstance(chosen, list) else [chosen] if chosen else []
            if kind == "services":
                for code in codes:
                    _add_service(services, code, m.response or "OFFERED")
            elif kind == "codes":
                out[m.field] = _union(out.get(m.field, ()), codes)
            elif codes and m.field not in out:
                out[m.field] = codes[0]
            continue
        if m.when is None or not holds(m.when, values):
            continue
        if kind == "services":
            for entry in m.value:
                _add_service(services, entry["code"], entry["response"])
        elif kind == "codes":
            out[m.field] = _union(out.get(m.field, ()), m.value)
        elif m.field not in out:
            out[m.field] = m.value
    if services:
        out["services"] = tuple(ServiceEntry(c, r) for c, r in services.items())
    police = next((e for e in escalations if e.action == "request_police"), None)
    if police is not None:
        out["backup_requested"] = True
        out.setdefault("backup_reason_code", police.reason_code)
    return _modern(out)


def _modern(out: dict[str, Any]) -> dict[str, Any]:
    """A definition written before migration 0401 maps into the old field names; a run keeps
    its definition verbatim, so those are translated here rather than in the stored copy."""
    if out.pop("transfer_988", False):
        out["warm_transfer_988"] = True
    old = out.pop("outcome_code", None)
    if old is None:
        return out
    code = definition_outcome(old)
    if code is None:
        out["warm_transfer_988"] = True
    else:
        out["outcome_codes"] = _union(out.get("outcome_codes", ()), [code])
    return out


def definition_outcome(code: str) -> str | None:
    """The outcome a pre-0401 mapping meant; None for the retired warm-transfer outcome."""
    return None if code == RETIRED_988_OUTCOME else code


def _add_service(services: dict[str, str], code: str, response: str) -> None:
    old = services.get(code)
    if old is None or _RESPONSE_RANK.get(response, 0) > _RESPONSE_RANK.get(old, 0):
        services[code] = response


def _union(old: Any, new: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*old, *new]))


def unfilled(report: Report, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The subset of ``fields`` the report does not have yet. Single values fill only an empty
    field; coded lists gain the codes they lack and never lose any (two checklists on one call
    may each add a flag)."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        current = getattr(report, name)
        kind = MAPPABLE_FIELDS[name][0]
        if kind == "codes":
            merged = _union(current, value)
            if merged != tuple(current):
                out[name] = merged
        elif kind == "services":
            have = {s.code for s in current}
            extra = [s for s in value if s.code not in have]
            if extra:
                out[name] = tuple(current) + tuple(extra)
        elif current in (None, "", False) and value not in (None, "", False):
            out[name] = value
    return out


def summary_lines(definition: Definition, values: Mapping[str, Any], level: Any,
                  escalations: tuple[ChecklistEscalation, ...]) -> list[str]:
    """A short plain-text summary of a run for the report narrative or a review screen."""
    from civilian_responder.checklists.engine import describe  # noqa: PLC0415

    lines = [f"{definition.title} (v{definition.version})"]
    for item in definition.items:
        if item.id in values and item.type != "guidance":
            lines.append(f"- {item.text} {describe(item, values[item.id])}")
    if level is not None:
        lines.append(f"Level: {level.label}. {level.recommendation}")
    for e in escalations:
        detail = f": {e.justification}" if e.justification else ""
        lines.append(f"Stop rule {e.rule_id}: {e.action.replace('_', ' ')}{detail}")
    return lines


def as_payload(value: Any) -> Any:
    """JSON-ready copy of a run or report value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: as_payload(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, list | tuple):
        return [as_payload(v) for v in value]
    return value
