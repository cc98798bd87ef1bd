"""NENA EIDO documents back to CAD: a unit's status changes and a call's disposition.

What leaves is an explicit allowlist (``CALL_FIELDS``, ``EVENT_FIELDS``, ``FACT_FIELDS``, the
report's coded outcomes): the call's identifiers, type and priority, the unit, the status code and
its time, the disposition, outcome and response-model codes and the report's finalized time.
Nothing else of a report is ever read here (no narrative, persons, flags, referrals, services,
transport destination or checklist answer), and any code the 42 CFR Part 2 tag list tags
(``resources/privacy/part2.json``, read through :mod:`civilian_responder.part2`, the same list the
police-copy PDF uses) is dropped even from an allowed field. Every document is
validated against the EIDO JSON Schema (resources/standards) before it is stored to be served.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from civilian_responder.errors import ValidationError
from civilian_responder.part2 import Part2Tags, load_part2_tags
from civilian_responder.reference import ReferenceData
from civilian_responder.resource_files import resource_path

CALL_FIELDS = (
    "id",
    "cad_number",
    "incident_id",
    "type_code",
    "priority",
    "received_at",
    "unit_id",
    "status",
)
EVENT_FIELDS = ("id", "status", "at", "unit_id")
FACT_FIELDS = ("report_id", "disposition_code", "response_model_code", "finalized_at")
EIDO_VERSION = "1.0"
INCIDENT_URN = "urn:emergency:uid:incidentid:"


@dataclass(frozen=True)
class EidoCodes:
    """``resources/standards/eido_out.json``: our codes in the NENA registries."""

    agency_prefix: str
    agency_role: str
    agency_type: str
    resource_type: str
    unit_status: Mapping[str, str]
    incident_status: Mapping[str, str]
    incident_type: Mapping[str, str]
    schema_file: str


def load_mapping() -> EidoCodes:
    raw = json.loads(resource_path("standards", "eido_out.json").read_text(encoding="utf-8"))
    try:
        tables = {
            name: dict(raw[name]) for name in ("unit_status", "incident_status", "incident_type")
        }
        for name, table in tables.items():
            if not all(isinstance(v, str) and v for v in table.values()) or "default" not in table:
                raise ValidationError(f"eido_out.json: {name} needs text values and a default")
        return EidoCodes(
            raw["agency"]["id_prefix"],
            raw["agency"]["role"],
            raw["agency"]["type"],
            raw["resource_type"],
            tables["unit_status"],
            tables["incident_status"],
            tables["incident_type"],
            raw["schema"],
        )
    except (KeyError, TypeError) as exc:
        raise ValidationError(f"eido_out.json is missing {exc}") from exc


def _date_time(value: object) -> bool:
    """RFC 3339 date-time: an ISO-8601 time with a zone (what CAD needs to order events)."""
    if not isinstance(value, str):
        return True  # the type check reports it
    try:
        return (
            "T" in value and datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None
        )
    except ValueError:
        return False


def _compiled(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """The schema compiled to Python by fastjsonschema: True when a document conforms.

    It may refuse more than the reference validator, never less: the schema uses only
    keywords both read alike (type, properties, required, items, allOf, enum, minItems,
    format, local $ref), date-time is the same check, and the other formats are not checked
    by either. tests/unit/test_eido_fast_validation.py holds the two to that."""
    import fastjsonschema  # noqa: PLC0415

    # fastjsonschema reads drafts 4-7: the keywords this schema uses mean the same there.
    draft7 = dict(schema, **{"$schema": "http://json-schema.org/draft-07/schema#"})
    formats = {name: _any_value for name in ("int32", "uri", "uri-reference", "date", "time",
                                             "email", "hostname", "ipv4", "ipv6", "regex")}
    formats["date-time"] = _date_time
    check = fastjsonschema.compile(draft7, formats=formats)

    def conforms(doc: Any) -> bool:
        try:
            check(doc)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return conforms


def _any_value(_value: object) -> bool:
    return True  # a format the reference validator does not check either


class EidoInvalid(Exception):
    """A built document the schema rejects; ``where`` is the JSON path, never the content."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where


class EidoWriter:
    """Builds and validates EIDO documents for one station."""

    def __init__(self, reference: ReferenceData, station_id: str,
                 part2: Part2Tags | None = None) -> None:
        self.map = load_mapping()
        schema = json.loads(
            resource_path("standards", self.map.schema_file).read_text(encoding="utf-8")
        )
        import jsonschema  # noqa: PLC0415 (compiled on first publish, not at start-up)

        checker = jsonschema.FormatChecker(formats=())
        checker.checks("date-time")(_date_time)
        self._validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
        self._best_match = jsonschema.exceptions.best_match
        self._fast = _compiled(schema)
        self._part2 = (part2 or load_part2_tags()).all_codes()
        self._agency = f"{self.map.agency_prefix}{station_id}"
        self._station_id = station_id
        self._issuer = f"responder-station:{station_id}"

    def validate(self, doc: dict[str, Any]) -> None:
        """Raise EidoInvalid unless ``doc`` conforms. The compiled check passes a conforming
        document in tens of microseconds (the station publishes one per status change);
        jsonschema, the reference, judges only what it refuses, and names the problem."""
        if self._fast(doc):
            return
        error = self._best_match(self._validator.iter_errors(doc))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(document)"
            raise EidoInvalid(where, error.message[:300])

    def status(self, call: Mapping[str, Any], event: Mapping[str, Any]) -> dict[str, Any]:
        """The unit's new status on the call, as of the event's time."""
        c, e = _only(call, CALL_FIELDS), _only(event, EVENT_FIELDS)
        doc = self._document(c, e["at"], e["status"], f"status:{e['id']}")
        doc["emergencyResourceComponent"] = [
            self._unit(c, e["unit_id"] or c["unit_id"], e["status"], e["at"])
        ]
        return doc

    def disposition(
        self, call: Mapping[str, Any], facts: Mapping[str, Any], outcomes: Iterable[str]
    ) -> dict[str, Any]:
        """The call's outcome summary from its submitted report (coded fields only)."""
        c, f = _only(call, CALL_FIELDS), _only(facts, FACT_FIELDS)
        at = f["finalized_at"] or c["received_at"]
        doc = self._document(c, at, c["status"], f"disposition:{f['report_id']}")
        parts = [
            ("disposition", f["disposition_code"], True),
            ("response_model", f["response_model_code"], False),
        ]
        parts += [("outcome", code, False) for code in outcomes]
        doc["incidentComponent"]["dispositionComponent"] = [
            dict(
                self._prologue(f"{doc['$id']}:{kind}:{code}", at),
                dispositionCommonRegistryCode=code,
                dispositionPrimaryIndicator=primary,
                dispositionCategoryText=kind,
            )
            for kind, code, primary in parts
            if code and code not in self._part2
        ]
        doc["emergencyResourceComponent"] = [self._unit(c, c["unit_id"], c["status"], at)]
        return doc

    def _document(self, c: dict[str, Any], at: str, status: str, what: str) -> dict[str, Any]:
        incident_id = c["incident_id"] or f"{INCIDENT_URN}{c['id']}:{self._station_id}"
        return {
            **self._prologue(incident_id, at),
            "eidoVersion": EIDO_VERSION,
            "incidentTrackingIdentifier": incident_id,
            "issuingElementIdentification": self._issuer,
            "agencyComponent": [
                dict(
                    self._prologue(self._agency, at),
                    agencyRoleDescriptionRegistryText=[self.map.agency_role],
                    agencyType=[self.map.agency_type],
                    incidentOwningAgencyIndicator=False,
                )
            ],
            "incidentComponent": dict(
                self._prologue(f"{incident_id}:incident:{what}", at),
                incidentTypeInternalCode=c["type_code"],
                incidentTypeCommonRegistryText=_pick(self.map.incident_type, c["type_code"]),
                incidentStatusInternalText=[status],
                incidentStatusCommonRegistryText=[_pick(self.map.incident_status, status)],
                incidentCommonPriorityNumber=int(c["priority"]),
                internalIncidentId=c["cad_number"] or c["id"],
            ),
        }

    def _unit(self, c: dict[str, Any], unit_id: str, status: str, at: str) -> dict[str, Any]:
        return dict(
            self._prologue(f"urn:civilian-responder:unit:{unit_id}", at),
            agentReference=[],
            emergencyResourceTypeCommonRegistryText=self.map.resource_type,
            emergencyResourceName=unit_id,
            primaryUnitStatusRegistryText=_pick(self.map.unit_status, status),
            secondaryUnitStatusRegistryText=[],
            resourceAttributeRegistryText=[],
            unitStatusInternal=[status],
        )

    def _prologue(self, component_id: str, at: str) -> dict[str, Any]:
        return {
            "$id": component_id,
            "lastUpdateTimeStamp": at,
            "updatedByAgencyReference": {"$ref": self._agency},
        }


def _only(row: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The allowlisted fields of a row, and nothing else."""
    return {name: row.get(name) for name in names}


def _pick(table: Mapping[str, str], code: str | None) -> str:
    return table.get(code or "", table["default"])
