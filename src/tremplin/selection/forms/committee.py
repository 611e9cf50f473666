"""Forms of a call's committee: finding and seating a member, a member's expertise, the selection settings."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.accounts.models import Person
from tremplin.applications.forms.screening import CallDateTimeField
from tremplin.core.forms import OneLineMixin
from tremplin.reference.models import BusinessLine, Region

from ..models import CommitteeMember, SelectionSettings


class SearchForm(OneLineMixin, forms.Form):
    q = forms.CharField(label=_("Name or e-mail address"), required=False, max_length=100)


class AddMemberForm(OneLineMixin, forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.filter(is_active=True), widget=forms.HiddenInput
    )
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeMember.Role.choices)
    capacity = forms.IntegerField(
        label=_("Maximum number of reviews"),
        required=False,
        min_value=0,
        max_value=1000,
        help_text=_("Leave empty for the call's default."),
    )


class RegionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class MemberForm(OneLineMixin, forms.ModelForm):
    business_lines = forms.ModelMultipleChoiceField(
        label=_("Business lines of expertise"),
        queryset=BusinessLine.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = RegionChoiceField(
        label=_("Regions known well"),
        queryset=Region.objects.order_by("kind", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages read"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CommitteeMember
        fields = ["role", "capacity", "business_lines", "regions", "themes", "languages"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].min_value = 0
        self.fields["themes"].widget = forms.TextInput()
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = list(self.instance.languages or [])


class SettingsForm(OneLineMixin, forms.ModelForm):
    review_deadline = CallDateTimeField(
        label=_("Reviews due"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = SelectionSettings
        fields = [
            "reviews_per_application",
            "default_capacity",
            "bidding_open",
            "blind_review",
            "reviews_visibility",
            "review_deadline",
            "tie_break",
            "tie_break_margin",
            "places",
        ]

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["review_deadline"]
        field.zone = call.tz
        field.help_text = _("Date and time in the call's time zone (%(zone)s).") % {
            "zone": call.time_zone
        }
        if self.instance.review_deadline and not self.is_bound:
            self.initial["review_deadline"] = timezone.make_naive(
                self.instance.review_deadline, call.tz
            )
