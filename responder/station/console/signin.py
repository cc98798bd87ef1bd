"""Sign-in, sign-out and the console's home page."""

from __future__ import annotations

import hmac

from civilian_responder.station.auth import client_ip, station_of
from civilian_responder.station.console.session import (
    COOKIE,
    PRE_COOKIE,
    SignedIn,
    current_session,
    pre_token,
    render,
    set_cookie,
)
from civilian_responder.station.errors import AuthFailed, RateLimited
from civilian_responder.station.storage.staff import SESSION_HOURS
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/console", include_in_schema=False)


def _safe_next(target: object) -> str:
    if (
        isinstance(target, str)
        and target.startswith("/console/")
        and "//" not in target
        and "\\" not in target
    ):
        return target
    return "/console/"


def _signin_page(
    request: Request,
    status: int = 200,
    message: str = "",
    name: str = "",
    target: str = "/console/",
) -> Response:
    token = pre_token(request)
    response = render(
        "signin.html",
        status,
        console=None,
        csrf=token,
        message=message,
        name=name,
        next=target,
        role_label="",
    )
    set_cookie(response, request, PRE_COOKIE, token, max_age=3600)
    return response


@router.get("", include_in_schema=False)
def console_root() -> Response:
    return RedirectResponse("/console/", 308)


@router.get("/")
def home(console: SignedIn) -> HTMLResponse:
    areas = console.areas()
    if len(areas) == 1:
        return RedirectResponse(areas[0][2], 303)  # type: ignore[return-value]
    return console.page("home.html", title="Station console")


@router.get("/signin")
def signin_form(request: Request, next: str = "/console/") -> Response:  # noqa: A002
    if current_session(request) is not None:
        return RedirectResponse(_safe_next(next), 303)
    return _signin_page(request, target=_safe_next(next))


@router.post("/signin")
async def signin(request: Request) -> Response:
    form = await request.form()
    sent, expected = form.get("csrf"), request.cookies.get(PRE_COOKIE)
    name = str(form.get("name") or "")[:64]
    target = _safe_next(form.get("next"))
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent, expected):
        return _signin_page(
            request, 403, "The sign-in form had expired; please sign in again.", name, target
        )
    staff = station_of(request).staff
    try:
        session_id, _session = await run_in_threadpool(
            staff.sign_in,
            name,
            str(form.get("password") or ""),
            client_ip(request),
            request.cookies.get(COOKIE),
        )
    except RateLimited as exc:
        return _signin_page(
            request,
            429,
            f"{exc.message} (in about {exc.headers.get('Retry-After', '60')} seconds).",
            name,
            target,
        )
    except AuthFailed as exc:
        return _signin_page(request, 401, exc.message, name, target)
    response = RedirectResponse(target, 303)
    set_cookie(response, request, COOKIE, session_id, max_age=int(SESSION_HOURS * 3600))
    response.delete_cookie(PRE_COOKIE, path="/console", httponly=True, samesite="strict")
    return response


@router.post("/signout")
async def signout(console: SignedIn) -> Response:
    await console.form()
    session_id = console.request.cookies.get(COOKIE, "")
    await run_in_threadpool(console.station.staff.sign_out, session_id, console.address)
    response = RedirectResponse("/console/signin", 303)
    response.delete_cookie(COOKIE, path="/console", httponly=True, samesite="strict")
    return response
