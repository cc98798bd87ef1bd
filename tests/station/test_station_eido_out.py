"""EIDO back to CAD: schema-valid status and disposition documents, polled by a cursor that
never skips, with nothing tagged 42 CFR Part 2 in them, and the export-eido command."""

from __future__ import annotations

import json
import logging
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from civilian_responder.clock import FixedClock
from civilian_responder.station.cli import main
from civilian_responder.station.service import open_station
from civilian_responder.station.storage.calls import CallSpec
from civilian_responder.station.storage.database import write
from civilian_responder.station.storage.tables import call_events
from sqlalchemy import update

from tests.station.conftest import Unit, dispatch_call, report_change, status_change
from tests.station.eido_schema import OPENAPI, SHIPPED, derive, render

LIFECYCLE = ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "CLEARED")


def _validator() -> jsonschema.Draft202012Validator:
    """The schema straight from NENA's openapi.yaml when it is here, else the shipped copy."""
    schema = derive() if OPENAPI.is_file() else json.loads(SHIPPED.read_text())
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _assert_valid(doc: dict[str, Any]) -> None:
    errors = [e.message for e in _validator().iter_errors(doc)]
    assert errors == []


def _status_at(call_id: str, status: str, minute: int) -> dict[str, Any]:
    change = status_change(call_id, status)
    at = f"2026-11-21T12:{minute:02d}:00.000Z"
    change["payload"]["at"] = change["created_at"] = at
    return change


def _cad_all(cad: Any, after: int = 0, limit: int = 100) -> tuple[list[dict[str, Any]], int]:
    out: list[dict[str, Any]] = []
    while True:
        r = cad.get("/api/v1/cad/eido", params={"after": after, "limit": limit})
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["documents"]
        after = body["cursor"]
        if not body["more"]:
            return out, after


def test_shipped_schema_is_the_one_derived_from_nena_openapi():
    if not OPENAPI.is_file():
        pytest.skip(f"NENA openapi.yaml not at {OPENAPI}")
    assert SHIPPED.read_text(encoding="utf-8") == render(derive())
    jsonschema.Draft202012Validator.check_schema(derive())
    sample = json.loads((OPENAPI.parent / "sample-call-transfer.json").read_text())
    _assert_valid(sample)  # the schema accepts NENA's own 2021+ sample ...
    broken = dict(sample)
    del broken["agencyComponent"]
    assert list(_validator().iter_errors(broken))  # ... and rejects one missing a component


def test_status_changes_and_disposition_reach_cad_schema_valid(station, dispatcher):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id, type_code="5150", priority=2)
    for minute, status in enumerate(LIFECYCLE, start=5):
        assert unit.push(_status_at(call["id"], status, minute))[0]["status"] == "applied"
    report = report_change(call["id"])
    report["payload"].update(
        disposition_code="CSA",
        outcome_codes=["RESOLVED_ON_SCENE"],
        response_model_code="CO_RESPONSE_POLICE",
    )
    assert unit.push(report)[0]["status"] == "applied"
    docs = [d for d in _cad_all(dispatcher)[0] if d["call_id"] == call["id"]]
    assert [d["kind"] for d in docs] == ["status"] * 4 + ["disposition"]
    for entry in docs:
        _assert_valid(entry["document"])
    first = docs[0]["document"]
    assert first["incidentComponent"]["internalIncidentId"] == call["cad_number"]
    assert first["incidentComponent"]["incidentTypeCommonRegistryText"] == "EDP"
    units = [d["document"]["emergencyResourceComponent"][0] for d in docs[:4]]
    assert [u["unitStatusInternal"] for u in units] == [[s] for s in LIFECYCLE]
    assert [u["primaryUnitStatusRegistryText"] for u in units] == [
        "Acknowledged",
        "Enroute",
        "On Scene",
        "Available",
    ]
    assert {u["emergencyResourceName"] for u in units} == {unit.unit_id}
    assert docs[1]["document"]["lastUpdateTimeStamp"] == "2026-11-21T12:06:00.000Z"
    final = docs[4]["document"]["incidentComponent"]
    assert final["incidentStatusCommonRegistryText"] == ["Closed"]
    assert [
        (
            d["dispositionCategoryText"],
            d["dispositionCommonRegistryCode"],
            d["dispositionPrimaryIndicator"],
        )
        for d in final["dispositionComponent"]
    ] == [
        ("disposition", "CSA", True),
        ("response_model", "CO_RESPONSE_POLICE", False),
        ("outcome", "RESOLVED_ON_SCENE", False),
    ]
    page = dispatcher.get("/api/v1/cad/eido", params={"after": docs[-1]["cursor"]}).json()
    assert page["epoch"] == station.station.epoch  # a restored station answers a new one
    # A repeated push adds no document.
    assert unit.push(report)[0]["status"] == "duplicate"
    assert len([d for d in _cad_all(dispatcher)[0] if d["call_id"] == call["id"]]) == 5


def test_eido_dispatched_call_answers_with_the_cad_incident_id(station, dispatcher):
    unit = Unit(station)
    body = json.loads((Path(__file__).parent / "eido" / "eido-2022.json").read_bytes())
    incident = f"urn:emergency:uid:incidentid:{uuid.uuid4().hex}:cad.example.gov"
    body["$id"] = body["incidentTrackingIdentifier"] = incident
    body.get("incidentComponent", {}).pop("incidentTrackingIdentifier", None)
    r = dispatcher.post("/api/v1/calls/eido", json=body, params={"unit": unit.unit_id})
    assert r.status_code == 201, r.text
    call = r.json()["call"]
    unit.push(_status_at(call["id"], "ACKNOWLEDGED", 1))
    docs = [d for d in _cad_all(dispatcher)[0] if d["call_id"] == call["id"]]
    assert docs[0]["document"]["incidentTrackingIdentifier"] == incident
    assert docs[0]["document"]["$id"] == incident


PART2_MARKERS = (
    "SUBSTANCE",
    "SUD_",
    "TREATMENT",
    "detox",
    "Detox",
    "MAT ",
    "buprenorphine",
    "Suboxone",
    "naloxone",
    "NALOXONE",
    "Harbor Recovery",
    "opioid",
    "withdrawal",
    "overdose",
    "narrative",
    "flags",
    "referral",
    "services",
    "transport",
    "answers",
    "persons",
)


def test_a_report_full_of_part2_data_sends_none_of_it(station, dispatcher):
    unit = Unit(station)
    call = dispatch_call(
        dispatcher,
        unit.unit_id,
        type_code="INTOX",
        narrative="Caller says he is in withdrawal, wants detox",
    )
    unit.push(_status_at(call["id"], "ON_SCENE", 3))
    run = {
        "change_id": str(uuid.uuid4()),
        "kind": "checklist_run",
        "entity_id": str(uuid.uuid4()),
        "call_id": call["id"],
        "created_at": "2026-11-21T12:10:00.000Z",
        "payload": {
            "definition_id": "substance-overdose",
            "answers": {
                "opioid_use": "yes",
                "naloxone_given": "yes",
                "in_treatment": "MAT with buprenorphine",
            },
        },
    }
    run["payload"]["id"] = run["entity_id"]
    report = report_change(
        call["id"],
        narrative="On MAT (Suboxone) since May; withdrawal; referred to Harbor Recovery detox",
    )
    report["payload"].update(
        disposition_code="CSA",
        outcome_codes=["REFERRED", "TRANSPORTED"],
        flags=["SUBSTANCE_USE", "MENTAL_HEALTH"],
        referrals=["SUD_TREATMENT"],
        referral_agency="Harbor Recovery Detox (MAT program)",
        services=[
            {"code": "SUD_SUPPORT", "response": "accepted"},
            {"code": "NALOXONE", "response": "accepted"},
        ],
        transport_destination_code="TREATMENT",
        transport_facility="Harbor Recovery detox",
        persons=[{"id": "p1", "name": "J. Doe", "notes": "opioid overdose last week"}],
    )
    assert [r["status"] for r in unit.push(run, report)] == ["applied", "applied"]
    unit.push(_status_at(call["id"], "CLEARED", 40))
    docs = [d for d in _cad_all(dispatcher)[0] if d["call_id"] == call["id"]]
    assert [d["kind"] for d in docs] == ["status", "disposition", "status"]
    text = json.dumps([d["document"] for d in docs])
    assert [m for m in PART2_MARKERS if m in text] == []
    for entry in docs:
        _assert_valid(entry["document"])
    codes = [
        c["dispositionCommonRegistryCode"]
        for c in docs[1]["document"]["incidentComponent"]["dispositionComponent"]
    ]
    assert codes == ["CSA", "REFERRED", "TRANSPORTED"]  # coded outcomes do go back


def test_cad_endpoint_needs_a_dispatcher_token(station, supervisor):
    unit = Unit(station)
    assert station.client().get("/api/v1/cad/eido").status_code == 401
    assert unit.http.get("/api/v1/cad/eido").status_code == 403
    assert supervisor.get("/api/v1/cad/eido").status_code == 403


def test_cursor_never_skips_while_units_push_concurrently(station, dispatcher):
    _, start = _cad_all(dispatcher)
    units = [Unit(station) for _ in range(4)]
    calls = [dispatch_call(dispatcher, u.unit_id) for u in units]
    seen: list[int] = []
    done = threading.Event()
    failures: list[str] = []

    def work(unit: Unit, call: dict[str, Any]) -> None:
        try:
            for minute in range(12):
                status = "ACKNOWLEDGED" if minute < 11 else "CLEARED"
                result = unit.push(_status_at(call["id"], status, minute))
                assert result[0]["status"] == "applied", result
        except Exception as exc:  # noqa: BLE001 (reported by the main thread)
            failures.append(repr(exc))

    def poll() -> None:
        after = start
        with station.client(dispatcher.headers["Authorization"].split()[1]) as cad:
            while True:
                finished = done.is_set()
                r = cad.get("/api/v1/cad/eido", params={"after": after, "limit": 7})
                body = r.json()
                seen.extend(d["cursor"] for d in body["documents"])
                after = body["cursor"]
                if finished and not body["more"]:
                    return

    reader = threading.Thread(target=poll)
    writers = [threading.Thread(target=work, args=pair) for pair in zip(units, calls, strict=True)]
    reader.start()
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    done.set()
    reader.join(60)
    assert failures == []
    everything = [d["cursor"] for d in _cad_all(dispatcher, start)[0]]
    assert len(everything) >= 48
    assert seen == everything  # the poller, reading while writers committed, missed nothing
    assert everything == sorted(set(everything))


@pytest.fixture()
def local(tmp_path):
    clock = FixedClock(datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
    station = open_station(str(tmp_path / "station.db"), clock=clock)
    yield station, clock
    station.close()


def _device(station: Any, unit: str) -> Any:
    code, _ = station.devices.make_code(unit)
    enrolled = station.devices.enroll(code, "van")
    return station.devices.identify(enrolled.token)


def test_a_document_failing_the_schema_is_logged_retried_and_never_served(local, caplog):
    station, clock = local
    device = _device(station, "CSO-7")
    call = station.dispatch.create(
        CallSpec(unit_id="CSO-7", type_code="WELCK", priority=3, address="1 Main St"), "dispatch"
    )
    bad = status_change(call["id"], "ACKNOWLEDGED")
    bad["payload"]["at"] = "2026-11-21"  # a date, no time or zone: not an EIDO date-time
    with caplog.at_level(logging.WARNING, "civilian_responder.station.storage.eido_outbox"):
        assert station.push(device, [bad])[0]["status"] == "applied"
        # Published on the station's publishing thread; a CAD poll publishes what is due first.
        assert station.eido.page(0)["documents"] == []
    assert "fails the schema" in caplog.text and "lastUpdateTimeStamp" in caplog.text
    waiting = station.eido.pending()
    assert len(waiting) == 1 and waiting[0]["attempts"] == 1
    good = status_change(call["id"], "EN_ROUTE")
    station.push(device, [good])  # later documents still flow
    assert [d["kind"] for d in station.eido.page(0)["documents"]] == ["status"]
    with write(station.engine) as conn:  # an operator repairs the stored time
        conn.execute(
            update(call_events)
            .where(call_events.c.id == bad["entity_id"])
            .values(at="2026-11-21T12:01:00.000Z")
        )
    station.eido.publish()
    assert len(station.eido.page(0)["documents"]) == 1  # not before its retry time
    clock.advance(120)
    served = station.eido.page(0)["documents"]
    assert [d["cursor"] for d in served] == [1, 2] and station.eido.pending() == []
    assert served[1]["document"]["lastUpdateTimeStamp"] == "2026-11-21T12:01:00.000Z"


def test_export_eido_for_a_call_and_since_a_time(local, capsys, tmp_path):
    station, clock = local
    device = _device(station, "CSO-8")
    first = station.dispatch.create(
        CallSpec(unit_id="CSO-8", type_code="WELCK", priority=3, address="1 Main St"), "dispatch"
    )
    station.push(device, [status_change(first["id"], "ON_SCENE")])
    station.eido.publish()  # as the publishing thread does right after the push
    clock.advance(3600)
    second = station.dispatch.create(
        CallSpec(unit_id="CSO-8", type_code="415", priority=2, address="2 Main St"), "dispatch"
    )
    station.push(device, [status_change(second["id"], "ON_SCENE"), report_change(second["id"])])
    db = str(station.engine.url.database)
    assert main(["export-eido", first["cad_number"], "--database", db]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [(e["call_id"], e["kind"]) for e in entries] == [(first["id"], "status")]
    out = tmp_path / "since.json"
    assert (
        main(
            [
                "export-eido",
                "--since",
                "2026-11-21T12:30:00Z",
                "--documents-only",
                "-o",
                str(out),
                "--database",
                db,
            ]
        )
        == 0
    )
    docs = json.loads(out.read_text())
    assert "Wrote 2 EIDO documents" in capsys.readouterr().err
    assert [d["incidentComponent"]["incidentTypeInternalCode"] for d in docs] == ["415", "415"]
    for doc in docs:
        _assert_valid(doc)
    assert main(["export-eido", "--since", "yesterday", "--database", db]) == 2
    assert "not an ISO-8601 time" in capsys.readouterr().err
