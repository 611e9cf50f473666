"""The form of staff's wording of a notice (refuse_unknown serves applications' mailing form
too)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from .services import placeholder_problem, subject_problem


def refuse_unknown(text: str, available, check=placeholder_problem) -> str:
    problem = check(text, available)
    if problem:
        raise forms.ValidationError(problem, code="placeholder")
    return text


class WordingForm(OneLineMixin, forms.Form):
    """Staff's subject and text of one notice in one language (a call's own, or the
    platform's), with the notice's placeholders."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Placeholders between double braces are replaced for each recipient."),
    )

    def __init__(self, *args, language: str, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice
        for field in self.fields.values():
            field.widget.attrs.update({"lang": language, "dir": "auto"})

    def clean_subject(self):
        problem = subject_problem(
            self.cleaned_data["subject"], self.notice.placeholders, self.notice.in_subject
        )
        if problem:
            raise forms.ValidationError(problem, code="placeholder")
        return self.cleaned_data["subject"]

    def clean_body(self):
        return refuse_unknown(self.cleaned_data["body"], self.notice.placeholders)
