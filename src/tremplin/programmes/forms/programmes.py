"""The form of a programme: its description, audience, package and partners."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tremplin.accounts.models import Organisation
from tremplin.core.forms import OneLineMixin

from ..models import Audience, Programme
from . import StaffForm, date_input

# Organisations that may be a programme's partner (others stay listed once chosen).
PARTNER_KINDS = [Organisation.Kind.PARTNER, Organisation.Kind.PUBLIC_BODY]


class ProgrammeForm(StaffForm, OneLineMixin, forms.ModelForm):
    financial_package = forms.DecimalField(
        label=_("financial package (EUR)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        help_text=_("In euros, per laureate project."),
    )

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "summary",
            "description",
            "thematic_focus",
            "audience",
            "duration_months",
            "financial_package",
            "places",
            "regional_representativeness",
            "partners",
            "launched_on",
            "is_active",
        ]
        widgets = {
            "audience": forms.RadioSelect,
            "partners": forms.CheckboxSelectMultiple,
            "launched_on": date_input(),
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens; used in addresses, e.g. entrepreneurs."),
            "partners": _(
                "Partner foundations, federations and public bodies recorded as organisations."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = self.instance.partners.all() if self.instance.pk else Organisation.objects.none()
        self.fields["partners"].queryset = Organisation.objects.filter(
            Q(kind__in=PARTNER_KINDS) | Q(pk__in=chosen.values("pk"))
        ).order_by("name")
        self.fields["partners"].required = False
        self.fields["audience"].choices = Audience.choices  # radio buttons: no empty choice
