"""The applicant's forms about their application: withdrawing it, answering a request for
information."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin


class WithdrawForm(OneLineMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw your application?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The accelerator team reads it; it helps us improve the programmes."),
    )


class InformationResponseForm(OneLineMixin, forms.Form):
    response = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )
