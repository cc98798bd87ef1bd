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
