"""Resident-facing texts (consents, 988, the handout) in every resident language: each text in
each language, with the same placeholders as the English, printable with the shipped fonts."""

import pytest
from civilian_responder.errors import ValidationError
from civilian_responder.languages import resident_codes
from civilian_responder.resident_texts import ResidentTexts, placeholders
from civilian_responder.resource_files import resource_path
from reportlab.pdfbase.ttfonts import TTFont

TEXTS = ResidentTexts.load()
REQUIRED = {"transport_consent", "share_consent", "hmis_consent", "crisis_988", "handout"}


def test_the_four_languages_of_the_demo_city_are_there():
    assert {"en", "es", "vi", "so"} <= set(resident_codes()) == set(TEXTS.languages())


def test_every_statement_the_issue_names_exists():
    assert REQUIRED <= {key.split(".")[0] for key in TEXTS.keys()}
    for consent in ("transport_consent", "share_consent", "hmis_consent"):
        assert {f"{consent}.title", f"{consent}.body", f"{consent}.question"} <= set(TEXTS.keys())


@pytest.mark.parametrize("language", resident_codes())
def test_every_text_exists_in_every_language_with_matching_placeholders(language):
    texts = TEXTS.by_language[language]
    assert set(texts) == set(TEXTS.keys()), "a text is missing or extra"
    for key in TEXTS.keys():
        english = TEXTS.by_language["en"][key]
        assert texts[key].strip(), key
        assert placeholders(texts[key]) == placeholders(english), key
        if language != "en" and len(english) > 12:
            assert texts[key] != english, f"{key} is still English"


@pytest.mark.parametrize("language", resident_codes())
def test_sentences_stay_short(language):
    """Plain language: no sentence of a body longer than 30 words."""
    for key in TEXTS.keys():
        for sentence in TEXTS.by_language[language][key].split(". "):
            assert len(sentence.split()) <= 30, f"{language} {key}: {sentence}"


def test_a_text_is_filled_and_falls_back_to_english(monkeypatch):
    filled = TEXTS.text(
        "transport_consent.body", "so", agency="Eastside CARE", destination="Harbor Crisis Center"
    )
    assert "Eastside CARE" in filled and "Harbor Crisis Center" in filled and "{" not in filled
    partial = ResidentTexts({"en": {"a": "Hello {name}"}, "vi": {}})
    assert partial.text("a", "vi", name="Lan") == "Hello Lan"
    assert partial.text("a", "xx", name="Lan") == "Hello Lan"
    with pytest.raises(ValidationError):
        partial.text("a", "vi")  # a placeholder left empty would print as '{name}'
    with pytest.raises(ValidationError):
        partial.text("nope", "en")


@pytest.mark.parametrize("font", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
def test_the_shipped_fonts_have_every_letter_of_every_language(font):
    """Vietnamese stacks tone marks on vowels (ệ, ử, ỗ ...): each must be a real glyph."""
    face = TTFont("check", str(resource_path("fonts", font))).face
    for language in TEXTS.languages():
        letters = set("".join(TEXTS.by_language[language].values()))
        missing = sorted(c for c in letters if ord(c) not in face.charToGlyph)
        assert missing == [], f"{font} lacks {missing} for {language}"
