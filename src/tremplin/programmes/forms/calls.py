"""Forms of a call: its settings (with dates typed in the call's time zone) and a copy of a
previous call in another season."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from tremplin.accounts.models import Organisation
from tremplin.core.forms import OneLineMixin
from tremplin.core.translated import TranslatedFormField
from tremplin.reference.models import Region

from ..models import TIME_ZONE_CHOICES, Call, Programme, Season
from . import StaffForm, date_input

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
