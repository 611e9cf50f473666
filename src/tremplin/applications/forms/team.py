"""Inviting a co-applicant."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin


class InviteForm(OneLineMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of your team member"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
