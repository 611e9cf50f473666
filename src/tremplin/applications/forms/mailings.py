"""The form of a mailing: its subject and text in each language, and the states of the
applications it writes to."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin
from tremplin.core.translated import TranslatedFormField
from tremplin.messaging import placeholders
from tremplin.messaging.forms import refuse_unknown
from tremplin.messaging.services import subject_problem

from ..models import State
from ..services.mailings import half_written_message


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
        refuse_unknown("\n".join(value.values()), placeholders.MAILING, subject_problem)
        return value

    def clean_body(self):
        value = self.cleaned_data["body"]
        refuse_unknown("\n".join(value.values()), placeholders.MAILING)
        return value

    def clean(self):
        cleaned = super().clean()
        subject, body = cleaned.get("subject"), cleaned.get("body")
        if subject and body and set(subject.languages) != set(body.languages):
            self.add_error("body", half_written_message())
        return cleaned
