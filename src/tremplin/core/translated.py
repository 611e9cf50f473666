"""Translated content: one value per language in a JSON object, with a fallback chain."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def fallback_chain(language: str | None) -> list[str]:
    """Languages to try, in order, for a reader of `language`: theirs, then the default
    language, then the others in the order of settings.LANGUAGES."""
    chain: list[str] = []
    base = (language or settings.LANGUAGE_CODE).split("-")[0]
    for code in [base, settings.LANGUAGE_CODE, *language_codes()]:
        if code not in chain:
            chain.append(code)
    return chain


def in_every_language(message, **values) -> dict[str, str]:
    """`message` translated into every interface language: {language code: text}, ready to be
    stored in a TranslatedField. `message` is a lazy translation or a string marked with
    gettext_noop. With `values`, the text is formatted (`message % values`) in each language
    with the values as that language says them: a lazy string is translated, and a callable
    is called with the language active (region names, a list of choice labels...)."""
    texts = {}
    for code in language_codes():
        with translation.override(code):
            text = str(message) if isinstance(message, Promise) else translation.gettext(message)
            if values:
                text %= {name: _said(value) for name, value in values.items()}
            texts[code] = text
    return texts


def _said(value):
    if callable(value):
        value = value()
    return str(value) if isinstance(value, Promise) else value


@dataclass(frozen=True)
class Shown:
    """What a reader sees of a translated value: the text, its language, and whether that
    language is a fallback for the one they asked for."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.requested

    def __str__(self) -> str:
        return self.text


class TranslatedText(dict):
    """A dict {language code: text}. str() gives the text in the active language, falling back
    along fallback_chain(); shown() also says which language that text is in."""

    def shown(self, language: str | None = None) -> Shown:
        requested = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
        for code in fallback_chain(requested):
            text = self.get(code)
            if text:
                return Shown(text=text, language=code, requested=requested)
        for code, text in self.items():  # a language the platform does not list
            if text:
                return Shown(text=text, language=code, requested=requested)
        return Shown(text="", language=requested, requested=requested)

    def in_language(self, language: str) -> str:
        return self.get(language, "") or ""

    @property
    def languages(self) -> list[str]:
        return [code for code, text in self.items() if text]

    def __str__(self) -> str:
        return self.shown().text

    def __bool__(self) -> bool:
        return any(self.values())


def as_translated(value) -> TranslatedText:
    if isinstance(value, TranslatedText):
        return value
    if value is None or value == "":
        return TranslatedText()
    if isinstance(value, str):
        return TranslatedText({settings.LANGUAGE_CODE: value})
    if isinstance(value, dict):
        return TranslatedText({str(k): str(v) for k, v in value.items() if v is not None})
    raise ValidationError(_("A translated value must be a text or a mapping of languages."))


class TranslatedWidget(forms.MultiWidget):
    template_name = "core/widgets/translated.html"

    def __init__(self, attrs=None, textarea: bool = False):
        widget = forms.Textarea if textarea else forms.TextInput
        widgets = {code: widget(attrs={"lang": code, "dir": "auto"}) for code in language_codes()}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = as_translated(value)
        return [value.get(code, "") for code in language_codes()]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        names = dict(settings.LANGUAGES)
        for code, sub in zip(language_codes(), context["widget"]["subwidgets"], strict=True):
            sub["language"] = code
            sub["language_name"] = names[code]
        return context


class TranslatedFormField(forms.MultiValueField):
    """One input per interface language; required means at least one language is filled."""

    def __init__(self, *, textarea: bool = False, max_length: int | None = None, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(required=False, max_length=max_length) for _ in language_codes()]
        kwargs.setdefault("widget", TranslatedWidget(textarea=textarea))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        data = dict(zip(language_codes(), data_list or [], strict=False))
        return TranslatedText(
            {code: text.strip() for code, text in data.items() if text and text.strip()}
        )

    def validate(self, value):
        if self.required and not as_translated(value):
            raise ValidationError(self.error_messages["required"], code="required")


class TranslatedField(models.JSONField):
    """A model field holding TranslatedText. Languages are added without migrations."""

    def __init__(self, *args, textarea: bool = False, **kwargs):
        self.textarea = textarea
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.textarea:
            kwargs["textarea"] = True
        if kwargs.get("default") is dict:
            del kwargs["default"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return as_translated(value)

    def to_python(self, value):
        return as_translated(value)

    def get_prep_value(self, value):
        return super().get_prep_value(dict(as_translated(value)))

    def validate(self, value, model_instance):
        value = as_translated(value)
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        options = {
            "textarea": self.textarea,
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
        }
        options.update({k: v for k, v in kwargs.items() if k in {"label", "help_text", "required"}})
        return TranslatedFormField(**options)

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=private_only)
        setattr(cls, self.attname, _TranslatedDescriptor(self.attname))


class _TranslatedDescriptor:
    """Wraps whatever is assigned (a str, a dict) into TranslatedText."""

    def __init__(self, attname: str):
        self.attname = attname

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance.__dict__.get(self.attname, TranslatedText())

    def __set__(self, instance, value):
        instance.__dict__[self.attname] = as_translated(value)
