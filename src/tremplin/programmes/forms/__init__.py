"""Forms of the programmes app, one module per part (programmes, seasons, calls, form_builder,
criteria). This module holds what several parts share: capitalised labels, date inputs and
the "move up / move down" form (selection's review form reuses it)."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin


class StaffForm:
    """Labels start with a capital letter (model verbose names, translated fields' legends
    included)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MoveForm(OneLineMixin, forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Move up")), ("down", _("Move down"))])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1
