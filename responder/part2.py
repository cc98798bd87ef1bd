"""42 CFR Part 2 tags: which report values and checklist answers reveal substance-use treatment.

The list is data (``resources/privacy/part2.json``), read here and only here; the police-copy
PDF, anything sent back to CAD and the station read it through :func:`load_part2_tags`. This is
a shared basic (no store, no Qt), so the station may import it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from civilian_responder.errors import ValidationError
from civilian_responder.models import Report
from civilian_responder.resource_files import resource_path

# Report fields holding codes, and the code list each one draws from.
CODE_FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "flags": "flags",
        "referrals": "referral_destinations",
        "transport_destination_code": "transport_destinations",
        "services": "services",
    }
)
# What a reader of the police copy is told was left out (never the value itself).
FIELD_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "flags": "a flag",
        "referrals": "a referral",
        "services": "a service",
        "transport_destination_code": "the transport destination",
        "transport_facility": "the named transport facility",
        "referral_agency": "the named referral agency",
        "narrative": "the narrative",
    }
)


@dataclass(frozen=True)
class TextRule:
    """A free-text field withheld when ``when_tagged`` holds a tagged code ("*": any)."""

    field: str
    when_tagged: str
    why: str = ""


@dataclass(frozen=True)
class Part2Tags:
    codes: Mapping[str, frozenset[str]]  # code list name -> tagged codes
    fields: tuple[TextRule, ...] = ()
    checklists: frozenset[str] = frozenset()  # every answer of these checklists
    answers: Mapping[tuple[str, str], frozenset[str]] = dataclasses.field(
        default_factory=lambda: MappingProxyType({})
    )

    def code_tagged(self, list_name: str, code: str | None) -> bool:
        return code is not None and code in self.codes.get(list_name, frozenset())

    def all_codes(self) -> frozenset[str]:
        """Every tagged code of every list (for outputs that carry codes from other lists too:
        a tagged code is dropped wherever it appears)."""
        return frozenset().union(*self.codes.values())

    def checklist_tagged(self, checklist_id: str) -> bool:
        return checklist_id in self.checklists

    def answer_tagged(self, checklist_id: str, item_id: str, value: Any) -> bool:
        """True when the answer (a code, or a list of codes) holds a tagged value."""
        if checklist_id in self.checklists:
            return True
        values = self.answers.get((checklist_id, item_id))
        if not values or value is None:
            return False
        given = value if isinstance(value, list | tuple | set | frozenset) else (value,)
        return any(isinstance(v, str) and v in values for v in given)

    # Reports are read as models on the unit and as the JSON payloads units pushed at the
    # station: one set of decisions for both, over a reader of the report's fields.

    def tagged_fields(self, report: Report) -> tuple[str, ...]:
        """The report fields that hold a tagged value, in a stable order."""
        return self._tagged(lambda name: getattr(report, name, None))

    def payload_tagged_fields(self, payload: Mapping[str, Any]) -> tuple[str, ...]:
        """The fields of a report payload that hold a tagged value, in a stable order."""
        return self._tagged(payload.get)

    def withhold(self, report: Report) -> tuple[Report, tuple[str, ...]]:
        """The report without any tagged value, and labels of what was left out."""
        hit = self.tagged_fields(report)
        if not hit:
            return report, ()
        changes: dict[str, Any] = {}
        for name in hit:
            if name in CODE_FIELDS:
                kept = self._kept(name, getattr(report, name))
                changes[name] = None if kept is None else tuple(kept)
            else:
                changes[name] = ""
        return dataclasses.replace(report, **changes), tuple(FIELD_LABELS.get(n, n) for n in hit)

    def withhold_payload(
        self, payload: Mapping[str, Any], marker: str
    ) -> tuple[dict[str, Any], tuple[str, ...]]:
        """A copy of the report payload without any tagged value (tagged codes dropped, a
        tagged single code set to None, text fields replaced by ``marker``) and labels of what
        was left out."""
        hit = self.payload_tagged_fields(payload)
        out = dict(payload)
        for name in hit:
            out[name] = self._kept(name, payload.get(name)) if name in CODE_FIELDS else marker
        return out, tuple(FIELD_LABELS.get(n, n) for n in hit)

    def _tagged(self, read: Callable[[str], Any]) -> tuple[str, ...]:
        hits = [f for f in CODE_FIELDS if self._holds_tag(f, read(f))]
        any_tag = bool(hits)
        for rule in self.fields:
            if not str(read(rule.field) or "").strip():
                continue
            if (rule.when_tagged == "*" and any_tag) or rule.when_tagged in hits:
                hits.append(rule.field)
        return tuple(hits)

    def _holds_tag(self, name: str, value: Any) -> bool:
        list_name = CODE_FIELDS[name]
        if name == "services":
            return any(self.code_tagged(list_name, _entry_code(s)) for s in _entries(value))
        if isinstance(value, list | tuple):
            return any(self.code_tagged(list_name, _code(c)) for c in value)
        return self.code_tagged(list_name, _code(value))

    def _kept(self, name: str, value: Any) -> list[Any] | None:
        """What of a tagged code field is not tagged (a single code: nothing)."""
        list_name = CODE_FIELDS[name]
        if name == "services":
            return [s for s in _entries(value)
                    if not self.code_tagged(list_name, _entry_code(s))]
        if isinstance(value, list | tuple):
            return [c for c in value if not self.code_tagged(list_name, _code(c))]
        return None

    def withhold_run(
        self, payload: Mapping[str, Any], marker: str
    ) -> tuple[dict[str, Any], tuple[str, ...]]:
        """A copy of a checklist run payload without what is tagged: every answer of a tagged
        checklist (and its score, level and outcome), or the tagged answers (value and note)."""
        definition = str(payload.get("definition_id") or payload.get("checklist_id") or "")
        out = dict(payload)
        if self.checklist_tagged(definition):
            out["steps"] = []
            out["escalations"] = []
            for key in ("score", "level", "outcome", "current_item"):
                if out.get(key) is not None:
                    out[key] = marker
            return out, (f"the {definition} checklist",)
        steps, labels = [], []
        for step in payload.get("steps") or []:
            if isinstance(step, Mapping) and self.answer_tagged(
                definition, str(step.get("item_id") or ""), step.get("value")
            ):
                step = dict(step, value=marker, note="")
                labels.append(f"an answer ({definition}/{step.get('item_id')})")
            steps.append(step)
        if labels:
            out["steps"] = steps
        return out, tuple(labels)


def _code(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _entries(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, list | tuple) else ()


def _entry_code(entry: Any) -> str | None:
    """A service entry's code: a model's ``ServiceEntry`` or a pushed dict."""
    if isinstance(entry, Mapping):
        return _code(entry.get("code"))
    return _code(getattr(entry, "code", None))


def load_part2_tags(path: Path | None = None) -> Part2Tags:
    path = path or resource_path("privacy", "part2.json")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValidationError(f"Part 2 tag list {path.name} cannot be read: {exc}") from exc
    if not isinstance(raw, dict):
        raise ValidationError(f"{path.name}: expected an object")
    codes = raw.get("codes", {})
    if not isinstance(codes, dict) or not all(_strings(v) for v in codes.values()):
        raise ValidationError(f"{path.name}: 'codes' maps code list names to lists of codes")
    unknown = set(codes) - set(CODE_FIELDS.values())
    if unknown:
        raise ValidationError(f"{path.name}: no report field draws from {sorted(unknown)}")
    return Part2Tags(
        codes=MappingProxyType({k: frozenset(v) for k, v in codes.items()}),
        fields=tuple(_text_rule(path.name, r) for r in raw.get("fields", [])),
        checklists=frozenset(_checked_strings(path.name, "checklists", raw.get("checklists"))),
        answers=MappingProxyType(_answers(path.name, raw.get("checklist_answers", []))),
    )


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _checked_strings(name: str, key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not _strings(value):
        raise ValidationError(f"{name}: '{key}' must be a list of strings")
    return list(value)


def _text_rule(name: str, rule: Any) -> TextRule:
    if not isinstance(rule, dict) or not isinstance(rule.get("field"), str):
        raise ValidationError(f"{name}: each 'fields' entry needs a 'field'")
    if rule["field"] not in Report.__dataclass_fields__:
        raise ValidationError(f"{name}: {rule['field']!r} is not a report field")
    when = rule.get("when_tagged", "*")
    if when != "*" and when not in CODE_FIELDS:
        raise ValidationError(
            f"{name}: {rule['field']}: 'when_tagged' must be '*' or a coded "
            f"field ({', '.join(CODE_FIELDS)})"
        )
    return TextRule(rule["field"], when, str(rule.get("why", "")))


def _answers(name: str, entries: Iterable[Any]) -> dict[tuple[str, str], frozenset[str]]:
    out: dict[tuple[str, str], frozenset[str]] = {}
    for e in entries:
        if not (
            isinstance(e, dict)
            and isinstance(e.get("checklist"), str)
            and isinstance(e.get("item"), str)
            and _strings(e.get("values"))
        ):
            raise ValidationError(
                f"{name}: each 'checklist_answers' entry needs 'checklist', "
                "'item' and a list of 'values'"
            )
        out[(e["checklist"], e["item"])] = frozenset(e["values"])
    return out
