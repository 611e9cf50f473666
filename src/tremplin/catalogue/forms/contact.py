"""The form of the catalogue's contact: a visitor writes to the team behind an innovation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

MAX_MESSAGE = 4000


class ContactTeamForm(OneLineMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The team answers you at this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_MESSAGE, "dir": "auto"}),
        help_text=_(
            "Say who you are, where you work and what you would like to know or do with this "
            "innovation."
        ),
    )
    # A honeypot: hidden from people (and from assistive technology), filled by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_bot(self) -> bool:
        return bool((self.data.get(self.add_prefix("website")) or "").strip())

    def clean_message(self):
        message = (self.cleaned_data.get("message") or "").strip()
        if not message:
            raise forms.ValidationError(_("Write your message."))
        return message
