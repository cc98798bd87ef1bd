"""Each metric on a small hand-checked station (SQLite and PostgreSQL), bad input, the CLI,
the JSON endpoint and the PDF read back."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from civilian_responder.clock import FixedClock
from civilian_responder.station.cli import main
from civilian_responder.station.errors import Invalid
from civilian_responder.station.metrics.render import to_pdf
from civilian_responder.station.metrics.scope import make_scope
from civilian_responder.station.storage.calls import CallUpdate
from pypdf import PdfReader

from tests.station.metrics_support import FieldUnit, at, dispatch, station_on

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
AS_OF = "2026-03-10T00:00:00.000Z"
D1, D2, D3, D4, D5, D7 = (f"2026-03-0{d}T10:00:00.000Z" for d in (1, 2, 3, 4, 5, 7))


def build(station, clock):
    """Seven calls; every expected figure below is worked out from this by hand."""
    a, b = FieldUnit(station, "CSO-A"), FieldUnit(station, "CSO-B")
    # 1: A, P3. received 10:00, dispatched 10:02, en route 10:05, on scene 10:15, clear 10:45.
    c1 = dispatch(station, clock, "CSO-A", D1, 2, priority=3)
    a.push(a.status(c1, "ACKNOWLEDGED", at(D1, 3)), a.status(c1, "EN_ROUTE", at(D1, 5)),
           a.status(c1, "ON_SCENE", at(D1, 15)), a.status(c1, "CLEARED", at(D1, 45)),
           a.report(c1, "R-1", disposition_code="NRR",
                    outcome_codes=["REFERRED", "TRANSPORTED"], referrals=["SHELTER"],
                    referral_agency="Example  Shelter", transport_mode_code="TEAM_VEHICLE",
                    transport_destination_code="SHELTER", transport_facility="Example Shelter",
                    shelter_placement_code="PLACED", flags=["UNHOUSED", "MENTAL_HEALTH"],
                    persons=[{"id": "p1", "role_code": "SUBJECT"},
                             {"id": "p2", "role_code": "FAMILY"}],
                    services=[{"code": "SHELTER_BED", "response": "ACCEPTED", "person_id": "p1"},
                              {"code": "FOOD_WATER", "response": "ACCEPTED", "person_id": "p1"},
                              {"code": "FOOD_WATER", "response": "ACCEPTED", "person_id": "p2"},
                              {"code": "MH_SUPPORT", "response": "DECLINED", "person_id": "p1"}],
                    warm_transfer_988=True, call_source_code="911",
                    response_model_code="CIVILIAN_ALONE", follow_up_needed=True))
    # 2: A, P2. dispatched +4, en route +6, on scene +20, clear +50: backup and hand-off.
    c2 = dispatch(station, clock, "CSO-A", D2, 4, priority=2)
    a.push(a.status(c2, "EN_ROUTE", at(D2, 6)), a.status(c2, "ON_SCENE", at(D2, 20)),
           a.status(c2, "CLEARED", at(D2, 50)),
           a.report(c2, "R-2", disposition_code="ARM", outcome_codes=["HANDED_TO_POLICE"],
                    police_handoff_reason_code="WEAPON", backup_requested=True,
                    backup_reason_code="VIOLENCE", response_model_code="CO_RESPONSE_POLICE",
                    call_source_code="OTHER", flags=["SUBSTANCE_USE"]))
    # 3: B, P4. dispatched +1, en route +2, on scene +8, clear +18; v1 corrected by v2.
    c3 = dispatch(station, clock, "CSO-B", D3, 1, priority=4)
    v1 = b.report(c3, "R-3", disposition_code="GOA", outcome_codes=["NO_CONTACT"])
    b.push(b.status(c3, "EN_ROUTE", at(D3, 2)), b.status(c3, "ON_SCENE", at(D3, 8)),
           b.status(c3, "CLEARED", at(D3, 18)), v1)
    b.push(b.report(c3, "R-3", version=2, supersedes_id=v1["entity_id"], disposition_code="NRR",
                    outcome_codes=["RESOLVED_ON_SCENE"], call_source_code="311"))
    # 4: B, P3, cleared with no report (data quality). Dispatched +3, on scene +13, clear +23.
    c4 = dispatch(station, clock, "CSO-B", D4, 3, priority=3)
    b.push(b.status(c4, "EN_ROUTE", at(D4, 4)), b.status(c4, "ON_SCENE", at(D4, 13)),
           b.status(c4, "CLEARED", at(D4, 23)))
    # 5: B, P5, a report in the pre-0401 shape: no disposition, the old 988 fields.
    c5 = dispatch(station, clock, "CSO-B", D5, 5, priority=5)
    b.push(b.status(c5, "CLEARED", at(D5, 30)),
           b.report(c5, "R-5", outcome_code="TRANSFER_988", transfer_988=True,
                    disposition_code=None))
    # 6: cancelled; 7: outside the period. Neither counts.
    c6 = dispatch(station, clock, "CSO-A", D2, 1)
    station.dispatch.update(c6, CallUpdate(cancel=True), "test")
    dispatch(station, clock, "CSO-A", "2026-04-01T10:00:00.000Z", 1)
    # A supervisor approves R-1 and returns R-2: both still count.
    reports = {r["report_number"]: r["id"] for r in station.review.list_reports(None)
               if r["state"] == "submitted"}
    station.review.decide(reports["R-1"], "approve", "", "sup")
    station.review.decide(reports["R-2"], "return", "add detail", "sup")
    return c1


@pytest.fixture(params=BACKENDS)
def small(request, tmp_path):
    clock = FixedClock(datetime(2026, 3, 1, tzinfo=UTC))
    with station_on(request.param, tmp_path, clock) as station:
        build(station, clock)
        yield station


def compute(station, **kw):
    scope = make_scope(station.engine, station.reference, kw.pop("date_from", "2026-03-01"),
                       kw.pop("date_to", "2026-03-31"), as_of=AS_OF, **kw)
    return station.metrics.compute(scope)


def test_every_metric_on_a_hand_checked_station(small):
    m = compute(small)
    assert m["totals"] == {"calls": 5, "reports": 4, "calls_with_report": 4,
                           "calls_without_report": 1}
    grid = m["disposition_by_priority"]
    assert grid["NO_REPORT"] == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 0, "6": 0, "total": 2}
    assert grid["ARREST"]["2"] == 1 and grid["ARREST"]["total"] == 1
    assert grid["total"] == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0, "6": 0, "total": 3}
    assert grid["UNABLE_TO_LOCATE"]["total"] == 0  # the superseded v1 does not count
    assert m["resolved_without_police"] == {"count": 3, "share": 0.75}
    assert m["backup"] == {"count": 1, "rate": 0.25, "reasons": {"VIOLENCE": 1}}
    assert m["handed_to_police"] == {"count": 1, "rate": 0.25, "reasons": {"WEAPON": 1}}
    assert m["outcomes"] == {"HANDED_TO_POLICE": 1, "REFERRED": 1, "RESOLVED_ON_SCENE": 1,
                             "TRANSPORTED": 1}
    assert m["transports"] == {"count": 1, "by_mode": {"TEAM_VEHICLE": 1},
                               "by_destination": {"SHELTER": 1},
                               "by_facility": {"Example Shelter": 1}}
    assert m["referrals"] == {"by_type": {"SHELTER": 1}, "by_agency": {"Example Shelter": 1}}
    assert m["services"]["by_service"] == {"FOOD_WATER": {"ACCEPTED": 2},
                                           "MH_SUPPORT": {"DECLINED": 1},
                                           "SHELTER_BED": {"ACCEPTED": 1}}
    assert m["services"]["persons_accepting"] == 2  # p1 and p2 on report 1
    # Services per person: p1 accepted two and declined one, p2 accepted one.
    assert m["services"]["persons_with_services"] == 2
    assert m["services"]["persons_by_response"] == {"OFFERED": 0, "ACCEPTED": 2,
                                                    "DECLINED": 1}
    assert m["shelter"] == {"placements": 1, "by_result": {"PLACED": 1}}
    assert m["transfers_988"] == {"call_transferred": 0, "warm_transfer": 2}  # R-1 and old R-5
    assert m["follow_ups"] == {"needed": 1, "rate": 0.25}
    assert m["call_source"] == {"311": 1, "911": 1, "OTHER": 1}
    assert m["flags"]["UNHOUSED"] == {"count": 1, "rate": 0.25}
    assert m["flags"]["SUBSTANCE_USE"] == {"count": 1, "rate": 0.25}
    rm = m["response_minutes"]
    assert rm["received_to_dispatched"] == {"n": 5, "p50": 3.0, "p90": 5.0}  # 2,4,1,3,5
    assert rm["dispatched_to_en_route"] == {"n": 4, "p50": 1.0, "p90": 3.0}  # 3,2,1,1
    assert rm["en_route_to_on_scene"] == {"n": 4, "p50": 9.0, "p90": 14.0}  # 10,14,6,9
    assert rm["received_to_on_scene"] == {"n": 4, "p50": 13.0, "p90": 20.0}  # 15,20,8,13
    assert rm["time_on_scene"] == {"n": 4, "p50": 10.0, "p90": 30.0}  # 30,30,10,10
    assert m["response_histogram"] == {"0–5": 0, "5–10": 1, "10–15": 1, "15–20": 1, "20–30": 1,
                                       "30–45": 0, "45–60": 0, "60+": 0}  # 8, 13, 15, 20
    # Hours: A from ack 10:03→10:45 (42) + en route 10:06→10:50 (44); B 16 + 19 (c5: none).
    assert m["units"] == {"CSO-A": {"calls": 2, "hours": 1.43},
                          "CSO-B": {"calls": 3, "hours": 0.58}}
    assert m["hours_of_service"] == {"CSO-A": 1.43, "CSO-B": 0.58}
    dq = m["data_quality"]
    assert dq["reports_missing_disposition"] == 1
    assert dq["unfinished_after_clear"] == {"hours": 24, "count": 1}
    # coded: c1 source 911, dest SHELTER, referral SHELTER; c2 source OTHER, backup VIOLENCE,
    # hand-off WEAPON; c3 source 311 -> 1 "other" of 7.
    assert dq["other_codes"] == {"used": 1, "coded": 7, "share": 0.1429}
    assert not m["empty"] and m["notes"] == []


def test_units_and_call_types_narrow_the_figures(small):
    m = compute(small, units=["CSO-A"])
    assert m["totals"]["calls"] == 2 and m["totals"]["reports"] == 2
    assert set(m["units"]) == {"CSO-A"}
    assert compute(small, call_types=["647"])["totals"]["calls"] == 0


def test_an_empty_period_gives_zeros_and_says_so(small):
    m = compute(small, date_from="2025-01-01", date_to="2025-01-31")
    assert m["empty"] and "every figure is zero" in m["notes"][0]
    assert m["totals"]["reports"] == 0 and m["disposition_by_priority"]["total"]["total"] == 0
    assert m["response_minutes"]["received_to_on_scene"] == {"n": 0, "p50": None, "p90": None}


@pytest.mark.parametrize(("kw", "named"), [
    ({"date_from": "2026-02-30"}, "--from '2026-02-30' is not a date"),
    ({"date_to": "yesterday"}, "--to 'yesterday' is not a date"),
    ({"date_from": "2026-04-01", "date_to": "2026-03-01"}, "is before --from"),
    ({"units": ["CSO-A", "CSO-Z"]}, "unknown unit CSO-Z"),
    ({"call_types": ["NOPE"]}, "unknown call type NOPE"),
])
def test_bad_input_is_named(small, kw, named):
    with pytest.raises(Invalid, match=named):
        compute(small, **kw)


def test_the_pdf_reads_back_with_its_tables(small):
    m = compute(small)
    reader = PdfReader(io.BytesIO(to_pdf(m, small.reference)))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Period 2026-03-01 to 2026-03-31" in text
    assert "Disposition by priority" in text and "No report required" in text
    assert "Resolved without police 3 0.75" in text
    assert "CSO-A 2 1.43" in text and "CSO-B 3 0.58" in text
    assert "received to on scene 4 13.0 20.0" in text
    assert "Definitions" in text and "nearest rank" in text
    assert to_pdf(m, small.reference) == to_pdf(m, small.reference)  # reproducible


def test_the_cli_prints_every_format_and_exits_2_on_bad_input(small, capsys, tmp_path):
    url = str(small.engine.url.render_as_string(hide_password=False))
    base = ["metrics", "--database", url, "--from", "2026-03-01", "--to", "2026-03-31"]
    assert main([*base, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["calls"] == 5
    assert main([*base, "--format", "csv"]) == 0
    assert "totals,calls,,,5" in capsys.readouterr().out
    assert main([*base]) == 0
    assert "Disposition by priority" in capsys.readouterr().out
    assert main([*base, "--format", "pdf", "-o", str(tmp_path / "m.pdf")]) == 0
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert main([*base, "--unit", "NOBODY"]) == 2
    assert "unknown unit NOBODY" in capsys.readouterr().err
    assert main(["metrics", "--database", url, "--from", "01/03/2026", "--to", "2026-03-31"]) == 2
    assert "--from '01/03/2026' is not a date" in capsys.readouterr().err
    assert main(["export", "reports", "--database", url, "--from", "2026-03-01",
                 "--to", "2026-03-31"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + 4 and lines[0].startswith("report_id,")


def test_demo_data_command_fills_a_station_through_the_real_path(tmp_path, capsys):
    db = str(tmp_path / "demo.db")
    assert main(["demo-data", "--database", db, "--calls", "40", "--seed", "3",
                 "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "Generated 40 calls in 2025" in out and "Generated data only" in out
    assert main(["metrics", "--database", db, "--from", "2025-01-01", "--to", "2025-12-31",
                 "--format", "json"]) == 0
    m = json.loads(capsys.readouterr().out)
    assert 35 <= m["totals"]["calls"] <= 40 and m["totals"]["reports"] > 30
    assert sum(v["calls"] for v in m["units"].values()) == m["totals"]["calls"]
    assert main(["demo-data", "--database", db, "--calls", "0"]) == 2
    assert "--calls must be between 1" in capsys.readouterr().err


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_figures_follow_later_changes_to_a_call(backend, tmp_path):
    """The flat metrics rows are rewritten when a call changes after its report was counted."""
    clock = FixedClock(datetime(2026, 3, 1, tzinfo=UTC))
    with station_on(backend, tmp_path, clock) as station:
        c1 = build(station, clock)
        before = compute(station)
        station.dispatch.update(c1, CallUpdate(priority=1), "test")
        moved = compute(station)
        assert before["disposition_by_priority"]["NO_REPORT"]["3"] == 1
        assert moved["disposition_by_priority"]["NO_REPORT"]["3"] == 0
        assert moved["disposition_by_priority"]["NO_REPORT"]["1"] == 1
        station.dispatch.update(c1, CallUpdate(cancel=True), "test")
        m = compute(station)
        assert m["totals"] == {"calls": 4, "reports": 3, "calls_with_report": 3,
                               "calls_without_report": 1}
        assert m["units"]["CSO-A"]["calls"] == 1 and m["transports"]["count"] == 0
        assert m["response_minutes"]["received_to_dispatched"]["n"] == 4
        assert m["services"]["persons_accepting"] == 0
