"""The form behind the Follow button (a theme, public, country or SDG)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tremplin.core.forms import OneLineMixin
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

from ..models import Follow, TargetPublic


class FollowForm(OneLineMixin, forms.Form):
    kind = forms.ChoiceField(choices=Follow.Kind.choices)
    value = forms.CharField(max_length=50)

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), (data.get("value") or "").strip()
        if not kind or not value:
            return data
        exists = {
            Follow.Kind.THEME: lambda: BusinessLine.objects.filter(code=value).exists(),
            Follow.Kind.PUBLIC: lambda: TargetPublic.objects.filter(code=value).exists(),
            Follow.Kind.COUNTRY: lambda: value.upper() in dict(countries),
            Follow.Kind.SDG: lambda: (
                value.isdigit()
                and SustainableDevelopmentGoal.objects.filter(number=int(value)).exists()
            ),
        }[kind]
        if not exists():
            raise forms.ValidationError(_("There is nothing to follow here."))
        data["value"] = value.upper() if kind == Follow.Kind.COUNTRY else value
        return data
