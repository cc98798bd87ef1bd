"""Realistic reports for the PDF tests, benchmarks and the README page image."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from civilian_responder.app import ResponderApp, open_app
from civilian_responder.clock import FixedClock
from civilian_responder.demo import seed_demo
from civilian_responder.models import Report
from PIL import Image, ImageDraw
from pypdf import PdfReader

NOW = datetime(2026, 11, 21, 18, 30, tzinfo=UTC)

NARRATIVE = (
    "Dispatched to a welfare check at the bus shelter. On arrival I found the person served "
    "sitting on the bench, wet from the rain, and calm. She gave her name as Ana Lopez and said "
    "she had been locked out of her room after an argument with her landlord.\n"
    "I offered a shelter bed and a hygiene kit; she accepted the hygiene kit and declined the "
    "shelter bed, saying she would stay with her sister in Lakewood. I called the sister, who "
    "confirmed and agreed to pick her up.\n"
    "I waited with her until her sister arrived at 10:52. No injuries, no medical complaints, "
    "no police involvement needed. Referred to the housing navigation line for the landlord "
    "dispute."
)


def photo_bytes(size: tuple[int, int] = (1200, 900), color: str = "#4F7CAC",
                fmt: str = "JPEG", orientation: int | None = None, label: str = "") -> bytes:
    img = Image.new("RGB", size, color)
    d = ImageDraw.Draw(img)
    w, h = size
    d.rectangle([w * 0.1, h * 0.55, w * 0.9, h * 0.9], fill="#D9C9A3")
    d.ellipse([w * 0.6, h * 0.1, w * 0.8, h * 0.1 + w * 0.2], fill="#F2D16B")
    d.polygon([(w * 0.05, h * 0.55), (w * 0.3, h * 0.2), (w * 0.55, h * 0.55)], fill="#2F5233")
    if label:
        d.text((w * 0.05, h * 0.05), label, fill="white")
    out = io.BytesIO()
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        img.save(out, fmt, exif=exif)
    else:
        img.save(out, fmt, quality=85) if fmt == "JPEG" else img.save(out, fmt)
    return out.getvalue()


def demo_app(profile: Path, history: int = 6) -> ResponderApp:
    app = open_app(profile, clock=FixedClock(NOW))
    seed_demo(app.store, app.clock, active=6, history=history, reports=False)
    app.store.set_meta("timezone", "America/Los_Angeles")
    app.close()
    # Reopened so the unit and officer the demo just set are the ones reports use.
    return open_app(profile, clock=FixedClock(NOW))


@pytest.fixture
def pdf_app(tmp_path: Path):
    """A demo profile (real database file) in tmp_path."""
    app = demo_app(tmp_path / "profile")
    yield app
    app.close()


def pages_text(data: bytes, password: str | None = None) -> list[str]:
    """Each page's extracted text with whitespace runs collapsed to one space."""
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        reader.decrypt(password)
    return [" ".join(p.extract_text().split()) for p in reader.pages]


def cleared_call_id(app: ResponderApp, index: int = 0) -> str:
    cleared = [c for c in app.store.calls.board() if c.status == "CLEARED"]
    return cleared[index].id


def full_report(app: ResponderApp, *, index: int = 0, narrative: str = NARRATIVE,
                photos: int = 2, finalize: bool = True, **fields: object) -> Report:
    report = app.reports.start(cleared_call_id(app, index))
    values: dict[str, object] = {
        "persons": [
            {"id": "p1", "role_code": "SUBJECT", "name": "Ana López", "age": 34,
             "phone": "253-555-0142", "note": "Locked out after landlord dispute"},
            {"id": "p2", "role_code": "FAMILY", "name": "Nguyễn Thị Minh", "phone": "253-555-0177"},
        ],
        "flags": ["UNHOUSED", "LANGUAGE_NEED"],
        "language_codes": [app.reference.languages.codes()[1]],
        "disposition_code": "CSA",
        "outcome_codes": ["REFERRED"],
        "referrals": list(app.reference.referral_destinations.codes()[:2]),
        "services": [{"code": "SHELTER_BED", "response": "DECLINED"},
                     {"code": "HYGIENE", "response": "ACCEPTED"},
                     {"code": "FOOD_WATER", "response": "OFFERED"}],
        "follow_up_needed": True,
        "follow_up_note": "Check in with housing navigation on Monday",
        "time_on_task_minutes": 47,
        "narrative": narrative,
    }
    values.update(fields)
    report = app.reports.save_fields(report.id, values)
    for i in range(photos):
        app.attachments.attach_photo(report.id, f"scene-{i + 1}.jpg",
                                     photo_bytes(label=f"photo {i + 1}"),
                                     caption=["Bus shelter, north side", "Belongings on bench",
                                              "Route to pick-up point", "Shelter signage"][i % 4])
    if finalize:
        report = app.reports.finalize(report.id)
    return report


def approve(app: ResponderApp, report_id: str) -> None:
    with app.store.atomic("approving (test)"):
        app.store.reports.update(report_id, {"state": "approved"})
