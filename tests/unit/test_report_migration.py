"""Migration 0401 on real v1 report rows: every field carried over, rule breakers listed, every
version still readable and printable."""

import json
from datetime import UTC, datetime

import sqlite_utils
from civilian_responder.app import open_app
from civilian_responder.clock import FixedClock
from civilian_responder.pdf.render import render
from civilian_responder.store.migrations import migrations
from pypdf import PdfReader

NOW = "2026-03-02T10:00:00.000Z"


def _v1_row(**fields):
    row = {
        "call_id": "call-1", "version": 1, "state": "finalized", "author": "cso",
        "created_at": NOW, "updated_at": NOW, "finalized_at": NOW,
        "persons": json.dumps([{"id": "p1", "role_code": "SUBJECT", "name": "Ana Ruiz",
                                "age": 40, "phone": "", "note": ""}]),
        "flags": json.dumps(["UNHOUSED", "PERCEIVED_DISABILITY"]),
        "disability_codes": json.dumps(["MOBILITY", "OTHER"]), "disability_other": "walker",
        "language_codes": "[]", "disposition_code": "NRR", "outcome_code": "RESOLVED_ON_SCENE",
        "transport_destination_code": None, "referrals": json.dumps(["SHELTER", "988"]),
        "services": json.dumps([{"code": "SHELTER_BED", "response": "ACCEPTED"},
                                {"code": "MH_SUPPORT", "response": "DECLINED"}]),
        "backup_requested": 1, "backup_reason_code": "ESCALATION", "transfer_988": 0,
        "follow_up_needed": 1, "follow_up_note": "visit Friday", "time_on_task_minutes": 35,
        "narrative": "Met her at the shelter door.", "correction_reason": "",
        "review_comment": "", "supersedes_id": None,
    }
    row.update(fields)
    return row


V1_REPORTS = [
    _v1_row(id="r1", report_number="R2026-CSO-12-00001", version=1, state="superseded"),
    _v1_row(id="r1b", report_number="R2026-CSO-12-00001", version=2, state="approved",
            supersedes_id="r1", correction_reason="age was wrong", outcome_code="TRANSPORTED",
            transport_destination_code="HOSPITAL"),
    _v1_row(id="r2", report_number="R2026-CSO-12-00002", outcome_code="TRANSFER_988",
            transfer_988=1),
    _v1_row(id="r3", report_number="R2026-CSO-12-00003", transfer_988=1),
    # Rule breakers: an unknown code, an outcome without the detail it needs, and a draft.
    _v1_row(id="r4", report_number="R2026-CSO-12-00004", disposition_code="XYZ"),
    _v1_row(id="r5", report_number="R2026-CSO-12-00005", outcome_code="TRANSPORTED",
            state="draft", finalized_at=None),
]


def _v1_profile(profile):
    profile.mkdir(parents=True)
    db = sqlite_utils.Database(profile / "responder.db")
    migrations.apply(db, stop_before="0401_report_outcomes")
    db["calls"].insert({"id": "call-1", "cad_number": "T26030200001", "unit_id": "CSO-12",
                        "type_code": "647", "priority": 4, "status": "CLEARED",
                        "address": "1200 Pacific Ave", "received_at": NOW, "updated_at": NOW})
    for row in V1_REPORTS:
        db["reports"].insert(row)
    db.close()


def test_every_v1_field_is_carried_over_and_rule_breakers_are_listed(tmp_path):
    profile = tmp_path / "profile"
    _v1_profile(profile)
    app = open_app(profile, clock=FixedClock(datetime(2026, 3, 2, 12, tzinfo=UTC)))
    try:
        got = {r.id: r for r in app.reports.all()}
        assert set(got) == {row["id"] for row in V1_REPORTS}  # nothing dropped
        for row in V1_REPORTS:
            r = got[row["id"]]
            for name in ("report_number", "version", "state", "author", "created_at",
                         "finalized_at", "disability_other", "disposition_code",
                         "transport_destination_code", "backup_reason_code",
                         "follow_up_note", "time_on_task_minutes", "narrative",
                         "correction_reason", "supersedes_id"):
                assert getattr(r, name) == row[name], (row["id"], name)
            for name in ("flags", "disability_codes", "language_codes", "referrals"):
                assert list(getattr(r, name)) == json.loads(row[name]), (row["id"], name)
            assert [(p.id, p.name, p.age) for p in r.persons] == [("p1", "Ana Ruiz", 40)]
            assert [(s.code, s.response, s.person_id) for s in r.services] == [
                ("SHELTER_BED", "ACCEPTED", None), ("MH_SUPPORT", "DECLINED", None)]
            assert (r.backup_requested, r.follow_up_needed) == (True, True)
        assert got["r1"].outcome_codes == ("RESOLVED_ON_SCENE",)
        assert got["r1b"].outcome_codes == ("TRANSPORTED",)
        # The three overlapping 988 fields become two with one meaning each.
        assert (got["r2"].outcome_codes, got["r2"].warm_transfer_988) == ((), True)
        assert not got["r2"].call_transferred_988  # the flag came with the warm transfer
        assert (got["r3"].call_transferred_988, got["r3"].warm_transfer_988) == (True, False)
        assert "988" in got["r3"].referrals  # a referral to 988 stays a referral

        notes = {n.report_id: n for n in app.store.reports.migration_notes()}
        assert set(notes) == {"r4", "r5"}
        assert "disposition_code 'XYZ'" in notes["r4"].problem
        assert "TRANSPORTED without transport_destination_code" in notes["r5"].problem
        assert json.loads(notes["r4"].original)["disposition_code"] == "XYZ"  # kept verbatim

        for row in V1_REPORTS:  # every version still prints
            text = " ".join(p.extract_text() for p in PdfReader(
                __import__("io").BytesIO(render(app.pdf.snapshot(row["id"])))).pages)
            assert row["report_number"] in text
        backups = list(profile.glob("responder.db.before-0401_report_outcomes*.bak"))
        assert backups, "the file is copied aside before migrating"
    finally:
        app.close()
