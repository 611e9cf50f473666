"""The form of a pair staff pin, forbid or assign by hand."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

# --- Pairs staff pin, forbid or assign by hand -------------------------------------------------


class PairForm(OneLineMixin, forms.Form):
    ACTIONS = [
        ("assign", _("Assign now")),
        ("pin", _("Pin: always assign at the next runs")),
        ("forbid", _("Forbid: never assign")),
    ]

    application = forms.TypedChoiceField(label=_("Application"), coerce=int)
    member = forms.TypedChoiceField(label=_("Member"), coerce=int)
    action = forms.ChoiceField(label=_("What to do"), choices=ACTIONS, widget=forms.RadioSelect)

    def __init__(self, *args, applications, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [("", "—"), *applications]
        self.fields["member"].choices = [("", "—"), *members]
