"""The form of an eligibility criterion."""

from __future__ import annotations

from django import forms

from tremplin.core.forms import OneLineMixin

from ..models import EligibilityCriterion
from . import StaffForm


class CriterionForm(StaffForm, OneLineMixin, forms.ModelForm):
    class Meta:
        model = EligibilityCriterion
        fields = ["label"]
