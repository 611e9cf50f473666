"""Forms of the experimentation network: directory filters, proposals, answers, reports and
the import upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin
from tremplin.reference.models import BusinessLine, Department, Region

from .models import Experiment, ExperimentationSite

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class SiteFilterForm(OneLineMixin, forms.Form):
    q = forms.CharField(label=_("Name, town, postal code or code"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *ExperimentationSite.Kind.choices],
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.all(),
        to_field_name="code",
        empty_label=_("All regions"),
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.all(),
        to_field_name="code",
        empty_label=_("All departments"),
    )
    business_line = forms.ModelChoiceField(
        label=_("Business line"),
        required=False,
        queryset=BusinessLine.objects.all(),
        to_field_name="code",
        empty_label=_("All business lines"),
    )
    willing = forms.ChoiceField(
        label=_("Willing to host"),
        required=False,
        choices=[("", _("Either")), ("yes", _("Willing")), ("no", _("Not willing"))],
    )
    available = forms.BooleanField(label=_("With a place free for an experiment"), required=False)

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class ExperimentFilterForm(OneLineMixin, forms.Form):
    q = forms.CharField(label=_("Project or site"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Experiment.Status.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.all(),
        to_field_name="code",
        empty_label=_("All regions"),
    )

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProposalForm(OneLineMixin, forms.Form):
    starts_on = forms.DateField(label=_("Expected start"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Expected end"), required=False, widget=DateInput())
    proposal = forms.CharField(
        label=_("What is proposed to the site"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the experiment needs from the site; the contact reads it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end comes before the start."))
        return data


class TransitionForm(OneLineMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why (the other side reads it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(OneLineMixin, forms.Form):
    starts_on = forms.DateField(label=_("Started on"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Ended on"), required=False, widget=DateInput())
    people_reached = forms.IntegerField(
        label=_("People reached"), required=False, min_value=0, max_value=10_000_000
    )
    results = forms.CharField(
        label=_("Results"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end comes before the start."))
        return data


class ImportForm(OneLineMixin, forms.Form):
    file = forms.FileField(
        label=_("List of sites (CSV or XLSX)"),
        help_text=_("At most 5 MB. The first row names the columns; see the model file."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Send a .csv or .xlsx file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("This file is too large (%(size)s MB): at most 5 MB, about 20,000 sites.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}"}
            )
        return upload


class SiteForm(OneLineMixin, forms.ModelForm):
    class Meta:
        model = ExperimentationSite
        fields = [
            "capacity",
            "willing_to_host",
            "address",
            "postal_code",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]

    def clean_postal_code(self):
        value = (self.cleaned_data.get("postal_code") or "").strip()
        if value and not (value.isdigit() and len(value) == 5):
            raise forms.ValidationError(_("A postal code has five digits."))
        return value
