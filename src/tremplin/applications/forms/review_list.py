"""Forms of the staff list of applications: its filters, read from the query string, and
its bulk actions."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from ..models import State
from ..queries.review_list import DEFAULT_SORT, FilterChoices, Filters
from ..workflow import APPLICATION_WORKFLOW, STAFF_TRANSITIONS

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
