"""Resumable, SHA-256-verified attachment upload and the listing of what the station holds."""

from __future__ import annotations

import hashlib
import os
import uuid

from tests.station.conftest import Unit, dispatch_call, report_change


def _meta(report_id: str, data: bytes) -> dict:
    att_id = str(uuid.uuid4())
    payload = {"id": att_id, "report_id": report_id, "filename": "scene.jpg",
               "mime_type": "image/jpeg", "size": len(data),
               "sha256": hashlib.sha256(data).hexdigest(), "caption": "Doorway"}
    return {"change_id": str(uuid.uuid4()), "kind": "attachment_meta", "entity_id": att_id,
            "call_id": None, "created_at": "2026-11-21T12:00:00.000Z", "payload": payload}


def _patch(http, sha, offset, chunk, length=None):
    headers = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
    if length is not None:
        headers["Upload-Length"] = str(length)
    return http.patch(f"/api/v1/attachments/{sha}", content=chunk, headers=headers)


def test_upload_resumes_from_the_held_offset_and_verifies(station, dispatcher, supervisor):
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    report = report_change(call["id"])
    data = os.urandom(300_000)
    sha = hashlib.sha256(data).hexdigest()
    assert unit.push(report, _meta(report["entity_id"], data))[1]["status"] == "applied"
    head = unit.http.head(f"/api/v1/attachments/{sha}")
    assert head.status_code == 200 and head.headers["Upload-Offset"] == "0"
    r = _patch(unit.http, sha, 0, data[:100_000], len(data))
    assert r.status_code == 204 and r.headers["Upload-Offset"] == "100000"
    # The client lost the answer and retries from a stale offset: told where to resume.
    stale = _patch(unit.http, sha, 0, data[:100_000])
    assert stale.status_code == 409 and stale.headers["Upload-Offset"] == "100000"
    resume = int(unit.http.head(f"/api/v1/attachments/{sha}").headers["Upload-Offset"])
    r = _patch(unit.http, sha, resume, data[resume:])
    assert r.status_code == 204 and r.headers["Upload-Complete"] == "1"
    listed = unit.http.get("/api/v1/attachments",
                           params={"report_id": report["entity_id"]}).json()["attachments"]
    assert [(a["sha256"], a["complete"], a["offset"]) for a in listed] == [(sha, True, len(data))]
    assert station.station.uploads.read(station.station.devices.get(unit.device_id), sha) == data
    shown = supervisor.get(f"/api/v1/reports/{report['entity_id']}").json()
    assert [(a["sha256"], a["complete"]) for a in shown["attachments"]] == [(sha, True)]
    photo = supervisor.get(f"/api/v1/reports/{report['entity_id']}/attachments/{sha}")
    assert photo.status_code == 200 and photo.content == data
    assert photo.headers["content-type"] == "image/jpeg"
    assert photo.headers["content-disposition"] == 'attachment; filename="scene.jpg"'
    assert unit.http.get(f"/api/v1/reports/{report['entity_id']}/attachments/{sha}"
                         ).status_code == 403


def test_corrupted_upload_is_discarded_with_422(station):
    unit = Unit(station)
    data = os.urandom(50_000)
    sha = hashlib.sha256(data).hexdigest()
    corrupted = bytearray(data)
    corrupted[123] ^= 0xFF
    r = _patch(unit.http, sha, 0, bytes(corrupted), len(data))
    assert r.status_code == 422 and "SHA-256" in r.json()["error"]["message"]
    assert unit.http.head(f"/api/v1/attachments/{sha}").headers["Upload-Offset"] == "0"
    assert _patch(unit.http, sha, 0, data).status_code == 204


def test_size_limits(station):
    unit = Unit(station)
    sha = "ab" * 32
    r = _patch(unit.http, sha, 0, b"x", 16 * 1024 * 1024)
    assert r.status_code == 413 and "15 MB" in r.json()["error"]["message"]
    r = _patch(unit.http, sha, 0, b"x" * (4 * 1024 * 1024 + 1), 10 * 1024 * 1024)
    assert r.status_code == 413
    r = _patch(unit.http, sha, 0, b"x")  # no Upload-Length on the first chunk
    assert r.status_code == 422 and "Upload-Length" in r.json()["error"]["message"]
    r = _patch(unit.http, "not-a-sha", 0, b"x", 1)
    assert r.status_code == 422


def test_bad_attachment_metadata_is_rejected(station):
    unit = Unit(station)
    change = _meta("r-1", b"abc")
    change["payload"]["sha256"] = "XYZ"
    result = unit.push(change)[0]
    assert result["status"] == "rejected" and "sha256" in result["reason"]
