"""Code labels in the window's language: resources/reference/labels_<code>.json."""

import json

import pytest
from civilian_responder.reference import load_reference, shown_labels
from civilian_responder.resource_files import resource_path
from civilian_responder_ui.shell import code_labels


@pytest.fixture(autouse=True)
def english_after():
    yield
    code_labels.show_in("en")


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


def test_a_table_gives_the_label_in_its_language_and_the_records_keep_english():
    ref, spanish = load_reference(), shown_labels("es")
    assert ref.unit_statuses.label_in({}, "EN_ROUTE") == "En route"
    assert ref.unit_statuses.label_in(spanish, "EN_ROUTE") == "En camino"
    assert ref.call_types.get("WELCK").label_in(spanish) == "Chequeo de bienestar"
    assert ref.call_types.label("WELCK") == "Welfare check"  # exports and the station
    assert ref.age_ranges.label_in(spanish, "18_24") == "18-24"  # no Spanish needed
    assert ref.unit_statuses.label_in(spanish, "NO_SUCH") == "NO_SUCH"
    assert ref.call_types.get("WELCK").label == "Welfare check"  # the table changed nothing


def test_the_window_shows_the_language_it_was_switched_to():
    ref = load_reference()
    assert code_labels.shown_of(ref.unit_statuses, "EN_ROUTE") == "En route"
    before = code_labels.current_table()
    code_labels.show_in("es")
    assert code_labels.current_table() is not before  # caches of shown labels can tell
    assert code_labels.shown_of(ref.unit_statuses, "EN_ROUTE") == "En camino"
    assert code_labels.shown(ref.call_types.get("WELCK")) == "Chequeo de bienestar"
    shorts = [c for c in ref.crew_roles if c.get("short")]
    assert shorts and all(code_labels.shown_short(c) for c in shorts)
    code_labels.show_in("en")
    assert code_labels.shown(ref.call_types.get("WELCK")) == "Welfare check"
    assert code_labels.shown_short(shorts[0]) == shorts[0].get("short")


def test_a_language_without_a_table_shows_english():
    assert shown_labels("vi") == {}
    assert not resource_path("reference", "labels_en.json").exists()
    raw = json.loads(resource_path("reference", "labels_es.json").read_text("utf-8"))
    assert "description" in raw
