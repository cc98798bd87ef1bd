"""People over time on the unit: provisional persons, suggestions, contacts, the Known-here
briefing, follow-ups, consents as data, merges from the station, retention."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from civilian_responder.clock import iso
from civilian_responder.errors import ValidationError
from civilian_responder.sync.incoming import store_changes


def outbox(app, kind):
    return [e for e in app.store.outbox.entries() if e.kind == kind]


def test_a_new_person_is_provisional_born_on_the_unit_and_queued_for_the_station(app):
    person = app.people.add_person("Marcus Bell", "35_44", "red cap, grey dog")
    assert person.provisional and person.origin == "unit" and len(person.id) == 36
    [entry] = outbox(app, "person")
    assert entry.entity_id == person.id
    assert json.loads(entry.payload)["display_name"] == "Marcus Bell"


def test_suggestions_match_word_prefixes_fold_accents_and_never_merge(app, clock):
    jose = app.people.add_person("José Álvarez", "25_34")
    app.people.add_person("Josefina Ruiz")
    app.people.add_person("Ana Alvarado")
    app.people.record_contact(person_id=jose.id, address="1 Main St")
    assert [p.display_name for p in app.people.suggest("jose")][0] == "José Álvarez"
    assert {p.display_name for p in app.people.suggest("jos")} == {"José Álvarez", "Josefina Ruiz"}
    assert [p.display_name for p in app.people.suggest("alv jo")] == ["José Álvarez"]
    assert app.people.suggest("") == [] and app.people.suggest("zz") == []
    # A second "José Álvarez" stays a second person: suggestions never merge.
    app.people.add_person("Jose Alvarez")
    assert len(app.people.suggest("jose alvarez")) == 2
    assert app.people.suggest("jose")[0].last_seen_at is not None  # last seen shows first


def test_known_here_shows_address_and_person_history_and_what_violence_rests_on(app, clock):
    open_call = app.calls.create_self_initiated("WELCK", "88 Quiet Test Lane")
    person = app.people.add_person("Dee Walker")
    app.people.record_contact(
        person_id=person.id,
        address=open_call.address.upper() + ".",
        outcome_code="RESOLVED_ON_SCENE",
        triggers="loud radios",
        what_helped="talking about her garden",
        at="2025-03-01T10:00:00.000Z",
    )
    app.people.record_contact(
        person_id=None,
        address=open_call.address,
        violence=True,
        safety_notes="threw a bottle at the door",
        at="2025-06-01T10:00:00.000Z",
    )
    app.people.record_contact(
        person_id=person.id, address="somewhere else 9", at="2024-01-01T10:00:00.000Z"
    )
    app.people.add_follow_up("bring the ID voucher", "2026-11-20", person_id=person.id)
    brief = app.people.known_here(open_call)
    assert [c.at[:7] for c in brief.contacts] == ["2025-06", "2025-03"]
    assert brief.total_at_address == 2
    brief = app.people.known_here(open_call, [person.id])
    assert [c.at[:4] for c in brief.contacts] == ["2025", "2025", "2024"]
    assert brief.violence_basis[0].safety_notes == "threw a bottle at the door"
    assert brief.what_helped == ("talking about her garden",)
    assert brief.triggers == ("loud radios",)
    assert [f.what for f in brief.follow_ups] == ["bring the ID voucher"]


def test_follow_ups_due_today_overdue_attempts_and_a_linked_visit(app, open_call):
    person = app.people.add_person("Sam Ortiz")
    today = "2026-11-21"
    late = app.people.add_follow_up(
        "check the wound", "2026-11-19", person_id=person.id, call_id=open_call.id, who="CSO Reyes"
    )
    now = app.people.add_follow_up("shelter bed", today, person_id=person.id)
    app.people.add_follow_up("later", "2026-12-24")
    mine = {late.id, now.id}
    due_today, overdue = app.people.due(today)
    assert [f.id for f in due_today if f.id in mine] == [now.id]
    assert [f.id for f in overdue if f.id in mine] == [late.id]
    with pytest.raises(ValidationError) as err:
        app.people.add_follow_up("", "tomorrow")
    assert set(err.value.field_errors) == {"what", "due_date"}
    visit = app.people.start_visit(late.id, app.calls.create_self_initiated)
    assert visit.address == open_call.address and visit.id != open_call.id
    assert app.people.visit_of(visit.id) == (open_call.id, late.id)
    f = app.people.record_attempt(late.id, "NOT_FOUND", "tent gone", visit.id)
    assert f.state == "open" and len(f.attempts) == 1
    f = app.people.record_attempt(late.id, "MET")
    assert f.state == "done" and [a.outcome_code for a in f.attempts] == ["NOT_FOUND", "MET"]
    assert len(outbox(app, "follow_up")) == 5  # every change goes to the station


def test_a_consent_missing_fields_blocks_finalizing_naming_them(app):
    from tests.pdf_samples import full_report  # noqa: PLC0415

    report = full_report(app, photos=0, finalize=False)
    app.people.record_consent(report.id, "SHARE", True, method="verbal", share_with="Housing")
    with pytest.raises(ValidationError) as err:
        app.reports.finalize(report.id)
    problem = err.value.field_errors["consent.SHARE"]
    assert "consent SHARE" in str(err.value) and "until when" in str(err.value)
    assert "for what" in problem and "until when" in problem and "witness" in problem
    app.people.record_consent(
        report.id,
        "SHARE",
        True,
        method="verbal",
        share_with="Housing",
        share_for="a housing application",
        until="2027-05-01",
        witness="CSO Lee",
    )
    assert app.reports.finalize(report.id).state == "finalized"
    [c] = app.people.consents(report.id)
    assert (c.kind, c.given, c.witness) == ("SHARE", True, "CSO Lee") and c.at
    assert {e.entity_id for e in outbox(app, "consent")} == {c.id}  # one record, changed


def test_consents_are_prefilled_from_checklist_answers(app, open_call):
    report = app.reports.start(open_call.id)
    made = app.people.prefill_consents(
        report.id,
        [
            ("unhoused-outreach", "hmis_consent", True),
            ("transport", "consent", False),
            ("transport", "stable", True),
        ],
    )
    assert [(c.kind, c.given, c.source) for c in made] == [
        ("HMIS", True, "checklist:unhoused-outreach/hmis_consent"),
        ("TRANSPORT", False, "checklist:transport/consent"),
    ]
    assert app.people.consent_problems(report.id) == {
        "consent.HMIS": "Consent to HMIS entry: say whether it was verbal or signed"
    }


def test_a_merge_from_the_station_points_contacts_at_the_survivor(app, tmp_path):
    a = app.people.add_person("Rob Tate")
    b = app.people.add_person("Robert Tate")
    app.people.record_contact(person_id=b.id, address="5 Elm St")
    with app.store.atomic("pull"):
        store_changes(
            app.store,
            tmp_path,
            [
                {
                    "seq": 1,
                    "kind": "person_merge",
                    "entity_id": b.id,
                    "payload": {"merged": b.id, "into": a.id},
                }
            ],
            ("DISPATCHED",),
            people=app.people.store_from_station,
        )
    assert app.people.current(b.id).id == a.id
    assert [p.id for p in app.people.suggest("tate")] == [a.id]
    assert app.store.people.contacts_with([a.id])[0].address == "5 Elm St"


def test_purge_removes_only_what_the_station_acknowledged_long_enough_ago(app, clock):
    kept = app.people.add_person("Not Yet Synced")
    gone = app.people.add_person("Synced Long Ago")
    recent = app.people.add_person("Synced Yesterday")
    contact = app.people.record_contact(person_id=gone.id, address="7 Oak St")
    old = iso(clock.now() - timedelta(days=40))
    marks = [
        (e.change_id, "acked", "", old)
        for e in app.store.outbox.entries()
        if e.entity_id in (gone.id, contact.id)
    ]
    marks += [
        (e.change_id, "acked", "", iso(clock.now() - timedelta(days=1)))
        for e in app.store.outbox.entries()
        if e.entity_id == recent.id
    ]
    with app.store.atomic("acks"):
        app.store.sync.mark_results(marks)
    assert app.people.purge() == 2
    assert app.store.people.person(kept.id) is not None  # never acknowledged: stays
    assert app.store.people.person(recent.id) is not None  # acknowledged 1 day ago: stays
    assert app.store.people.person(gone.id) is None
    assert app.store.people.contacts_with([gone.id]) == []
    [row] = [e for e in app.audit.entries() if e.action == "people.purge"]
    assert "persons=1" in row.detail and "contacts=1" in row.detail
    # A change re-queued (quarantined, pending) is never purged however old the ack.
    app.store.set_meta("people_retention_days", "0")
    assert app.people.purge() == 1  # the one acked yesterday; the unsynced one stays
    assert app.store.people.person(kept.id) is not None


def test_an_outreach_contact_records_each_person_met_with_services_and_shelter(app):
    known = app.people.add_person("Kim Reyes", "25_34")
    made = app.people.record_outreach(
        "Under the 11th St bridge",
        [known.id, ("Ivan", "45_54")],
        offered=["SHELTER_BED", "HYGIENE"],
        accepted=["HYGIENE"],
        shelter_placement_code="WAITLIST",
    )
    assert [c.kind for c in made] == ["outreach", "outreach"]
    assert made[0].person_id == known.id and made[1].person_id != known.id
    stored = app.store.people.contacts_at("under the 11th st bridge")
    assert {c.services_accepted for c in stored} == {("HYGIENE",)}
    assert {c.shelter_placement_code for c in stored} == {"WAITLIST"}
    assert app.people.suggest("ivan")[0].provisional
    payloads = [json.loads(e.payload) for e in outbox(app, "contact")]
    assert [p["services_offered"] for p in payloads] == [["SHELTER_BED", "HYGIENE"]] * 2
    with pytest.raises(ValidationError) as err:
        app.people.record_outreach("", [], offered=["NOPE"])
    assert set(err.value.field_errors) == {"place", "met", "services"}


def test_followups_cli_lists_the_units_follow_ups(tmp_path, clock, capsys, monkeypatch):
    from civilian_responder.app import open_app  # noqa: PLC0415
    from civilian_responder.cli import main  # noqa: PLC0415

    from tests.unit.test_pdf_render import CLI_PASSPHRASE, _enroll  # noqa: PLC0415

    profile = tmp_path / "cli-profile"
    app = open_app(profile, clock=clock)
    person = app.people.add_person("Sam Ortiz")
    app.people.add_follow_up("check the wound", "2020-11-19", person_id=person.id, who="Reyes")
    app.people.add_follow_up("later visit", "2099-12-24")
    app.close()
    _enroll(profile)
    monkeypatch.setenv("RESPONDER_PASSPHRASE", CLI_PASSPHRASE)
    assert main(["followups", "list", "--profile", str(profile), "--officer", "alice"]) == 0
    out = capsys.readouterr().out
    assert "OVERDUE" in out and "check the wound" in out and "Sam Ortiz" in out
    assert "2 open follow-up(s)" in out
    assert (
        main(
            [
                "followups",
                "list",
                "--due",
                "2026-11-30",
                "--profile",
                str(profile),
                "--officer",
                "alice",
            ]
        )
        == 0
    )
    assert "1 open follow-up(s)" in capsys.readouterr().out


def test_purge_keeps_a_person_that_unsynced_contacts_still_name(app, clock):
    person = app.people.add_person("Kept Because Named")
    old = iso(clock.now() - timedelta(days=40))
    with app.store.atomic("acks"):
        app.store.sync.mark_results(
            [(e.change_id, "acked", "", old) for e in app.store.outbox.entries()]
        )
    app.people.record_contact(person_id=person.id, address="3 Pine St")  # not yet synced
    assert app.people.purge() == 0
    assert app.store.people.person(person.id) is not None


def test_the_demo_profile_holds_repeat_people_prior_contacts_and_due_follow_ups(app, clock):
    today = clock.now().date().isoformat()
    due_today, overdue = app.people.due(today)
    assert due_today and overdue
    calls = [app.calls.get(c.id) for c in app.calls.board() if c.status != "CLEARED"]
    briefed = [app.people.known_here(c) for c in calls[:5]]
    assert all(not b.empty for b in briefed)
    assert any(b.violence_basis for b in briefed) and any(b.what_helped for b in briefed)
    assert len({c.person_id for b in briefed for c in b.contacts}) >= 3  # repeat people
    assert not [e for e in app.store.outbox.entries() if e.kind in ("person", "contact")]


def test_a_report_needing_follow_up_makes_a_follow_up_task_for_its_person(app):
    from tests.pdf_samples import full_report  # noqa: PLC0415

    report = full_report(app, photos=0)  # follow-up needed: "Check in with housing ..."
    [task] = [f for f in app.people.follow_ups() if f.call_id == report.call_id]
    assert task.what == report.follow_up_note
    assert app.people.person(task.person_id).display_name == "Ana López"
    assert task.due_date > app.clock.now().date().isoformat()


def test_the_station_retention_setting_wins_is_audited_once_and_bad_values_are_refused(app):
    app.store.set_meta("people_retention_days", "60")
    assert app.people.retention() == (60, "laptop")
    store = app.people.store_from_station
    with app.store.atomic("pull"):
        store("agency_setting", {"name": "retention_days", "value": "7", "by": "ops"})
    assert app.people.retention() == (7, "station") and app.people.retention_days() == 7
    with app.store.atomic("pull"):
        store("agency_setting", {"name": "retention_days", "value": "7"})  # unchanged
        store("agency_setting", {"name": "part2_roles", "value": "x"})  # not for units
    [row] = [e for e in app.audit.entries() if e.action == "people.retention"]
    assert row.detail == "60 (laptop) -> 7 days, set at the station by ops"
    for bad in ("-1", "soon", None, "99999"):
        with pytest.raises(ValueError):
            store("agency_setting", {"name": "retention_days", "value": bad})
    assert app.people.retention() == (7, "station")
