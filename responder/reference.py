"""Reference code lists (call types, priorities, dispositions, flags, ...) loaded from resources/.

Every analytic field in a record holds one of these codes; labels come from here, never from
string literals in code.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from civilian_responder.errors import ValidationError
from civilian_responder.resource_files import resource_path

LIST_NAMES = (
    "call_types",
    "priorities",
    "disposition_groups",
    "dispositions",
    "outcomes",
    "transport_destinations",
    "referral_destinations",
    "services",
    "service_responses",
    "flags",
    "disabilities",
    "languages",
    "person_roles",
    "backup_reasons",
    "unit_statuses",
    "response_models",
    "call_sources",
    "transport_modes",
    "shelter_placements",
    "holds",
    "police_handoff_reasons",
    "age_ranges",
    "follow_up_outcomes",
    "consent_kinds",
    "consent_methods",
    "resource_kinds",
    "crew_roles",
    "unit_states",
    "call_switch_actions",
    "agencies",
    "co_response_requests",
)


# Labels in another language: ``resources/reference/labels_<code>.json`` holds
# ``{list name: {code: label}}``. Records, exports and the station keep the codes and the English
# labels; only what the window shows follows its language (the window keeps the table in effect:
# civilian_responder_ui.shell.code_labels).
LabelTable = Mapping[str, Mapping[str, str]]


def shown_labels(language: str) -> dict[str, dict[str, str]]:
    """The label table of ``language`` (empty for English or a language without one)."""
    path = resource_path("reference", f"labels_{language}.json")
    if language == "en" or not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    table = {name: dict(labels) for name, labels in raw["lists"].items()}
    # Short labels (where room is tight) are kept as "<list>.short" beside the full ones.
    for name, labels in raw.get("short", {}).items():
        table[f"{name}.short"] = dict(labels)
    return table


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    list_name: str = ""

    def get(self, key: str, default: Any = None) -> Any:
        return self.extra.get(key, default)

    def label_in(self, table: LabelTable) -> str:
        """The label in a language's table (see :func:`shown_labels`); English without one."""
        return table.get(self.list_name, {}).get(self.code, self.label)

    def short_label_in(self, table: LabelTable) -> str:
        """The short label (``extra["short"]``, else the label) in a language's table."""
        english = self.get("short") or self.label
        return table.get(f"{self.list_name}.short", {}).get(self.code, english)


@dataclass(frozen=True)
class CodeList:
    name: str
    items: tuple[Code, ...]

    def __iter__(self) -> Iterator[Code]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, code: object) -> bool:
        return any(c.code == code for c in self.items)

    def get(self, code: str | None) -> Code | None:
        for c in self.items:
            if c.code == code:
                return c
        return None

    def label(self, code: str | None) -> str:
        found = self.get(code)
        return found.label if found else (code or "")

    def label_in(self, table: LabelTable, code: str | None) -> str:
        """:meth:`label` in a language's table."""
        found = self.get(code)
        return found.label_in(table) if found else (code or "")

    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.items)

    def offered(self) -> tuple[Code, ...]:
        """The codes a form offers: all but the retired ones (kept so old records still read)."""
        return tuple(c for c in self.items if not c.get("retired"))


@dataclass(frozen=True)
class ReferenceData:
    lists: Mapping[str, CodeList]

    def __getattr__(self, name: str) -> CodeList:
        try:
            return self.lists[name]
        except KeyError:
            raise AttributeError(name) from None

    def next_statuses(self, status: str) -> tuple[str, ...]:
        found = self.lists["unit_statuses"].get(status)
        return tuple(found.get("next", ())) if found else ()


def _load_list(path: Path, name: str) -> CodeList:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValidationError(f"Reference list {path.name} cannot be read: {exc}") from exc
    items = raw.get("items") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not items:
        raise ValidationError(f"Reference list {path.name} has no 'items' list")
    codes: list[Code] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise ValidationError(f"{path.name} item {i}: needs a string 'code'")
        if not isinstance(item.get("label"), str) or not item["label"].strip():
            raise ValidationError(f"{path.name} item {i} ({item['code']}): needs a 'label'")
        if item["code"] in seen:
            raise ValidationError(f"{path.name}: code {item['code']!r} appears twice")
        seen.add(item["code"])
        extra = {k: v for k, v in item.items() if k not in ("code", "label")}
        codes.append(Code(item["code"], item["label"], MappingProxyType(extra), name))
    return CodeList(name, tuple(codes))


def load_reference(directory: Path | None = None) -> ReferenceData:
    directory = directory or resource_path("reference")
    lists = {name: _load_list(directory / f"{name}.json", name) for name in LIST_NAMES}
    groups = lists["disposition_groups"]
    for d in lists["dispositions"]:
        if d.get("group") not in groups:
            raise ValidationError(
                f"dispositions.json: {d.code} names unknown group {d.get('group')}"
            )
    for o in lists["outcomes"]:
        needs = o.get("needs", [])
        if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
            raise ValidationError(f"outcomes.json: {o.code} 'needs' must be a list of field names")
    for k in lists["resource_kinds"]:
        if k.get("referral") not in lists["referral_destinations"]:
            raise ValidationError(
                f"resource_kinds.json: {k.code} names unknown referral {k.get('referral')}"
            )
    return ReferenceData(MappingProxyType(lists))
