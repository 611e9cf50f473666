"""Forms of the catalogue's moderation pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tremplin.accounts.models import Organisation
from tremplin.core.forms import OneLineMixin

from ..models import Criterion, InnovationVersion, Review

Decision = Review.Decision


class QueueFilterForm(OneLineMixin, forms.Form):
    KINDS = [
        ("", _("New records and updates")),
        ("new", _("New records")),
        ("update", _("Updates")),
    ]

    language = forms.ChoiceField(label=_("Original language"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    society = forms.ModelChoiceField(
        label=_("National society"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Any national society"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *settings.LANGUAGES]
        self.fields["country"].choices = [("", _("Any country")), *countries]
        self.fields["society"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.NATIONAL_SOCIETY
        ).order_by("name")

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


def criterion_field(criterion: str) -> str:
    return f"criterion_{criterion}"


class DecisionForm(OneLineMixin, forms.Form):
    """The checklist of the four criteria and the decision, at either level."""

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the submitter"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Required to request changes (say what to change) or to reject (say why). It is "
            "sent to the submitter."
        ),
    )

    def __init__(self, *args, level: str = Review.Level.CENTRAL, **kwargs):
        super().__init__(*args, **kwargs)
        self.level = level
        for value, label in Criterion.choices:
            self.fields[criterion_field(value)] = forms.BooleanField(label=label, required=False)
        if level == Review.Level.SOCIETY:
            choices = [
                (
                    Decision.ACCEPT,
                    _("Validate for the national society (send to the central team)"),
                ),
                (Decision.CHANGES, _("Request changes")),
                (Decision.REJECT, _("Reject")),
            ]
        else:
            choices = [
                (Decision.ACCEPT, _("Publish")),
                (Decision.CHANGES, _("Request changes")),
                (Decision.REJECT, _("Reject")),
            ]
        self.fields["decision"].choices = choices

    def criterion_fields(self):
        return [self[criterion_field(value)] for value in Criterion.values]

    def checklist(self) -> dict[str, bool]:
        return {c: bool(self.cleaned_data.get(criterion_field(c))) for c in Criterion.values}

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == Decision.ACCEPT and not all(self.checklist().values()):
            self.add_error(
                None,
                _("A version is accepted only when it meets the four criteria: tick each of them."),
            )
        if decision in (Decision.CHANGES, Decision.REJECT) and not data.get("message", "").strip():
            self.add_error(
                "message",
                _("Write a message to the submitter: what to change, or why it is rejected."),
            )
        return data


class TranslationForm(OneLineMixin, forms.Form):
    """One language of a version's text fields, written or corrected by a moderator."""

    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, version: InnovationVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["language"].choices = [
            (code, name) for code, name in settings.LANGUAGES if code != version.original_language
        ]
        meta = InnovationVersion._meta
        for name in InnovationVersion.TEXT_FIELDS:
            model_field = meta.get_field(name)
            widget = (
                forms.Textarea(attrs={"rows": 6, "dir": "auto"})
                if model_field.textarea
                else forms.TextInput(attrs={"dir": "auto"})
            )
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name,
                required=name == "title",
                max_length=200 if name in ("title", "pitch") else 20000,
                widget=widget,
            )

    def text_fields(self):
        return [self[name] for name in InnovationVersion.TEXT_FIELDS]

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in InnovationVersion.TEXT_FIELDS}


class TakeDownForm(OneLineMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the owner of the record."),
    )


class SocietyPolicyForm(OneLineMixin, forms.Form):
    requires_validation = forms.BooleanField(
        label=_("The national society validates its innovations before the central team"),
        required=False,
    )
    validators = forms.CharField(
        label=_("Validators' e-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One address per line. Each must belong to an account of the platform; the "
            "validators see their society's submissions in their validation queue."
        ),
    )

    def clean_validators(self):
        text = self.cleaned_data.get("validators", "")
        emails = [line.strip().lower() for line in text.replace(",", "\n").splitlines()]
        emails = list(dict.fromkeys(e for e in emails if e))
        people = list(get_user_model().objects.filter(email__in=emails, is_active=True))
        unknown = sorted(set(emails) - {p.email for p in people})
        if unknown:
            raise forms.ValidationError(
                _("No account uses these addresses: %(emails)s.") % {"emails": ", ".join(unknown)}
            )
        return people

    def clean(self):
        data = super().clean()
        if data.get("requires_validation") and "validators" in data and not data["validators"]:
            self.add_error(
                "validators",
                _("A society that validates its innovations needs at least one validator."),
            )
        return data
