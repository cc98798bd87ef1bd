"""Checklist definitions in other languages: the translations block is validated at load, the
core hands out the definition in the officer's language, and English fills every gap."""

import json

import pytest
from civilian_responder.checklists.loader import load_catalog, parse_definition
from civilian_responder.checklists.translation import localize, missing_texts
from civilian_responder.reference import load_reference
from civilian_responder.resource_files import resource_path

from tests.checklist_support import SHIPPED, app_with_call, scored_definition, write_definition

REF = load_reference()

SPANISH = {
    "title": "Mini revisión",
    "items": {
        "a": {"text": "¿A?"},
        "c": {"text": "¿C?", "choices": {"X": "Equis"}},
        "g": {"text": "Lee esto", "help": "Con calma"},
    },
    "stop_rules": {"danger": {"banner": "Peligro — alto"}},
    "levels": {"low": {"label": "Bajo", "recommendation": "Quédate."}},
    "overrides": ["se eligió Z"],
}


def _parse(translations):
    return parse_definition(scored_definition(translations=translations), "mini.json", REF)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_definition_is_complete_in_spanish(path):
    result = parse_definition(json.loads(path.read_text("utf-8")), path.name, REF)
    assert result.problems == ()
    assert missing_texts(result.definition, "es") == []
    spanish = localize(result.definition, "es")
    english_texts = {i.text for i in result.definition.items}
    assert all(i.text not in english_texts for i in spanish.items), "an item kept its English"


def test_the_definition_comes_out_in_the_language_asked_with_english_fallback():
    d = _parse({"es": SPANISH}).definition
    es = localize(d, "es")
    assert es.language == "es" and es.title == "Mini revisión"
    assert es.item("a").text == "¿A?" and es.item("b").text == "B?"  # b: not translated
    assert [c.label for c in es.item("c").choices] == ["Equis", "Why", "Zed"]
    assert es.item("g").help == "Con calma"
    assert es.stop_rules[0].banner == "Peligro — alto"
    assert [lv.label for lv in es.scoring.levels] == ["Bajo", "Mid", "High"]
    assert es.scoring.overrides[0].reason == "se eligió Z"
    # Only text changes: ids, codes, scores and rules are the definition's own.
    assert [i.id for i in es.items] == [i.id for i in d.items]
    assert es.item("c").choices[2].score == d.item("c").choices[2].score == 4
    assert es.stop_rules[0].when == d.stop_rules[0].when
    assert localize(d, "vi") is d and localize(d, "en") is d  # no Vietnamese: all English


@pytest.mark.parametrize(
    "translations, where, says",
    [
        ({"en": {"title": "Again"}}, "translations.en", "language code"),
        ({"Spanish": {"title": "x"}}, "translations.Spanish", "language code"),
        ({"es": {"items": {"nope": {"text": "x"}}}}, "translations.es.items.nope", "not an id"),
        (
            {"es": {"items": {"c": {"choices": {"Q": "Cu"}}}}},
            "translations.es.items.c.choices",
            "'Q' is not a choice",
        ),
        (
            {"es": {"items": {"a": {"choices": {"X": "x"}}}}},
            "translations.es.items.a.choices",
            "choice codes",
        ),
        ({"es": {"items": {"a": {"text": "  "}}}}, "translations.es.items.a", "'text' must be"),
        ({"es": {"items": {"a": {"prompt": "x"}}}}, "translations.es.items.a", "unknown key"),
        (
            {"es": {"stop_rules": {"gone": {"banner": "x"}}}},
            "translations.es.stop_rules.gone",
            "not an id",
        ),
        ({"es": {"levels": {"low": {"label": 3}}}}, "translations.es.levels.low", "'label'"),
        ({"es": {"overrides": ["a", "b"]}}, "translations.es.overrides", "at most 1"),
        ({"es": {"title": ""}}, "translations.es", "'title' must be"),
        ({"es": {"colour": "x"}}, "translations.es", "unknown key"),
        (["es"], "translations", "must map"),
    ],
)
def test_a_bad_translation_is_rejected_naming_where(translations, where, says):
    result = _parse(translations)
    assert result.definition is None
    assert any(p.item == where and says in p.problem for p in result.problems), result.problems


def test_the_service_hands_out_runs_and_lists_in_the_officer_language(tmp_path):
    app, call_id = app_with_call(tmp_path / "profile", "SUICID")
    try:
        english = {d.id: d.title for d in app.checklists.definitions()}
        app.checklists.language = "es"
        titles = {d.id: d.title for d in app.checklists.definitions()}
        assert titles["suicide-risk"] == "Revisión de riesgo de suicidio"
        assert set(titles) == set(english) and all(titles[k] != english[k] for k in titles)
        view = app.checklists.start(call_id, "suicide-risk")
        assert view.definition.item("thoughts").text.startswith("En el último mes")
        assert app.checklists.definition("transport", language="en").title == english["transport"]
        app.checklists.language = "en"
        assert app.checklists.get(view.run.id).definition.title == english["suicide-risk"]
    finally:
        app.close()


def test_a_run_stored_before_translations_shipped_borrows_them(tmp_path):
    """The stored copy of id+version has no translations; the one loaded now has: same codes."""
    folder = tmp_path / "agency"
    plain = scored_definition()
    write_definition(folder, plain)
    app, call_id = app_with_call(tmp_path / "profile", "WELCK")
    try:
        app.checklists._folders = [folder]
        app.checklists.reload()
        run = app.checklists.start(call_id, "mini").run
        write_definition(folder, scored_definition(translations={"es": SPANISH}))
        app.checklists.reload()
        app.checklists._snapshots.clear()
        app.checklists.language = "es"
        view = app.checklists.get(run.id)
        assert view.definition.title == "Mini revisión" and view.definition.item("a").text == "¿A?"
    finally:
        app.close()


def test_the_schema_describes_the_translations_block():
    schema = json.loads(resource_path("checklists", "schema.json").read_text("utf-8"))
    block = schema["$defs"]["translation"]["properties"]
    assert {"title", "items", "stop_rules", "levels", "overrides"} <= set(block)
    assert load_catalog([resource_path("checklists")], REF).problems == []
