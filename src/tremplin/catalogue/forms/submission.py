"""Forms of the submission part: starting a record, one form per section of the record, rows
of impact figures, resources and pictures, translations, the attestations of the four
criteria, and the honeypot that quietly stops bots.

Drafts accept missing answers: completeness is checked before submitting (services.missing),
so every field here is optional; what a field refuses (too long, a link that is not a web
address, more than five themes) is said next to it, and the rest of the section is saved."""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from tremplin.accounts.models import Organisation
from tremplin.core.forms import OneLineMixin
from tremplin.core.translated import as_translated
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

from .. import richtext
from ..models import (
    MAX_PUBLICS,
    MAX_SDGS,
    MAX_THEMES,
    CostRange,
    Criterion,
    InnovationVersion,
    Stage,
    TargetPublic,
)
from ..services.submission import check_link

LONG_TEXT_LIMIT = 5000
HONEYPOT = "website_url"


class HoneypotMixin:
    """A field hidden from people (and from assistive technology) that bots fill in."""

    def add_honeypot(self):
        self.fields[HONEYPOT] = forms.CharField(
            required=False,
            label=gettext_lazy("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def is_bot(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())


class RichTextField(forms.CharField):
    """A long text: sanitised (nh3) when saved; shown for editing without the entities."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", LONG_TEXT_LIMIT)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.Textarea(attrs={"rows": 6, "data-counter": LONG_TEXT_LIMIT, "dir": "auto"}),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return richtext.for_editing(value) if isinstance(value, str) else value

    def clean(self, value):
        return richtext.clean(super().clean(value))


class LimitedChoices(forms.ModelMultipleChoiceField):
    def __init__(self, *args, limit: int, message, **kwargs):
        self.limit, self.limit_message = limit, message
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if value and len(value) > self.limit:
            raise forms.ValidationError(
                self.limit_message % {"count": self.limit, "chosen": len(value)}, code="limit"
            )
        return super().clean(value)


def short_text(label, max_length=300, **attrs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto", **attrs}),
    )


class StartForm(HoneypotMixin, OneLineMixin, forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("In which language will you write?"),
        help_text=gettext_lazy(
            "You can add translations later. The language you write in stays marked as the "
            "original."
        ),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()


class SubmitForm(HoneypotMixin, OneLineMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()


class SectionForm(OneLineMixin, forms.Form):
    """A section of the record, initialised from the version (texts in `language`)."""

    text_fields: tuple[str, ...] = ()
    value_fields: tuple[str, ...] = ()

    def __init__(self, *args, version: InnovationVersion, **kwargs):
        self.version = version
        language = version.original_language
        initial = {
            name: as_translated(getattr(version, name)).get(language, "")
            for name in self.text_fields
        }
        initial.update({name: getattr(version, name) for name in self.value_fields})
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for name in self.text_fields:
            self.fields[name].widget.attrs["lang"] = language

    def valid_data(self) -> dict:
        """What validated, even when another field did not: saved while the rest is fixed."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}

    def save_kwargs(self) -> dict:
        data = self.valid_data()
        return {
            "texts": {k: v for k, v in data.items() if k in self.text_fields},
            "values": {k: v for k, v in data.items() if k in self.value_fields},
        }


class AboutForm(SectionForm):
    text_fields = ("title", "pitch", "need", "solution", "value_proposition")
    title = short_text(gettext_lazy("Name of the innovation"), 200)
    pitch = short_text(gettext_lazy("In one sentence: what does it do, for whom?"), 300)
    need = RichTextField(
        label=gettext_lazy("The social or organisational need it answers"),
        help_text=gettext_lazy("Who has this need, and what happened before your solution?"),
    )
    solution = RichTextField(
        label=gettext_lazy("The solution"),
        help_text=gettext_lazy("What it is and how it works, in simple words."),
    )
    value_proposition = RichTextField(
        label=gettext_lazy("What is innovative about it"),
        help_text=gettext_lazy("What it does better or differently than what existed."),
    )


class ResultsForm(SectionForm):
    text_fields = ("results",)
    results = RichTextField(
        label=gettext_lazy("Results and impact"),
        help_text=gettext_lazy(
            "What changed for the people supported, for the teams? Give figures below with "
            "their source and date."
        ),
    )


class ReplicateForm(SectionForm):
    text_fields = ("transfer_potential", "resources", "partners_needed")
    value_fields = ("cost_range", "duration_months")
    transfer_potential = RichTextField(
        label=gettext_lazy("Transfer and scaling potential"),
        help_text=gettext_lazy("Where else could it work? What must be adapted?"),
    )
    resources = RichTextField(
        label=gettext_lazy("Resources needed"),
        help_text=gettext_lazy("People, skills, premises, equipment, tools."),
    )
    partners_needed = RichTextField(label=gettext_lazy("Partners needed"))
    cost_range = forms.ChoiceField(
        label=gettext_lazy("Cost to replicate it"),
        choices=[("", "—"), *CostRange.choices],
        required=False,
    )
    duration_months = forms.IntegerField(
        label=gettext_lazy("Time needed to replicate it (months)"),
        min_value=1,
        max_value=240,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _country_choices():
    return [("", "—"), *[(code, name) for code, name in countries]]


class ClassificationForm(SectionForm):
    value_fields = ("stage", "country", "national_society", "carrying_organisation")
    stage = forms.ChoiceField(
        label=gettext_lazy("Stage reached"),
        choices=Stage.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    publics = LimitedChoices(
        TargetPublic.objects.all(),
        label=gettext_lazy("Who it serves (at most 5)"),
        limit=MAX_PUBLICS,
        message=gettext_lazy("Choose at most %(count)s publics (you chose %(chosen)s)."),
    )
    business_lines = LimitedChoices(
        BusinessLine.objects.all(),
        label=gettext_lazy("Themes (at most 5)"),
        limit=MAX_THEMES,
        message=gettext_lazy("Choose at most %(count)s themes (you chose %(chosen)s)."),
    )
    sdgs = LimitedChoices(
        SustainableDevelopmentGoal.objects.all(),
        label=gettext_lazy("Sustainable development goals (at most 5)"),
        limit=MAX_SDGS,
        message=gettext_lazy(
            "Choose at most %(count)s sustainable development goals (you chose %(chosen)s)."
        ),
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    national_society = forms.ModelChoiceField(
        Organisation.objects.filter(kind=Organisation.Kind.NATIONAL_SOCIETY).order_by("name"),
        label=gettext_lazy("National society"),
        required=False,
        empty_label="—",
    )
    carrying_organisation = short_text(
        gettext_lazy("Organisation that carries it"), 200, autocomplete="organization"
    )

    def __init__(self, *args, version, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "stage": version.stage,
                "country": version.country.code if version.country else "",
                "national_society": version.national_society_id,
                "carrying_organisation": version.carrying_organisation,
                # Lists of pks: one query each, cached by the prefetch of the page.
                "publics": [p.pk for p in version.publics.all()],
                "business_lines": [b.pk for b in version.business_lines.all()],
                "sdgs": [g.pk for g in version.sdgs.all()],
            },
        )
        super().__init__(*args, version=version, **kwargs)
        self.fields["country"].choices = _country_choices()

    def save_kwargs(self) -> dict:
        data = self.valid_data()
        kwargs = {"values": {k: v for k, v in data.items() if k in self.value_fields}}
        for name, key in (("publics", "publics"), ("business_lines", "themes"), ("sdgs", "sdgs")):
            if name in data:
                kwargs[key] = list(data[name])
        return kwargs


class ContactForm(SectionForm):
    value_fields = ("contact_name", "contact_email")
    contact_name = short_text(gettext_lazy("Contact person"), 150, autocomplete="name")
    contact_email = forms.EmailField(
        label=gettext_lazy("Their e-mail address"),
        required=False,
        help_text=gettext_lazy("Shown on the published page so that others can ask questions."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CriteriaForm(SectionForm):
    """The four criteria, each attested with a short justification."""

    def __init__(self, *args, version, **kwargs):
        kwargs.setdefault("initial", dict(version.attestations or {}))
        super().__init__(*args, version=version, **kwargs)
        for criterion in Criterion:
            self.fields[criterion.value] = forms.CharField(
                label=criterion.label,
                help_text=_("Explain in two or three sentences why this is true."),
                max_length=1000,
                required=False,
                widget=forms.Textarea(
                    attrs={
                        "rows": 3,
                        "data-counter": 1000,
                        "dir": "auto",
                        "lang": version.original_language,
                    }
                ),
            )

    def save_kwargs(self) -> dict:
        data = self.valid_data()
        merged = dict(self.version.attestations or {})
        merged.update({k: v for k, v in data.items() if k in Criterion.values})
        return {"attestations": merged}


class ImagesForm(SectionForm):
    """The pictures section has no field of its own: its rows are below."""


SECTIONS = {
    "about": (gettext_lazy("What it is"), AboutForm),
    "results": (gettext_lazy("Results and evidence"), ResultsForm),
    "replicate": (gettext_lazy("How to replicate it"), ReplicateForm),
    "classification": (gettext_lazy("Classification"), ClassificationForm),
    "contact": (gettext_lazy("Contact person"), ContactForm),
    "images": (gettext_lazy("Pictures"), ImagesForm),
    "criteria": (gettext_lazy("The four criteria"), CriteriaForm),
}
SECTION_ORDER = list(SECTIONS)


# --- Rows: impact figures, resources, pictures ------------------------------------------------


class RowForm(OneLineMixin, forms.Form):
    """One row; the new row carries a token so that autosaving it twice creates it once."""

    token = forms.CharField(required=False, widget=forms.HiddenInput)
    remove = forms.BooleanField(label=gettext_lazy("Remove"), required=False)
    required_when_filled: tuple[str, ...] = ()

    def __init__(self, *args, is_new=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_new = is_new
        if is_new:
            del self.fields["remove"]
            self.fields["token"].initial = secrets.token_urlsafe(12)
        else:
            self.order_fields([name for name in self.fields if name != "remove"] + ["remove"])

    def has_content(self) -> bool:
        return any(
            (self.data.get(self.add_prefix(name)) or "").strip()
            for name in self.fields
            if name not in ("token", "remove", "shows_people")
        ) or bool(self.files.get(self.add_prefix("file")))

    def wants_removal(self) -> bool:
        return not self.is_new and self.fields["remove"].widget.value_from_datadict(
            self.data, self.files, self.add_prefix("remove")
        )

    def clean(self):
        cleaned = super().clean()
        for name in self.required_when_filled:
            if name not in self.errors and cleaned.get(name) in (None, ""):
                self.add_error(name, _("This is needed for the row to be saved."))
        return cleaned


class FigureForm(RowForm):
    value = forms.DecimalField(
        label=gettext_lazy("Value"),
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    unit = short_text(gettext_lazy("Unit (people, %, €...)"), 30)
    label = short_text(gettext_lazy("What it measures"), 300)
    source = short_text(gettext_lazy("Source"), 300)
    measured_on = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    required_when_filled = ("value", "label", "source", "measured_on")


class ResourceForm(RowForm):
    title = short_text(gettext_lazy("Title"), 200)
    url = forms.CharField(
        label=gettext_lazy("Web address (http:// or https://)"),
        max_length=200,
        required=False,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    file = forms.FileField(
        label=gettext_lazy("Or a file (PDF, ODT, DOCX, PPTX, PNG, JPEG; 10 MB at most)"),
        required=False,
    )
    required_when_filled = ("title",)

    def clean_url(self):
        return check_link(self.cleaned_data.get("url", ""))


class ImageForm(RowForm):
    file = forms.FileField(
        label=gettext_lazy("Picture (JPEG, PNG or WebP; 10 MB at most)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = short_text(gettext_lazy("What it shows, for people who cannot see it"), 300)
    shows_people = forms.BooleanField(
        label=gettext_lazy("People can be recognised on it"), required=False
    )
    consent_note = short_text(gettext_lazy("How they gave their consent (who, how, when)"), 300)

    def __init__(self, *args, is_new=False, **kwargs):
        super().__init__(*args, is_new=is_new, **kwargs)
        if not is_new:
            del self.fields["file"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("shows_people") and not (cleaned.get("consent_note") or "").strip():
            self.add_error(
                "consent_note",
                _(
                    "This picture shows people: say how they gave their consent before it can be used."
                ),
            )
        return cleaned


ROW_KINDS = {
    "figure": FigureForm,
    "resource": ResourceForm,
    "image": ImageForm,
}


def figure_initial(figure, language) -> dict:
    return {
        "value": figure.value,
        "unit": figure.unit,
        "label": as_translated(figure.label).get(language, ""),
        "source": figure.source,
        "measured_on": figure.measured_on,
    }


def resource_initial(resource, language) -> dict:
    return {"title": resource.title, "url": resource.url}


def image_initial(image, language) -> dict:
    return {
        "alt_text": as_translated(image.alt_text).get(language, ""),
        "shows_people": image.shows_people,
        "consent_note": image.consent_note,
    }


# --- Translations ---------------------------------------------------------------------------


class TranslationForm(OneLineMixin, forms.Form):
    """The text fields in one more language, next to the original."""

    def __init__(self, *args, version: InnovationVersion, language: str, **kwargs):
        self.version, self.language = version, language
        initial = {
            name: as_translated(getattr(version, name)).get(language, "")
            for name in InnovationVersion.TEXT_FIELDS
        }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        model_fields = {f.name: f for f in InnovationVersion._meta.get_fields()}
        for name in InnovationVersion.TEXT_FIELDS:
            label = model_fields[name].verbose_name
            if name in ("title", "pitch"):
                field = short_text(label, 200 if name == "title" else 300)
            else:
                field = RichTextField(label=label)
            field.label = str(label).capitalize()
            field.widget.attrs["lang"] = language
            self.fields[name] = field

    def valid_data(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
