"""Translated content: one value per language, a fallback chain, and the language shown."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tremplin.core.translated import TranslatedFormField, TranslatedText, fallback_chain
from tremplin.reference.models import BusinessLine


def test_fallback_chain_starts_with_the_reader_then_french():
    assert fallback_chain("ar") == ["ar", "fr", "en", "es"]
    assert fallback_chain("fr") == ["fr", "en", "es", "ar"]
    assert fallback_chain("es-MX") == ["es", "fr", "en", "ar"]


def test_shown_says_when_the_text_is_a_fallback():
    text = TranslatedText({"fr": "Bonjour", "en": "Hello"})
    assert text.shown("en").text == "Hello"
    assert not text.shown("en").is_fallback
    shown = text.shown("ar")
    assert (shown.text, shown.language, shown.is_fallback) == ("Bonjour", "fr", True)


def test_str_follows_the_active_language():
    text = TranslatedText({"fr": "Handicap", "es": "Discapacidad"})
    with translation.override("es"):
        assert str(text) == "Discapacidad"
    with translation.override("en"):
        assert str(text) == "Handicap"


def test_empty_value_is_falsy_and_shows_nothing():
    assert not TranslatedText({"fr": "", "en": ""})
    assert TranslatedText().shown("fr").text == ""


@pytest.mark.django_db
def test_model_field_round_trip_and_assignment_of_plain_text():
    line = BusinessLine.objects.create(code="test-line", name={"fr": "Essai", "ar": "تجربة"})
    line.refresh_from_db()
    assert isinstance(line.name, TranslatedText)
    assert line.name.shown("ar").text == "تجربة"
    line.name = "Seulement en français"
    assert line.name == {"fr": "Seulement en français"}
    line.save()
    line.refresh_from_db()
    assert line.name.in_language("fr") == "Seulement en français"


def test_form_field_keeps_each_language_and_requires_one():
    field = TranslatedFormField(required=True)
    assert field.clean(["Bonjour", "", "Hola", ""]) == {"fr": "Bonjour", "es": "Hola"}
    with pytest.raises(ValidationError) as error:
        field.clean(["", " ", "", ""])
    assert error.value.code == "required"


@pytest.mark.django_db
def test_template_tag_marks_language_and_fallback(rf):
    from django.template import Context, Template

    template = Template("{% load tremplin %}{% translated value %}")
    value = TranslatedText({"fr": "Personnes âgées"})
    with translation.override("fr"):
        html = template.render(Context({"value": value}))
    assert 'lang="fr"' in html and "fallback-note" not in html
    with translation.override("es"):
        html = template.render(Context({"value": value}))
    assert 'lang="fr"' in html and "fallback-note" in html
