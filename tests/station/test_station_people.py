"""People at the station: push kinds, merges announced to every unit, a merge clashing with an
offline edit kept and listed, follow-ups by unit and due date, prior contacts sent with calls."""

from __future__ import annotations

import dataclasses
import json

import pytest
from civilian_responder.clock import new_id
from civilian_responder.models import Contact, FollowUp, KnownPerson
from civilian_responder.station.cli import main
from civilian_responder.station.service import open_station
from civilian_responder.station.storage.calls import CallSpec

from tests.station.people_support import change, device


@pytest.fixture()
def station(tmp_path):
    s = open_station(str(tmp_path / "station.db"))
    s.url = str(tmp_path / "station.db")
    yield s
    s.close()


def person(name, updated="2026-11-21T10:00:00.000Z"):
    return KnownPerson(new_id(), name, "35_44", "", None, True, None, "unit", updated, updated)


def pulled(station, dev, kind):
    return [c for c in station.pull(dev, 0, 1000)["changes"] if c["kind"] == kind]


def test_units_push_people_and_the_station_merges_them_for_every_unit(station):
    a, b = device(station, "CSO-1"), device(station, "CSO-2")
    rob, robert = person("Rob Tate"), person("Robert Tate")
    contact = Contact(
        new_id(), "2026-11-20T09:00:00.000Z", robert.id, address="5 Elm St", what_helped="coffee"
    )
    assert [r["status"] for r in station.pusher.push(a, [change("person", rob)])] == ["applied"]
    results = station.pusher.push(b, [change("person", robert), change("contact", contact)])
    assert [r["status"] for r in results] == ["applied", "applied"]
    done = station.people.merge(rob.id, robert.id, "supervisor")
    assert done["person"]["display_name"] == "Rob Tate"
    for dev in (a, b):  # a broadcast: both units get it at their next sync
        [merge] = pulled(station, dev, "person_merge")
        assert merge["payload"]["merged"] == robert.id and merge["payload"]["into"] == rob.id
    # A later contact the unit recorded offline for the merged-away id lands on the survivor.
    late = Contact(new_id(), "2026-11-21T09:00:00.000Z", robert.id, address="5 Elm St")
    assert station.pusher.push(b, [change("contact", late)])[0]["status"] == "applied"
    listed = {p["id"]: p for p in station.people.list_persons("tate")}
    assert listed[robert.id]["merged_into"] == rob.id
    assert listed[rob.id]["last_seen_at"] == late.at
    with pytest.raises(Exception, match="already merged"):
        station.people.merge(rob.id, robert.id)


def test_an_offline_edit_of_a_merged_person_is_kept_not_applied_and_listed(station, capsys):
    a = device(station, "CSO-1")
    keep, gone = person("Dee Walker"), person("Dee Walkr")
    station.pusher.push(a, [change("person", keep), change("person", gone)])
    station.people.merge(keep.id, gone.id)
    edited = dataclasses.replace(
        gone, description="now has a walker", updated_at="2026-11-21T11:00:00.000Z"
    )
    [result] = station.pusher.push(a, [change("person", edited)])
    assert result["status"] == "conflict" and "merged" in result["reason"]
    [conflict] = station.people.merge_conflicts()
    assert conflict["person_id"] == gone.id
    assert main(["persons", "conflicts", "--database", station.url]) == 0
    assert gone.id in capsys.readouterr().out
    still = {p["id"]: p for p in station.people.list_persons("dee")}
    assert still[gone.id]["merged_into"] == keep.id and still[gone.id]["description"] == ""


def test_persons_merge_command(station, capsys):
    a = device(station, "CSO-1")
    keep, gone = person("Ann Lee"), person("Anne Lee")
    station.pusher.push(a, [change("person", keep), change("person", gone)])
    assert main(["persons", "merge", keep.id, gone.id, "--database", station.url]) == 0
    assert "merged into" in capsys.readouterr().out
    assert main(["persons", "merge", keep.id, "nobody", "--database", station.url]) == 2


def test_followups_list_by_unit_and_due_date(station, capsys):
    a, b = device(station, "CSO-1"), device(station, "CSO-2")
    at = "2026-11-21T10:00:00.000Z"
    due = [
        FollowUp(new_id(), "bring ID voucher", "2026-11-22", at, at, unit_id="CSO-1"),
        FollowUp(new_id(), "check wound", "2026-11-25", at, at, unit_id="CSO-1"),
    ]
    other = FollowUp(new_id(), "shelter bed", "2026-11-20", at, at, unit_id="CSO-2")
    station.pusher.push(a, [change("follow_up", f) for f in due])
    station.pusher.push(b, [change("follow_up", other)])
    assert (
        main(
            [
                "followups",
                "list",
                "--unit",
                "CSO-1",
                "--due",
                "2026-11-23",
                "--database",
                station.url,
                "--json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["what"] for r in rows] == ["bring ID voucher"]
    assert [r["what"] for r in station.people.follow_ups()] == [
        "shelter bed",
        "bring ID voucher",
        "check wound",
    ]


def test_an_assigned_call_brings_prior_contacts_at_its_address_and_named_people(station):
    a, b = device(station, "CSO-1"), device(station, "CSO-2")
    marcus = person("Marcus Bell")
    at_address = Contact(
        new_id(),
        "2026-10-01T09:00:00.000Z",
        None,
        address="1200 Pacific Ave., Tacoma",
        violence=True,
        safety_notes="dog on site",
    )
    elsewhere = Contact(
        new_id(),
        "2026-09-01T09:00:00.000Z",
        marcus.id,
        address="9 Park Ave",
        what_helped="talk about his dog",
    )
    fu = FollowUp(
        new_id(),
        "bring the bus pass",
        "2026-11-30",
        "2026-10-01T09:00:00.000Z",
        "2026-10-01T09:00:00.000Z",
        person_id=marcus.id,
        unit_id="CSO-1",
    )
    station.pusher.push(
        a,
        [
            change("person", marcus),
            change("contact", at_address),
            change("contact", elsewhere),
            change("follow_up", fu),
        ],
    )
    call = station.dispatch.create(
        CallSpec("CSO-2", "WELCK", 3, "1200 PACIFIC AVE", caller_name="marcus bell"), "dispatch"
    )
    [brief] = pulled(station, b, "prior_contacts")
    p = brief["payload"]
    assert p["call_id"] == call["id"]
    assert {c["id"] for c in p["contacts"]} == {at_address.id, elsewhere.id}
    assert [x["display_name"] for x in p["persons"]] == ["Marcus Bell"]
    assert [f["what"] for f in p["follow_ups"]] == ["bring the bus pass"]
    # A call at a place no one knows sends nothing extra.
    station.dispatch.create(CallSpec("CSO-2", "WELCK", 3, "1 Nowhere Rd"), "dispatch")
    assert len(pulled(station, b, "prior_contacts")) == 1


def test_outreach_figures_count_new_and_repeat_connections(station, capsys):
    from civilian_responder.station.metrics.outreach import outreach_figures  # noqa: PLC0415

    a = device(station, "CSO-1")
    old, fresh, twice = person("Old Friend"), person("New Face"), person("Second Id")
    before = Contact(new_id(), "2026-09-10T10:00:00.000Z", old.id, address="Camp A")
    seen = [
        Contact(
            new_id(),
            "2026-11-02T10:00:00.000Z",
            old.id,
            address="Camp A",
            kind="outreach",
            services_offered=("SHELTER_BED",),
            services_accepted=("SHELTER_BED",),
            shelter_placement_code="PLACED",
        ),
        Contact(
            new_id(),
            "2026-11-03T10:00:00.000Z",
            fresh.id,
            address="Camp A",
            kind="outreach",
            services_offered=("HYGIENE",),
        ),
        Contact(new_id(), "2026-11-04T10:00:00.000Z", twice.id, address="Camp B", kind="outreach"),
    ]
    results = station.pusher.push(
        a,
        [change("person", p) for p in (old, fresh, twice)]
        + [change("contact", c) for c in (before, *seen)],
    )
    assert {r["status"] for r in results} == {"applied"}, results
    # "Second Id" turns out to be the old friend: merged, they count once, as a repeat.
    station.people.merge(old.id, twice.id)
    f = outreach_figures(station.engine, "2026-11-01", "2026-12-01")
    assert (f.contacts, f.people, f.new_connections, f.repeat_connections) == (3, 2, 1, 1)
    assert f.offered == {"SHELTER_BED": 1, "HYGIENE": 1} and f.shelter == {"PLACED": 1}
    assert (
        main(
            [
                "persons",
                "outreach",
                "--from",
                "2026-11-01",
                "--to",
                "2026-12-01",
                "--database",
                station.url,
            ]
        )
        == 0
    )
    assert "1 new connection(s), 1 repeat" in capsys.readouterr().out


def test_the_demo_station_holds_repeat_people_prior_contacts_and_due_follow_ups(station):
    import random  # noqa: PLC0415

    from civilian_responder.demo_data import REPEAT_PLACES  # noqa: PLC0415
    from civilian_responder.station.demo_dispatcher import DemoDispatcher  # noqa: PLC0415

    unit = device(station, "CSO-12")
    dispatcher = DemoDispatcher(station, "CSO-12", rng=random.Random(3))
    DemoDispatcher(station, "CSO-12")  # a restart seeds nothing twice
    assert len(station.people.list_persons()) == 6
    today = station.clock.now().date().isoformat()
    assert station.people.follow_ups("CSO-12", today)  # due today or overdue
    for _ in range(12):
        dispatcher.dispatch_call()
    briefs = pulled(station, unit, "prior_contacts")
    assert briefs and all(b["payload"]["address"] in REPEAT_PLACES for b in briefs)
    assert any(c["what_helped"] for b in briefs for c in b["payload"]["contacts"])
