"""Forms of the staff page of one application: transitions, eligibility checklist, internal
notes, deadline extension."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

# What the reason of each staff transition is for, said next to the field.
REASON_LABELS = {
    "request_information": (
        _("Your question to the applicant"),
        _("Sent to the applicant, who answers on the platform."),
    ),
    "mark_ineligible": (
        _("Reason"),
        _("Sent to the applicant."),
    ),
}
DEFAULT_REASON_LABEL = (_("Reason"), _("Recorded in the history."))


def reason_label(name: str):
    return REASON_LABELS.get(name, DEFAULT_REASON_LABEL)


class TransitionForm(OneLineMixin, forms.Form):
    """One transition of the application page; prefixed with the transition's name so that
    each small form on the page has its own fields."""

    reason = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, prefix=transition.name, **kwargs)
        self.transition = transition
        if transition.requires_reason:
            label, help_text = reason_label(transition.name)
            field = self.fields["reason"]
            field.label, field.help_text, field.required = label, help_text, True
            field.error_messages["required"] = _("This action needs a reason: please write it.")
        else:
            del self.fields["reason"]


MET_CHOICES = [("yes", _("Met")), ("no", _("Not met")), ("", _("Unknown"))]
MET_VALUES = {"yes": True, "no": False, "": None}


class ScreeningForm(OneLineMixin, forms.Form):
    """The call's eligibility checklist: for each criterion met / not met / unknown, and a
    note."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            check = row.check
            initial = ""
            if check is not None and check.met is not None:
                initial = "yes" if check.met else "no"
            self.fields[f"{row.field_prefix}-met"] = forms.ChoiceField(
                label=str(row.criterion.label),
                choices=MET_CHOICES,
                required=False,
                initial=initial,
                widget=forms.RadioSelect,
            )
            self.fields[f"{row.field_prefix}-note"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=500,
                initial=check.note if check else "",
            )

    def pairs(self):
        return [
            (row, self[f"{row.field_prefix}-met"], self[f"{row.field_prefix}-note"])
            for row in self.rows
        ]

    def checks(self) -> dict[int, tuple[bool | None, str]]:
        return {
            row.criterion.pk: (
                MET_VALUES[self.cleaned_data.get(f"{row.field_prefix}-met") or ""],
                self.cleaned_data.get(f"{row.field_prefix}-note") or "",
            )
            for row in self.rows
        }


class NoteForm(OneLineMixin, forms.Form):
    text = forms.CharField(
        label=_("New internal note"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the accelerator team only, never by the applicant."),
        error_messages={"required": _("The note is empty.")},
    )


class CallDateTimeField(forms.DateTimeField):
    """A date-time typed in a call's time zone (not the reader's)."""

    zone = None

    def to_python(self, value):
        with timezone.override(self.zone or timezone.get_current_timezone()):
            return super().to_python(value)


class ExtensionForm(OneLineMixin, forms.Form):
    """An individual deadline, typed in the call's time zone."""

    until = CallDateTimeField(
        label=_("New deadline for this application"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, call, current=None, **kwargs):
        if current is not None:
            kwargs.setdefault("initial", {"until": timezone.make_naive(current, call.tz)})
        super().__init__(*args, **kwargs)
        self.call = call
        field = self.fields["until"]
        field.zone = call.tz
        field.help_text = _(
            "Date and time in the call's time zone (%(zone)s). The call closes on %(closes)s."
        ) % {
            "zone": call.time_zone,
            "closes": timezone.make_naive(call.closes_at, call.tz).strftime("%Y-%m-%d %H:%M"),
        }

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= self.call.closes_at:
            raise ValidationError(_("An extension must end after the call's closing time."))
        return until
