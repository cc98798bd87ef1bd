"""Code labels in the window's language: resources/reference/labels_<code>.json."""

import json

import pytest
from civilian_responder.reference import (
    load_reference,
    set_shown_language,
    shown_labels,
)
from civilian_responder.resource_files import resource_path


@pytest.fixture(autouse=True)
def english_after():
    yield
    set_shown_language("en")


def test_every_spanish_label_names_a_real_code_and_every_shown_list_is_complete():
    ref = load_reference()
    table = shown_labels("es")
    for name, labels in table.items():
        name = name.removesuffix(".short")  # short labels sit beside the full ones
        assert name in ref.lists, name
        codes = set(ref.lists[name].codes())
        assert set(labels) <= codes, (name, set(labels) - codes)
        assert all(isinstance(v, str) and v.strip() for v in labels.values()), name
    # The lists a responder reads on every call are complete.
    for name in ("unit_statuses", "unit_states", "call_types", "dispositions", "flags",
                 "priorities", "outcomes", "backup_reasons", "services", "person_roles"):
        assert set(table[name]) == set(ref.lists[name].codes()), name
    # Every role with a short English label has a short Spanish one (the toolbar's crew).
    shorts = {c.code for c in ref.lists["crew_roles"] if c.get("short")}
    assert set(table["crew_roles.short"]) == shorts


def test_shown_follows_the_language_and_the_records_keep_english():
    ref = load_reference()
    assert ref.unit_statuses.shown("EN_ROUTE") == "En route"
    set_shown_language("es")
    assert ref.unit_statuses.shown("EN_ROUTE") == "En camino"
    assert ref.call_types.get("WELCK").shown == "Chequeo de bienestar"
    assert ref.call_types.label("WELCK") == "Welfare check"  # exports and the station
    assert ref.age_ranges.shown("18_24") == "18-24"  # no Spanish needed: English shows
    set_shown_language("en")
    assert ref.call_types.get("WELCK").shown == "Welfare check"


def test_a_language_without_a_table_shows_english():
    assert shown_labels("vi") == {}
    assert not resource_path("reference", "labels_en.json").exists()
    raw = json.loads(resource_path("reference", "labels_es.json").read_text("utf-8"))
    assert "description" in raw
