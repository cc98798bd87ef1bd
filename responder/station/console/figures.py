"""Program figures (program manager, supervisor): the station metrics for a chosen period,
with charts, CSV / PDF / JSON downloads and the data-quality list linking to the reports."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Annotated, Any

from civilian_responder.station.console.charts import bars
from civilian_responder.station.console.display import filters
from civilian_responder.station.console.session import Console, require
from civilian_responder.station.errors import StationError
from civilian_responder.station.metrics import render
from civilian_responder.station.metrics.quality import quality_list
from civilian_responder.station.metrics.scope import Scope, make_scope
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

router = APIRouter(prefix="/console/figures", include_in_schema=False)
Manager = Annotated[Console, require("figures")]


def _presets(today: date) -> dict[str, tuple[str, str]]:
    first = today.replace(day=1)
    last_month_end = first - timedelta(days=1)
    return {
        "Last 30 days": ((today - timedelta(days=29)).isoformat(), today.isoformat()),
        "Last month": (last_month_end.replace(day=1).isoformat(), last_month_end.isoformat()),
        "This year": (today.replace(month=1, day=1).isoformat(), today.isoformat()),
        "Last year": (
            date(today.year - 1, 1, 1).isoformat(),
            date(today.year - 1, 12, 31).isoformat(),
        ),
    }


def _scope(
    console: Console, date_from: str, date_to: str, unit: str, call_type: str
) -> tuple[Scope, str, str]:
    today = console.station.clock.now().date()
    date_from = date_from or (today - timedelta(days=29)).isoformat()
    date_to = date_to or today.isoformat()
    scope = make_scope(
        console.station.engine,
        console.station.reference,
        date_from,
        date_to,
        [unit] if unit else (),
        [call_type] if call_type else (),
    )
    return scope, date_from, date_to


def _charts(m: dict[str, Any], ref: Any) -> list[Any]:
    grid = m["disposition_by_priority"]
    groups = [(g.label, grid.get(g.code, {}).get("total", 0)) for g in ref.disposition_groups]
    outcomes = [(ref.outcomes.label(k), v) for k, v in list(m["outcomes"].items())[:10]]
    times = list(m["response_histogram"].items())
    hours = sorted(m["hours_of_service"].items(), key=lambda kv: -kv[1])[:12]
    charts = [
        ("Reports by disposition group", groups, ""),
        ("Most frequent outcomes", outcomes, ""),
        ("Calls by minutes from received to on scene", times, ""),
        ("Hours of service by unit", hours, " h"),
    ]
    return [(title, bars(title, items, unit)) for title, items, unit in charts]


@router.get("")
async def figures(
    console: Manager,
    date_from: str = Query("", alias="from", max_length=10),
    date_to: str = Query("", alias="to", max_length=10),
    unit: str = Query("", max_length=32),
    call_type: str = Query("", max_length=32),
) -> HTMLResponse:
    station = console.station

    def compute() -> HTMLResponse:
        context: dict[str, Any] = {
            "unit": unit,
            "call_type": call_type,
            "from_": date_from,
            "to": date_to,
        }
        try:
            scope, context["from_"], context["to"] = _scope(
                console, date_from, date_to, unit, call_type
            )
            m = station.metrics.compute(scope)
            context.update(
                m=m,
                charts=_charts(m, station.reference),
                quality=quality_list(station.engine, station.reference, scope),
            )
        except StationError as exc:
            context.update(m=None, error=exc.message, status=exc.status)
        return console.page(
            "figures.html",
            context.pop("status", 200),
            title="Program figures",
            active="figures",
            presets=_presets(station.clock.now().date()),
            call_types=list(station.reference.call_types),
            ref=station.reference,
            query=f"from={context['from_']}&to={context['to']}&unit={unit}&call_type={call_type}",
            **context,
            **filters(station.reference, station.clock.now()),
        )

    return await run_in_threadpool(compute)


@router.get("/metrics.{fmt}")
async def download(
    fmt: str,
    console: Manager,
    date_from: str = Query("", alias="from", max_length=10),
    date_to: str = Query("", alias="to", max_length=10),
    unit: str = Query("", max_length=32),
    call_type: str = Query("", max_length=32),
) -> Response:
    station = console.station
    if fmt not in ("csv", "pdf", "json"):
        return Response("Unknown format", 404, media_type="text/plain")

    def build() -> Response:
        scope, first, last = _scope(console, date_from, date_to, unit, call_type)
        m = station.metrics.compute(scope)
        name = f"metrics-{first}-{last}.{fmt}"
        disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
        if fmt == "csv":
            return Response(
                render.to_csv(m), media_type="text/csv; charset=utf-8", headers=disposition
            )
        if fmt == "json":
            return Response(
                json.dumps(m, ensure_ascii=False),
                media_type="application/json",
                headers=disposition,
            )
        return Response(
            render.to_pdf(m, station.reference), media_type="application/pdf", headers=disposition
        )

    answer = await run_in_threadpool(build)
    console.audit(f"metrics.{fmt}", f"{date_from}..{date_to}", f"unit={unit} type={call_type}")
    return answer
