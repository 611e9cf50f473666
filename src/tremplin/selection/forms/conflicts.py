"""Forms of the conflicts of interest a member declares: on an application, an organisation or a person."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.accounts.models import Organisation
from tremplin.core.forms import OneLineMixin

# --- Conflicts declared by a member ------------------------------------------------------------

REASON_HELP = _("Optional. Staff and you see it; other members do not.")


class ApplicationConflictForm(OneLineMixin, forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why (optional)"), required=False, max_length=300, help_text=REASON_HELP
    )


class OrganisationConflictForm(OneLineMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Why (optional)"), required=False, max_length=300, help_text=REASON_HELP
    )


class PersonConflictForm(OneLineMixin, forms.Form):
    """Any valid address is accepted: whether it has an account, and which applications its
    person is in, is nobody's business here (it is matched when conflicts are read)."""

    email = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_(
            "The conflict covers every application where this person is in the team, now or "
            "later, whether or not they have an account."
        ),
    )
    reason = forms.CharField(
        label=_("Why (optional)"), required=False, max_length=300, help_text=REASON_HELP
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
