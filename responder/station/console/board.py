"""Dispatch board (dispatcher): units and open calls, updating by itself; add, import, change.

Every change goes through the same services as ``routes/dispatch.py`` (``Station.create_call``,
``Station.import_eido``, ``Dispatch.update``), so the rules and the feed to units are the API's.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Annotated, Any

from civilian_responder.station.console.display import age, filters, short_time
from civilian_responder.station.console.session import Console, render, require
from civilian_responder.station.errors import Invalid, StationError
from civilian_responder.station.storage.calls import CallUpdate
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

router = APIRouter(prefix="/console/board", include_in_schema=False)
Dispatcher = Annotated[Console, require("board")]
DONE = {
    "created": "Call created and sent to the unit.",
    "imported": "EIDO incident imported.",
    "updated": "Call updated; the unit gets the change at its next sync.",
}
NEW_CALL_FIELDS = (
    "unit_id",
    "type_code",
    "priority",
    "address",
    "narrative",
    "caution_notes",
    "caller_name",
    "caller_phone",
    "cross_streets",
    "location_note",
)


def _context(console: Console) -> dict[str, Any]:
    station = console.station
    board = station.board()
    return {
        "rows": _rows(board, station.reference, station.clock.now()),
        "board": board,
        "call_types": list(station.reference.call_types),
        "priorities": list(station.reference.priorities),
        "unit_ids": [u["unit_id"] for u in board["units"]],
        **filters(station.reference, station.clock.now()),
    }


def _rows(board: dict[str, Any], ref: Any, now: datetime) -> dict[str, list[tuple[str, ...]]]:
    """The board's cells as text, made once here (a 600-row board renders several times faster
    from plain tuples than through per-cell template lookups)."""
    status = {s.code: f"{s.label} ({s.code})" for s in ref.unit_statuses}
    status["AVAILABLE"] = "Available"
    types = {t.code: f"{t.label} ({t.code})" for t in ref.call_types}
    units = [
        (
            u["unit_id"],
            status.get(u["status"], u["status"]),
            ", ".join(u["crew"]) or "—",
            u.get("vehicle") or "—",
            ", ".join(u["calls"]) or "—",
            short_time(u["last_seen_at"]),
        )
        for u in board["units"]
    ]
    calls = [
        (
            c["id"],
            c["cad_number"] or c["id"][:8],
            str(c["priority"]),
            types.get(c["type_code"], c["type_code"]),
            c["address"],
            c["unit_id"],
            status.get(c["status"], c["status"]),
            age(c["received_at"], now),
        )
        for c in board["calls"]
    ]
    return {"units": units, "calls": calls}


def _version(console: Console) -> tuple[str, dict[str, Any]]:
    """A tag for what the live part shows (the data and the minute, as ages are in minutes),
    known before rendering it."""
    context = _context(console)
    digest = hashlib.sha256(repr(context["rows"]).encode("utf-8", "surrogatepass"))
    return '"' + digest.hexdigest()[:32] + '"', context


def _board_page(console: Console, status: int = 200, **extra: Any) -> HTMLResponse:
    return console.page(
        "board.html", status, title="Dispatch board", active="board", **_context(console), **extra
    )


@router.get("")
def board(console: Dispatcher, done: str = "") -> HTMLResponse:
    return _board_page(console, done=DONE.get(done, ""))


@router.get("/live")
def live(console: Dispatcher, request: Request) -> Response:
    """The board's changing part, for the page's poller: 304 while nothing changed."""
    tag, context = _version(console)
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers={"ETag": tag})
    return HTMLResponse(render("board_live.html", **context).body, headers={"ETag": tag})


@router.post("/calls")
async def add_call(console: Dispatcher) -> Response:
    form = await console.form()
    fields: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in NEW_CALL_FIELDS}
    try:
        fields["priority"] = int(fields["priority"] or 0)
        call = await run_in_threadpool(console.station.create_call, fields, console.who)
    except ValueError:
        return _board_page(console, 422, error="Priority must be a number from 1 to 6", form=fields)
    except StationError as exc:
        return _board_page(console, exc.status, error=exc.message, form=fields)
    console.audit("call.create", call["cad_number"] or call["id"], call["unit_id"])
    return RedirectResponse("/console/board?done=created", 303)


@router.post("/eido")
async def import_eido(console: Dispatcher) -> Response:
    form = await console.form()
    upload = form.get("file")
    unit = str(form.get("unit") or "").strip() or None
    try:
        if not isinstance(upload, UploadFile):
            raise Invalid("Choose an EIDO JSON file to upload")
        body = await upload.read(console.station.limits.max_body + 1)
        if len(body) > console.station.limits.max_body:
            raise Invalid(f"The file is over {console.station.limits.max_body} bytes")
        call, created = await run_in_threadpool(
            console.station.import_eido, body, unit, console.who
        )
    except StationError as exc:
        # The same words the command line prints for this file.
        return _board_page(console, exc.status, error=exc.message)
    console.audit(
        "call.eido", call["cad_number"] or call["id"], "created" if created else "updated"
    )
    return RedirectResponse("/console/board?done=imported", 303)


@router.get("/call/{call_id}")
def call_page(call_id: str, console: Dispatcher, done: str = "") -> HTMLResponse:
    return _call_page(console, call_id, done=DONE.get(done, ""))


def _call_page(console: Console, call_id: str, status: int = 200, **extra: Any) -> HTMLResponse:
    station = console.station
    found = station.dispatch.get(call_id)
    return console.page(
        "call.html",
        status,
        title=f"Call {found['call']['cad_number']}",
        active="board",
        found=found,
        unit_ids=_context(console)["unit_ids"],
        priorities=list(station.reference.priorities),
        **filters(station.reference, station.clock.now()),
        **extra,
    )


def _change(form: Any) -> CallUpdate:
    action = form.get("action")
    text = str(form.get("text") or "").strip()
    if action == "priority":
        try:
            return CallUpdate(priority=int(str(form.get("priority"))))
        except ValueError:
            raise Invalid("Priority must be a number from 1 to 6") from None
    if action == "reassign":
        return CallUpdate(unit_id=str(form.get("unit_id") or "").strip())
    if action == "note":
        if not text:
            raise Invalid("Write the note first")
        return CallUpdate(add_note=text)
    if action == "cancel":
        return CallUpdate(cancel=True, cancel_reason=text)
    raise Invalid("Unknown action")


@router.post("/call/{call_id}")
async def change_call(call_id: str, console: Dispatcher) -> Response:
    form = await console.form()
    try:
        change = _change(form)
        await run_in_threadpool(console.station.dispatch.update, call_id, change, console.who)
    except StationError as exc:
        return await run_in_threadpool(_call_page, console, call_id, exc.status, error=exc.message)
    console.audit(f"call.{form.get('action')}", call_id)
    return RedirectResponse(f"/console/board/call/{call_id}?done=updated", 303)
