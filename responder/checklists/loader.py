"""Reading and validating checklist definition files.

Every problem becomes a ``DefinitionError(source, item, message)`` naming the file, the item and
what is wrong; the loader collects them all and never raises on bad input.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from civilian_responder.checklists.definition import (
    ITEM_TYPES,
    STOP_ACTIONS,
    AppliesTo,
    Choice,
    Condition,
    Definition,
    Item,
    Level,
    LevelOverride,
    ReportMapping,
    Scoring,
    StopRule,
)
from civilian_responder.checklists.rules import (
    check_conditions,
    check_levels,
    check_mapping,
    find_cycle,
)
from civilian_responder.checklists.translation import parse_translations
from civilian_responder.errors import DefinitionError
from civilian_responder.reference import ReferenceData

log = logging.getLogger(__name__)

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
TOP_KEYS = {"$schema", "$comment", "id", "version", "title", "description", "order",
            "applies_to", "items", "stop_rules", "scoring", "report_mappings", "translations"}
ITEM_KEYS = {"id", "type", "text", "help", "required", "visible_if", "choices", "score", "min",
             "max", "unit", "max_length", "section", "$comment"}
MAX_FILE_BYTES = 2_000_000
DEFINITION = "(definition)"


class _Problems(list[DefinitionError]):
    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def add(self, item: str | None, message: str) -> None:
        self.append(DefinitionError(self.source, item or DEFINITION, message))


@dataclass(frozen=True)
class LoadResult:
    definition: Definition | None
    problems: tuple[DefinitionError, ...] = ()


def load_file(path: Path, reference: ReferenceData, source: str | None = None) -> LoadResult:
    source = source or str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return LoadResult(None, (DefinitionError(source, DEFINITION, "file is too large"),))
        data = path.read_bytes()
    except OSError as exc:
        return LoadResult(None, (DefinitionError(source, DEFINITION, f"cannot read: {exc}"),))
    return parse_bytes(data, source, reference)


def parse_bytes(data: bytes, source: str, reference: ReferenceData) -> LoadResult:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return LoadResult(None, (DefinitionError(source, DEFINITION,
                                                 f"not UTF-8 text (byte {exc.start})"),))
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return LoadResult(None, (DefinitionError(
            source, DEFINITION, f"not valid JSON: {exc.msg} at line {exc.lineno} column "
                                f"{exc.colno}"),))
    except RecursionError:
        return LoadResult(None, (DefinitionError(source, DEFINITION, "JSON nested too deeply"),))
    return parse_definition(raw, source, reference, text)


def parse_definition(raw: Any, source: str, reference: ReferenceData,
                     text: str = "") -> LoadResult:
    problems = _Problems(source)
    if not text:
        try:
            text = json.dumps(raw, indent=2, ensure_ascii=False)
        except (TypeError, ValueError):
            text = ""
    try:
        definition = _build(raw, problems, reference, text)
    except RecursionError:
        problems.add(None, "conditions nested too deeply")
        definition = None
    except Exception as exc:  # a safety net: a malformed file must never take the app down
        log.exception("Unexpected error validating %s", source)
        problems.add(None, f"could not be checked ({type(exc).__name__}: {exc})")
        definition = None
    if problems:
        return LoadResult(None, tuple(problems))
    return LoadResult(definition)


def _build(raw: Any, p: _Problems, ref: ReferenceData, text: str) -> Definition | None:
    if not isinstance(raw, dict):
        p.add(None, "the file must hold one JSON object")
        return None
    for key in sorted(set(raw) - TOP_KEYS, key=str):
        p.add(None, f"unknown key {key!r}")
    def_id = raw.get("id")
    if not isinstance(def_id, str) or not ID_PATTERN.match(def_id):
        p.add(None, "'id' must be a short name of letters, digits, '-', '_' or '.'")
    version = raw.get("version")
    if not _is_int(version) or version < 1:
        p.add(None, "'version' must be a whole number from 1")
    title = raw.get("title")
    if not _text(title):
        p.add(None, "'title' must be non-empty text")
    description = raw.get("description", "")
    if not isinstance(description, str):
        p.add(None, "'description' must be text")
    order = raw.get("order", 100)
    if not _is_int(order):
        p.add(None, "'order' must be a whole number")
    items = _items(raw.get("items"), p)
    by_id = {item.id: item for item in items}
    conditions: list[tuple[str, Condition | None, Any]] = []
    items = _attach_visibility(raw.get("items"), items, by_id, p, conditions)
    by_id = {item.id: item for item in items}
    stops = _stop_rules(raw.get("stop_rules", []), p, ref, conditions)
    scoring = _scoring(raw.get("scoring"), items, p, conditions)
    mappings = _mappings(raw.get("report_mappings", []), p, conditions)
    applies = _applies_to(raw.get("applies_to"), p, ref)
    translations = parse_translations(raw.get("translations"), items, stops, scoring, p.add)
    check_conditions(conditions, by_id, p.add)
    cycle = find_cycle(items)
    if cycle:
        p.add(cycle[0], "visibility conditions form a cycle: " + " -> ".join(cycle))
    for mapping in mappings:
        check_mapping(mapping, by_id, ref, p.add)
    if scoring is not None:
        check_levels(scoring, items, p.add)
    elif any(item.scored for item in items):
        p.add("scoring", "items carry scores but there is no 'scoring' section with levels")
    if p:
        return None
    return Definition(
        id=str(def_id), version=int(version or 0), title=str(title).strip(), items=tuple(items),
        source=p.source,
        description=description, order=order, applies_to=applies, stop_rules=tuple(stops),
        scoring=scoring, report_mappings=tuple(mappings), raw=text, translations=translations,
    )


def _items(raw: Any, p: _Problems) -> list[Item]:
    if not isinstance(raw, list) or not raw:
        p.add(None, "'items' must be a non-empty list")
        return []
    items: list[Item] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        label = f"items[{index}]"
        if not isinstance(entry, dict):
            p.add(label, "each item must be an object")
            continue
        item_id = entry.get("id")
        if not isinstance(item_id, str) or not ID_PATTERN.match(item_id):
            p.add(label, "'id' must be a short name of letters, digits, '-', '_' or '.'")
            continue
        if item_id in seen:
            p.add(item_id, "duplicate item id")
            continue
        seen.add(item_id)
        item = _item(item_id, entry, p)
        if item is not None:
            items.append(item)
    return items


def _item(item_id: str, raw: dict[str, Any], p: _Problems) -> Item | None:
    ok = True
    for key in sorted(set(raw) - ITEM_KEYS, key=str):
        p.add(item_id, f"unknown key {key!r}")
        ok = False
    kind = raw.get("type")
    if kind not in ITEM_TYPES:
        p.add(item_id, f"unknown item type {kind!r} (use one of: {', '.join(ITEM_TYPES)})")
        return None
    text = raw.get("text")
    if not _text(text):
        p.add(item_id, "'text' must be non-empty text")
        ok = False
    for key in ("help", "unit", "section"):
        if not isinstance(raw.get(key, ""), str):
            p.add(item_id, f"{key!r} must be text")
            ok = False
    required = raw.get("required", False)
    if not isinstance(required, bool):
        p.add(item_id, "'required' must be true or false")
        ok = False
    elif required and kind == "guidance":
        p.add(item_id, "a guidance card cannot be required")
        ok = False
    choices = _choices(item_id, kind, raw.get("choices"), p)
    score_yes, score_no = _yes_no_score(item_id, kind, raw.get("score"), p)
    minimum, maximum = _number_range(item_id, kind, raw, p)
    max_length = raw.get("max_length", 200)
    if not _is_int(max_length) or not 1 <= max_length <= 5000:
        p.add(item_id, "'max_length' must be a whole number from 1 to 5000")
        ok = False
    if choices is None or score_yes is None or minimum is False or not ok:
        return None
    return Item(
        id=item_id, type=kind, text=str(text).strip(), help=raw.get("help", ""), required=required,
        choices=choices, score_yes=score_yes, score_no=score_no or 0,
        minimum=minimum, maximum=maximum, unit=raw.get("unit", ""), max_length=max_length,
        section=raw.get("section", ""),
    )


def _choices(item_id: str, kind: str, raw: Any, p: _Problems) -> tuple[Choice, ...] | None:
    if kind not in ("single_choice", "multi_choice"):
        if raw is not None:
            p.add(item_id, f"'choices' only belong on choice items, not {kind}")
            return None
        return ()
    if not isinstance(raw, list) or not raw:
        p.add(item_id, "'choices' must be a non-empty list")
        return None
    out: list[Choice] = []
    for i, c in enumerate(raw):
        if not isinstance(c, dict) or set(c) - {"code", "label", "score"}:
            p.add(item_id, f"choice {i + 1} must be an object with code, label and score")
            return None
        code, label, score = c.get("code"), c.get("label"), c.get("score", 0)
        if not isinstance(code, str) or not ID_PATTERN.match(code):
            p.add(item_id, f"choice {i + 1} needs a 'code' of letters, digits, '-', '_' or '.'")
            return None
        if not _text(label):
            p.add(item_id, f"choice {code} needs a 'label'")
            return None
        if not _is_int(score):
            p.add(item_id, f"choice {code}: 'score' must be a whole number")
            return None
        if any(o.code == code for o in out):
            p.add(item_id, f"choice code {code} appears twice")
            return None
        out.append(Choice(code, str(label).strip(), score))
    if len(out) > 9 and kind == "single_choice":
        log.debug("%s has more than 9 choices; only 1-9 have keyboard shortcuts", item_id)
    return tuple(out)


def _yes_no_score(item_id: str, kind: str, raw: Any, p: _Problems) -> tuple[Any, Any]:
    if raw is None:
        return 0, 0
    if kind != "yes_no":
        p.add(item_id, "'score' on an item belongs on yes/no items (choices carry their own)")
        return None, None
    if not isinstance(raw, dict) or set(raw) - {"yes", "no"} or not all(
            _is_int(v) for v in raw.values()):
        p.add(item_id, "'score' must be an object like {\"yes\": 2, \"no\": 0} (whole numbers)")
        return None, None
    return raw.get("yes", 0), raw.get("no", 0)


def _number_range(item_id: str, kind: str, raw: dict[str, Any], p: _Problems) -> tuple[Any, Any]:
    lo, hi = raw.get("min"), raw.get("max")
    if lo is None and hi is None:
        return None, None
    if kind != "number":
        p.add(item_id, "'min'/'max' only belong on number items")
        return False, None
    for name, v in (("min", lo), ("max", hi)):
        if v is not None and not _is_number(v):
            p.add(item_id, f"{name!r} must be a number")
            return False, None
    if lo is not None and hi is not None and lo > hi:
        p.add(item_id, f"'min' ({lo}) is greater than 'max' ({hi})")
        return False, None
    return lo, hi


def _attach_visibility(raw: Any, items: list[Item], by_id: Mapping[str, Item], p: _Problems,
                       conditions: list[tuple[str, Condition | None, Any]]) -> list[Item]:
    from dataclasses import replace  # noqa: PLC0415

    if not isinstance(raw, list):
        return items
    raw_by_id: dict[str, Any] = {}
    for e in raw:  # the first entry of a duplicated id is the one kept
        if isinstance(e, dict) and isinstance(e.get("id"), str):
            raw_by_id.setdefault(e["id"], e)
    out: list[Item] = []
    for item in items:
        spec = raw_by_id.get(item.id, {}).get("visible_if")
        if spec is None:
            out.append(item)
            continue
        cond = parse_condition(spec, item.id, p)
        conditions.append((item.id, cond, spec))
        out.append(replace(item, visible_if=cond) if cond else item)
    return out


CONDITION_OPS = ("equals", "in", "includes", "answered", "gte", "lte")


def parse_condition(raw: Any, where: str, p: _Problems, depth: int = 0) -> Condition | None:
    if depth > 12:
        p.add(where, "condition nested too deeply")
        return None
    if not isinstance(raw, dict):
        p.add(where, "a condition must be an object such as {\"item\": \"x\", \"equals\": true}")
        return None
    for combo in ("all", "any"):
        if combo in raw:
            parts = raw[combo]
            if len(raw) != 1 or not isinstance(parts, list) or not parts:
                p.add(where, f"{combo!r} must be the only key and hold a non-empty list")
                return None
            built = [parse_condition(x, where, p, depth + 1) for x in parts]
            if any(b is None for b in built):
                return None
            return Condition(combo, parts=tuple(b for b in built if b))
    if "not" in raw:
        if len(raw) != 1:
            p.add(where, "'not' must be the only key of its condition")
            return None
        inner = parse_condition(raw["not"], where, p, depth + 1)
        return Condition("not", parts=(inner,)) if inner else None
    ops = [k for k in raw if k in CONDITION_OPS]
    extra = set(raw) - {"item", *CONDITION_OPS}
    if not isinstance(raw.get("item"), str) or len(ops) != 1 or extra:
        p.add(where, "a condition needs 'item' and exactly one of: " + ", ".join(CONDITION_OPS)
              + (f" (unknown key {sorted(extra, key=str)[0]!r})" if extra else ""))
        return None
    return Condition(ops[0], item=raw["item"], value=raw[ops[0]])


def _stop_rules(raw: Any, p: _Problems, ref: ReferenceData,
                conditions: list[tuple[str, Condition | None, Any]]) -> list[StopRule]:
    if not isinstance(raw, list):
        p.add("stop_rules", "'stop_rules' must be a list")
        return []
    rules: list[StopRule] = []
    for i, r in enumerate(raw):
        rid = r.get("id") if isinstance(r, dict) else None
        where = f"stop_rules[{rid if isinstance(rid, str) else i}]"
        if not isinstance(r, dict) or not isinstance(rid, str) or not ID_PATTERN.match(rid):
            p.add(where, "a stop rule must be an object with an 'id'")
            continue
        if any(x.id == rid for x in rules):
            p.add(where, "duplicate stop rule id")
        unknown = set(r) - {"id", "when", "banner", "detail", "actions", "reason_code"}
        if unknown:
            p.add(where, f"unknown key {sorted(unknown)[0]!r}")
        cond = parse_condition(r.get("when"), where, p)
        conditions.append((where, cond, r.get("when")))
        banner, actions, reason = r.get("banner"), r.get("actions"), r.get("reason_code")
        if not _text(banner):
            p.add(where, "'banner' must be non-empty text (what the responder must see)")
        if (not isinstance(actions, list) or not actions
                or any(a not in STOP_ACTIONS for a in actions)
                or len(set(map(str, actions))) != len(actions)):
            p.add(where, "'actions' must list some of: " + ", ".join(STOP_ACTIONS))
            actions = []
        if reason is not None and reason not in ref.backup_reasons:
            p.add(where, f"reason_code {reason!r} is not a backup reason code")
        elif reason is None and "request_police" in actions:
            p.add(where, "'request_police' needs a 'reason_code' (a backup reason code)")
        if not isinstance(r.get("detail", ""), str):
            p.add(where, "'detail' must be text")
        if cond and _text(banner) and actions:
            rules.append(StopRule(rid, cond, str(banner).strip(), tuple(actions), reason,
                                  r.get("detail", "") if isinstance(r.get("detail"), str) else ""))
    return rules


def _scoring(raw: Any, items: list[Item], p: _Problems,
             conditions: list[tuple[str, Condition | None, Any]]) -> Scoring | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"levels", "overrides"}:
        p.add("scoring", "'scoring' must be an object with 'levels' (and optional 'overrides')")
        return None
    levels: list[Level] = []
    raw_levels = raw.get("levels")
    if not isinstance(raw_levels, list) or not raw_levels:
        p.add("scoring", "'levels' must be a non-empty list")
        return None
    for i, lv in enumerate(raw_levels):
        lid = lv.get("id") if isinstance(lv, dict) else None
        where = f"scoring.levels[{lid if isinstance(lid, str) else i}]"
        if not isinstance(lv, dict) or not isinstance(lid, str) or not ID_PATTERN.match(lid):
            p.add(where, "a level must be an object with an 'id'")
            continue
        unknown = sorted(set(lv) - {"id", "label", "min", "max", "recommendation"}, key=str)
        if unknown:
            p.add(where, f"unknown key {unknown[0]!r}")
        lo_raw, hi_raw = lv.get("min"), lv.get("max")
        if not (_is_int(lo_raw) and _is_int(hi_raw)):
            p.add(where, "'min' and 'max' must be whole numbers")
            continue
        lo, hi = lo_raw, hi_raw
        if lo > hi:
            p.add(where, f"'min' ({lo}) is greater than 'max' ({hi})")
            continue
        if not _text(lv.get("label")) or not _text(lv.get("recommendation")):
            p.add(where, "a level needs a 'label' and a 'recommendation'")
            continue
        if any(x.id == lid for x in levels):
            p.add(where, "duplicate level id")
            continue
        levels.append(Level(lid, lv["label"].strip(), lo, hi, lv["recommendation"].strip(), i))
    overrides = _overrides(raw.get("overrides", []), levels, p, conditions)
    return Scoring(tuple(levels), tuple(overrides)) if levels else None


def _overrides(raw: Any, levels: list[Level], p: _Problems,
               conditions: list[tuple[str, Condition | None, Any]]) -> list[LevelOverride]:
    if not isinstance(raw, list):
        p.add("scoring.overrides", "'overrides' must be a list")
        return []
    out: list[LevelOverride] = []
    for i, o in enumerate(raw):
        where = f"scoring.overrides[{i}]"
        if not isinstance(o, dict) or set(o) - {"when", "level", "reason"}:
            p.add(where, "an override must be an object with when, level and reason")
            continue
        cond = parse_condition(o.get("when"), where, p)
        conditions.append((where, cond, o.get("when")))
        if not any(lv.id == o.get("level") for lv in levels):
            p.add(where, f"level {o.get('level')!r} is not one of the levels")
            continue
        if not _text(o.get("reason")):
            p.add(where, "'reason' must say why the level is raised")
            continue
        if cond:
            out.append(LevelOverride(cond, o["level"], o["reason"].strip()))
    return out


def _mappings(raw: Any, p: _Problems,
              conditions: list[tuple[str, Condition | None, Any]]) -> list[ReportMapping]:
    if not isinstance(raw, list):
        p.add("report_mappings", "'report_mappings' must be a list")
        return []
    out: list[ReportMapping] = []
    for i, m in enumerate(raw):
        where = f"report_mappings[{i}]"
        if not isinstance(m, dict) or set(m) - {"field", "when", "value", "from_item", "response"}:
            p.add(where, "a mapping must be an object with field, and when+value or from_item")
            continue
        if not isinstance(m.get("field"), str):
            p.add(where, "'field' must name a report field")
            continue
        has_value, has_from = "value" in m, "from_item" in m
        if has_value == has_from or (has_from and "when" in m):
            p.add(where, "give either 'when' with 'value', or 'from_item' (not both)")
            continue
        cond = None
        if "when" in m:
            cond = parse_condition(m["when"], where, p)
            conditions.append((where, cond, m["when"]))
            if cond is None:
                continue
        elif has_value:
            p.add(where, "a fixed 'value' needs a 'when' condition")
            continue
        out.append(ReportMapping(m["field"], cond, m.get("value"), m.get("from_item"),
                                 m.get("response")))
    return out


def _applies_to(raw: Any, p: _Problems, ref: ReferenceData) -> AppliesTo:
    if raw is None:
        return AppliesTo()
    if not isinstance(raw, dict) or set(raw) - {"all_calls", "call_types", "flags"}:
        p.add("applies_to", "'applies_to' must be an object with all_calls, call_types, flags")
        return AppliesTo()
    all_calls = raw.get("all_calls", False)
    if not isinstance(all_calls, bool):
        p.add("applies_to", "'all_calls' must be true or false")
        all_calls = False
    lists: dict[str, tuple[str, ...]] = {}
    for key, ref_name in (("call_types", "call_types"), ("flags", "flags")):
        values = raw.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            p.add("applies_to", f"{key!r} must be a list of codes")
            values = []
        for v in values:
            if v not in ref.lists[ref_name]:
                p.add("applies_to", f"{v!r} is not a known {key[:-1].replace('_', ' ')} code")
        lists[key] = tuple(values)
    return AppliesTo(all_calls, lists["call_types"], lists["flags"])


def _text(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _is_int(v: Any) -> TypeGuard[int]:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


@dataclass
class Catalog:
    """Every valid definition (all versions) plus the problems found in the invalid ones."""

    definitions: dict[tuple[str, int], Definition] = field(default_factory=dict)
    problems: list[DefinitionError] = field(default_factory=list)

    def latest(self) -> list[Definition]:
        best: dict[str, Definition] = {}
        for d in self.definitions.values():
            if d.id not in best or d.version > best[d.id].version:
                best[d.id] = d
        return sorted(best.values(), key=lambda d: (d.order, d.title))

    def get(self, def_id: str, version: int | None = None) -> Definition | None:
        if version is not None:
            return self.definitions.get((def_id, version))
        versions = [d for d in self.definitions.values() if d.id == def_id]
        return max(versions, key=lambda d: d.version) if versions else None


def load_catalog(folders: Iterable[Path], reference: ReferenceData) -> Catalog:
    """Load every ``*.json`` definition (except the schema) from the folders, in order; a later
    folder may add newer versions but not replace an id+version already loaded."""
    catalog = Catalog()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            if path.name == "schema.json":
                continue
            result = load_file(path, reference)
            catalog.problems.extend(result.problems)
            d = result.definition
            if d is None:
                continue
            if d.key in catalog.definitions:
                first = catalog.definitions[d.key].source
                catalog.problems.append(DefinitionError(
                    str(path), DEFINITION,
                    f"{d.id} version {d.version} is already loaded from {first}; "
                    "raise 'version' to replace it"))
                continue
            catalog.definitions[d.key] = d
    for problem in catalog.problems:
        log.warning("Checklist definition rejected: %s", problem)
    return catalog
