"""The station console: a web interface for staff under ``/console/``.

Server-rendered Jinja2 pages (autoescaped) over the same station services the API uses; every
asset ships in this package (``templates/``, ``static/``), nothing comes from a CDN. Sign-in,
sessions, CSRF and the role of each page are in ``session.py``; one module per area.
"""

from __future__ import annotations

from civilian_responder.station.console.session import install_handlers
from civilian_responder.station.console.static import router as static_router
from fastapi import FastAPI


def install(app: FastAPI) -> None:
    from civilian_responder.station.console import (  # noqa: PLC0415
        admin,
        board,
        figures,
        people,
        review,
        signin,
    )

    install_handlers(app)
    app.include_router(static_router)
    for module in (signin, review, board, people, figures, admin):
        app.include_router(module.router)
    app.include_router(review.pdf_router)
