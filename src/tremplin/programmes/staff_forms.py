"""Forms of the staff pages: programmes, seasons, calls (with dates typed in the call's time
zone), copies of a call, steps, questions (with a plain-text editor of options) and criteria."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from tremplin.accounts.models import Organisation
from tremplin.core.forms import OneLineMixin
from tremplin.core.translated import TranslatedFormField, as_translated, language_codes
from tremplin.reference.models import Region

from .models import (
    TIME_ZONE_CHOICES,
    Audience,
    Call,
    EligibilityCriterion,
    FormStep,
    Programme,
    Question,
    Season,
)

Kind = Question.Kind
TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
OWN_OPTIONS_KINDS = {Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE}
MULTIPLE_KINDS = {Kind.MULTIPLE_CHOICE, Kind.BUSINESS_LINE, Kind.SDG}
NUMBER_KINDS = {Kind.NUMBER, Kind.BUDGET}
# Organisations that may be a programme's partner (others stay listed once chosen).
PARTNER_KINDS = [Organisation.Kind.PARTNER, Organisation.Kind.PUBLIC_BODY]
# The longest value AnswerChoice stores.
MAX_OPTION_VALUE = 64


class StaffForm:
    """Labels start with a capital letter (model verbose names, translated fields' legends
    included)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- Dates typed in a call's time zone --------------------------------------------------------------


class NonexistentLocalTime(ValueError):
    """A local time skipped when the clocks go forward."""


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a time zone: the form interprets it in the time zone
    chosen beside it, not in the server's or the reader's."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value
        value = str(value).strip()
        try:
            result = parse_datetime(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if result is None:
            result = forms.BaseTemporalField.to_python(self, value)
        return result


def to_utc(value: datetime.datetime, zone: ZoneInfo) -> datetime.datetime:
    """The UTC instant of a local time in `zone`."""
    if timezone.is_aware(value):
        return value.astimezone(datetime.UTC)
    aware = value.replace(tzinfo=zone)
    if aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != value:
        raise NonexistentLocalTime(value)
    return aware.astimezone(datetime.UTC)


def local_time(value: datetime.datetime | None, zone_name: str):
    """`value` as the local time, without time zone, that a person in `zone_name` reads."""
    if value is None:
        return None
    return value.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None, second=0, microsecond=0)


class LocalTimesMixin:
    """Opening and closing times typed in the time zone of the form's `time_zone` field, shown
    back in it, cleaned to UTC."""

    TIME_FIELDS = ("opens_at", "closes_at")
    TIME_HELP = _("Local time in the call's time zone (chosen above), e.g. 23:59.")

    def _show_local_times(self, instance) -> None:
        for name in self.TIME_FIELDS:
            self.fields[name].help_text = self.TIME_HELP
            if instance is not None and instance.pk:
                self.initial[name] = local_time(getattr(instance, name), instance.time_zone)

    def _clean_local_times(self, cleaned) -> None:
        zone_name = cleaned.get("time_zone")
        if not zone_name:
            return
        zone = ZoneInfo(zone_name)
        for name in self.TIME_FIELDS:
            value = cleaned.get(name)
            if value is None:
                continue
            try:
                cleaned[name] = to_utc(value, zone)
            except NonexistentLocalTime:
                self.add_error(
                    name,
                    _(
                        "This time does not exist in the %(zone)s time zone: the clocks go "
                        "forward at that moment. Choose another time."
                    )
                    % {"zone": zone_name},
                )


# --- Programmes and seasons -------------------------------------------------------------------------


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


class SeasonForm(StaffForm, OneLineMixin, forms.ModelForm):
    class Meta:
        model = Season
        fields = ["number", "opened_on", "theme"]
        widgets = {"opened_on": date_input()}


# --- Calls -------------------------------------------------------------------------------------------

CALENDAR_FIELDS = ["screening_ends_on", "review_ends_on", "committee_on", "announcement_on"]


class CallForm(StaffForm, LocalTimesMixin, OneLineMixin, forms.ModelForm):
    opens_at = LocalDateTimeField(label=_("opens at"))
    closes_at = LocalDateTimeField(label=_("closes at"))
    eligible_organisation_kinds = forms.MultipleChoiceField(
        label=_("organisation kinds that may apply"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty to accept every kind of organisation."),
    )

    class Meta:
        model = Call
        fields = [
            "programme",
            "season",
            "slug",
            "title",
            "summary",
            "time_zone",
            "opens_at",
            "closes_at",
            "eligible_organisation_kinds",
            "eligible_regions",
            *CALENDAR_FIELDS,
            "allow_edit_after_submit",
            "max_upload_mb",
        ]
        widgets = {
            "eligible_regions": forms.CheckboxSelectMultiple,
            **{name: date_input() for name in CALENDAR_FIELDS},
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens; the call's address, e.g. entrepreneurs-s5."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.order_by("-is_active", "slug")
        self.fields["season"].queryset = Season.objects.order_by("-number")
        self.fields["eligible_regions"].queryset = Region.objects.order_by("kind", "name")
        self.fields["eligible_regions"].required = False
        # Requests are refused beyond what TREMPLIN_UPLOAD_MAX_MB leaves room for.
        ceiling = settings.TREMPLIN_UPLOAD_MAX_MB
        self.fields["max_upload_mb"].validators.append(
            MaxValueValidator(
                ceiling, _("The platform accepts files of at most %(limit_value)s MB.")
            )
        )
        self.fields["max_upload_mb"].widget.attrs["max"] = ceiling
        self._show_local_times(self.instance)

    def clean(self):
        cleaned = super().clean()
        self._clean_local_times(cleaned)
        programme, season = cleaned.get("programme"), cleaned.get("season")
        if programme and season:
            other = (
                Call.objects.filter(programme=programme, season=season)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if other is not None:
                self.add_error("season", one_call_per_season_error(other))
        return cleaned


def one_call_per_season_error(other: Call):
    return forms.ValidationError(
        _(
            "This programme already has a call in this season (%(call)s): a programme has one "
            "call per season. Choose another season, or edit that call."
        )
        % {"call": other.slug},
        code="one_call_per_season",
    )


class CallChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.season} · {obj.programme} · {obj} ({obj.slug})"


class CopyCallForm(StaffForm, LocalTimesMixin, OneLineMixin, forms.Form):
    """A new call from a previous one: its programme, settings and whole form, in another
    season, with new dates."""

    source = CallChoiceField(
        label=_("Call to copy"),
        queryset=Call.objects.none(),
        help_text=_("Its programme, eligibility rules, form and checklist are copied."),
    )
    season = forms.ModelChoiceField(
        label=_("Season of the new call"), queryset=Season.objects.none()
    )
    slug = forms.SlugField(
        label=_("address"),
        max_length=80,
        required=False,
        help_text=_("Leave empty to use the programme's short name and the season number."),
    )
    title = TranslatedFormField(
        label=_("title"),
        required=False,
        help_text=_("Leave empty to keep the title of the copied call."),
    )
    time_zone = forms.ChoiceField(
        label=_("time zone"), choices=TIME_ZONE_CHOICES, initial="Europe/Paris"
    )
    opens_at = LocalDateTimeField(label=_("opens at"))
    closes_at = LocalDateTimeField(label=_("closes at"))
    screening_ends_on = forms.DateField(
        label=_("end of eligibility screening"), required=False, widget=date_input()
    )
    review_ends_on = forms.DateField(label=_("end of reviews"), required=False, widget=date_input())
    committee_on = forms.DateField(
        label=_("selection committee"), required=False, widget=date_input()
    )
    announcement_on = forms.DateField(
        label=_("announcement of results"), required=False, widget=date_input()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Call.objects.select_related(
            "programme", "season"
        ).order_by("-season__number", "programme__slug")
        self.fields["season"].queryset = Season.objects.order_by("-number")
        self._show_local_times(None)

    def clean(self):
        cleaned = super().clean()
        self._clean_local_times(cleaned)
        source, season = cleaned.get("source"), cleaned.get("season")
        if source and season:
            other = Call.objects.filter(programme=source.programme_id, season=season).first()
            if other is not None:
                self.add_error("season", one_call_per_season_error(other))
            elif not cleaned.get("slug") and "slug" not in self.errors:
                cleaned["slug"] = f"{source.programme.slug}-s{season.number}"[:80]
        slug = cleaned.get("slug")
        if slug and Call.objects.filter(slug=slug).exists():
            self.add_error(
                "slug",
                _("Another call already has the address %(slug)s: choose another one.")
                % {"slug": slug},
            )
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        return cleaned

    def call_fields(self) -> dict:
        """The new call's fields, for services.copy_call."""
        data = self.cleaned_data
        return {
            "season": data["season"],
            "slug": data["slug"],
            "title": data["title"] or None,
            "time_zone": data["time_zone"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            **{name: data[name] for name in CALENDAR_FIELDS},
        }


# --- The application form -------------------------------------------------------------------------


class StepForm(StaffForm, OneLineMixin, forms.ModelForm):
    class Meta:
        model = FormStep
        fields = ["title", "introduction"]


def options_to_text(options) -> str:
    """Stored options as lines "value | label in each language", trailing empty labels left out."""
    lines = []
    for option in options or []:
        labels = as_translated(option.get("label"))
        parts = [str(option.get("value", ""))] + [labels.in_language(c) for c in language_codes()]
        while len(parts) > 1 and not parts[-1]:
            parts.pop()
        lines.append(" | ".join(parts))
    return "\n".join(lines)


OPTION_VALUE = re.compile(r"^[-\w]+$")


class OptionsField(forms.CharField):
    """The options of a choice question, one per line: "value | label in French | in English |
    in Spanish | in Arabic". A line with a label alone gets a value made from it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6, "dir": "auto"}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return options_to_text(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        codes = language_codes()
        options, seen, errors = [], set(), []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) == 1:
                value_, labels = "", parts
            else:
                value_, labels = parts[0], parts[1:]
            if len(labels) > len(codes):
                errors.append(
                    _("Line %(line)s: more labels than languages (%(count)s).")
                    % {"line": number, "count": len(codes)}
                )
                continue
            label = {code: text for code, text in zip(codes, labels, strict=False) if text}
            if not label:
                errors.append(_("Line %(line)s: give at least one label.") % {"line": number})
                continue
            value_ = value_ or slugify(next(iter(label.values())))[:MAX_OPTION_VALUE]
            if not value_ or not OPTION_VALUE.match(value_) or len(value_) > MAX_OPTION_VALUE:
                errors.append(
                    _(
                        "Line %(line)s: the value “%(value)s” may only hold letters, digits, "
                        "hyphens and underscores (%(max)s characters at most)."
                    )
                    % {"line": number, "value": value_, "max": MAX_OPTION_VALUE}
                )
                continue
            if value_ in seen:
                errors.append(
                    _("Line %(line)s: the value “%(value)s” is already used above.")
                    % {"line": number, "value": value_}
                )
                continue
            seen.add(value_)
            options.append({"value": value_, "label": label})
        if errors:
            raise forms.ValidationError(errors)
        return options


class QuestionForm(StaffForm, OneLineMixin, forms.ModelForm):
    options = OptionsField(label=_("options"))
    step = forms.ModelChoiceField(
        label=_("step"), queryset=FormStep.objects.none(), empty_label=None
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "label",
            "help_text",
            "required",
            "options",
            "max_length",
            "max_choices",
            "min_value",
            "max_value",
        ]
        help_texts = {
            "max_length": _("Short and long texts. Long texts show a live counter to applicants."),
            "max_choices": _("Multiple choices, business lines and sustainable development goals."),
            "min_value": _("Numbers and budgets."),
            "max_value": _("Numbers and budgets."),
        }

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["options"].help_text = _(
            "Single and multiple choices: one option per line, as “value | %(languages)s”, "
            "e.g. “yes | Oui | Yes | Sí | نعم”. The value identifies the answer in lists and "
            "exports; keep it when you reword a label."
        ) % {"languages": " | ".join(str(names[code]) for code in language_codes())}
        self.fields["step"].queryset = call.steps.order_by("position", "id")
        if self.instance.pk:
            self.initial["step"] = self.instance.step_id
        else:
            del self.fields["step"]
        for name in ("max_length", "max_choices"):
            self.fields[name].min_value = 1
            self.fields[name].widget.attrs["min"] = 1

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if not kind:
            return cleaned
        if kind in OWN_OPTIONS_KINDS:
            options = cleaned.get("options") or []
            if not options and "options" not in self.errors:
                self.add_error("options", _("Give the options applicants choose from."))
            max_choices = cleaned.get("max_choices")
            if (
                kind == Kind.MULTIPLE_CHOICE
                and max_choices
                and options
                and max_choices > len(options)
            ):
                self.add_error(
                    "max_choices",
                    _("There are only %(count)s options.") % {"count": len(options)},
                )
        else:
            cleaned["options"] = []
        # Settings that do not apply to the kind are dropped, not kept unseen.
        if kind not in TEXT_KINDS:
            cleaned["max_length"] = None
        if kind not in MULTIPLE_KINDS:
            cleaned["max_choices"] = None
        if kind not in NUMBER_KINDS:
            cleaned["min_value"] = cleaned["max_value"] = None
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if low is not None and high is not None and low > high:
            self.add_error("max_value", _("The maximum must not be below the minimum."))
        return cleaned


class SystemQuestionForm(StaffForm, OneLineMixin, forms.ModelForm):
    """A question every form has: its wording and its step change, nothing else."""

    step = forms.ModelChoiceField(
        label=_("step"), queryset=FormStep.objects.none(), empty_label=None
    )

    class Meta:
        model = Question
        fields = ["label", "help_text"]

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = call.steps.order_by("position", "id")
        self.initial["step"] = self.instance.step_id


class CriterionForm(StaffForm, OneLineMixin, forms.ModelForm):
    class Meta:
        model = EligibilityCriterion
        fields = ["label"]


class MoveForm(OneLineMixin, forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Move up")), ("down", _("Move down"))])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


def preview_forms(call: Call, steps) -> list[tuple[FormStep, forms.Form]]:
    """Each step of `call`'s form with a read-only form of its questions, built with the
    fields applicants get."""
    from tremplin.applications import questions

    reference = questions.ReferenceChoices()
    pages = []
    for step in steps:
        form = forms.Form(prefix=f"step{step.pk}")
        for question in step.questions.all():
            field = questions.form_field(question, reference, call.max_upload_mb)
            field.disabled = True
            if question.required:
                field.label = _("%(label)s (required)") % {"label": field.label}
            form.fields[question.key] = field
        pages.append((step, form))
    return pages
