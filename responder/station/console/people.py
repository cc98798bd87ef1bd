"""People (supervisor): search known people, a person's contacts and follow-ups, possible
duplicates (suggested, never merged by themselves), merge A into B after a confirmation page,
and the merges that conflicted with an edit made offline (both kept, shown).

The merge is ``station.people.merge``, the call behind ``responder-station persons merge``;
it reaches every unit at its next sync. Every merge is audited."""

from __future__ import annotations

from typing import Annotated, Any

from civilian_responder.errors import NotFoundError, ValidationError
from civilian_responder.station.console.display import filters
from civilian_responder.station.console.session import Console, require
from civilian_responder.station.errors import StationError
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/console/people", include_in_schema=False)
Supervisor = Annotated[Console, require("people")]
DONE = {"merged": "People merged; units see them as one at their next sync."}


def _list_context(console: Console, q: str) -> dict[str, Any]:
    people = console.station.people
    return {
        "q": q,
        "found": people.list_persons(q)[:200],
        "pairs": people.suggested_pairs(),
        "conflicts": people.merge_conflicts()[-100:][::-1],
    }


def _page(console: Console, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    station = console.station
    return console.page(
        template,
        status,
        active="people",
        **filters(station.reference, station.clock.now()),
        **context,
    )


@router.get("")
def people_page(
    console: Supervisor, q: str = Query("", max_length=200), done: str = ""
) -> HTMLResponse:
    return _page(
        console, "people.html", title="People", done=DONE.get(done, ""), **_list_context(console, q)
    )


@router.get("/{person_id}")
def person_page(person_id: str, console: Supervisor, done: str = "") -> HTMLResponse:
    try:
        shown = console.station.people.person(person_id)
    except NotFoundError as exc:
        return _page(console, "error.html", 404, title="Not found", message=str(exc))
    return _page(
        console,
        "person.html",
        title=f"Person {shown['person']['display_name']}",
        done=DONE.get(done, ""),
        **shown,
    )


def _pair(console: Console, keep: str, gone: str) -> tuple[dict[str, Any], dict[str, Any]]:
    people = console.station.people
    if not keep or not gone:
        raise ValidationError("Choose the person to keep and the one merged into them")
    if keep == gone:
        raise ValidationError("A person cannot be merged into themselves")
    return people.person(keep), people.person(gone)


@router.post("/merge")
async def merge(console: Supervisor) -> Response:
    """First POST: the confirmation page naming both people. With ``confirm=yes``: merge."""
    form = await console.form()
    keep = str(form.get("keep") or "").strip()[:64]
    gone = str(form.get("gone") or "").strip()[:64]
    try:
        a, b = await run_in_threadpool(_pair, console, keep, gone)
        if form.get("confirm") != "yes":
            return await run_in_threadpool(
                _page, console, "merge_confirm.html", title="Merge people?", keep=a, gone=b
            )
        done = await run_in_threadpool(console.station.people.merge, keep, gone, console.who)
    except (NotFoundError, ValidationError, StationError) as exc:
        message = exc.message if isinstance(exc, StationError) else str(exc)
        status = exc.status if isinstance(exc, StationError) else (
            404 if isinstance(exc, NotFoundError) else 422
        )
        context = await run_in_threadpool(_list_context, console, "")
        return await run_in_threadpool(
            _page, console, "people.html", status, title="People", error=message, **context
        )
    console.audit("person.merge", gone, f"into {done['into']}")
    return RedirectResponse(f"/console/people/{done['into']}?done=merged", 303)
