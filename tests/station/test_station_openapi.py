"""The published OpenAPI document matches what the station does: every operation is probed
with missing, wrong-role and valid tokens and with hostile bodies and queries, and every answer
it gives must be one the document lists for it (issue 16)."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.station.conftest import Unit, dispatch_call

TAG_ROLE = {"sync": "device", "attachments": "device", "dispatch": "dispatcher",
            "review": "supervisor", "checklists": "supervisor", "enrollment": None}
OTHER_ROLE = {"device": "supervisor", "dispatcher": "device", "supervisor": "dispatcher"}
BODIES = [b"", b"{not json", b"[]", b"null", ('{"a":[' * 3000 + "1" + "]}" * 3000).encode(),
          json.dumps({"x": "\ud800", "changes": [{"change_id": 5}]}).encode(),
          b'{"v": NaN}', b"\xff\xfe", b"x" * (9 * 1024 * 1024)]
QUERIES = [{"cursor": "-1", "limit": "0"}, {"cursor": "²", "limit": "x" * 40},
           {"state": "bogus", "kind": "bogus"}, {"unit_id": "U" * 100, "report_id": "r" * 300},
           {"unit": "\ud800".encode("utf-8", "surrogatepass").decode("latin-1")}]


@pytest.fixture(scope="module")
def schema(station):
    r = station.client().get("/openapi.json")
    assert r.status_code == 200
    return r.json()


@pytest.fixture()
def clients(station):
    unit = Unit(station)
    dispatcher = station.client(station.admin_token("dispatcher"))
    call = dispatch_call(dispatcher, unit.unit_id)
    return {"device": unit.http, "dispatcher": dispatcher,
            "supervisor": station.client(station.admin_token("supervisor")),
            None: station.client(), "junk": station.client("rsd_" + uuid.uuid4().hex),
            "call": call}


def operations(schema):
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield method.upper(), path, op


def concrete(path: str, call_id: str) -> str:
    return (path.replace("{call_id}", call_id).replace("{report_id}", str(uuid.uuid4()))
            .replace("{sha256}", "0" * 64))


def documented(op) -> set[int]:
    return {int(code) for code in op["responses"]}


def check(answers, op, method, path):
    allowed = documented(op)
    for status, how in answers:
        assert status in allowed, (f"{method} {path} answered {status} ({how}); "
                                   f"the schema lists {sorted(allowed)}")


def test_every_answer_is_documented(schema, clients):
    for method, path, op in operations(schema):
        role = TAG_ROLE.get(op.get("tags", [None])[0])
        url = concrete(path, clients["call"]["id"])
        answers = []
        has_body = "requestBody" in op
        for who in ([None, "junk", OTHER_ROLE[role], role] if role else [None]):
            http = clients[who]
            bodies = BODIES if not path.endswith("/batch") else [*BODIES, b"x" * (17 << 20)]
            for body in bodies if has_body else [None]:
                r = http.request(method, url, content=body, headers={
                    "content-type": "application/json", "Upload-Offset": "0"})
                answers.append((r.status_code, f"token {who}, body {str(body)[:30]}"))
            for query in QUERIES:
                r = http.request(method, url, params=query)
                answers.append((r.status_code, f"token {who}, query {query}"))
        check(answers, op, method, path)
        if role:
            assert {401, 403} <= {s for s, _ in answers}, (method, path)
        if has_body and role:
            assert {413, 422} <= {s for s, _ in answers}, (method, path, answers)


def test_the_push_result_schema_requires_a_change_id(schema):
    result = schema["components"]["schemas"]["PushResult"]
    assert "change_id" in result["required"]
    assert result["properties"]["change_id"]["type"] == "string"


def test_error_bodies_are_documented_in_the_shape_the_station_sends(schema):
    for method, path, op in operations(schema):
        for code, answer in op["responses"].items():
            if int(code) >= 400:
                ref = answer["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorOut"), (method, path, code)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_random_bodies_get_documented_answers(schema, clients, body):
    for method, path, op in operations(schema):
        if "requestBody" not in op:
            continue
        role = TAG_ROLE[op["tags"][0]]
        r = clients[role].request(method, concrete(path, clients["call"]["id"]), content=body,
                                  headers={"content-type": "application/json",
                                           "Upload-Offset": "0", "Upload-Length": "300"})
        check([(r.status_code, body[:40])], op, method, path)
