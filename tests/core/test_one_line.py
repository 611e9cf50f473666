"""One-line fields hold one line. A browser never sends a line break from a one-line input
(HTML strips them), so one in a name, a title or a short answer comes from a paste the browser
let through, another client or a forged request: every single-line text field of every form of
the platform collapses line breaks (and tabs) into a space and drops the other invisible control
and formatting characters, keeping those that scripts need (joiners, direction marks).
Multi-line fields (text areas) and passwords are kept as typed."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import tremplin
from tremplin.core.forms import OneLineMixin
from tremplin.core.text import one_line
from tremplin.core.translated import TranslatedFormField


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Jardins\npartagés", "Jardins partagés"),
        ("Jardins\r\npartagés", "Jardins partagés"),
        ("Jardins\r\n\r\n  partagés  ", "Jardins partagés"),
        ("Jardins\rpartagés", "Jardins partagés"),
        ("Jardins\u2028partagés\u2029", "Jardins partagés"),  # Unicode line/paragraph separators
        ("Jardins\x85partagés", "Jardins partagés"),  # NEL
        ("Jardins\tpartagés\x0b\x0c", "Jardins partagés"),
        ("Jar\x00dins\x07\x1b[31m", "Jardins[31m"),  # other control characters are dropped
        ("abc\u202edcba", "abcdcba"),  # a right-to-left override would disguise the text
        ("\ufeffJardins\u200b", "Jardins"),  # byte order mark, zero-width space
        ("مشروع\u200cجديد", "مشروع\u200cجديد"),  # zero-width non-joiner: needed by scripts
        ("👩\u200d🌾 ferme", "👩\u200d🌾 ferme"),  # zero-width joiner: emoji sequences
        ("Ali \u200fمحمد\u200e", "Ali \u200fمحمد\u200e"),  # direction marks are kept
        ("  ordinary text  ", "ordinary text"),
        ("", ""),
    ],
)
def test_one_line(typed, kept):
    assert one_line(typed) == kept


def _project_form_classes():
    for module_info in pkgutil.walk_packages(tremplin.__path__, "tremplin."):
        if ".migrations" in module_info.name or module_info.name.endswith(".settings"):
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, forms.BaseForm)
                and cls.__module__ == module.__name__
                and cls.__module__.startswith("tremplin.")
            ):
                yield cls


def test_every_form_of_the_platform_keeps_one_line_fields_on_one_line():
    classes = list(_project_form_classes())
    assert len(classes) > 50  # the walk found the platform's forms
    without = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in classes
        if not issubclass(cls, OneLineMixin)
    )
    assert not without, f"Forms without OneLineMixin: {without}"


class Sample(OneLineMixin, forms.Form):
    name = forms.CharField()
    email = forms.EmailField()
    website = forms.URLField(required=False, assume_scheme="https")
    story = forms.CharField(widget=forms.Textarea)
    secret = forms.CharField(widget=forms.PasswordInput)
    title = TranslatedFormField()
    text = TranslatedFormField(textarea=True, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A field added after the form is built (as the application steps add theirs).
        self.fields["answer"] = forms.CharField(required=False)


def test_single_line_fields_are_collapsed_and_the_others_kept():
    form = Sample(
        {
            "name": "Awa\r\nLeader",
            "email": "awa@example.org",
            "story": "First line\r\nSecond line",
            "secret": "pass\tword ",
            "title_fr": "Jardins\npartagés",
            "title_en": "Shared\u2028gardens",
            "text_fr": "Ligne un\nLigne deux",
            "answer": "Short\nanswer",
        }
    )
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["name"] == "Awa Leader"
    assert data["story"] == "First line\r\nSecond line"
    assert data["secret"] == "pass\tword"  # Django strips the ends; nothing else changes
    assert dict(data["title"]) == {"fr": "Jardins partagés", "en": "Shared gardens"}
    assert dict(data["text"]) == {"fr": "Ligne un\nLigne deux"}
    assert data["answer"] == "Short answer"


def test_a_value_made_only_of_line_breaks_is_empty():
    form = Sample({"name": "\r\n\r\n", "email": "awa@example.org", "story": "x"})
    assert not form.is_valid()
    assert "name" in form.errors


def test_a_line_break_before_a_limit_does_not_count():
    class Limited(OneLineMixin, forms.Form):
        name = forms.CharField(max_length=5)

    assert Limited({"name": "ab\r\ncd"}).is_valid()  # "ab cd": five characters
