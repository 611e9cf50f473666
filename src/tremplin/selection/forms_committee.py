"""Forms of a call's committee: members and their expertise, the selection settings, declared
conflicts, bids, and the pairs staff pin, forbid or assign by hand."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.accounts.models import Organisation, Person
from tremplin.applications.forms.screening import CallDateTimeField
from tremplin.core.forms import OneLineMixin
from tremplin.reference.models import BusinessLine, Region

from .models import Bid, CommitteeMember, SelectionSettings


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
