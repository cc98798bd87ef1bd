"""Field work for sync tests: calls, status changes, finished reports and photos on a unit."""

from __future__ import annotations

import os

from civilian_responder.app import ResponderApp
from civilian_responder.clock import iso, new_id
from civilian_responder.models import Call, Report

JPEG_HEAD = b"\xff\xd8\xff\xe0"


def photo_bytes(size: int = 2048, seed: bytes = b"") -> bytes:
    return JPEG_HEAD + seed + os.urandom(max(0, size - len(JPEG_HEAD) - len(seed)))


def station_call(unit_id: str, **fields: object) -> Call:
    """A call as it would arrive from the station."""
    now = iso(__import__("datetime").datetime.now(__import__("datetime").UTC))
    base = dict(id=new_id(), cad_number=f"CAD-{new_id()[:8]}", unit_id=unit_id, type_code="WELCK",
                priority=3, status="DISPATCHED", address="100 Pacific Ave", received_at=now,
                updated_at=now)
    base.update(fields)
    return Call(**base)  # type: ignore[arg-type]


def work_call_to_clear(app: ResponderApp, call_id: str) -> None:
    if app.calls.switch_options(call_id):  # one active call per unit: the current one waits
        app.calls.switch_to(call_id, "HOLD")
    for status in ("ACKNOWLEDGED", "EN_ROUTE", "ON_SCENE", "CLEARED"):
        app.calls.change_status(call_id, status)


def finish_report(app: ResponderApp, call_id: str, narrative: str = "Spoke with the person.",
                  photo: bytes | None = None) -> Report:
    report = app.reports.start(call_id)
    app.reports.save_fields(report.id, {
        "disposition_code": "ARW", "outcome_codes": ["RESOLVED_ON_SCENE"],
        "persons": [{"id": new_id(), "role_code": "SUBJECT", "name": "Test Person"}],
        "time_on_task_minutes": 20, "narrative": narrative,
    })
    if photo is not None:
        app.attachments.attach_photo(report.id, "scene.jpg", photo, caption="scene")
    return app.reports.finalize(report.id)
