"""Forms of the ranking page: the filters (programme, region, business line) and the staff's
tie-break policy of the call."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from ..models import SelectionSettings


class RankingFilterForm(OneLineMixin, forms.Form):
    """GET filters. The programme filter moves to the ranking of that programme's call in the
    same season; region and business line only hide rows (positions stay those of the whole
    ranking)."""

    programme = forms.ChoiceField(label=_("Programme"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    business_line = forms.ChoiceField(label=_("Business line"), required=False)

    def __init__(self, data=None, *, calls, regions, business_lines, current):
        super().__init__(data)
        self.fields["programme"].choices = [(call.slug, str(call.programme)) for call in calls]
        self.fields["programme"].initial = current
        everything = [("", _("All"))]
        self.fields["region"].choices = everything + list(regions)
        self.fields["business_line"].choices = everything + list(business_lines)

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"programme": "", "region": "", "business_line": ""}
        return self.cleaned_data


class TieBreakPolicyForm(OneLineMixin, forms.ModelForm):
    class Meta:
        model = SelectionSettings
        fields = ["tie_break", "tie_break_margin", "places"]
        widgets = {"tie_break": forms.RadioSelect}
