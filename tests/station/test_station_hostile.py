"""Hostile input is refused at the door, a stored bad row never stops a feed, and bodies are
read only after authentication (issue 16, part 1)."""

from __future__ import annotations

import hashlib
import json
import socket
import time
import uuid
from pathlib import Path

import pytest
from civilian_responder.station.cli import main
from civilian_responder.station.storage.tables import checklist_definitions, conflicts, feed
from civilian_responder.station.storage.tables import records as records_t
from sqlalchemy import insert

from tests.station.conftest import Unit, dispatch_call, report_change, status_change

ROOT = Path(__file__).resolve().parent


def deep(levels: int) -> object:
    value: object = "bottom"
    for _ in range(levels):
        value = {"x": [value]}
    return value


def nested_text(levels: int) -> str:
    """Nesting as raw JSON text (too deep for json.dumps to build on the way)."""
    return '{"x":[' * levels + '"bottom"' + "]}" * levels


def checklist(cid: str = "hostile-list", **extra: object) -> dict:
    body = {"id": cid, "version": 1, "title": "t", "items": [{"id": "a", "text": "A"}]}
    body.update(extra)
    return body


def test_deeply_nested_json_is_refused_at_every_door(station, dispatcher, supervisor):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    hostile = status_change(call["id"])
    hostile["payload"]["note"] = deep(200)
    good = status_change(call["id"])
    answers = unit.push(hostile, good)
    assert [a["status"] for a in answers] == ["rejected", "applied"]
    assert "nested deeper than 32" in answers[0]["reason"]
    assert answers[0]["change_id"] == hostile["change_id"]
    # Too deep even to decode (past the interpreter's own limit): a clear 422, not a 500.
    r = unit.http.post("/api/v1/sync/push", content=nested_text(5000),
                       headers={"content-type": "application/json"})
    assert r.status_code == 422 and "nested" in r.json()["error"]["message"]
    r = supervisor.post("/api/v1/checklists", json=checklist(items=[deep(100)]))
    assert r.status_code == 422 and "nested deeper" in r.json()["error"]["message"]
    eido = json.loads((ROOT / "eido" / "eido-2022.json").read_text())
    eido["notesComponent"] = deep(60)
    r = dispatcher.post("/api/v1/calls/eido", params={"unit": unit.unit_id}, json=eido)
    assert r.status_code == 422 and "nested deeper" in r.json()["error"]["message"]
    r = dispatcher.post("/api/v1/calls", content=nested_text(3000),
                        headers={"content-type": "application/json"})
    assert r.status_code == 422
    # Nothing of it reached a feed: every unit's pull still answers.
    assert unit.pull_all()[0]


def test_lone_surrogates_are_rejected_per_change_and_per_request(station, dispatcher,
                                                                   supervisor):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    bad = status_change(call["id"], note="x\ud800y")
    bad_key = status_change(call["id"])
    bad_key["payload"]["\udfff"] = 1
    good = status_change(call["id"])
    bad_id = status_change(call["id"], change_id="id-\ud800")
    body = json.dumps({"changes": [bad, good, bad_key, bad_id]})  # ASCII escapes: valid JSON
    r = unit.http.post("/api/v1/sync/push", content=body,
                       headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["rejected", "applied", "rejected", "rejected"]
    assert "surrogate" in results[0]["reason"]
    assert [x["change_id"] for x in results] == [bad["change_id"], good["change_id"],
                                                 bad_key["change_id"], ""]
    eido = json.loads((ROOT / "eido" / "eido-2022.json").read_text())
    eido["incidentComponent"]["incidentTrackingIdentifier"] = "urn:x:\ud800"
    r = dispatcher.post("/api/v1/calls/eido", params={"unit": unit.unit_id},
                        content=json.dumps(eido), headers={"content-type": "application/json"})
    assert r.status_code == 422 and "surrogate" in r.json()["error"]["message"]
    r = supervisor.post("/api/v1/checklists", content=json.dumps(checklist("cl-\udc80")),
                        headers={"content-type": "application/json"})
    assert r.status_code == 422 and "surrogate" in r.json()["error"]["message"]
    r = dispatcher.post("/api/v1/calls", content=json.dumps(
        {"unit_id": unit.unit_id, "type_code": "WELCK", "priority": 3, "address": "\ud83d"}),
        headers={"content-type": "application/json"})
    assert r.status_code == 422
    # NaN and Infinity are not JSON numbers either.
    r = unit.http.post("/api/v1/sync/push", content='{"changes": [{"change_id": "n", '
                       '"kind": "audit", "entity_id": "e", "payload": {"v": NaN}}]}',
                       headers={"content-type": "application/json"})
    assert r.status_code == 422


def test_admin_commands_refuse_hostile_files_and_arguments_with_a_message(tmp_path, capsys):
    db = str(tmp_path / "station.db")
    cases = {
        "surrogate.json": json.dumps(checklist("cl-\ud800")),
        "deep.json": json.dumps(checklist(items=[deep(100)])),
        "deeper.json": nested_text(5000),
        "latin1.json": "",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "latin1.json").write_bytes(b'{"id": "caf\xe9"}')
    for name in cases:
        for command in ("publish-checklist", "import-eido"):
            extra = ["--unit", "CSO-1"] if command == "import-eido" else []
            code = main([command, str(tmp_path / name), "--database", db, *extra])
            err = capsys.readouterr().err
            assert code == 2 and err.startswith("responder-station: "), (name, command, err)
            assert "Traceback" not in err
    code = main(["add-call", "--database", db, "--unit", "CSO-1", "--type", "WELCK",
                 "--priority", "3", "--address", "bad\udcff bytes"])
    err = capsys.readouterr().err
    assert code == 2 and "--address is not valid text" in err


def test_upload_headers_with_non_ascii_digits_are_refused(station):
    unit = Unit(station)
    data = b"photo"
    sha = hashlib.sha256(data).hexdigest()
    # HTTP headers are bytes; the station reads them as Latin-1, where b"\xb2" is "²"
    # (which str.isdigit() accepts and int() refuses).
    for offset, length in ((b"\xb2", b"5"), (b"0", b"\xb9"), (b"0", "5\u0665".encode())):
        r = unit.http.patch(f"/api/v1/attachments/{sha}", content=data,
                            headers={"Upload-Offset": offset, "Upload-Length": length})
        assert r.status_code == 422, (offset, length, r.text)
        assert "whole number" in r.json()["error"]["message"]


BODY_ROUTES = [("POST", "/api/v1/sync/push"), ("POST", "/api/v1/calls"),
               ("PATCH", "/api/v1/calls/x"), ("POST", "/api/v1/calls/eido"),
               ("POST", "/api/v1/reports/x/review"), ("POST", "/api/v1/checklists"),
               ("PATCH", "/api/v1/attachments/" + "0" * 64), ("POST", "/api/v1/attachments/batch"),
               ("POST", "/api/v1/sync/state")]


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
@pytest.mark.parametrize("token", [None, "rsd_junk"])
def test_authentication_comes_before_the_body(station, method, path, token):
    http = station.client(token)
    for body in (b"{not json", nested_text(3000).encode(), b"x" * (9 * 1024 * 1024)):
        r = http.request(method, path, content=body, headers={
            "content-type": "application/json", "Upload-Offset": b"\xb2"})
        assert r.status_code == 401, (method, path, r.status_code, r.text[:200])
        assert r.json()["error"]["kind"] == "auth"


def test_a_large_body_is_not_read_before_authentication(station):
    """Declare 8 MB, send 1 KB, wait: the 401 arrives without the station waiting for the rest."""
    host, port = station.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 8000000\r\n\r\n"
                     + b"[" * 1024)
        started = time.monotonic()
        answer = sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
        assert time.monotonic() - started < 5


def test_attachment_metadata_stays_its_units_in_either_order(station, dispatcher, supervisor):
    owner, other = Unit(station), Unit(station)
    owner_call = dispatch_call(dispatcher, owner.unit_id)
    other_call = dispatch_call(dispatcher, other.unit_id)
    report_id = str(uuid.uuid4())
    data = b"\xff\xd8 the owner's photo"
    sha = hashlib.sha256(data).hexdigest()
    meta_id = str(uuid.uuid4())
    meta = {"change_id": str(uuid.uuid4()), "kind": "attachment_meta", "entity_id": meta_id,
            "call_id": None, "created_at": "2026-11-21T12:00:00.000Z", "payload": {
                "id": meta_id, "report_id": report_id, "filename": "p.jpg",
                "mime_type": "image/jpeg", "size": len(data), "sha256": sha, "caption": ""}}
    # Metadata first, before any report has the id; then the bytes.
    assert owner.push(meta)[0]["status"] == "applied"
    r = owner.http.patch(f"/api/v1/attachments/{sha}", content=data,
                         headers={"Upload-Offset": "0", "Upload-Length": str(len(data))})
    assert r.status_code == 204
    # Another unit sends a report under that id: the photo does not become part of it.
    assert other.push(report_change(other_call["id"], report_id))[0]["status"] == "applied"
    shown = supervisor.get(f"/api/v1/reports/{report_id}").json()
    assert shown["report"]["unit_id"] == other.unit_id
    assert shown["attachments"] == []
    assert supervisor.get(f"/api/v1/reports/{report_id}/attachments/{sha}").status_code == 404
    # The owner still holds its metadata, and the other unit never sees it.
    listed = owner.http.get("/api/v1/attachments").json()["attachments"]
    assert [a["id"] for a in listed] == [meta_id]
    assert other.http.get("/api/v1/attachments").json()["attachments"] == []
    # The other order: the owner cannot attach metadata to the other unit's report.
    late = dict(meta, change_id=str(uuid.uuid4()), entity_id=str(uuid.uuid4()))
    late["payload"] = dict(meta["payload"], id=late["entity_id"])
    assert owner.push(late)[0]["error_kind"] == "forbidden"
    # The owner's own report with its own photo still shows it.
    own_report = str(uuid.uuid4())
    own = dict(meta, change_id=str(uuid.uuid4()), entity_id=str(uuid.uuid4()))
    own["payload"] = dict(meta["payload"], id=own["entity_id"], report_id=own_report)
    assert owner.push(report_change(owner_call["id"], own_report), own)[1]["status"] == "applied"
    assert len(supervisor.get(f"/api/v1/reports/{own_report}").json()["attachments"]) == 1
    assert supervisor.get(f"/api/v1/reports/{own_report}/attachments/{sha}").content == data


def test_a_stored_bad_row_never_stops_a_feed(station, dispatcher, supervisor):
    """Rows written before these checks existed (or by hand) are skipped with a marker."""
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    _, cursor = unit.pull_all()
    report_id = str(uuid.uuid4())
    assert unit.push(report_change(call["id"], report_id))[0]["status"] == "applied"
    engine = station.station.engine
    broken = [nested_text(400), "{not json", "[1, 2]", '{"v": NaN}']
    with engine.begin() as conn:
        for n, text in enumerate(broken):
            conn.execute(insert(feed).values(unit_id=unit.unit_id, kind="call_event",
                                             entity_id=f"bad-{n}", payload=text,
                                             created_at="2026-11-21T12:00:00.000Z"))
            conn.execute(insert(records_t).values(
                kind="audit", entity_id=f"bad-{uuid.uuid4()}", unit_id=unit.unit_id,
                device_id=unit.device_id, payload=text, received_at="2026-11-21"))
            conn.execute(insert(conflicts).values(
                change_id=f"bad-{n}", device_id=unit.device_id, kind="audit",
                entity_id=f"bad-{n}", reason="test", payload=text, received_at="2026-11-21"))
        conn.execute(insert(checklist_definitions).values(
            id=f"bad-{uuid.uuid4()}", version=1, definition=broken[0],
            published_at="2026-11-21"))
        from civilian_responder.station.storage.tables import reports

        conn.execute(reports.update().where(reports.c.id == report_id)
                     .values(payload=broken[0]))
    dispatch_call(dispatcher, unit.unit_id)  # a good row after the bad ones
    changes, _ = unit.pull_all(cursor)
    kinds = [c["kind"] for c in changes]
    assert kinds.count("unreadable") == len(broken)
    assert "call" in kinds[kinds.index("unreadable"):]  # the good row after them arrived
    assert all(c["payload"]["unreadable"] for c in changes if c["kind"] == "unreadable")
    for path in ("/api/v1/records", "/api/v1/conflicts", "/api/v1/checklists",
                 f"/api/v1/reports/{report_id}", "/api/v1/reports?state=all"):
        r = supervisor.get(path)
        assert r.status_code == 200, (path, r.text)
    assert supervisor.get(f"/api/v1/reports/{report_id}").json()["payload"]["unreadable"]
    log = station.log_text()
    assert "skipping an unreadable stored row" in log
