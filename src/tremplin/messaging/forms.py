"""Forms for a call's wording of its messages and for mailings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.applications.models import State
from tremplin.core.forms import OneLineMixin
from tremplin.core.translated import TranslatedFormField

from . import placeholders
from .services import half_written_message, placeholder_problem, subject_problem


def _refuse_unknown(text: str, available, check=placeholder_problem) -> str:
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
        return _refuse_unknown(self.cleaned_data["body"], self.notice.placeholders)


class MailingForm(OneLineMixin, forms.Form):
    subject = TranslatedFormField(label=_("Subject"), max_length=200)
    body = TranslatedFormField(
        label=_("Text"),
        textarea=True,
        help_text=_(
            "Write in as many languages as you can. Recipients whose language is left empty "
            "receive the text in another language, French first."
        ),
    )
    states = forms.MultipleChoiceField(
        label=_("Write to the applications in these states"),
        choices=State.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_subject(self):
        value = self.cleaned_data["subject"]
        _refuse_unknown("\n".join(value.values()), placeholders.MAILING, subject_problem)
        return value

    def clean_body(self):
        value = self.cleaned_data["body"]
        _refuse_unknown("\n".join(value.values()), placeholders.MAILING)
        return value

    def clean(self):
        cleaned = super().clean()
        subject, body = cleaned.get("subject"), cleaned.get("body")
        if subject and body and set(subject.languages) != set(body.languages):
            self.add_error("body", half_written_message())
        return cleaned
