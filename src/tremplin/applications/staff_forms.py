"""Forms of the staff pages of applications: list filters, bulk actions, transitions,
screening checklist, internal notes, deadline extensions."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from .models import State
from .queries import DEFAULT_SORT, FilterChoices, Filters
from .workflow import APPLICATION_WORKFLOW, STAFF_TRANSITIONS

ALL = ("", _("All"))

SORT_CHOICES = [
    ("-submitted", _("Submitted (newest first)")),
    ("submitted", _("Submitted (oldest first)")),
    ("title", _("Project name (A to Z)")),
    ("-title", _("Project name (Z to A)")),
    ("region", _("Region (A to Z)")),
    ("-region", _("Region (Z to A)")),
    ("status", _("Status")),
    ("-status", _("Status (reversed)")),
]

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


class ApplicationFilterForm(OneLineMixin, forms.Form):
    """The list's filters, read from the query string. A value that is not offered is
    reported next to its field and ignored; the other filters still apply."""

    q = forms.CharField(label=_("Search the answers"), required=False, max_length=200)
    status = forms.MultipleChoiceField(
        label=_("Status"),
        required=False,
        choices=State.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    drafts = forms.BooleanField(label=_("Include drafts"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    season = forms.ChoiceField(label=_("Season"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    business_line = forms.ChoiceField(label=_("Business line"), required=False)
    organisation_kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data, *, choices: FilterChoices, call=None):
        super().__init__(data)
        self.call = call
        self.choices = choices
        self.fields["region"].choices = [ALL, *choices.regions]
        self.fields["business_line"].choices = [ALL, *choices.business_lines]
        self.fields["organisation_kind"].choices = [ALL, *choices.organisation_kinds]
        if call is None:
            self.fields["programme"].choices = [ALL, *choices.programmes]
            self.fields["season"].choices = [ALL, *choices.seasons]
        else:
            del self.fields["programme"]
            del self.fields["season"]
        self.question_fields = {}
        for entry in choices.questions:
            name = f"answer_{entry.question.key}"
            self.fields[name] = forms.ChoiceField(
                label=str(entry.question.label), required=False, choices=[ALL, *entry.options]
            )
            self.question_fields[name] = entry.question
        # The sort field goes last, after the questions.
        self.order_fields([name for name in self.fields if name != "sort"] + ["sort"])

    @property
    def main_fields(self):
        return [self[name] for name in ("q", "status", "drafts")]

    @property
    def filter_fields(self):
        skip = {"q", "status", "drafts", "sort"}
        return [self[name] for name in self.fields if name not in skip]

    def filters(self) -> Filters:
        """The valid part of what was asked."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(
            call=self.call,
            include_drafts=bool(data.get("drafts")),
            states=list(data.get("status") or []),
            programme_id=int(data["programme"]) if data.get("programme") else None,
            season_id=int(data["season"]) if data.get("season") else None,
            region_code=data.get("region") or "",
            business_line=data.get("business_line") or "",
            organisation_kind=data.get("organisation_kind") or "",
            answers={
                question.pk: data[name]
                for name, question in self.question_fields.items()
                if data.get(name)
            },
            search=data.get("q") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )


def transition_choices():
    transitions = APPLICATION_WORKFLOW.transitions
    return [(name, transitions[name].label) for name in STAFF_TRANSITIONS]


class IdListField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        try:
            return sorted({int(v) for v in value})
        except (TypeError, ValueError) as error:
            raise ValidationError(_("The selection is not valid."), code="invalid") from error


class BulkActionForm(OneLineMixin, forms.Form):
    applications = IdListField(
        error_messages={"required": _("Select at least one application in the list.")}
    )
    transition = forms.ChoiceField(label=_("Action"), choices=transition_choices)
    reason = forms.CharField(
        label=_("Reason or question"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required to ask for information (the question is sent to each applicant) and to "
            "declare applications not eligible (the reason is sent to each applicant)."
        ),
    )

    MAX_SELECTED = 500

    def clean_applications(self):
        ids = self.cleaned_data["applications"]
        if len(ids) > self.MAX_SELECTED:
            raise ValidationError(
                _("Select at most %(count)s applications at once.") % {"count": self.MAX_SELECTED}
            )
        return ids

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("transition")
        needs_reason = name and APPLICATION_WORKFLOW.transitions[name].requires_reason
        if needs_reason and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("This action needs a reason: please write it."))
        return cleaned


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
