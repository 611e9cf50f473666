"""The bidding form: a member's preference on each application of the page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from ..models import Bid

# --- Bids --------------------------------------------------------------------------------------

NO_PREFERENCE = ""


class BidsForm(OneLineMixin, forms.Form):
    """One choice per application of the page; "no preference" clears a bid."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (str(Bid.Preference.WANT), Bid.Preference.WANT.label),
            (str(Bid.Preference.WILLING), Bid.Preference.WILLING.label),
            (str(Bid.Preference.RATHER_NOT), Bid.Preference.RATHER_NOT.label),
            (NO_PREFERENCE, _("No preference")),
        ]
        self.rows = rows
        for row in rows:
            name = self.field_name(row.application.pk)
            self.fields[name] = forms.ChoiceField(
                label=row.application.title or str(row.application),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=NO_PREFERENCE if row.preference is None else str(row.preference),
            )
            row.field = self[name]

    @staticmethod
    def field_name(pk: int) -> str:
        return f"bid-{pk}"

    def preferences(self) -> dict[int, int | None]:
        result = {}
        for row in self.rows:
            value = self.cleaned_data.get(self.field_name(row.application.pk)) or NO_PREFERENCE
            result[row.application.pk] = None if value == NO_PREFERENCE else int(value)
        return result
