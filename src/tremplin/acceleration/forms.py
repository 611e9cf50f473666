"""Forms of the acceleration pages. A refused form is shown again with what was typed."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.accounts.models import Organisation, Person
from tremplin.core.forms import OneLineMixin
from tremplin.reference.models import BusinessLine

from .models import (
    CheckIn,
    ExpertConsultation,
    MentorProfile,
    Milestone,
    MilestoneTemplate,
    Skill,
)

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} <{obj.email}>" if obj.full_name else obj.email


class CohortDatesForm(OneLineMixin, forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=date_input())
    ends_on = forms.DateField(label=_("Ends on"), widget=date_input())

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The end must come after the start."))
        return data


class TemplateForm(OneLineMixin, forms.ModelForm):
    class Meta:
        model = MilestoneTemplate
        fields = ["phase", "title", "deliverables", "due_offset_days"]
        widgets = {"deliverables": forms.Textarea(attrs={"rows": 2})}


class MilestoneForm(OneLineMixin, forms.ModelForm):
    owner = PersonChoiceField(label=_("Owner"), queryset=Person.objects.none(), required=False)

    class Meta:
        model = Milestone
        fields = ["phase", "title", "deliverables", "due_on", "owner"]
        widgets = {"deliverables": forms.Textarea(attrs={"rows": 3}), "due_on": date_input()}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in project.team.all()]
        if project.referent_id:
            ids.append(project.referent_id)
        self.fields["owner"].queryset = Person.objects.filter(pk__in=ids)


class TransitionForm(OneLineMixin, forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000)


class FileForm(OneLineMixin, forms.Form):
    file = forms.FileField(
        label=_("Deliverable file"),
        help_text=_("PDF, ODT, DOCX, PPTX, PNG or JPEG, 10 MB at most."),
    )


class CheckInForm(OneLineMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CheckIn.Kind.choices)
    happens_at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants_text = forms.CharField(
        label=_("Other participants"),
        required=False,
        max_length=500,
        help_text=_("People without an account, separated by commas."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_steps = forms.CharField(
        label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        ids = {p.pk for p in project.team.all()} | {p.pk for p in project.mentors.all()}
        if project.referent_id:
            ids.add(project.referent_id)
        self.fields["participants"].queryset = Person.objects.filter(pk__in=ids)


class NotesForm(OneLineMixin, forms.Form):
    internal_notes = forms.CharField(
        label=_("Internal notes"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class NeedsForm(OneLineMixin, forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("What the project needs"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ReferentForm(OneLineMixin, forms.Form):
    referent = PersonChoiceField(
        label=_("Referent"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = candidates


class MentorChoiceForm(OneLineMixin, forms.Form):
    mentor = PersonChoiceField(
        label=_("Mentor"), queryset=Person.objects.filter(mentor_profile__isnull=False)
    )


class MentorProfileForm(OneLineMixin, forms.ModelForm):
    person = PersonChoiceField(
        label=_("Person"),
        queryset=Person.objects.filter(is_active=True),
        help_text=_("The person needs an account."),
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    business_lines = forms.ModelMultipleChoiceField(
        label=_("Business lines"),
        queryset=BusinessLine.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER),
        required=False,
        help_text=_("For a partner's employee in skills sponsorship."),
    )

    class Meta:
        model = MentorProfile
        fields = [
            "person",
            "kind",
            "partner",
            "business_lines",
            "skills",
            "available",
            "max_projects",
            "availability",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["person"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("kind") == MentorProfile.Kind.SPONSORSHIP and not data.get("partner"):
            self.add_error("partner", _("Say which partner lends this person."))
        return data


class ConsultationForm(OneLineMixin, forms.ModelForm):
    hours = forms.DecimalField(
        label=_("Time spent (hours)"),
        min_value=Decimal("0.25"),
        max_value=Decimal("999"),
        decimal_places=2,
        help_text=_("For example 1.5 for an hour and a half."),
    )

    class Meta:
        model = ExpertConsultation
        fields = ["expertise", "expert_name", "consulted_on", "hours", "notes"]
        widgets = {"consulted_on": date_input(), "notes": forms.Textarea(attrs={"rows": 2})}


class TrancheForm(OneLineMixin, forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (euros)"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    partner = forms.ModelChoiceField(
        label=_("Paid by"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER),
        required=False,
        empty_label=_("The accelerator"),
    )
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    planned_on = forms.DateField(label=_("Planned date"), widget=date_input())
    disbursed_on = forms.DateField(
        label=_("Disbursed on"),
        required=False,
        widget=date_input(),
        help_text=_("Empty while not disbursed."),
    )


class OutcomeForm(OneLineMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("deploy", _("Deployed in a number of sites")),
            ("scale", _("Scaled")),
            ("stop", _("Stopped (say what was learnt)")),
        ],
        widget=forms.RadioSelect,
    )
    sites = forms.IntegerField(
        label=_("Number of sites"), required=False, min_value=1, max_value=100000
    )
    lessons = forms.CharField(
        label=_("Lessons learnt"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "deploy" and not data.get("sites"):
            self.add_error("sites", _("Say in how many sites the solution is deployed."))
        if data.get("outcome") == "stop" and not (data.get("lessons") or "").strip():
            self.add_error("lessons", _("Say what was learnt."))
        return data


class ReopenForm(OneLineMixin, forms.Form):
    reason = forms.CharField(label=_("Why reopen"), max_length=1000)
