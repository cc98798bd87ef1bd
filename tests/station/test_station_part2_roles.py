"""42 CFR Part 2 at the station: one decision (``part2_access.for_role``) for every output.
Per role, the console's report page, the report PDF, the review API, the admin conflicts page
and ``responder-station export reports`` — each parsed back — hold or lack every tagged value,
and say when something was withheld."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from civilian_responder.station import cli
from civilian_responder.station.part2_access import OPERATOR, WITHHELD_TEXT, for_role
from civilian_responder.station.storage.settings import AgencySettings
from pypdf import PdfReader

from tests.console_support import ROLES, Unit, csrf_of, make_station, signed_in

# Every tagged value the report and its checklist runs carry (part2.json): none may reach a
# role not allowed; every one reaches a role allowed.
NARRATIVE = "Gave naloxone-narrative-7731 and talked about detox"
FACILITY = "Hope Recovery Center 4412"
AGENCY = "Bridgeway Treatment 9081"
OVERDOSE_NOTE = "overdose-run-note-5530"
TAGGED_TEXT = (NARRATIVE, FACILITY, AGENCY, OVERDOSE_NOTE, "SUD_TREATMENT", "SUBSTANCE_USE",
               "NALOXONE", "TREATMENT")
KEPT = ("WEAPON_SEEN_CODE", "FOOD")  # untagged values stay for every role
SEE = {"clinical_supervisor"}
READERS = ("supervisor", "clinical_supervisor", "program_manager")


@pytest.fixture()
def station(tmp_path):
    s = make_station(tmp_path)
    s.url = str(tmp_path / "station.db")
    yield s
    s.close()


def _run_change(call_id: str, definition: str, steps: list[dict]) -> dict:
    run_id = str(uuid.uuid4())
    payload = {"id": run_id, "call_id": call_id, "definition_id": definition,
               "definition_version": 1, "state": "completed",
               "started_at": "2026-11-21T12:00:00.000Z", "updated_at": "2026-11-21T12:10:00.000Z",
               "finished_at": "2026-11-21T12:10:00.000Z", "score": 4, "level": "high",
               "outcome": "overdose-outcome", "steps": steps, "escalations": []}
    return {"change_id": str(uuid.uuid4()), "kind": "checklist_run", "entity_id": run_id,
            "call_id": call_id, "created_at": payload["updated_at"], "payload": payload}


def _tagged_report(station) -> tuple[Unit, str]:
    client = signed_in(station, "supervisor")
    unit = Unit(station, client)
    report = unit.report(
        narrative=NARRATIVE,
        flags=["SUBSTANCE_USE", "WEAPON_SEEN_CODE"],
        referrals=["SUD_TREATMENT"],
        referral_agency=AGENCY,
        services=[{"code": "NALOXONE", "response": "ACCEPTED"},
                  {"code": "FOOD", "response": "ACCEPTED"}],
        transport_destination_code="TREATMENT",
        transport_facility=FACILITY,
    )
    call_id = station.review.show(report)["report"]["call_id"]
    unit.push(
        _run_change(call_id, "substance-overdose",
                    [{"item_id": "naloxone_given", "value": True, "note": OVERDOSE_NOTE}]),
        _run_change(call_id, "unhoused-outreach",
                    [{"item_id": "needs", "value": ["SUD_SUPPORT", "FOOD"], "note": ""},
                     {"item_id": "shelter", "value": "yes", "note": "kept-answer-2231"}]),
    )
    return unit, report


def _check(text: str, role: str, allowed: set[str] = SEE) -> None:
    compact = " ".join(text.split())
    for value in KEPT + ("kept-answer-2231",):
        assert value in compact, (role, value)
    if role in allowed:
        for value in TAGGED_TEXT:
            assert value in compact, (role, value)
        assert "42 CFR Part 2" not in compact, role
    else:
        for value in TAGGED_TEXT:
            assert value not in compact, (role, value)
        assert "Withheld under 42 CFR Part 2" in compact, role
        for said in ("a flag", "a referral", "a service", "the narrative",
                     "the named transport facility", "the substance-overdose checklist",
                     "an answer (unhoused-outreach/needs)"):
            assert said in compact, (role, said)


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_the_report_page_and_its_pdf_hold_part2_values_only_for_an_allowed_role(station):
    _unit, report = _tagged_report(station)
    for role in READERS:
        client = signed_in(station, role)
        page = client.get(f"/console/review/{report}")
        assert page.status_code == 200, (role, page.text[:300])
        _check(page.text, role)
        pdf = client.get(f"/console/reports/{report}/pdf")
        assert pdf.status_code == 200
        _check(_pdf_text(pdf.content), role)


def test_the_part2_roles_setting_decides_who_sees_it(station):
    _unit, report = _tagged_report(station)
    station.settings.set("part2_roles", "supervisor", "admin1")
    for role in ("supervisor", "clinical_supervisor"):
        page = signed_in(station, role).get(f"/console/review/{report}").text
        _check(page, role, {"supervisor"})
    station.settings.set("part2_roles", "", "admin1")  # nobody
    _check(signed_in(station, "clinical_supervisor").get(f"/console/review/{report}").text,
           "clinical_supervisor", set())
    with pytest.raises(Exception, match="unknown: nurse"):
        station.settings.set("part2_roles", "nurse", "admin1")


def test_versions_side_by_side_withhold_too(station):
    unit, report = _tagged_report(station)
    call_id = station.review.show(report)["report"]["call_id"]
    # A second version of the same report number: the versions table shows both.
    from tests.station.conftest import report_change

    again = report_change(call_id, narrative=NARRATIVE + " v2", version=2, supersedes_id=report)
    again["payload"].update(flags=["SUBSTANCE_USE"], transport_facility=FACILITY,
                            transport_destination_code="TREATMENT")
    unit.push(again)
    html = signed_in(station, "supervisor").get(f"/console/review/{again['entity_id']}").text
    assert "Versions side by side" in html and "#2" in html
    for value in (NARRATIVE, FACILITY, "SUBSTANCE_USE"):
        assert value not in html
    html = signed_in(station, "clinical_supervisor").get(
        f"/console/review/{again['entity_id']}").text
    assert NARRATIVE + " v2" in html and FACILITY in html


def test_the_review_api_withholds_by_the_token_role(station):
    _unit, report = _tagged_report(station)
    client = signed_in(station, "supervisor")
    _admin, token = station.devices.create_admin_token("supervisor", "api test")
    headers = {"Authorization": f"Bearer {token}"}
    shown = client.get(f"/api/v1/reports/{report}", headers=headers).json()
    text = str(shown)
    for value in TAGGED_TEXT:
        assert value not in text, value
    assert "the narrative" in shown["part2_withheld"]
    records = client.get("/api/v1/records", params={"kind": "checklist_run"},
                         headers=headers).json()["records"]
    assert OVERDOSE_NOTE not in str(records)
    assert any(r["part2_withheld"] == ["the substance-overdose checklist"] for r in records)
    station.settings.set("part2_roles", "supervisor", "admin1")
    shown = client.get(f"/api/v1/reports/{report}", headers=headers).json()
    assert shown["payload"]["narrative"] == NARRATIVE and shown["part2_withheld"] == []


def test_export_reports_leaves_tagged_values_out_unless_asked(station, tmp_path, capsys):
    _tagged_report(station)
    out = tmp_path / "reports.csv"
    args = ["export", "reports", "--database", station.url, "--from", "2000-01-01",
            "--to", "2100-01-01", "-o", str(out)]
    assert cli.main(args) == 0
    assert "42 CFR Part 2 data withheld" in capsys.readouterr().err
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert "SUBSTANCE_USE" not in row["flags"] and "WEAPON_SEEN_CODE" in row["flags"]
    assert row["referrals"] == "" and row["referral_agency"] == ""
    assert row["transport_destination_code"] == "" and row["transport_facility"] == ""
    assert "NALOXONE" not in row["services"] and "FOOD" in row["services"]
    assert "a flag" in row["part2_withheld"] and "a service" in row["part2_withheld"]
    assert cli.main([*args, "--include-part2"]) == 0
    assert "included (--include-part2)" in capsys.readouterr().err
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert "SUBSTANCE_USE" in row["flags"] and row["transport_facility"] == FACILITY
    assert row["referral_agency"] == AGENCY and "NALOXONE" in row["services"]
    assert row["part2_withheld"] == ""


def test_report_pdf_command_withholds_unless_asked(station, tmp_path, capsys):
    _unit, report = _tagged_report(station)
    target = tmp_path / "r.pdf"
    base = ["report-pdf", report, "--database", station.url, "-o", str(target)]
    assert cli.main(base) == 0
    assert "withheld" in capsys.readouterr().err
    _check(_pdf_text(target.read_bytes()), "supervisor")
    assert cli.main([*base, "--include-part2"]) == 0
    _check(_pdf_text(target.read_bytes()), "clinical_supervisor")


def test_for_role_is_the_one_decision():
    record = {"flags": ["SUBSTANCE_USE", "X"], "narrative": "n", "services": [{"code": "FOOD"}]}
    seen = for_role("supervisor", record, allowed={"clinical_supervisor"})
    assert seen.record == {"flags": ["X"], "narrative": WITHHELD_TEXT,
                           "services": [{"code": "FOOD"}]}
    assert seen.withheld == ("a flag", "the narrative") and "a flag" in seen.notice
    for role in ("clinical_supervisor", OPERATOR):
        assert for_role(role, record, allowed={"clinical_supervisor"}).record == record
    assert for_role(None, record, allowed=set()).withheld  # no role: withheld
    clean = {"flags": ["X"], "narrative": "n"}
    assert for_role("admin", clean, allowed=set()).record == clean  # nothing tagged: no notice


def test_every_role_is_listed_for_tests():
    assert "clinical_supervisor" in ROLES
    assert AgencySettings  # imported for the settings tests


def test_admin_conflicts_page_withholds_both_versions(station):
    unit, report = _tagged_report(station)
    call_id = station.review.show(report)["report"]["call_id"]
    from tests.station.conftest import report_change

    clash = report_change(call_id, report_id=report, narrative=NARRATIVE + " other")
    clash["payload"].update(flags=["SUBSTANCE_USE"], transport_facility=FACILITY,
                            transport_destination_code="TREATMENT")
    [result] = unit.push(clash)
    assert result["status"] == "conflict", result
    html = signed_in(station, "admin").get("/console/admin/conflicts").text
    assert report in html and "Withheld under 42 CFR Part 2" in html
    for value in (NARRATIVE, FACILITY, "SUBSTANCE_USE"):
        assert value not in html, value
    station.settings.set("part2_roles", "admin", "admin1")
    html = signed_in(station, "admin").get("/console/admin/conflicts").text
    assert NARRATIVE + " other" in html and FACILITY in html
    _admin, token = station.devices.create_admin_token("supervisor", "api test")
    found = signed_in(station, "supervisor").get(
        "/api/v1/conflicts", headers={"Authorization": f"Bearer {token}"}).json()["conflicts"]
    [mine] = [c for c in found if c["entity_id"] == report]
    assert NARRATIVE not in str(mine) and "the narrative" in mine["part2_withheld"]


def test_admin_sets_agency_settings_in_the_console(station):
    admin = signed_in(station, "admin")
    page = admin.get("/console/admin/settings").text
    assert "retention_days" in page and "part2_roles" in page
    token = csrf_of(page)
    done = admin.post("/console/admin/settings", follow_redirects=False,
                      data={"csrf": token, "name": "retention_days", "value": "14"})
    assert done.status_code == 303
    assert station.settings.get("retention_days") == "14"
    dev_code, _ = station.devices.make_code("CSO-9")
    dev = station.devices.get(station.devices.enroll(dev_code, "x").device_id)
    [sent] = [c for c in station.pull(dev, 0, 500)["changes"] if c["kind"] == "agency_setting"]
    assert sent["payload"]["value"] == "14" and sent["payload"]["by"] == "admin1"
    bad = admin.post("/console/admin/settings", follow_redirects=False,
                     data={"csrf": token, "name": "retention_days", "value": "soon"})
    assert bad.status_code == 422 and "whole number of days" in bad.text
    assert admin.post("/console/admin/settings", follow_redirects=False,
                      data={"name": "retention_days", "value": "1"}).status_code == 403
    audit = station.staff.audit_trail("admin1")
    assert any(r["action"] == "setting.set" and r["detail"] == "30 -> 14" for r in audit)
    assert signed_in(station, "supervisor").get(
        "/console/admin/settings", follow_redirects=False).status_code == 403
