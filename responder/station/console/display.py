"""How stored values read on a console page: code labels from the reference data, field names
in words, times shortened. Values are returned as plain text; the templates escape them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from civilian_responder.reference import ReferenceData

# Which reference list a report or call field's codes come from.
CODE_LISTS = {
    "disposition_code": "dispositions",
    "outcome_codes": "outcomes",
    "flags": "flags",
    "response_model_code": "response_models",
    "call_source_code": "call_sources",
    "transport_mode_code": "transport_modes",
    "referrals": "referral_destinations",
    "transport_destination_code": "transport_destinations",
    "holds": "holds",
    "shelter_placement_code": "shelter_placements",
    "hold_code": "holds",
    "police_handoff_reason_code": "police_handoff_reasons",
    "backup_reason_code": "backup_reasons",
    "disability_codes": "disabilities",
    "language_codes": "languages",
    "role_code": "person_roles",
    "type_code": "call_types",
    "status": "unit_statuses",
    "code": "services",
    "priority": "priorities",
    "age_range": "age_ranges",
}


def words(key: str) -> str:
    text = key.replace("_codes", "").replace("_code", "").replace("_", " ")
    return text[:1].upper() + text[1:].replace("988", "988")


def label(ref: ReferenceData, key: str, code: Any) -> str:
    name = CODE_LISTS.get(key)
    if name is None or code in (None, ""):
        return "" if code is None else str(code)
    try:
        found = getattr(ref, name).get(str(code))
    except (AttributeError, KeyError):
        found = None
    return f"{found.label} ({code})" if found is not None else str(code)


def value(ref: ReferenceData, key: str, v: Any) -> str:
    """One field's value as text (lists of codes joined, nested things as compact JSON)."""
    if v is None or v == "" or v == [] or v == ():
        return "—"
    if isinstance(v, bool):
        return "Yes" if v else "No"
    if isinstance(v, list | tuple) and all(not isinstance(x, dict | list) for x in v):
        return ", ".join(label(ref, key, x) for x in v)
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False, indent=1)
    return label(ref, key, v) if key in CODE_LISTS else str(v)


def short_time(text: Any) -> str:
    if not isinstance(text, str) or not text:
        return "—"
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


def age(text: Any, now: datetime) -> str:
    try:
        then = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return "—"
    minutes = max(0, int((now - then).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60:02d} min"
    return f"{minutes // 1440} days"


def filters(ref: ReferenceData, now: datetime) -> dict[str, Any]:
    """Helpers every template may call."""
    return {
        "label": lambda key, code: label(ref, key, code),
        "value": lambda key, v: value(ref, key, v),
        "words": words,
        "short_time": short_time,
        "waited": lambda t: age(t, now),
    }
