"""The form of a call's wording of one of its messages (refuse_unknown serves the mailing
form of applications too)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from . import placeholders
from .services import placeholder_problem, subject_problem


def refuse_unknown(text: str, available, check=placeholder_problem) -> str:
    problem = check(text, available)
    if problem:
        raise forms.ValidationError(problem, code="placeholder")
    return text


class WordingForm(OneLineMixin, forms.Form):
    """A call's own subject and text of one message in one language."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Placeholders between double braces are replaced for each recipient."),
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update({"lang": language, "dir": "auto"})

    def clean_subject(self):
        return refuse_unknown(self.cleaned_data["subject"], placeholders.AVAILABLE, subject_problem)

    def clean_body(self):
        return refuse_unknown(self.cleaned_data["body"], placeholders.AVAILABLE)
