"""Forms about people, memberships and affiliations."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from .models import Affiliation, Membership, Organisation, Person


class SignupForm(OneLineMixin, AllauthSignupForm):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    field_order = ["full_name", "email", "password1", "password2"]


class ProfileForm(OneLineMixin, forms.ModelForm):
    class Meta:
        model = Person
        # Not the organisation: one acts for an organisation through an affiliation that staff
        # verify (AffiliationForm), since it decides what one sees and may do.
        fields = ["full_name", "preferred_language", "region", "phone"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True


class MembershipForm(OneLineMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["national_society", "status", "identifier", "unit"]

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["national_society"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.NATIONAL_SOCIETY
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        society = cleaned.get("national_society")
        if (
            society
            and self.person is not None
            and Membership.objects.filter(
                person=self.person,
                national_society=society,
                state__in=[Membership.State.PENDING, Membership.State.VERIFIED],
            ).exists()
        ):
            raise forms.ValidationError(
                _("You have already declared a membership of this national society.")
            )
        identifier = cleaned.get("identifier")
        if (
            society
            and identifier
            and Membership.objects.filter(national_society=society, identifier=identifier).exists()
        ):
            # Said next to the field, rather than the model constraint's generic message.
            self.add_error(
                "identifier",
                _(
                    "This identifier is already declared for this national society. "
                    "Check it, or contact the accelerator team."
                ),
            )
        return cleaned


class AffiliationForm(OneLineMixin, forms.ModelForm):
    class Meta:
        model = Affiliation
        fields = ["organisation", "title"]

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation"].help_text = _(
            "The organisation you act for. If it is not in the list, write to the accelerator team."
        )

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if (
            organisation
            and self.person is not None
            and Affiliation.objects.filter(
                person=self.person,
                organisation=organisation,
                state__in=Affiliation.LIVE_STATES,
            ).exists()
        ):
            raise forms.ValidationError(
                _("You have already declared an affiliation with this organisation.")
            )
        return cleaned


class DecisionForm(OneLineMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("verify", _("Verify")), ("reject", _("Refuse")), ("revoke", _("End membership"))],
    )
    note = forms.CharField(
        label=_("Note to the person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you refuse or end a membership; the person will read it."),
    )


class AffiliationDecisionForm(DecisionForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("verify", _("Verify")),
            ("reject", _("Refuse")),
            ("revoke", _("End affiliation")),
        ],
    )
    note = forms.CharField(
        label=_("Note to the person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you refuse or end an affiliation; the person will read it."),
    )
