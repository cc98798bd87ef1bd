"""Who may call what: the authorization matrix, revocation, rate limits, size limits, headers."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest

from tests.station.conftest import Unit, dispatch_call, report_change, status_change
from tests.station_fixture import StationProcess

DEVICE, DISPATCHER, SUPERVISOR = "device", "dispatcher", "supervisor"
PHOTO = b"\x89PNG fake photo bytes" * 100
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()


def _endpoints(call_id: str, report_id: str) -> list[tuple[str, str, dict, set[str], int]]:
    """(method, path, request kwargs, roles allowed, success status)."""
    eido = json.dumps({"incidentTrackingIdentifier": f"urn:emergency:uid:incidentid:{call_id}",
                       "incidentComponent": {"incidentTypeCommonRegistryText": "Welfare"}})
    patch_upload = {"content": PHOTO, "headers": {"Upload-Offset": "0",
                                                  "Upload-Length": str(len(PHOTO))}}
    batch_upload = {"content": json.dumps({"items": [{"sha256": PHOTO_SHA,
                                                      "length": len(PHOTO)}]}).encode()
                    + b"\n" + PHOTO}
    checklist = {"id": f"check-{call_id}", "version": 1, "title": "T",
                 "items": [{"id": "a", "type": "yes_no", "text": "Safe?"}]}
    return [
        ("GET", "/api/v1/checklists", {}, {SUPERVISOR}, 200),
        ("POST", "/api/v1/checklists", {"json": checklist}, {SUPERVISOR}, 201),
        ("POST", "/api/v1/sync/push", {"json": {"changes": []}}, {DEVICE}, 200),
        ("GET", "/api/v1/sync/pull", {}, {DEVICE}, 200),
        ("POST", "/api/v1/sync/state", {"json": {"cursor": 0}}, {DEVICE}, 200),
        ("HEAD", f"/api/v1/attachments/{PHOTO_SHA}", {}, {DEVICE}, 200),
        ("PATCH", f"/api/v1/attachments/{PHOTO_SHA}", patch_upload, {DEVICE}, 204),
        ("GET", "/api/v1/attachments", {}, {DEVICE}, 200),
        ("POST", "/api/v1/attachments/batch", batch_upload, {DEVICE}, 200),
        ("POST", "/api/v1/calls", {"json": {"unit_id": "CSO-99", "type_code": "WELCK",
                                            "priority": 3, "address": "1 A St"}},
         {DISPATCHER}, 201),
        ("GET", "/api/v1/calls", {}, {DISPATCHER, SUPERVISOR}, 200),
        ("GET", f"/api/v1/calls/{call_id}", {}, {DISPATCHER, SUPERVISOR}, 200),
        ("PATCH", f"/api/v1/calls/{call_id}", {"json": {"add_note": "hi"}}, {DISPATCHER}, 200),
        ("POST", "/api/v1/calls/eido", {"content": eido, "params": {"unit": "CSO-99"}},
         {DISPATCHER}, 201),
        ("GET", "/api/v1/cad/eido", {"params": {"after": 0}}, {DISPATCHER}, 200),
        ("GET", "/api/v1/reports", {}, {SUPERVISOR}, 200),
        ("GET", "/api/v1/metrics", {"params": {"from": "2026-01-01", "to": "2026-01-31"}},
         {DISPATCHER, SUPERVISOR}, 200),
        ("GET", "/api/v1/records", {"params": {"kind": "audit"}}, {SUPERVISOR}, 200),
        ("GET", "/api/v1/conflicts", {}, {SUPERVISOR}, 200),
        ("GET", f"/api/v1/reports/{report_id}", {}, {SUPERVISOR}, 200),
        ("GET", f"/api/v1/reports/{report_id}/attachments/{PHOTO_SHA}", {}, {SUPERVISOR}, 200),
        ("POST", f"/api/v1/reports/{report_id}/review",
         {"json": {"decision": "return", "comment": "More detail"}}, {SUPERVISOR}, 200),
    ]


@pytest.fixture()
def world(station: StationProcess, dispatcher: httpx.Client):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    report = report_change(call["id"])
    assert unit.push(report)[0]["status"] == "applied"
    meta = {"id": "att-" + report["entity_id"], "report_id": report["entity_id"],
            "filename": "p.png", "mime_type": "image/png", "size": len(PHOTO),
            "sha256": PHOTO_SHA, "caption": ""}
    assert unit.push({"change_id": meta["id"], "kind": "attachment_meta", "entity_id": meta["id"],
                      "call_id": None, "created_at": "2026-11-21T12:00:00.000Z",
                      "payload": meta})[0]["status"] == "applied"
    revoked_id, revoked_token = station.enroll("CSO-12", "stolen-laptop")
    station.station.devices.revoke(revoked_id)
    admin, admin_token = station.station.devices.create_admin_token("supervisor", "gone")
    station.station.devices.revoke_admin_token(admin.id)
    tokens = {
        None: None, "bad": "rsd_not-a-real-token", "revoked": revoked_token,
        "revoked_admin": admin_token, DEVICE: unit.token,
        DISPATCHER: station.admin_token(DISPATCHER), SUPERVISOR: station.admin_token(SUPERVISOR),
    }
    return {"unit": unit, "call": call, "report": report, "tokens": tokens}


def _expected(identity: str | None, allowed: set[str], ok: int) -> tuple[int, str | None]:
    if identity in (None, "bad"):
        return 401, "auth"
    if identity in ("revoked", "revoked_admin"):
        return 401, "revoked"
    if identity in allowed:
        return ok, None
    return 403, "forbidden"


def test_authorization_matrix(station, world):
    endpoints = _endpoints(world["call"]["id"], world["report"]["entity_id"])
    failures = []
    # Denials first (they must not have side effects), then the allowed calls.
    order = [None, "bad", "revoked", "revoked_admin", DEVICE, DISPATCHER, SUPERVISOR]
    for identity in order:
        for method, path, kwargs, allowed, ok in endpoints:
            want, kind = _expected(identity, allowed, ok)
            if identity in allowed:
                continue
            got = station.client(world["tokens"][identity]).request(method, path, **kwargs)
            if got.status_code != want or (method != "HEAD" and
                                           got.json()["error"]["kind"] != kind):
                failures.append((identity, method, path, got.status_code, got.text[:120]))
    for method, path, kwargs, allowed, ok in endpoints:
        for identity in sorted(allowed):
            got = station.client(world["tokens"][identity]).request(method, path, **kwargs)
            if got.status_code != ok:
                failures.append((identity, method, path, got.status_code, got.text[:200]))
    assert failures == []


def test_every_api_route_is_in_the_matrix(station, world):
    spec = station.client().get("/openapi.json").json()
    listed = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    covered = {(m, p.replace(world["call"]["id"], "{call_id}")
                .replace(world["report"]["entity_id"], "{report_id}")
                .replace(PHOTO_SHA, "{sha256}"))
               for m, p, *_ in _endpoints(world["call"]["id"], world["report"]["entity_id"])}
    open_routes = {("GET", "/api/v1/health"), ("POST", "/api/v1/enroll")}
    assert listed - open_routes <= covered, listed - open_routes - covered


def test_revoked_device_gets_a_clear_message(station):
    device_id, token = station.enroll("CSO-12")
    http = station.client(token)
    assert http.get("/api/v1/sync/pull").status_code == 200
    station.station.devices.revoke(device_id)
    r = http.get("/api/v1/sync/pull")
    assert r.status_code == 401
    assert r.json()["error"]["kind"] == "revoked" and "revoked" in r.json()["error"]["message"]


def test_other_units_device_sees_none_of_this_units_data(station, world):
    other = Unit(station)
    changes, _ = other.pull_all()
    assert world["call"]["id"] not in json.dumps(changes)
    assert other.push(status_change(world["call"]["id"]))[0]["error_kind"] == "forbidden"
    world["unit"].http.patch(f"/api/v1/attachments/{PHOTO_SHA}", content=PHOTO,
                             headers={"Upload-Offset": "0", "Upload-Length": str(len(PHOTO))})
    head = other.http.head(f"/api/v1/attachments/{PHOTO_SHA}")
    assert head.headers["Upload-Offset"] == "0" and head.headers["Upload-Complete"] == "0"


def test_tokens_are_stored_hashed(station, world):
    from sqlalchemy import text

    with station.station.engine.connect() as conn:
        dumped = " ".join(str(row) for table in ("devices", "admin_tokens", "enrollment_codes")
                          for row in conn.execute(text(f"SELECT * FROM {table}")))
    for token in world["tokens"].values():
        if token:
            assert token not in dumped


def test_logs_hold_no_tokens_or_report_text(station, world):
    secret_text = "Marker-narrative-7f3a"
    world["unit"].push(report_change(world["call"]["id"], narrative=secret_text))
    log = station.log_text()
    assert secret_text not in log
    for token in world["tokens"].values():
        if token:
            assert token not in log


def test_security_headers_on_api_and_docs(station):
    http = station.client()
    for path in ("/api/v1/health", "/docs", "/openapi.json"):
        r = http.get(path)
        assert r.status_code == 200
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert r.headers["referrer-policy"] == "no-referrer"
    assert "text/html" in http.get("/docs").headers["content-type"]


def test_oversized_bodies_are_refused(station, world):
    http = world["unit"].http
    big = b"{" + b" " * (9 * 1024 * 1024) + b"}"
    r = http.post("/api/v1/sync/push", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["kind"] == "too_large"

    def stream():
        for _ in range(10):
            yield b" " * (1024 * 1024)

    r = http.post("/api/v1/sync/push", content=stream(),
                  headers={"content-type": "application/json"})
    assert r.status_code == 413
    dispatcher = station.client(world["tokens"][DISPATCHER])
    r = dispatcher.post("/api/v1/calls/eido", content=b"[" + b"1," * 600_000 + b"1]")
    assert r.status_code == 413


def test_unknown_route_and_bad_json_get_error_shapes(station, world):
    http = world["unit"].http
    r = http.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["kind"] == "not_found"
    r = http.post("/api/v1/sync/push", content=b"{not json",
                  headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["kind"] == "invalid"
    assert "Traceback" not in r.text


@pytest.fixture()
def strict_station(tmp_path):
    server = StationProcess(tmp_path, extra_args=["--enroll-limit", "3", "--auth-failure-limit",
                                                  "5", "--enroll-global-limit", "8"]).start()
    yield server
    server.close()


def test_enrollment_attempts_are_rate_limited(strict_station):
    http = strict_station.client()
    codes = [http.post("/api/v1/enroll", json={"code": f"WRONG-{i}"}).status_code
             for i in range(4)]
    assert codes == [401, 401, 401, 429]
    r = http.post("/api/v1/enroll", json={"code": "WRONG-5"})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert r.json()["error"]["kind"] == "rate_limited"
    # Failures are throttled, not the address: a valid code from it still enrolls.
    r = http.post("/api/v1/enroll", json={"code": strict_station.make_code()})
    assert r.status_code == 200, r.text


def test_bad_tokens_are_rate_limited(strict_station):
    _, good = strict_station.enroll()
    bad = strict_station.client("rsd_guess")
    assert [bad.get("/api/v1/sync/pull").status_code for _ in range(6)] == [401] * 5 + [429]
    # Only failures are throttled: good tokens from the same address still work.
    assert strict_station.client(good).get("/api/v1/sync/pull").status_code == 200
    dispatcher = strict_station.client(strict_station.admin_token("dispatcher"))
    assert dispatcher.get("/api/v1/calls").status_code == 200


def test_docs_page_can_be_turned_off(tmp_path):
    server = StationProcess(tmp_path, extra_args=["--no-docs"]).start()
    try:
        http = server.client()
        assert http.get("/docs").status_code == 404
        assert http.get("/openapi.json").status_code == 200
    finally:
        server.close()
