"""Console pages do their work through the station services: review, dispatch, figures, admin;
and stored markup is shown as text."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from civilian_responder.station import cli
from civilian_responder.station.metrics import render

from tests.console_support import Unit, make_station, post_form, signed_in
from tests.station.conftest import report_change
from tests.station_fixture import postgres_url

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def station(request, tmp_path):
    if request.param == "sqlite":
        station = make_station(tmp_path)
        yield station
        station.close()
        return
    with postgres_url() as url:
        station = make_station(tmp_path, url)
        yield station
        station.close()


def _alert(html: str) -> list[str]:
    return re.findall(r'role="alert">([^<]*)<', html)


def test_markup_in_narratives_person_names_and_addresses_is_shown_as_text(station):
    supervisor = signed_in(station, "supervisor")
    dispatcher = signed_in(station, "dispatcher")
    unit = Unit(station, supervisor)
    report = unit.report(
        narrative=SCRIPT,
        persons=[
            {
                "id": "p1",
                "role_code": "SUBJECT",
                "name": SCRIPT,
                "age": 30,
                "phone": "",
                "note": SCRIPT,
            }
        ],
    )
    unit.call(address=SCRIPT, narrative=SCRIPT)
    pages = [
        supervisor.get(f"/console/review/{report}").text,
        dispatcher.get("/console/board").text,
        dispatcher.get("/console/board/live").text,
    ]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert pages[0].count("&lt;script&gt;") >= 3  # narrative, person name, person note
    answer = dispatcher.get("/console/board")
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert "unsafe-inline" not in answer.headers["content-security-policy"]


def test_queue_filters_by_unit_call_type_age_and_flag(station):
    supervisor = signed_in(station, "supervisor")
    a, b = Unit(station, supervisor), Unit(station, supervisor)
    flagged = (
        a.report(flags=["WEAPON"])
        if "WEAPON" in station.reference.flags
        else a.report(flags=[station.reference.flags.codes()[0]])
    )
    plain = b.report()
    flag = (
        station.reference.flags.codes()[0] if "WEAPON" not in station.reference.flags else "WEAPON"
    )
    page = supervisor.get("/console/review").text
    assert flagged in page and plain in page
    by_unit = supervisor.get("/console/review", params={"unit": b.unit_id}).text
    assert plain in by_unit and flagged not in by_unit
    by_flag = supervisor.get("/console/review", params={"flag": flag}).text
    assert flagged in by_flag and plain not in by_flag
    by_type = supervisor.get("/console/review", params={"call_type": "5150"}).text
    assert flagged not in by_type and plain not in by_type
    old = supervisor.get("/console/review", params={"age": "24"}).text
    assert flagged not in old  # just submitted


def test_return_with_comment_gives_the_unit_a_revise_task_and_shows_versions(station):
    supervisor = signed_in(station, "supervisor")
    unit = Unit(station, supervisor)
    report = unit.report(narrative="first words")
    page = f"/console/review/{report}"
    answer = post_form(supervisor, page, f"{page}/decide", {"decision": "return", "comment": ""})
    assert answer.status_code == 422 and "needs a comment" in _alert(answer.text)[0]
    answer = post_form(
        supervisor, page, f"{page}/decide", {"decision": "return", "comment": "Add the referral"}
    )
    assert answer.headers["location"] == "/console/review?done=returned"
    reviews = [c for c in unit.pull() if c["kind"] == "review"]
    assert reviews[-1]["payload"]["decision"] == "returned"
    assert reviews[-1]["payload"]["comment"] == "Add the referral"
    assert reviews[-1]["payload"]["reviewer"] == "supervisor1"
    # The unit revises: version 2 supersedes version 1; the page shows both side by side.
    call_id = station.review.show(report)["report"]["call_id"]
    v2 = report_change(call_id, narrative="better words", version=2, supersedes_id=report)
    unit.push(v2)
    html = supervisor.get(f"/console/review/{v2['entity_id']}").text
    assert "v1 (superseded)" in html and "v2 (submitted)" in html
    assert re.search(r'class="changed">better words', html)
    answer = post_form(
        supervisor,
        f"/console/review/{v2['entity_id']}",
        f"/console/review/{v2['entity_id']}/decide",
        {"decision": "approve"},
    )
    assert answer.status_code == 303
    assert station.review.show(v2["entity_id"])["report"]["state"] == "approved"
    trail = [r["action"] for r in station.staff.audit_trail("supervisor1")]
    assert "report.returned" in trail and "report.approved" in trail


def test_a_call_added_on_the_board_reaches_the_unit_and_changes_follow(station):
    dispatcher = signed_in(station, "dispatcher")
    unit = Unit(station, dispatcher)
    answer = post_form(
        dispatcher,
        "/console/board",
        "/console/board/calls",
        {
            "unit_id": unit.unit_id,
            "type_code": "WELCK",
            "priority": "2",
            "address": "400 E 72nd St",
            "narrative": "Caller worried",
        },
    )
    assert answer.headers["location"] == "/console/board?done=created"
    calls = [c["payload"] for c in unit.pull() if c["kind"] == "call"]
    assert calls[-1]["address"] == "400 E 72nd St" and calls[-1]["priority"] == 2
    call_id = calls[-1]["id"]
    page = f"/console/board/call/{call_id}"
    for data in ({"action": "priority", "priority": "1"}, {"action": "note", "text": "Dog"}):
        assert post_form(dispatcher, page, page, data).status_code == 303
    other = Unit(station, dispatcher)
    assert (
        post_form(
            dispatcher, page, page, {"action": "reassign", "unit_id": other.unit_id}
        ).status_code
        == 303
    )
    got = [c["payload"] for c in other.pull() if c["kind"] == "call"][-1]
    assert (got["id"], got["priority"]) == (call_id, 1)
    assert post_form(dispatcher, page, page, {"action": "cancel", "text": "dup"}).status_code == 303
    assert station.dispatch.get(call_id)["call"]["cancelled"] is True
    bad = post_form(dispatcher, page, page, {"action": "note", "text": ""})
    assert bad.status_code == 422 and _alert(bad.text)


def test_board_lists_units_with_status_and_crew_and_answers_304_when_unchanged(station):
    dispatcher = signed_in(station, "dispatcher")
    unit = Unit(station, dispatcher)
    call = unit.call(priority=1)
    from tests.station.conftest import status_change

    unit.push(status_change(call["id"], "ACKNOWLEDGED"))
    live = dispatcher.get("/console/board/live")
    row = re.search(rf'<tr data-unit="{unit.unit_id}">(.*?)</tr>', live.text, re.S).group(1)
    assert "Acknowledged" in row and "cso" in row  # status and the crew member's name
    assert (
        dispatcher.get(
            "/console/board/live", headers={"If-None-Match": live.headers["etag"]}
        ).status_code
        == 304
    )
    unit.push(status_change(call["id"], "EN_ROUTE"))
    changed = dispatcher.get("/console/board/live", headers={"If-None-Match": live.headers["etag"]})
    assert changed.status_code == 200 and "En route" in changed.text


def _shift_change(
    unit_id: str, shift_id: str, ended: bool = False, vehicle: str = "Van 12"
) -> dict:
    """A shift as the unit's app pushes it (``asdict`` of its Shift, as responder/shifts does)."""
    from dataclasses import asdict

    from civilian_responder.models import CrewMember, Shift

    shift = Shift(
        id=shift_id,
        unit_id=unit_id,
        vehicle=vehicle,
        start_mileage=40211,
        started_at="2026-11-21T07:00:00.000Z",
        crew=(
            CrewMember("p-1", "Ana Rivera", "CLINICIAN"),
            CrewMember("p-2", "<b>Bo</b> Chen", "EMT", on_roster=False),
        ),
        ended_at="2026-11-21T19:00:00.000Z" if ended else None,
        end_mileage=40290 if ended else None,
    )
    return {
        "change_id": str(uuid.uuid4()),
        "kind": "shift",
        "entity_id": shift_id,
        "call_id": None,
        "created_at": "2026-11-21T07:00:00.000Z",
        "payload": asdict(shift),
    }


def test_board_crew_is_the_units_open_shift_crew_with_role_labels_and_vehicle(station):
    from tests.station.conftest import status_change

    dispatcher = signed_in(station, "dispatcher")
    unit = Unit(station, dispatcher)
    call = unit.call(priority=2)
    unit.push(status_change(call["id"], "ACKNOWLEDGED"))

    def row() -> str:
        live = dispatcher.get("/console/board/live").text
        return re.search(rf'<tr data-unit="{unit.unit_id}">(.*?)</tr>', live, re.S).group(1)

    assert "cso" in row() and "Van 12" not in row()  # no shift yet: officer names on events
    shift_id = str(uuid.uuid4())
    assert unit.push(_shift_change(unit.unit_id, shift_id))[0]["status"] == "applied"
    cells = re.findall(r"<td>(.*?)</td>", row(), re.S)
    roles = station.reference.crew_roles
    assert cells[2] == (
        f"Ana Rivera ({roles.get('CLINICIAN').label}), "
        f"&lt;b&gt;Bo&lt;/b&gt; Chen ({roles.get('EMT').label})"
    )
    assert cells[3] == "Van 12"
    # The unit ends the shift (the same record pushed again): back to the event fallback.
    assert unit.push(_shift_change(unit.unit_id, shift_id, ended=True))[0]["status"] == "applied"
    cells = re.findall(r"<td>(.*?)</td>", row(), re.S)
    assert cells[2] == "cso" and cells[3] == "—"
    # The end of an earlier shift arriving after the next shift's start (a late correction, a
    # second device) does not hide the open shift.
    results = unit.push(
        _shift_change(unit.unit_id, str(uuid.uuid4()), vehicle="Van 14"),
        _shift_change(unit.unit_id, str(uuid.uuid4()), ended=True, vehicle="Van 13"),
    )
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert re.findall(r"<td>(.*?)</td>", row(), re.S)[3] == "Van 14"


def test_an_eido_file_that_does_not_parse_gets_the_command_lines_message(station, tmp_path, capsys):
    dispatcher = signed_in(station, "dispatcher")
    unit = Unit(station, dispatcher)
    for body in (b"{not json", json.dumps({"incidentComponent": {}}).encode()):
        path = tmp_path / "bad.json"
        path.write_bytes(body)
        db = station.engine.url.render_as_string(hide_password=False)
        assert cli.main(["import-eido", str(path), "--unit", unit.unit_id, "--database", db]) == 2
        cli_message = capsys.readouterr().err.strip().removeprefix("responder-station: ")
        answer = post_form(
            dispatcher,
            "/console/board",
            "/console/board/eido",
            {"unit": unit.unit_id},
            files={"file": ("bad.json", body)},
        )
        assert answer.status_code == 422
        assert _alert(answer.text) == [cli_message.replace('"', "&#34;").replace("'", "&#39;")]
    good = json.dumps(
        {
            "incidentTrackingIdentifier": f"urn:emergency:uid:incidentid:{uuid.uuid4()}",
            "incidentComponent": {"incidentTypeCommonRegistryText": "Welfare"},
        }
    )
    answer = post_form(
        dispatcher,
        "/console/board",
        "/console/board/eido",
        {"unit": unit.unit_id},
        files={"file": ("ok.json", good.encode())},
    )
    assert answer.headers["location"] == "/console/board?done=imported"


def test_figures_downloads_match_the_metrics_json(station):
    manager = signed_in(station, "program_manager")
    unit = Unit(station, manager)
    missing = unit.report(disposition_code=None)
    unit.report()
    year = station.clock.now().year
    params = {"from": f"{year}-01-01", "to": f"{year}-12-31"}
    page = manager.get("/console/figures", params=params)
    assert page.status_code == 200 and page.text.count("<svg") == 4
    assert f'href="/console/review/{missing}"' in page.text  # the data-quality list links it
    as_json = manager.get("/console/figures/metrics.json", params=params).json()
    _admin, token = station.devices.create_admin_token("supervisor")
    api = manager.get(
        "/api/v1/metrics", params=params, headers={"Authorization": f"Bearer {token}"}
    ).json()
    for found in (as_json, api):
        found["period"].pop("as_of", None)
    assert as_json == api
    csv_text = manager.get("/console/figures/metrics.csv", params=params).text
    assert csv_text == render.to_csv(api)
    assert as_json["data_quality"]["reports_missing_disposition"] == 1
    pdf = manager.get("/console/figures/metrics.pdf", params=params)
    assert pdf.content.startswith(b"%PDF")
    assert manager.get(f"/console/review/{missing}").status_code == 200


def test_enrollment_code_from_the_console_enrolls_a_unit_once(station):
    admin = signed_in(station, "admin")
    answer = post_form(admin, "/console/admin", "/console/admin/enroll", {"unit_id": "CSO-31"})
    code = re.search(r'id="enroll-code">([A-Z0-9-]+)<', answer.text).group(1)
    assert "<svg" in answer.text and code in answer.text
    enroll = admin.post("/api/v1/enroll", json={"code": code, "device_name": "tablet"})
    assert enroll.status_code == 200, enroll.text
    assert enroll.json()["unit_id"] == "CSO-31"
    assert (
        admin.post("/api/v1/enroll", json={"code": code, "device_name": "again"}).status_code == 401
    )
    devices_page = admin.get("/console/admin").text
    assert "CSO-31" in devices_page
    device = [d for d in station.devices.all() if d.unit_id == "CSO-31"][0]
    assert (
        post_form(
            admin, "/console/admin", f"/console/admin/devices/{device.id}/revoke", {}
        ).status_code
        == 303
    )
    pull = admin.get(
        "/api/v1/sync/pull", headers={"Authorization": f"Bearer {enroll.json()['token']}"}
    )
    assert pull.status_code == 401


def test_admin_staff_checklists_conflicts_and_audit(station):
    admin = signed_in(station, "admin")
    answer = post_form(
        admin,
        "/console/admin/staff",
        "/console/admin/staff",
        {
            "action": "add",
            "name": "new.dispatcher",
            "role": "dispatcher",
            "password": "long enough pw",
        },
    )
    assert answer.status_code == 303
    assert station.staff.get("new.dispatcher").role == "dispatcher"
    bad = post_form(
        admin,
        "/console/admin/staff",
        "/console/admin/staff",
        {"action": "add", "name": "<b>x</b>", "role": "admin", "password": "long enough pw"},
    )
    assert bad.status_code == 422
    definition = {
        "id": "agency-check",
        "version": 1,
        "title": "Agency <b>check</b>",
        "items": [{"id": "a", "type": "yes_no", "text": "Safe?"}],
    }
    answer = post_form(
        admin,
        "/console/admin/checklists",
        "/console/admin/checklists",
        {},
        files={"file": ("c.json", json.dumps(definition).encode())},
    )
    assert answer.status_code == 303
    listed = admin.get("/console/admin/checklists").text
    assert "Agency &lt;b&gt;check&lt;/b&gt;" in listed
    unit = Unit(station, admin)
    report = unit.report(narrative="kept version")
    change = report_change(
        station.review.show(report)["report"]["call_id"],
        report_id=report,
        narrative="other content, same id",
    )
    change["change_id"] = station.review.show(report)["submissions"][0]["change_id"]
    unit.push(change)
    conflicts = admin.get("/console/admin/conflicts").text
    assert "other content, same id" in conflicts and "kept version" in conflicts
    found = admin.get("/console/admin/audit", params={"q": "new.dispatcher"}).text
    assert "staff.add" in found and "checklist.publish" not in found
