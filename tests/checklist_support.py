"""Shared builders for the checklist tests: a tiny definition and an app with one call."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from civilian_responder.app import ResponderApp, open_app
from civilian_responder.clock import FixedClock
from civilian_responder.resource_files import resource_path

SHIPPED = sorted(p for p in resource_path("checklists").glob("*.json") if p.name != "schema.json")


def shipped(name: str) -> dict[str, Any]:
    return json.loads(resource_path("checklists", f"{name}.json").read_text(encoding="utf-8"))


def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 21, 14, 0, tzinfo=UTC))


def app_with_call(profile: Path, type_code: str = "5150",
                  fixed: FixedClock | None = None) -> tuple[ResponderApp, str]:
    app = open_app(profile, clock=fixed or clock())
    call = app.calls.create_self_initiated(type_code, "Library steps, 5th Ave")
    return app, call.id


def scored_definition(**changes: Any) -> dict[str, Any]:
    """A small definition exercising visibility, stop rules, scoring and report mappings."""
    d: dict[str, Any] = {
        "id": "mini", "version": 1, "title": "Mini screen",
        "applies_to": {"call_types": ["WELCK"]},
        "items": [
            {"id": "a", "type": "yes_no", "text": "A?", "required": True, "score": {"yes": 2}},
            {"id": "b", "type": "yes_no", "text": "B?", "required": True, "score": {"yes": 3},
             "visible_if": {"item": "a", "equals": True}},
            {"id": "c", "type": "single_choice", "text": "C?", "required": True,
             "choices": [{"code": "X", "label": "Ex", "score": 0},
                         {"code": "Y", "label": "Why", "score": 1},
                         {"code": "Z", "label": "Zed", "score": 4}]},
            {"id": "d", "type": "multi_choice", "text": "D?",
             "choices": [{"code": "FOOD_WATER", "label": "Food"},
                         {"code": "SHELTER_BED", "label": "Bed"}]},
            {"id": "n", "type": "number", "text": "N?", "min": 0, "max": 10},
            {"id": "t", "type": "text", "text": "T?", "max_length": 20},
            {"id": "act", "type": "action", "text": "Did the thing"},
            {"id": "g", "type": "guidance", "text": "Read this"},
        ],
        "stop_rules": [
            {"id": "danger", "when": {"item": "b", "equals": True}, "banner": "Danger — stop",
             "actions": ["request_police", "hand_back", "proceed"], "reason_code": "WEAPON"},
        ],
        "scoring": {
            "levels": [
                {"id": "low", "label": "Low", "min": 0, "max": 2, "recommendation": "Stay."},
                {"id": "mid", "label": "Mid", "min": 3, "max": 5, "recommendation": "Call."},
                {"id": "high", "label": "High", "min": 6, "max": 9, "recommendation": "Now."},
            ],
            "overrides": [{"when": {"item": "c", "equals": "Z"}, "level": "high",
                           "reason": "Z chosen"}],
        },
        "report_mappings": [
            {"field": "backup_reason_code", "when": {"item": "b", "equals": True},
             "value": "WEAPON"},
            {"field": "flags", "when": {"item": "a", "equals": True}, "value": ["UNHOUSED"]},
            {"field": "services", "from_item": "d", "response": "OFFERED"},
        ],
    }
    d.update(copy.deepcopy(changes))
    return d


def write_definition(folder: Path, data: dict[str, Any], name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{data['id']}.v{data['version']}.json")
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
