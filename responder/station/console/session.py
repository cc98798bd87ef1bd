"""Who is signed in to the console, what each role may open, and the CSRF check on forms.

The session cookie is HttpOnly, SameSite=Strict, scoped to /console, and Secure whenever the
station serves HTTPS. Every form carries the session's CSRF token (the sign-in form a pre-session
token kept in its own cookie); a POST without the right one is refused with 403.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from civilian_responder.station.auth import client_ip, station_of
from civilian_responder.station.storage.staff import ROLE_LABELS, StaffSession
from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData

COOKIE = "responder_console"
PRE_COOKIE = "responder_console_pre"
# Which roles may open each area: the console's one authorization table. What a role may do
# inside an area is what the station services allow (the same calls the API makes).
AREAS: dict[str, tuple[str, ...]] = {
    "review": ("supervisor", "clinical_supervisor"),
    # read one report (data-quality links)
    "reports": ("supervisor", "clinical_supervisor", "program_manager"),
    "board": ("dispatcher",),
    "figures": ("program_manager", "supervisor", "clinical_supervisor"),
    "people": ("supervisor", "clinical_supervisor"),
    "admin": ("admin",),
}
AREA_LABELS = {
    "review": "Review queue",
    "board": "Dispatch board",
    "people": "People",
    "figures": "Program figures",
    "admin": "Administration",
}
AREA_PATHS = {
    "review": "/console/review",
    "board": "/console/board",
    "people": "/console/people",
    "figures": "/console/figures",
    "admin": "/console/admin",
}
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    extensions=["jinja2.ext.do"],
)


class SignInRequired(Exception):
    """No valid session: the browser goes to the sign-in page."""


class NotAllowed(Exception):
    """Signed in, but this role may not open the page or do the action."""


class CsrfRefused(Exception):
    """A form arrived without the CSRF token of its session."""


@dataclass(frozen=True)
class Console:
    """What a page handler gets: the station, the signed-in session and the request."""

    request: Request
    session: StaffSession

    @property
    def station(self) -> Any:
        return station_of(self.request)

    @property
    def who(self) -> str:
        return self.session.member.name

    @property
    def address(self) -> str:
        return client_ip(self.request)

    def areas(self) -> list[tuple[str, str, str]]:
        role = self.session.member.role
        return [
            (a, AREA_LABELS[a], AREA_PATHS[a])
            for a, roles in AREAS.items()
            if role in roles and a in AREA_LABELS
        ]

    def may(self, area: str) -> bool:
        return self.session.member.role in AREAS[area]

    def page(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        return render(
            template,
            status,
            console=self,
            csrf=self.session.csrf,
            role_label=ROLE_LABELS[self.session.member.role],
            **context,
        )

    async def form(self) -> FormData:
        """The POSTed form, after its CSRF token is checked."""
        data = await self.request.form()
        sent = data.get("csrf")
        if not isinstance(sent, str) or not hmac.compare_digest(sent, self.session.csrf):
            raise CsrfRefused()
        return data

    def part2(self, record: Any, kind: str = "report") -> Any:
        """The record as this role may see it (42 CFR Part 2): ``part2_access.for_role``."""
        from civilian_responder.station.part2_access import for_role  # noqa: PLC0415

        return for_role(self.session.member.role, record, allowed=self.part2_roles, kind=kind)

    @functools.cached_property
    def part2_roles(self) -> frozenset[str]:
        """The roles that see 42 CFR Part 2 data (setting ``part2_roles``), read once a page."""
        return self.station.settings.part2_roles()  # type: ignore[no-any-return]

    def audit(self, action: str, target: str = "", detail: str = "") -> None:
        self.station.staff.record(self.who, action, target, detail, self.address)


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(template).render(**context), status)


def current_session(request: Request) -> StaffSession | None:
    return station_of(request).staff.session(request.cookies.get(COOKIE))  # type: ignore[no-any-return]


def require(area: str) -> Any:
    roles = AREAS[area]

    def dependency(request: Request) -> Console:
        found = current_session(request)
        if found is None:
            raise SignInRequired()
        if found.member.role not in roles:
            raise NotAllowed()
        return Console(request, found)

    return Depends(dependency)


def signed_in(request: Request) -> Console:
    found = current_session(request)
    if found is None:
        raise SignInRequired()
    return Console(request, found)


SignedIn = Annotated[Console, Depends(signed_in)]


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_cookie(
    response: Response, request: Request, name: str, value: str, max_age: int | None = None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/console",
        secure=secure(request),
        httponly=True,
        samesite="strict",
    )


def pre_token(request: Request) -> str:
    return request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(32)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """A station error on a console page, as a page (the API answers JSON)."""
    found = current_session(request)
    return render(
        "error.html",
        status,
        console=Console(request, found) if found else None,
        csrf=found.csrf if found else "",
        role_label=ROLE_LABELS[found.member.role] if found else "",
        title="Not possible",
        message=message,
    )


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, _exc: SignInRequired) -> Response:
        target = request.url.path
        if (
            request.method == "GET"
            and target.startswith("/console/")
            and target != "/console/signin"
        ):
            return RedirectResponse(f"/console/signin?next={quote(target)}", 303)
        return RedirectResponse("/console/signin", 303)

    @app.exception_handler(NotAllowed)
    async def _not_allowed(request: Request, _exc: NotAllowed) -> Response:
        found = current_session(request)
        console = Console(request, found) if found else None
        return render(
            "error.html",
            403,
            console=console,
            csrf=found.csrf if found else "",
            role_label=ROLE_LABELS[found.member.role] if found else "",
            title="Not for your role",
            message="Your role does not include this page or action.",
        )

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, _exc: CsrfRefused) -> Response:
        return render(
            "error.html",
            403,
            console=None,
            csrf="",
            role_label="",
            title="Form refused",
            message="This form arrived without its security token (it may be "
            "old, or sent from another site). Open the page again and retry.",
        )
