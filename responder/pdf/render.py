"""Snapshot in, PDF bytes out. Pure: no database, no Qt, safe on any worker thread."""

from __future__ import annotations

import functools
import io
import logging
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from civilian_responder.errors import RenderError
from civilian_responder.pdf.pages import CountingCanvas, PageFacts, build_document
from civilian_responder.pdf.sections import SECTIONS, Clockface
from civilian_responder.pdf.snapshot import ReportSnapshot
from civilian_responder.pdf.text import register_fonts
from reportlab.platypus import Flowable

log = logging.getLogger(__name__)



def render(snapshot: ReportSnapshot, password: str | None = None) -> bytes:
    """The report as PDF bytes; with a password, encrypted with AES-256.

    Raises RenderError (never a reportlab or Pillow exception)."""
    r = snapshot.report
    try:
        register_fonts()
        out = io.BytesIO()
        labels = snapshot.labels
        facts = PageFacts(
            agency_name=snapshot.agency.name, logo=snapshot.agency.logo,
            title=labels("police_copy_title" if snapshot.police_copy else "title"),
            report_label=labels("report_label", number=r.report_number, version=r.version),
            fingerprint=snapshot.fingerprint, draft=not snapshot.approved,
            watermark=labels("draft_watermark"), page_of=labels("page_of"),
            language=labels.language,
        )
        doc = build_document(out, facts, r.author)
        doc.build(story(snapshot), canvasmaker=functools.partial(CountingCanvas,
                                                                 page_of=facts.page_of))
        data = out.getvalue()
    except RenderError:
        raise
    except Exception as exc:  # noqa: BLE001 (reportlab raises many kinds; callers get one)
        log.error("Rendering report %s v%s failed", r.report_number, r.version, exc_info=True)
        raise RenderError(
            f"Report {r.report_number} v{r.version} could not be made into a PDF: "
            f"{type(exc).__name__}"
        ) from exc
    return encrypt(data, password) if password else data


def story(snapshot: ReportSnapshot) -> list[Flowable]:
    clock = Clockface(_zone(snapshot.timezone))
    flowables: list[Flowable] = []
    for section in SECTIONS:
        flowables.extend(section(snapshot, clock))
    return flowables


def encrypt(data: bytes, password: str) -> bytes:
    """AES-256 (PDF 2.0 /V 5 /R 6). reportlab's own encryption defaults to RC4-40 and needs
    pure-Python AES, so the finished file is encrypted with pypdf instead."""
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 (only for protected exports)

    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
        out = io.BytesIO()
        writer.write(out)
    except Exception as exc:  # noqa: BLE001
        raise RenderError(f"The PDF could not be encrypted: {type(exc).__name__}") from exc
    return out.getvalue()


def _zone(name: str) -> ZoneInfo | None:
    if not name:
        return None  # the machine's local time zone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("Unknown time zone %r in settings; using the local zone", name)
        return None
