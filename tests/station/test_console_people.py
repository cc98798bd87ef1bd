"""The console's people page: search, a person's contacts, possible duplicates (never merged by
themselves), a supervisor's merge after a confirmation page (CSRF, audited, announced to units),
and a merge that clashed with an offline edit: both kept and shown."""

from __future__ import annotations

import dataclasses

import pytest
from civilian_responder.clock import new_id
from civilian_responder.models import Contact, KnownPerson

from tests.console_support import csrf_of, make_station, post_form, signed_in
from tests.station.people_support import change, device


@pytest.fixture()
def station(tmp_path):
    s = make_station(tmp_path)
    yield s
    s.close()


def person(name, age="35_44", updated="2026-11-21T10:00:00.000Z"):
    return KnownPerson(new_id(), name, age, "", None, True, None, "unit", updated, updated)


def seed(station):
    a, b = device(station, "CSO-1"), device(station, "CSO-2")
    dee, dee2, other = person("Dee Walker"), person("dee  WALKER"), person("Dee Walker", "65_up")
    contact = Contact(new_id(), "2026-11-20T09:00:00.000Z", dee2.id, address="5 Elm St",
                      what_helped="coffee-helped-771")
    station.pusher.push(a, [change("person", dee), change("person", other)])
    station.pusher.push(b, [change("person", dee2), change("contact", contact)])
    return a, b, dee, dee2, other


def test_search_duplicates_and_a_person_with_contacts(station):
    _a, _b, dee, dee2, other = seed(station)
    client = signed_in(station, "supervisor")
    page = client.get("/console/people", params={"q": "walker"}).text
    for p in (dee, dee2, other):
        assert p.id in page
    pairs = page[page.index('id="pairs"'):page.index('id="merge-form"')]
    assert dee.id in pairs and dee2.id in pairs
    assert other.id not in pairs  # a different age range is not suggested
    assert "35-44 (35_44)" in pairs  # age ranges read as labels, not bare codes
    assert station.people.list_persons("walker")[0]["merged_into"] is None  # nothing merged
    shown = client.get(f"/console/people/{dee2.id}").text
    assert "coffee-helped-771" in shown and "5 Elm St" in shown
    assert client.get("/console/people/no-such-person").status_code == 404


def test_a_supervisor_merges_after_confirming_and_units_get_it(station):
    a, b, dee, dee2, _other = seed(station)
    client = signed_in(station, "supervisor")
    ask = post_form(client, "/console/people", "/console/people/merge",
                    {"keep": dee.id, "gone": dee2.id})
    assert ask.status_code == 200 and "Merge people?" in ask.text
    assert station.people.list_persons("walker")[0]["merged_into"] is None  # not yet
    done = client.post("/console/people/merge", follow_redirects=False, data={
        "csrf": csrf_of(ask.text), "keep": dee.id, "gone": dee2.id, "confirm": "yes"})
    assert done.status_code == 303 and done.headers["location"].startswith(
        f"/console/people/{dee.id}")
    merged = {p["id"]: p for p in station.people.list_persons("walker")}
    assert merged[dee2.id]["merged_into"] == dee.id
    page = client.get(done.headers["location"]).text
    assert "coffee-helped-771" in page and dee2.id in page  # contacts followed the survivor
    audit = station.staff.audit_trail("supervisor1")
    assert any(r["action"] == "person.merge" and r["target"] == dee2.id for r in audit)
    for dev in (a, b):
        kinds = [c for c in station.pull(dev, 0, 500)["changes"] if c["kind"] == "person_merge"]
        assert [c["payload"]["into"] for c in kinds] == [dee.id]
    # A unit's offline edit of the merged-away person: kept, not applied, shown.
    edited = dataclasses.replace(dee2, description="edited-offline-443",
                                 updated_at="2026-11-21T11:00:00.000Z")
    [result] = station.pusher.push(b, [change("person", edited)])
    assert result["status"] == "conflict"
    page = client.get("/console/people").text
    conflicts = page[page.index('id="merge-conflicts"'):]
    assert dee2.id in conflicts and "merged" in conflicts
    assert dee2.id in client.get(f"/console/people/{dee.id}").text
    assert station.people.list_persons("walker")  # both people still held


def test_bad_merges_are_refused_with_a_message(station):
    _a, _b, dee, dee2, _other = seed(station)
    client = signed_in(station, "supervisor")
    for data, status, words in (
        ({"keep": dee.id, "gone": "nobody-here"}, 404, "No person nobody-here"),
        ({"keep": dee.id, "gone": dee.id}, 422, "cannot be merged into themselves"),
        ({"keep": "", "gone": dee2.id}, 422, "Choose the person"),
    ):
        answer = post_form(client, "/console/people", "/console/people/merge",
                           dict(data, confirm="yes"))
        assert answer.status_code == status and words in answer.text, data
    station.people.merge(dee.id, dee2.id, "cli")
    again = post_form(client, "/console/people", "/console/people/merge",
                      {"keep": dee.id, "gone": dee2.id, "confirm": "yes"})
    assert again.status_code == 422 and "already merged" in again.text


def test_only_supervisors_may_merge(station):
    _a, _b, dee, dee2, _other = seed(station)
    for role in ("dispatcher", "program_manager", "admin"):
        client = signed_in(station, role)
        page = "/console/admin" if role == "admin" else "/console/"
        token = csrf_of(client.get(page).text)
        answer = client.post("/console/people/merge", follow_redirects=False,
                             data={"csrf": token, "keep": dee.id, "gone": dee2.id,
                                   "confirm": "yes"})
        assert answer.status_code == 403, role
    assert all(p["merged_into"] is None for p in station.people.list_persons("walker"))
