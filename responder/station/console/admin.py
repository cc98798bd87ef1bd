"""Administration (admin): enroll and revoke devices, staff accounts, checklist versions,
conflicts with both versions, and the audit trail. Each action calls the station service the
admin command line uses."""

from __future__ import annotations

import json
from typing import Annotated, Any

import segno
from civilian_responder.station.bodies import parse_json
from civilian_responder.station.console.display import filters
from civilian_responder.station.console.session import Console, require
from civilian_responder.station.errors import Invalid, StationError
from civilian_responder.station.part2_access import KINDS, NOTICE, for_conflict, merge_labels
from civilian_responder.station.storage.staff import ROLE_LABELS, STAFF_ROLES
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

router = APIRouter(prefix="/console/admin", include_in_schema=False)
Admin = Annotated[Console, require("admin")]
SECTIONS = {
    "devices": "Devices",
    "staff": "Staff",
    "checklists": "Checklists",
    "conflicts": "Conflicts",
    "settings": "Agency settings",
    "audit": "Audit trail",
}
DONE = {
    "revoked": "Device revoked: its next sync is refused.",
    "staff": "Staff account added.",
    "disabled": "Staff account disabled; its sessions are ended.",
    "published": "Checklist version published; units get it at their next sync.",
    "setting": "Setting saved (units get retention_days at their next sync).",
}


def _page(console: Console, section: str, status: int = 200, **extra: Any) -> HTMLResponse:
    station = console.station
    context: dict[str, Any] = {"section": section, "sections": SECTIONS}
    if section == "devices":
        context["devices"] = station.devices.all()
    elif section == "staff":
        context.update(staff=station.staff.list(), roles=STAFF_ROLES, role_labels=ROLE_LABELS)
    elif section == "checklists":
        context["published"] = station.checklists.published()
    elif section == "settings":
        context["settings"] = station.settings.all()
    elif section == "conflicts":
        kept = station.review.conflicts(200)
        context["conflicts"] = [
            _conflict(console, c, station.review.held_version(c["kind"], c["entity_id"]))
            for c in kept
        ]
    context.update(extra)
    return console.page(
        "admin.html",
        status,
        title=f"Administration: {SECTIONS[section]}",
        active="admin",
        json=_pretty,
        **filters(station.reference, station.clock.now()),
        **context,
    )


def _conflict(console: Console, c: dict[str, Any], held: Any) -> dict[str, Any]:
    """Both versions of a conflicting report or checklist run as this role may see them
    (42 CFR Part 2), and what was withheld from either."""
    if c["kind"] not in KINDS:
        return dict(c, held=held, withheld="")
    role = console.session.member.role
    kept = for_conflict(role, c["payload"], allowed=console.part2_roles, kind=c["kind"])
    had = console.part2(held, c["kind"])
    labels = merge_labels(kept.withheld, had.withheld)
    notice = f"{NOTICE}: {', '.join(labels)}." if labels else ""
    return dict(c, payload=kept.record, held=had.record, withheld=notice)


def _pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=str)


@router.get("")
def devices(console: Admin, done: str = "") -> HTMLResponse:
    return _page(console, "devices", done=DONE.get(done, ""))


@router.post("/enroll")
async def enroll(console: Admin) -> Response:
    form = await console.form()
    unit = str(form.get("unit_id") or "").strip()
    try:
        code, expires = await run_in_threadpool(console.station.devices.make_code, unit)
    except StationError as exc:
        return await run_in_threadpool(_page, console, "devices", exc.status, error=exc.message)
    console.audit("device.enroll_code", unit, f"expires {expires}")
    station_url = str(console.request.base_url).rstrip("/")
    # What a phone or tablet camera reads: the station's address and the code, as text.
    qr = segno.make(f"RESPONDER-ENROLL\nstation={station_url}\ncode={code}", error="m")
    svg = Markup(qr.svg_inline(scale=5, title=f"Enrollment code {code}"))  # noqa: S704
    return await run_in_threadpool(
        _page,
        console,
        "devices",
        enrolled={
            "unit_id": unit,
            "code": code,
            "expires": expires,
            "qr": svg,
            "station": station_url,
        },
    )


@router.post("/devices/{device_id}/revoke")
async def revoke(device_id: str, console: Admin) -> Response:
    await console.form()
    device = await run_in_threadpool(console.station.devices.revoke, device_id)
    console.audit("device.revoke", device.unit_id, device_id)
    return RedirectResponse("/console/admin?done=revoked", 303)


@router.get("/staff")
def staff_page(console: Admin, done: str = "") -> HTMLResponse:
    return _page(console, "staff", done=DONE.get(done, ""))


@router.post("/staff")
async def staff_change(console: Admin) -> Response:
    form = await console.form()
    action, name = form.get("action"), str(form.get("name") or "")
    directory = console.station.staff
    try:
        if action == "add":
            await run_in_threadpool(
                directory.add,
                name,
                str(form.get("role") or ""),
                str(form.get("password") or ""),
                console.who,
            )
        elif action == "disable":
            if name.lower() == console.who:
                raise Invalid("You cannot disable your own account while signed in with it")
            await run_in_threadpool(directory.disable, name, console.who)
        else:
            raise Invalid("Unknown action")
    except StationError as exc:
        return await run_in_threadpool(_page, console, "staff", exc.status, error=exc.message)
    done = "staff" if action == "add" else "disabled"
    return RedirectResponse(f"/console/admin/staff?done={done}", 303)


@router.get("/checklists")
def checklists(console: Admin, done: str = "") -> HTMLResponse:
    return _page(console, "checklists", done=DONE.get(done, ""))


@router.post("/checklists")
async def publish(console: Admin) -> Response:
    form = await console.form()
    upload = form.get("file")
    try:
        if not isinstance(upload, UploadFile):
            raise Invalid("Choose a checklist definition (JSON) to publish")
        definition = parse_json(
            await upload.read(console.station.limits.max_body), "checklist definition"
        )
        found = await run_in_threadpool(console.station.checklists.publish, definition)
    except StationError as exc:
        return await run_in_threadpool(_page, console, "checklists", exc.status, error=exc.message)
    console.audit("checklist.publish", f"{found.get('id')} v{found.get('version')}")
    return RedirectResponse("/console/admin/checklists?done=published", 303)


@router.get("/conflicts")
def conflicts(console: Admin) -> HTMLResponse:
    return _page(console, "conflicts")


@router.get("/settings")
def settings_page(console: Admin, done: str = "") -> HTMLResponse:
    return _page(console, "settings", done=DONE.get(done, ""))


@router.post("/settings")
async def settings_change(console: Admin) -> Response:
    """One agency setting, as ``responder-station settings set NAME VALUE``; audited."""
    form = await console.form()
    name, value = str(form.get("name") or ""), form.get("value")
    try:
        done = await run_in_threadpool(
            console.station.settings.set, name, value if isinstance(value, str) else None,
            console.who,
        )
    except StationError as exc:
        return await run_in_threadpool(_page, console, "settings", exc.status, error=exc.message)
    console.audit("setting.set", name, f"{done['previous']} -> {done['value']}")
    return RedirectResponse("/console/admin/settings?done=setting", 303)


@router.get("/audit")
def audit(
    console: Admin, q: str = Query("", max_length=200), source: str = Query("console", max_length=8)
) -> HTMLResponse:
    station = console.station
    if source == "units":
        rows = [
            r
            for r in station.review.records("audit", None, 2000)
            if not q or q.lower() in _pretty(r).lower()
        ][-200:][::-1]
    else:
        rows = station.staff.audit_trail(q)
    return _page(console, "audit", q=q, source=source, rows=rows)
