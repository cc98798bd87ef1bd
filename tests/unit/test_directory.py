"""The offline resource directory on a unit: what the station's feed stores, search-as-you-type,
the referral a resource gives a report, and the one-page handout."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from civilian_responder.errors import ValidationError
from civilian_responder.resource_files import resource_path
from civilian_responder.sync.incoming import store_changes
from pypdf import PdfReader

DEMO = json.loads(resource_path("directory", "demo-directory.json").read_text())["resources"]


def feed_rows(rows: list[dict[str, Any]], revision: int = 1, start: int = 1) -> list[dict]:
    changes = []
    for seq, row in enumerate(rows, start=start):
        payload = {
            "phone": "",
            "address": "",
            "hours": "",
            "eligibility": "",
            "languages": [],
            "beds_open": None,
            "beds_as_of": None,
            "retired": False,
            "revision": revision,
            "updated_at": "2026-11-21T10:00:00.000Z",
            **row,
        }
        changes.append({"seq": seq, "kind": "resource", "entity_id": row["id"], "payload": payload})
    return changes


def pull(app, changes) -> Any:
    with app.store.atomic("test pull"):
        return store_changes(
            app.store, app.paths.checklists, changes, app.reference.unit_statuses.codes()
        )


@pytest.fixture
def directory(app):
    done = pull(app, feed_rows(DEMO))
    assert done.counts.resources == len(DEMO)
    return app.directory


def test_search_matches_every_word_over_name_kind_address_and_languages(directory):
    assert [r.name for r in directory.search("harbor light")] == ["Harbor Light Shelter (men)"]
    names = {r.name for r in directory.search("shelter")}
    assert "Mercy House Women's Shelter" in names and "Family Haven Shelter" in names
    assert {r.kind for r in directory.search("hotline")} == {"DV_HOTLINE"}
    somali = {r.name for r in directory.search("somali")}
    assert somali == {"Pacific Behavioral Health Urgent Care", "Hilltop Walk-in Clinic"}
    assert [r.name for r in directory.search("72nd")] == ["Mercy House Women's Shelter"]
    assert [r.id for r in directory.search("988")][0] == "988-lifeline"
    assert directory.search("100%") == [] and directory.search("h_rbor") == []  # no wildcards
    assert len(directory.search("")) == len(DEMO)
    assert [r.kind for r in directory.search("", kinds=["DETOX"])] == ["DETOX", "DETOX"]


def test_a_newer_revision_replaces_an_older_is_ignored_and_retired_drops(app, directory):
    changed = dict(DEMO[6], beds_open=1, beds_as_of="2026-11-21T13:00:00.000Z")
    assert pull(app, feed_rows([changed], revision=3)).counts.resources == 1
    assert app.directory.get(changed["id"]).beds_open == 1
    stale = dict(DEMO[6], beds_open=99)
    assert pull(app, feed_rows([stale], revision=2)).counts.resources == 0
    assert app.directory.get(changed["id"]).beds_open == 1
    assert "1 beds open as of Nov 21, 13:00 UTC (1 h ago)" == app.directory.beds_text(
        app.directory.get(changed["id"])
    )
    pull(app, feed_rows([dict(DEMO[6], retired=True)], revision=4))
    assert app.directory.get(changed["id"]) is None


def test_a_malformed_entry_is_held_back_not_stored(app):
    bad = feed_rows([{"id": "x", "kind": "FOOD", "name": "Pantry", "languages": "English"}])
    held = app.directory.count()
    done = pull(app, bad)
    assert done.counts.unreadable == 1 and app.directory.count() == held
    assert app.directory.get("x") is None


def test_the_demo_profile_has_the_directory_before_any_sync(app):
    assert app.directory.count() == len(DEMO)  # seeded with the demo shift, revision 0
    assert app.directory.get("harbor-light").revision == 0
    assert "beds open as of Nov 21, 12:00 UTC" in app.directory.beds_text(
        app.directory.get("harbor-light")
    )


def test_choosing_a_resource_names_the_agency_and_its_referral_code(directory):
    shelter = directory.get("harbor-light")
    detox = directory.get("detox-harbor")
    assert directory.referral(shelter).code == "SHELTER"
    assert directory.referral(shelter).agency == "Harbor Light Shelter (men)"
    assert directory.referral(detox).code == "SUD_TREATMENT"
    assert directory.referral(directory.get("food-hilltop")).code == "FOOD"


def test_handout_is_one_page_with_the_chosen_resources_and_nothing_about_the_person(directory):
    chosen = ["988-lifeline", "harbor-light", "food-hilltop", "clinic-community"]
    data = directory.handout(chosen)
    pdf = PdfReader(io.BytesIO(data))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    for rid in chosen:
        r = directory.get(rid)
        assert r.name in text and r.phone in text
    assert "Help and resources" in text and "call or text 988" in text
    assert "22 beds open as of Dec 2, 06:00 UTC" in text
    assert "2105 S Tacoma Way" in text and "English, Spanish" in text
    six_longest = sorted(DEMO, key=lambda r: -len(r["eligibility"] + r["address"]))[:6]
    assert len(PdfReader(io.BytesIO(directory.handout([r["id"] for r in six_longest]))).pages) == 1
    with pytest.raises(ValidationError, match="at most 6"):
        directory.handout([r["id"] for r in DEMO[:7]])
    with pytest.raises(ValidationError, match="no longer in the directory"):
        directory.handout(["gone"])
