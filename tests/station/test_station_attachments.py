"""Resumable, SHA-256-verified attachment upload and the listing of what the station holds."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import uuid
from pathlib import Path

import pytest

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


def _batch(http, items, declared=None):
    manifest = {"items": [{"sha256": hashlib.sha256(d).hexdigest() if s is None else s,
                           "length": len(d)} for s, d in items]}
    body = json.dumps(declared or manifest).encode() + b"\n" + b"".join(d for _, d in items)
    return http.post("/api/v1/attachments/batch", content=body,
                     headers={"Content-Type": "application/x-responder-photo-batch"})


def test_photo_batch_stores_each_verified_photo_in_one_request(station, dispatcher,
                                                                supervisor):
    unit = Unit(station)
    assert "photo_batch" in station.client().get("/api/v1/health").json()["features"]
    call = dispatch_call(dispatcher, unit.unit_id)
    report = report_change(call["id"])
    photos = [os.urandom(1000 + n) for n in range(3)]
    metas = [_meta(report["entity_id"], p) for p in photos]
    assert {r["status"] for r in unit.push(report, *metas)} == {"applied"}
    # One photo already half-sent the resumable way: the batch completes it.
    half = hashlib.sha256(photos[2]).hexdigest()
    assert _patch(unit.http, half, 0, photos[2][:500], len(photos[2])).status_code == 204
    wrong = (hashlib.sha256(b"other").hexdigest(), b"tampered")
    r = _batch(unit.http, [(None, photos[0]), wrong, (None, photos[1]), (None, photos[2])])
    assert r.status_code == 200, r.text
    assert [x["complete"] for x in r.json()["results"]] == [True, False, True, True]
    assert "SHA-256" in r.json()["results"][1]["reason"]
    listed = unit.http.get("/api/v1/attachments").json()["attachments"]
    assert all(a["complete"] and a["offset"] == a["size"] for a in listed)
    for data in photos:
        sha = hashlib.sha256(data).hexdigest()
        got = supervisor.get(f"/api/v1/reports/{report['entity_id']}/attachments/{sha}")
        assert got.content == data
        assert unit.http.head(f"/api/v1/attachments/{sha}").headers["Upload-Complete"] == "1"
    # Sending a batch again (its answer was lost) changes nothing.
    again = _batch(unit.http, [(None, photos[0])])
    assert again.json()["results"][0]["complete"] is True
    assert hashlib.sha256(b"tampered").hexdigest() not in {a["sha256"] for a in listed}


def test_photo_batch_refuses_bad_framing(station):
    unit = Unit(station)
    data = os.urandom(100)
    sha = hashlib.sha256(data).hexdigest()
    r = _batch(unit.http, [(None, data)], declared={"items": [{"sha256": sha, "length": 99}]})
    assert r.status_code == 422 and "manifest" in r.json()["error"]["message"]
    r = _batch(unit.http, [(None, data)], declared={"items": [{"sha256": "x", "length": 100}]})
    assert r.status_code == 422
    r = _batch(unit.http, [(None, data)], declared={"items": []})
    assert r.status_code == 422
    big = {"items": [{"sha256": sha, "length": 5 * 1024 * 1024}]}
    assert _batch(unit.http, [(None, data)], declared=big).status_code == 413
    assert _batch(station.client(), [(None, data)]).status_code == 401


def test_batched_photos_go_to_the_file_store_and_are_checked_when_read(station, dispatcher,
                                                                       supervisor):
    """SQLite station: whole photos land in one fsynced pack beside the database (not as
    blobs), are served from it, and a damaged pack gives a clear 404, never wrong bytes."""
    if station.database_url.startswith("postgresql"):
        pytest.skip("a PostgreSQL station without RESPONDER_STATION_PHOTO_DIR keeps blobs")
    unit = Unit(station)
    call = dispatch_call(dispatcher, unit.unit_id)
    report = report_change(call["id"])
    photos = [os.urandom(5000 + n) for n in range(3)]
    assert {r["status"] for r in unit.push(report, *[_meta(report["entity_id"], p)
                                                      for p in photos])} == {"applied"}
    packs = Path(station.database_url + ".photos")
    before = set(packs.glob("*.pack")) if packs.exists() else set()
    r = _batch(unit.http, [(None, p) for p in photos])
    assert [x["complete"] for x in r.json()["results"]] == [True, True, True]
    new = set(packs.glob("*.pack")) - before
    assert len(new) == 1  # one pack (one fsync) for the whole batch
    (pack,) = new
    assert pack.read_bytes() == b"".join(photos)
    assert not list(packs.glob(".*.partial"))
    shas = [hashlib.sha256(p).hexdigest() for p in photos]
    with sqlite3.connect(station.database_url) as db:
        marks = ",".join("?" * len(shas))
        assert db.execute(f"SELECT COUNT(*) FROM upload_chunks WHERE sha256 IN ({marks})",
                          shas).fetchone()[0] == 0
        rows = db.execute(f"SELECT pack, pack_offset FROM uploads WHERE sha256 IN ({marks})",
                          shas).fetchall()
    assert {row[0] for row in rows} == {pack.name} and len(rows) == 3
    for data, sha in zip(photos, shas, strict=True):
        got = supervisor.get(f"/api/v1/reports/{report['entity_id']}/attachments/{sha}")
        assert got.status_code == 200 and got.content == data
    # Sent again (its answer was lost): complete, and no second pack is written.
    assert all(x["complete"] for x in _batch(unit.http, [(None, photos[0])]).json()["results"])
    assert set(packs.glob("*.pack")) - before == {pack}
    # A damaged pack is never served as the photo.
    raw = bytearray(pack.read_bytes())
    raw[0] ^= 0xFF
    pack.write_bytes(bytes(raw))
    got = supervisor.get(f"/api/v1/reports/{report['entity_id']}/attachments/{shas[0]}")
    assert got.status_code == 404 and "damaged" in got.json()["error"]["message"]
    assert supervisor.get(f"/api/v1/reports/{report['entity_id']}/attachments/{shas[1]}"
                          ).content == photos[1]
