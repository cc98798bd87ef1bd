"""Derive the JSON Schema the station validates EIDO out against from NENA's OpenAPI file.

``python -m tests.station.eido_schema [openapi.yaml]`` rewrites
``resources/standards/eido-2022.schema.json``; ``test_station_eido_out`` checks the shipped file
still equals what this derives from ``/work/shared/standards/eido/openapi.yaml``.

OpenAPI 3.0 component schemas are JSON Schema with three differences handled here: references
point at ``#/components/schemas/X`` (rewritten to ``#/$defs/X``); NIEM types live in files we do
not carry (``NIEMComponents/*.yaml``), so a reference to one is accepted as any value; and the
2022 file has one typo (``minItems: '1,'`` on ``agentRoleRegistryText``), read as ``1``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

OPENAPI = Path("/work/shared/standards/eido/openapi.yaml")
SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "standards" / "eido-2022.schema.json"
ROOT = "EmergencyIncidentDataObjectType"
LOCAL = "#/components/schemas/"


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            if value.startswith(LOCAL):
                out[key] = "#/$defs/" + value[len(LOCAL) :]
            else:
                out["description"] = f"external type {value} (not carried; any value)"
            continue
        if key in ("minItems", "maxItems") and isinstance(value, str):
            value = int(value.strip(" ,"))
        out[key] = _convert(value)
    return out


def derive(openapi: Path = OPENAPI) -> dict[str, Any]:
    doc = yaml.safe_load(openapi.read_text(encoding="utf-8"))
    defs = _convert(doc["components"]["schemas"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:civilian-responder:eido-2022",
        "title": "NENA EIDO 1.0 (STA-021.1b), derived from the NENA EIDO-JSON openapi.yaml",
        "$ref": f"#/$defs/{ROOT}",
        "$defs": defs,
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else OPENAPI
    SHIPPED.write_text(render(derive(source)), encoding="utf-8")
    print(f"wrote {SHIPPED}")
