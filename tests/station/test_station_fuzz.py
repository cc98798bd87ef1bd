"""Robustness: random and malformed request bodies never make the station answer 500."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.station.conftest import Unit, dispatch_call

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner,
                                                               max_size=6),
    max_leaves=25,
)
KINDS = st.sampled_from(["status_event", "call", "report", "checklist_run", "audit",
                         "attachment_meta", "bogus"])
FIELD_NAMES = ["id", "call_id", "kind", "status", "at", "unit_id", "type_code", "priority",
               "address", "received_at", "report_number", "version", "sha256", "size",
               "report_id", "filename", "mime_type", "supersedes_id", "narrative"]
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture()
def actors(station):
    unit = Unit(station)
    dispatcher = station.client(station.admin_token("dispatcher"))
    supervisor = station.client(station.admin_token("supervisor"))
    call = dispatch_call(dispatcher, unit.unit_id)
    return {"unit": unit, "dispatcher": dispatcher, "supervisor": supervisor, "call": call}


def _payloads(call_id: str) -> st.SearchStrategy:
    plausible = st.fixed_dictionaries({}, optional={
        name: JSON | st.just(call_id) | st.sampled_from(["ACKNOWLEDGED", "status", "2026-11-21"])
        for name in FIELD_NAMES})
    return plausible | JSON


def _no_server_error(r) -> None:
    assert r.status_code < 500, r.text
    if r.status_code >= 400 and r.request.method != "HEAD":
        assert r.json()["error"]["kind"]


@FUZZ
@given(data=st.data())
def test_push_changes_never_500(actors, data):
    call_id = actors["call"]["id"]
    change = data.draw(st.fixed_dictionaries({
        "change_id": st.text(min_size=1, max_size=20).map(lambda s: s + uuid.uuid4().hex),
        "kind": KINDS, "entity_id": st.text(max_size=20) | JSON,
        "call_id": st.none() | st.just(call_id) | JSON, "created_at": st.text(max_size=30),
        "payload": _payloads(call_id),
    }) | JSON)
    r = actors["unit"].http.post("/api/v1/sync/push", json={"changes": [change]})
    _no_server_error(r)
    if r.status_code == 200:
        assert r.json()["results"][0]["status"] in ("applied", "duplicate", "conflict",
                                                    "rejected")


@FUZZ
@given(body=JSON | st.binary(max_size=200))
def test_every_body_endpoint_never_500(actors, body):
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    call_id = actors["call"]["id"]
    requests = [
        (actors["unit"], "POST", "/api/v1/sync/push"),
        (actors["dispatcher"], "POST", "/api/v1/calls"),
        (actors["dispatcher"], "PATCH", f"/api/v1/calls/{call_id}"),
        (actors["dispatcher"], "POST", "/api/v1/calls/eido"),
        (actors["supervisor"], "POST", f"/api/v1/reports/{call_id}/review"),
    ]
    for who, method, path in requests:
        who = who.http if hasattr(who, "http") else who
        r = who.request(method, path, content=content,
                        headers={"content-type": "application/json"})
        _no_server_error(r)


@FUZZ
@given(query=st.dictionaries(st.sampled_from(["cursor", "limit", "report_id", "state",
                                              "unit_id", "unit"]),
                             st.text(max_size=30) | st.integers(-10**20, 10**20).map(str),
                             max_size=3),
       segment=st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF,
                                     exclude_categories=("Cc", "Cs", "Zl", "Zp"),
                                     exclude_characters="/?#%\\"), min_size=1, max_size=80),
       offset=st.from_regex(r"[0-9a-z+-]{0,14}", fullmatch=True))
def test_queries_and_path_ids_never_500(actors, query, segment, offset):
    unit, dispatcher, supervisor = actors["unit"].http, actors["dispatcher"], actors["supervisor"]
    _no_server_error(unit.get("/api/v1/sync/pull", params=query))
    _no_server_error(unit.get("/api/v1/attachments", params=query))
    _no_server_error(unit.head(f"/api/v1/attachments/{segment}"))
    _no_server_error(unit.patch(f"/api/v1/attachments/{segment}", content=b"x",
                                headers={"Upload-Offset": offset, "Upload-Length": "1"}))
    _no_server_error(dispatcher.get(f"/api/v1/calls/{segment}"))
    _no_server_error(dispatcher.get("/api/v1/calls", params=query))
    _no_server_error(supervisor.get("/api/v1/reports", params=query))
    _no_server_error(supervisor.get(f"/api/v1/reports/{segment}"))


@FUZZ
@given(body=JSON)
def test_enroll_never_500(station, body):
    r = station.client().post("/api/v1/enroll", json=body)
    assert r.status_code in (401, 422), r.text


def test_nul_characters_are_refused_not_crashed(actors, station):
    call_id = actors["call"]["id"]
    from tests.station.conftest import status_change
    change = status_change(call_id, note="before\x00after")
    postgres = station.station.engine.dialect.name == "postgresql"  # SQLite can store NUL
    result = actors["unit"].push(change, status_change(call_id))
    assert [r["status"] for r in result] == (["rejected", "applied"] if postgres
                                             else ["applied", "applied"])
    r = actors["dispatcher"].post("/api/v1/calls", json={
        "unit_id": "CSO-1", "type_code": "WELCK", "priority": 3, "address": "a\x00b"})
    assert r.status_code == (422 if postgres else 201), r.text
    r = station.client().post("/api/v1/enroll", json={"code": "AB\x00", "device_name": "x\x00"})
    assert r.status_code == 401


# Hostile JSON (issue 16): deep nesting, lone surrogates, NaN/Infinity, NUL, huge numbers, at
# every write endpoint; afterwards every read feed must still answer 200.
HOSTILE_LEAF = (st.text(st.characters(categories=["Cs", "Lu", "Nd"]), min_size=1, max_size=4)
                | st.sampled_from([float("nan"), float("inf"), "\x00", 10**30, -(2**64)])
                | JSON)


def _deep(levels: int, leaf: object) -> object:
    for n in range(levels):
        leaf = [leaf] if n % 2 else {"k": leaf}
    return leaf


HOSTILE = st.builds(_deep, st.integers(0, 400), HOSTILE_LEAF) | st.recursive(
    HOSTILE_LEAF, lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(st.characters(categories=["Cs", "Ll"]), max_size=3), inner,
                      max_size=3), max_leaves=10)


def _hostile_change(data, call_id: str, report_ids: list[str]) -> dict:
    kind = data.draw(KINDS)
    entity = str(uuid.uuid4())
    payload = data.draw(st.fixed_dictionaries({}, optional={
        name: HOSTILE | st.just(call_id) for name in FIELD_NAMES}))
    payload.update(id=entity, call_id=call_id)
    if kind == "report":
        report_ids.append(entity)
        payload.update(report_number="R-1", version=1)
    if kind == "attachment_meta":
        payload.update(report_id=report_ids[-1] if report_ids else entity)  # no draw: stable
    return {"change_id": data.draw(st.text(max_size=8)) + uuid.uuid4().hex, "kind": kind,
            "entity_id": entity, "call_id": call_id, "created_at": "2026-11-21T12:00:00.000Z",
            "payload": payload}


def _dumps(value) -> bytes:
    return json.dumps(value, allow_nan=True).encode()  # ASCII escapes keep surrogates as \ud800


def _feeds_answer(actors, report_ids: list[str]) -> None:
    unit, supervisor, dispatcher = actors["unit"], actors["supervisor"], actors["dispatcher"]
    reads = [(unit.http, "/api/v1/sync/pull?limit=1000"), (unit.http, "/api/v1/attachments"),
             (supervisor, "/api/v1/records"), (supervisor, "/api/v1/conflicts"),
             (supervisor, "/api/v1/checklists"), (supervisor, "/api/v1/reports?state=all"),
             (dispatcher, "/api/v1/calls"), (dispatcher, f"/api/v1/calls/{actors['call']['id']}")]
    reads += [(supervisor, f"/api/v1/reports/{rid}") for rid in report_ids[-3:]]
    for who, path in reads:
        r = who.get(path)
        assert r.status_code in (200, 404), (path, r.status_code, r.text[:300])
        if "reports/" not in path:
            assert r.status_code == 200, path


@FUZZ
@given(data=st.data())
def test_hostile_json_at_every_write_endpoint_leaves_every_feed_readable(actors, data):
    call_id = actors["call"]["id"]
    report_ids: list[str] = actors.setdefault("report_ids", [])
    unit, dispatcher, supervisor = actors["unit"], actors["dispatcher"], actors["supervisor"]
    changes = [_hostile_change(data, call_id, report_ids) for _ in range(data.draw(
        st.integers(1, 3)))]
    r = unit.http.post("/api/v1/sync/push", content=_dumps({"changes": changes}),
                       headers={"content-type": "application/json"})
    _no_server_error(r)
    if r.status_code == 200:
        assert [x["change_id"] for x in r.json()["results"]] == [c["change_id"]
                                                                 for c in changes]
    value = data.draw(HOSTILE)
    writes = [
        (dispatcher, "POST", "/api/v1/calls", {"unit_id": unit.unit_id, "type_code": "WELCK",
                                               "priority": 3, "address": value}),
        (dispatcher, "PATCH", f"/api/v1/calls/{call_id}", {"add_note": value}),
        (dispatcher, "POST", f"/api/v1/calls/eido?unit={unit.unit_id}", {
            "incidentTrackingIdentifier": data.draw(st.text(max_size=5)) + uuid.uuid4().hex,
            "notesComponent": {"notesActionComments": value}, "extra": value}),
        (supervisor, "POST", "/api/v1/checklists", {
            "id": "fz-" + uuid.uuid4().hex, "version": 1, "title": value,
            "items": [{"id": "a", "text": value}]}),
        (supervisor, "POST", f"/api/v1/reports/{(report_ids or [call_id])[-1]}/review",
         {"decision": "return", "comment": value}),
    ]
    for who, method, path, body in writes:
        _no_server_error(who.request(method, path, content=_dumps(body),
                                     headers={"content-type": "application/json"}))
    _feeds_answer(actors, report_ids)
