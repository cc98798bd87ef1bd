"""Cross-reference checks for a parsed definition: conditions name real items and answers,
visibility has no cycles, score levels cover every reachable score, report mappings use real
report fields and codes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from civilian_responder.checklists.definition import Condition, Item, ReportMapping, Scoring
from civilian_responder.reference import ReferenceData

Report = Callable[[str | None, str], None]

# Report fields a definition may pre-fill, and the reference list each holds codes from.
MAPPABLE_FIELDS: dict[str, tuple[str, str | None]] = {
    "flags": ("codes", "flags"),
    "disability_codes": ("codes", "disabilities"),
    "language_codes": ("codes", "languages"),
    "referrals": ("codes", "referral_destinations"),
    "services": ("services", "services"),
    "disposition_code": ("code", "dispositions"),
    "outcome_codes": ("codes", "outcomes"),
    "response_model_code": ("code", "response_models"),
    "call_source_code": ("code", "call_sources"),
    "transport_mode_code": ("code", "transport_modes"),
    "transport_destination_code": ("code", "transport_destinations"),
    "shelter_placement_code": ("code", "shelter_placements"),
    "hold_code": ("code", "holds"),
    "police_handoff_reason_code": ("code", "police_handoff_reasons"),
    "backup_reason_code": ("code", "backup_reasons"),
    "backup_requested": ("bool", None),
    "call_transferred_988": ("bool", None),
    "warm_transfer_988": ("bool", None),
    "follow_up_needed": ("bool", None),
    # Pre-0401 names, still valid in stored definitions; prefill turns them into the new fields.
    "outcome_code": ("code", "outcomes"),
    "transfer_988": ("bool", None),
}

_OPS_BY_TYPE = {
    "yes_no": {"equals", "in", "answered"},
    "single_choice": {"equals", "in", "answered"},
    "multi_choice": {"includes", "answered"},
    "number": {"equals", "gte", "lte", "answered"},
    "text": {"answered"},
    "action": {"answered"},
    "guidance": set(),
}


def check_conditions(conditions: list[tuple[str, Condition | None, Any]],
                     items: Mapping[str, Item], report: Report) -> None:
    for where, cond, _raw in conditions:
        if cond is not None:
            _check_condition(where, cond, items, report)


def _check_condition(where: str, cond: Condition, items: Mapping[str, Item],
                     report: Report) -> None:
    for part in cond.parts:
        _check_condition(where, part, items, report)
    if cond.item is None:
        return
    item = items.get(cond.item)
    if item is None:
        report(where, f"condition refers to unknown item {cond.item!r}")
        return
    if cond.op not in _OPS_BY_TYPE[item.type]:
        allowed = ", ".join(sorted(_OPS_BY_TYPE[item.type])) or "nothing (it takes no answer)"
        report(where, f"{cond.op!r} cannot test {item.type} item {item.id!r}; use {allowed}")
        return
    problem = _value_problem(cond, item)
    if problem:
        report(where, f"condition on {item.id!r}: {problem}")


def _value_problem(cond: Condition, item: Item) -> str | None:
    v = cond.value
    if cond.op == "answered":
        return None if isinstance(v, bool) else "'answered' must be true or false"
    if cond.op in ("gte", "lte") or (cond.op == "equals" and item.type == "number"):
        ok = isinstance(v, int | float) and not isinstance(v, bool)
        return None if ok else f"{cond.op!r} needs a number"
    values = v if cond.op == "in" else [v]
    if cond.op == "in" and (not isinstance(v, list) or not v):
        return "'in' needs a non-empty list"
    for value in values:
        if item.type == "yes_no" and not isinstance(value, bool):
            return f"{value!r} is not an answer (use true or false)"
        if item.type in ("single_choice", "multi_choice") and item.choice(value) is None:
            return f"{value!r} is not one of its choice codes"
    return None


def find_cycle(items: list[Item]) -> list[str]:
    """A visibility cycle (item ids, first repeated at the end), or [] if there is none."""
    deps = {i.id: sorted(i.visible_if.items()) if i.visible_if else [] for i in items}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in deps.get(node, []):
            if nxt not in deps:
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if state.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for item in items:
        if state.get(item.id) is None:
            found = visit(item.id)
            if found:
                return found
    return []


def check_levels(scoring: Scoring, items: list[Item], report: Report) -> None:
    """Levels must not overlap and must cover every score the items can add up to."""
    if not any(item.scored for item in items):
        report("scoring", "there are levels but no item carries a score")
    lo = sum(item.score_range()[0] for item in items)
    hi = sum(item.score_range()[1] for item in items)
    ordered = sorted(scoring.levels, key=lambda lv: lv.minimum)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.minimum <= a.maximum:
            report(f"scoring.levels[{b.id}]", f"overlaps level {a.id!r} "
                   f"({b.minimum}-{b.maximum} vs {a.minimum}-{a.maximum})")
        elif b.minimum > a.maximum + 1:
            report(f"scoring.levels[{b.id}]", _no_level(a.maximum + 1, b.minimum - 1))
    if ordered and ordered[0].minimum > lo:
        report(f"scoring.levels[{ordered[0].id}]", _no_level(lo, ordered[0].minimum - 1)
               + " (the lowest reachable score)")
    if ordered and ordered[-1].maximum < hi:
        report(f"scoring.levels[{ordered[-1].id}]", _no_level(ordered[-1].maximum + 1, hi)
               + " (the items can add up to that)")


def _no_level(lo: float, hi: float) -> str:
    return f"score {lo:g} has no level" if lo == hi else f"scores {lo:g} to {hi:g} have no level"


def check_mapping(m: ReportMapping, items: Mapping[str, Item], ref: ReferenceData,
                  report: Report) -> None:
    where = f"report_mappings[{m.field}]"
    spec = MAPPABLE_FIELDS.get(m.field)
    if spec is None:
        report(where, f"{m.field!r} is not a report field a checklist can fill "
               f"(use one of: {', '.join(MAPPABLE_FIELDS)})")
        return
    kind, list_name = spec
    codes = ref.lists[list_name] if list_name else None
    if m.response is not None and (kind != "services" or m.response not in ref.service_responses):
        report(where, f"'response' {m.response!r} must be a service response code and only "
               "goes with the 'services' field")
        return
    if m.from_item is not None:
        _check_from_item(where, m, kind, codes, items, report)
        return
    _check_value(where, kind, codes, m.value, ref, report)


def _check_from_item(where: str, m: ReportMapping, kind: str, codes: Any,
                     items: Mapping[str, Item], report: Report) -> None:
    item = items.get(m.from_item or "")
    if item is None:
        report(where, f"'from_item' refers to unknown item {m.from_item!r}")
        return
    if item.type not in ("single_choice", "multi_choice") or kind == "bool":
        report(where, f"'from_item' must be a choice item whose codes are {m.field} codes")
        return
    if kind == "services" and m.response is None:
        report(where, "services filled from an item need a 'response' (OFFERED/ACCEPTED/...)")
        return
    bad = [c.code for c in item.choices if c.code not in codes]
    if bad:
        report(where, f"choices of {item.id!r} are not {m.field} codes: {', '.join(bad)}")


def _check_value(where: str, kind: str, codes: Any, value: Any, ref: ReferenceData,
                 report: Report) -> None:
    if kind == "bool":
        if not isinstance(value, bool):
            report(where, "'value' must be true or false")
    elif kind == "code":
        if not isinstance(value, str) or value not in codes:
            report(where, f"'value' {value!r} is not a known code")
    elif kind == "codes":
        if not isinstance(value, list) or not value or any(
                not isinstance(v, str) or v not in codes for v in value):
            report(where, f"'value' must be a list of known codes, not {value!r}")
    elif kind == "services":
        ok = isinstance(value, list) and bool(value) and all(
            isinstance(v, dict) and set(v) == {"code", "response"} and v["code"] in codes
            and v["response"] in ref.service_responses for v in value)
        if not ok:
            report(where, "'value' must be a list of {\"code\", \"response\"} service entries")
