"""Per-language text of a checklist definition: validated at load, applied with English fallback.

A definition's ``translations`` maps a language code to the texts in that language::

    "translations": {"es": {
        "title": "...", "description": "...",
        "items": {"ITEM_ID": {"text": "...", "help": "...", "section": "...", "unit": "...",
                              "choices": {"CODE": "label"}}},
        "stop_rules": {"RULE_ID": {"banner": "...", "detail": "..."}},
        "levels": {"LEVEL_ID": {"label": "...", "recommendation": "..."}},
        "overrides": ["reason of the first override", ...]}}

Every text is optional: what a language leaves out is shown in the definition's own text
(English). Codes, ids, scores and conditions are never translated.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any

from civilian_responder.checklists.definition import (
    Definition,
    Item,
    Level,
    Scoring,
    StopRule,
)
from civilian_responder.languages import SOURCE

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
TOP = {"title", "description", "items", "stop_rules", "levels", "overrides"}
ITEM = {"text", "help", "section", "unit", "choices"}
STOP = {"banner", "detail"}
LEVEL = {"label", "recommendation"}
OPTIONAL = {"description", "help", "detail"}  # may be empty in the source too

Problem = Callable[[str | None, str], None]


def parse_translations(
    raw: Any, items: list[Item], stops: list[StopRule], scoring: Scoring | None, add: Problem
) -> dict[str, dict[str, Any]]:
    """The validated ``translations`` block (problems go to ``add``)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        add("translations", "'translations' must map language codes to texts")
        return {}
    known = {
        "items": {i.id: i for i in items},
        "stop_rules": {r.id: r for r in stops},
        "levels": {lv.id: lv for lv in scoring.levels} if scoring else {},
    }
    out: dict[str, dict[str, Any]] = {}
    for lang, texts in raw.items():
        where = f"translations.{lang}"
        if not isinstance(lang, str) or not LANGUAGE_CODE.match(lang) or lang == SOURCE:
            add(
                where,
                "a translation is keyed by a language code such as 'es' (not 'en': the "
                "definition's own text is English)",
            )
            continue
        if not isinstance(texts, dict):
            add(where, "must be an object of texts")
            continue
        for key in sorted(set(texts) - TOP, key=str):
            add(where, f"unknown key {key!r}")
        _strings(texts, {"title", "description"}, where, add)
        for part, allowed in (("items", ITEM), ("stop_rules", STOP), ("levels", LEVEL)):
            _part(texts.get(part, {}), known[part], allowed, f"{where}.{part}", add)
        overrides = texts.get("overrides", [])
        count = len(scoring.overrides) if scoring else 0
        if (
            not isinstance(overrides, list)
            or len(overrides) > count
            or not all(_text(o) for o in overrides)
        ):
            add(
                f"{where}.overrides",
                f"must list at most {count} non-empty reasons, in the order of scoring.overrides",
            )
        out[lang] = texts
    return out


def _part(raw: Any, known: Mapping[str, Any], allowed: set[str], where: str, add: Problem) -> None:
    if not isinstance(raw, dict):
        add(where, "must be an object keyed by id")
        return
    for key, texts in raw.items():
        here = f"{where}.{key}"
        if key not in known:
            add(here, "is not an id in this definition")
            continue
        if not isinstance(texts, dict):
            add(here, "must be an object of texts")
            continue
        for extra in sorted(set(texts) - allowed, key=str):
            add(here, f"unknown key {extra!r}")
        _strings(texts, allowed - {"choices"}, here, add)
        if "choices" in texts:
            _choices(texts["choices"], known[key], f"{here}.choices", add)


def _choices(raw: Any, item: Item, where: str, add: Problem) -> None:
    codes = {c.code for c in item.choices}
    if not isinstance(raw, dict) or not codes:
        add(where, "must map this item's choice codes to labels")
        return
    for code, label in raw.items():
        if code not in codes:
            add(where, f"{code!r} is not a choice of this item")
        elif not _text(label):
            add(where, f"the label for {code!r} must be non-empty text")


def _strings(texts: Mapping[str, Any], keys: set[str], where: str, add: Problem) -> None:
    for key in sorted(keys & set(texts)):
        value = texts[key]
        if not isinstance(value, str) or (key not in OPTIONAL and not value.strip()):
            add(where, f"{key!r} must be non-empty text")


def _text(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def localize(
    definition: Definition,
    language: str,
    translations: Mapping[str, Mapping[str, Any]] | None = None,
) -> Definition:
    """The definition with its texts in ``language``; English wherever that language has no
    text. ``translations`` (default: the definition's own) lets a stored run's copy borrow
    the texts of the same id and version as shipped now."""
    texts = (definition.translations if translations is None else translations).get(language)
    if language == SOURCE or not texts:
        return definition
    items = texts.get("items", {})
    stops = texts.get("stop_rules", {})
    scoring = definition.scoring
    if scoring is not None:
        levels = texts.get("levels", {})
        reasons = texts.get("overrides", [])
        scoring = Scoring(
            tuple(_level(lv, levels.get(lv.id, {})) for lv in scoring.levels),
            tuple(
                dataclasses.replace(o, reason=reasons[i]) if i < len(reasons) else o
                for i, o in enumerate(scoring.overrides)
            ),
        )
    return dataclasses.replace(
        definition,
        title=texts.get("title") or definition.title,
        description=texts.get("description") or definition.description,
        items=tuple(_item(i, items.get(i.id, {})) for i in definition.items),
        stop_rules=tuple(_stop(r, stops.get(r.id, {})) for r in definition.stop_rules),
        scoring=scoring,
        language=language,
    )


def _pick(texts: Mapping[str, Any], key: str, default: str) -> str:
    value = texts.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else default


def _item(item: Item, texts: Mapping[str, Any]) -> Item:
    if not texts:
        return item
    labels = texts.get("choices", {})
    return dataclasses.replace(
        item,
        text=_pick(texts, "text", item.text),
        help=_pick(texts, "help", item.help),
        section=_pick(texts, "section", item.section),
        unit=_pick(texts, "unit", item.unit),
        choices=tuple(
            dataclasses.replace(c, label=_pick(labels, c.code, c.label)) for c in item.choices
        ),
    )


def _stop(rule: StopRule, texts: Mapping[str, Any]) -> StopRule:
    return dataclasses.replace(
        rule, banner=_pick(texts, "banner", rule.banner), detail=_pick(texts, "detail", rule.detail)
    )


def _level(level: Level, texts: Mapping[str, Any]) -> Level:
    return dataclasses.replace(
        level,
        label=_pick(texts, "label", level.label),
        recommendation=_pick(texts, "recommendation", level.recommendation),
    )


def missing_texts(definition: Definition, language: str) -> list[str]:
    """Every text of the definition that ``language`` does not translate (for completeness
    checks; the app itself falls back to English)."""
    texts = definition.translations.get(language, {})
    missing = [] if texts.get("title") else ["title"]
    if definition.description and not texts.get("description"):
        missing.append("description")
    items = texts.get("items", {})
    for item in definition.items:
        t = items.get(item.id, {})
        for key in ("text", "help", "section", "unit"):
            if getattr(item, key) and not t.get(key):
                missing.append(f"items.{item.id}.{key}")
        missing += [
            f"items.{item.id}.choices.{c.code}"
            for c in item.choices
            if not t.get("choices", {}).get(c.code)
        ]
    stops = texts.get("stop_rules", {})
    for rule in definition.stop_rules:
        missing += [
            f"stop_rules.{rule.id}.{k}"
            for k in ("banner", "detail")
            if getattr(rule, k) and not stops.get(rule.id, {}).get(k)
        ]
    if definition.scoring is not None:
        levels = texts.get("levels", {})
        for lv in definition.scoring.levels:
            missing += [
                f"levels.{lv.id}.{k}"
                for k in ("label", "recommendation")
                if not levels.get(lv.id, {}).get(k)
            ]
        given = len(texts.get("overrides", []))
        missing += [f"overrides[{i}]" for i in range(given, len(definition.scoring.overrides))]
    return missing
