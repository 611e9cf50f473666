"""The form of a season."""

from __future__ import annotations

from django import forms

from tremplin.core.forms import OneLineMixin

from ..models import Season
from . import StaffForm, date_input


class SeasonForm(StaffForm, OneLineMixin, forms.ModelForm):
    class Meta:
        model = Season
        fields = ["number", "opened_on", "theme"]
        widgets = {"opened_on": date_input()}
