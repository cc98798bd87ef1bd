"""Pushing people records as a unit would: an enrolled device and a change on the wire."""

from __future__ import annotations

import dataclasses
import json

from civilian_responder.clock import new_id


def device(station, unit):
    code, _ = station.devices.make_code(unit)
    return station.devices.get(station.devices.enroll(code, f"{unit}-laptop").device_id)


def change(kind, record):
    body = json.loads(json.dumps(dataclasses.asdict(record)))  # as on the wire
    return {
        "change_id": new_id(),
        "kind": kind,
        "entity_id": body["id"],
        "call_id": None,
        "created_at": "2026-11-21T10:00:00.000Z",
        "payload": body,
    }
