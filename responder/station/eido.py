"""Lenient reading of NENA EIDO JSON (the 2020, 2021 and 2022 drafts spell things differently).

Keys are matched case-insensitively (``LastUpdateTimeStamp`` / ``lastUpdateTimeStamp``); a
component may be a list or a single object (``incidentComponent``); locations are read from
``locationInformationComponent`` (2020) or ``locationComponent`` (2021+). PIDF-LO XML inside
``locationByValue`` is often not well-formed in the wild, so the few elements we need (civic
address parts, ``gml:pos``) are picked out with bounded regular expressions; no XML parser ever
sees the input, so there is no XXE or entity-expansion risk.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from civilian_responder.station.bodies import check_request_value, parse_json
from civilian_responder.station.errors import Invalid

MAX_TEXT = 64 * 1024
PRIORITY_WORDS = (("VERY HIGH", 1), ("CRITICAL", 1), ("EMERGENCY", 1), ("HIGH", 2),
                  ("MEDIUM", 3), ("MODERATE", 3), ("NORMAL", 3), ("LOW", 4))
CIVIC_PARTS = ("HNO", "HNS", "PRD", "RD", "STS", "POD")
CIVIC_AREA = ("A3", "A1")


@dataclass(frozen=True)
class EidoIncident:
    incident_id: str
    type_code: str
    type_text: str
    priority: int
    address: str
    latitude: float | None = None
    longitude: float | None = None
    location_note: str = ""
    caller_phone: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    version_hint: str = ""
    received_at: str | None = None  # the call's start (or answer) time, as the EIDO gives it


def parse_eido(body: bytes | str | Any) -> EidoIncident:
    """Parse an EIDO document (bytes, text or already-decoded JSON) or raise Invalid."""
    doc = _decode(body)
    if not isinstance(doc, dict):
        raise Invalid("EIDO must be a JSON object (an EmergencyIncidentDataObject)")
    incident = _first(doc, "incidentComponent", "incidentInformationComponent")
    incident_id = _incident_id(doc, incident)
    type_code, type_text = _incident_type(doc, incident)
    lat, lon, address, loc_note = _location(doc)
    return EidoIncident(
        incident_id=incident_id, type_code=type_code, type_text=type_text,
        priority=_priority(incident), address=address, latitude=lat, longitude=lon,
        location_note=loc_note, caller_phone=_caller_phone(doc), notes=_notes(doc),
        version_hint=str(_get(doc, "eidoVersion") or ""),
        received_at=_call_time(doc),
    )


def _decode(body: bytes | str | Any) -> Any:
    if isinstance(body, bytes | str):
        return parse_json(body, "EIDO")
    return check_request_value(body, "EIDO")


def _get(obj: Any, *names: str) -> Any:
    """The value of the first of ``names`` present in ``obj``, matching keys case-insensitively."""
    if not isinstance(obj, dict):
        return None
    lowered = {k.lower(): v for k, v in obj.items() if isinstance(k, str)}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def _components(doc: dict[str, Any], *names: str) -> list[dict[str, Any]]:
    for name in names:
        value = _get(doc, name)
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(i, dict) for i in items):
            raise Invalid(f"{name} must be an object or a list of objects")
        return items
    return []


def _first(doc: dict[str, Any], *names: str) -> dict[str, Any] | None:
    items = _components(doc, *names)
    return items[0] if items else None


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "; ".join(value)
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise Invalid(f"{name} must be text")
    return str(value).strip()[:MAX_TEXT]


def _incident_id(doc: dict[str, Any], incident: dict[str, Any] | None) -> str:
    for where, obj in (("incidentTrackingIdentifier", doc), ("incidentComponent", incident)):
        value = _get(obj, "incidentTrackingIdentifier", "incidentTrackingId")
        if value is not None:
            if not isinstance(value, str) or not value.strip():
                raise Invalid(f"{where}: incidentTrackingIdentifier must be a non-empty string")
            return value.strip()[:256]
    # 2021/2022 drafts carry the incident id as the document's own $id.
    own = _get(doc, "$id", "id")
    if isinstance(own, str) and "incident" in own.lower():
        return own.strip()[:256]
    raise Invalid("EIDO has no incident tracking id: expected incidentTrackingIdentifier, or a "
                  "document $id of the form urn:emergency:uid:incidentid:...")


def _incident_type(doc: dict[str, Any], incident: dict[str, Any] | None) -> tuple[str, str]:
    code = _text(_get(incident, "incidentTypeInternalCode"), "incidentTypeInternalCode")
    common = _text(_get(incident, "incidentTypeCommonRegistryText", "incidentTypeCommonRegistry"),
                   "incidentTypeCommonRegistryText")
    text = _text(_get(incident, "incidentTypeInternalText"), "incidentTypeInternalText")
    if not (code or common or text):
        call = _first(doc, "callComponent")
        text = _text(_get(call, "standardPrimaryCallType"), "standardPrimaryCallType")
    chosen = (code or common or "UNK")[:32]
    label = " / ".join(x for x in (text, common if common != chosen else "") if x)
    return chosen, label[:256]


def _priority(incident: dict[str, Any] | None) -> int:
    words = _text(_get(incident, "incidentPriorityInternalText"), "incidentPriorityInternalText")
    for word, rank in PRIORITY_WORDS:
        if word in words.upper():
            return rank
    number = _get(incident, "incidentCommonPriorityNumber")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        raise Invalid("incidentCommonPriorityNumber must be a whole number")
    if isinstance(number, int) and 1 <= number <= 6:
        return number
    return 3


def _location(doc: dict[str, Any]) -> tuple[float | None, float | None, str, str]:
    locations = _components(doc, "locationInformationComponent", "locationComponent")
    ranked = sorted(locations, key=lambda c: str(
        _get(c, "locationTypeDescriptionRegistryText") or "").lower() == "caller")
    for comp in ranked:
        pidf = _text(_get(comp, "locationByValue"), "locationByValue")
        note = _text(_get(comp, "locationDescriptionText"), "locationDescriptionText")
        address = _civic_address(pidf)
        lat, lon = _geodetic(pidf)
        if address or lat is not None:
            return lat, lon, address or f"{lat:.6f}, {lon:.6f} (coordinates only)", note
    return None, None, "(no location in the EIDO; ask dispatch)", ""


def _element(xml: str, name: str) -> str:
    found = re.search(rf"<(?:\w+:)?{name}(?:\s[^<>]{{0,200}})?>([^<>]{{0,300}})</(?:\w+:)?{name}>",
                      xml)
    return html.unescape(found.group(1)).strip() if found else ""


def _civic_address(xml: str) -> str:
    if "civicAddress" not in xml:
        return ""
    street = " ".join(p for p in (_element(xml, n) for n in CIVIC_PARTS) if p)
    area = ", ".join(p for p in (_element(xml, n) for n in CIVIC_AREA) if p)
    return ", ".join(p for p in (street, area) if p)[:500]


def _geodetic(xml: str) -> tuple[float | None, float | None]:
    pos = _element(xml, "pos")
    parts = pos.split()
    if len(parts) >= 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            return None, None
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
    return None, None


CALL_TIMES = ("callStartTimestamp", "callStartTimeStamp", "callAnswerTimestamp",
              "callAnswerTimeStamp", "callAnsweredTimestamp")


def _call_time(doc: dict[str, Any]) -> str | None:
    """When the call came in: the first call component's start time, else its answer time.
    A value that is not an ISO-8601 time with a zone is ignored (the station's time is used)."""
    for comp in _components(doc, "callComponent"):
        for name in CALL_TIMES:
            value = _get(comp, name)
            if isinstance(value, str) and _zoned_time(value):
                return value.strip()
    return None


def _zoned_time(value: str) -> bool:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def _caller_phone(doc: dict[str, Any]) -> str:
    for comp in _components(doc, "callbackComponent"):
        uris = _get(comp, "callBackInformationUri")
        for uri in uris if isinstance(uris, list) else [uris]:
            if isinstance(uri, str) and uri.startswith("tel:"):
                return uri[4:][:64]
    return ""


def _notes(doc: dict[str, Any]) -> tuple[str, ...]:
    notes: list[str] = []
    for comp in _components(doc, "notesComponent", "noteComponent"):
        text = _text(_get(comp, "notesActionComments", "noteText"), "notesActionComments")
        if text:
            notes.append(html.unescape(re.sub(r"<[^<>]{0,200}>", " ", text)).strip())
    for comp in _components(doc, "additionalDataComponent"):
        data = _text(_get(comp, "additionalDataByValue"), "additionalDataByValue")
        comment = _element(data, "Comment") if "Comment" in data else ""
        if comment:
            notes.append(comment)
    return tuple(n for n in notes if n)
