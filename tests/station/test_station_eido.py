"""EIDO import: the shared samples, the 2020/2021/2022 spellings, and garbage rejected clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from civilian_responder.station.eido import parse_eido
from civilian_responder.station.errors import Invalid

from tests.station.conftest import Unit

SAMPLES = Path("/work/shared/standards/eido")
REPO_SAMPLES = Path(__file__).parent / "eido"


def _samples() -> list[Path]:
    found = sorted(REPO_SAMPLES.glob("*.json"))
    return found + (sorted(SAMPLES.glob("sample*.json")) if SAMPLES.is_dir() else [])


@pytest.mark.parametrize("path", _samples(), ids=lambda p: p.name)
def test_samples_parse_with_id_type_and_location(path):
    incident = parse_eido(path.read_bytes())
    assert incident.incident_id.startswith("urn:emergency:uid:incidentid:")
    assert incident.type_code and incident.address
    assert 1 <= incident.priority <= 6


def test_2020_sample_keeps_type_priority_and_coordinates():
    incident = parse_eido((REPO_SAMPLES / "eido-2020.json").read_bytes())
    assert incident.type_code == "10-101" and "CIVIL UNREST" in incident.type_text
    assert incident.priority == 1  # "10: VERY HIGH PRIORITY"
    assert (incident.latitude, incident.longitude) == (40.441345, -80.000266)


def test_2021_call_transfer_takes_civic_address_notes_and_callback():
    incident = parse_eido((REPO_SAMPLES / "eido-2021-call-transfer.json").read_bytes())
    assert incident.incident_id == "urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us"
    assert incident.address == "42 W Cellular Street, Wilmington, DE"
    assert incident.caller_phone == "8195551212"
    assert incident.notes == ("This is an example text.",)


def test_2022_spelling_single_incident_component_and_notes():
    incident = parse_eido((REPO_SAMPLES / "eido-2022.json").read_bytes())
    assert incident.type_code == "5150" and incident.priority == 2
    assert incident.address.startswith("1200 Mission St")
    assert incident.notes == ("Caller says brother is pacing & shouting", "No weapons seen")


@pytest.mark.parametrize("body, words", [
    (b"this is not json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not valid JSON"),
    (b"[1, 2, 3]", "JSON object"),
    (b'{"eidoVersion": "1.0"}', "incident tracking id"),
    (b'{"incidentTrackingIdentifier": 42}', "incidentTrackingIdentifier must be"),
    (b'{"incidentTrackingIdentifier": "urn:x", "incidentComponent": "fire"}',
     "incidentComponent must be"),
    (b'{"incidentTrackingIdentifier": "urn:x", "incidentComponent": '
     b'{"incidentCommonPriorityNumber": "high"}}', "incidentCommonPriorityNumber"),
    (b'{"incidentTrackingIdentifier": "urn:x", "locationComponent": [1]}', "locationComponent"),
])
def test_garbage_is_rejected_naming_the_problem(body, words):
    with pytest.raises(Invalid) as err:
        parse_eido(body)
    assert words in err.value.message


def test_import_over_http_creates_then_updates_without_duplicates(station, dispatcher):
    unit = Unit(station)
    body = (REPO_SAMPLES / "eido-2022.json").read_bytes()
    r = dispatcher.post("/api/v1/calls/eido", content=body, params={"unit": unit.unit_id})
    assert r.status_code == 201, r.text
    call = r.json()["call"]
    assert call["unit_id"] == unit.unit_id and call["cad_number"]
    doc = json.loads(body)
    doc["incidentComponent"]["incidentPriorityInternalText"] = "LOW"
    doc["notesComponent"].append({"$id": "n3", "notesActionComments": "Now calm"})
    r = dispatcher.post("/api/v1/calls/eido", json=doc)
    assert r.status_code == 200 and r.json()["created"] is False
    assert r.json()["call"]["id"] == call["id"] and r.json()["call"]["priority"] == 4
    changes, _ = unit.pull_all()
    assert len({c["entity_id"] for c in changes if c["kind"] == "call"}) == 1
    notes = [c["payload"]["note"] for c in changes if c["kind"] == "call_event"]
    assert "Now calm" in notes


def test_import_over_http_rejects_garbage_with_422(station, dispatcher):
    r = dispatcher.post("/api/v1/calls/eido", content=b"<xml/>", params={"unit": "CSO-12"})
    assert r.status_code == 422 and "not valid JSON" in r.json()["error"]["message"]
    r = dispatcher.post("/api/v1/calls/eido", json={"eidoVersion": "1.0"})
    assert r.status_code == 422 and "incident tracking id" in r.json()["error"]["message"]
    r = dispatcher.post("/api/v1/calls/eido", content=(REPO_SAMPLES / "eido-2020.json")
                        .read_bytes().replace(b"incidentid:0:", b"incidentid:99:"))
    assert r.status_code == 422 and "unit" in r.json()["error"]["message"]
