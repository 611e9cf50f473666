"""Questions of an application form: the form field of each kind, and the conversion of a
cleaned value to the stored JSON value, its plain text, and the values staff filter by."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import cached_property

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tremplin.core.text import one_line
from tremplin.core.translated import as_translated
from tremplin.programmes.models import Question
from tremplin.reference.models import BusinessLine, Region, SustainableDevelopmentGoal

Kind = Question.Kind

DEFAULT_SHORT_TEXT_LENGTH = 300
DEFAULT_LONG_TEXT_LENGTH = 5000


class ReferenceChoices:
    """Choices of the reference-data kinds, read once per form."""

    @cached_property
    def regions(self):
        return [(r.code, r.display_name) for r in Region.objects.order_by("kind", "name")]

    @cached_property
    def business_lines(self):
        return [(b.code, str(b.name)) for b in BusinessLine.objects.all()]

    @cached_property
    def sdgs(self):
        return [(str(g.number), str(g)) for g in SustainableDevelopmentGoal.objects.all()]


def options_of(question: Question, reference: ReferenceChoices) -> list[tuple[str, str]]:
    if question.kind == Kind.REGION:
        return reference.regions
    if question.kind == Kind.BUSINESS_LINE:
        return reference.business_lines
    if question.kind == Kind.SDG:
        return reference.sdgs
    return [
        (str(o.get("value")), str(as_translated(o.get("label")))) for o in question.options or []
    ]


class MaxChoicesMixin:
    def __init__(self, *args, max_choices=None, **kwargs):
        self.max_choices = max_choices
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if self.max_choices and len(value) > self.max_choices:
            raise forms.ValidationError(
                _("Choose at most %(count)s.") % {"count": self.max_choices}, code="max_choices"
            )


class LimitedMultipleChoiceField(MaxChoicesMixin, forms.MultipleChoiceField):
    pass


def form_field(question: Question, reference: ReferenceChoices, max_upload_mb: int = 10):
    """The form field for `question`. Drafts accept missing answers: `required` is checked at
    submission, so every field here is optional and marked required for assistive technology."""
    label = str(question.label)
    help_text = str(question.help_text) if question.help_text else ""
    common = {"label": label, "help_text": help_text, "required": False}
    kind = question.kind
    if kind == Kind.SHORT_TEXT:
        field = forms.CharField(
            max_length=question.max_length or DEFAULT_SHORT_TEXT_LENGTH, **common
        )
    elif kind == Kind.LONG_TEXT:
        limit = question.max_length or DEFAULT_LONG_TEXT_LENGTH
        field = forms.CharField(
            max_length=limit,
            widget=forms.Textarea(attrs={"rows": 8, "data-counter": limit}),
            **common,
        )
    elif kind in (Kind.SINGLE_CHOICE, Kind.REGION):
        choices = options_of(question, reference)
        widget = forms.RadioSelect if len(choices) <= 6 else forms.Select
        field = forms.ChoiceField(
            choices=[("", "—"), *choices] if widget is forms.Select else choices,
            widget=widget,
            **common,
        )
    elif kind in (Kind.MULTIPLE_CHOICE, Kind.BUSINESS_LINE, Kind.SDG):
        max_choices = question.max_choices or (5 if kind == Kind.SDG else None)
        field = LimitedMultipleChoiceField(
            choices=options_of(question, reference),
            widget=forms.CheckboxSelectMultiple,
            max_choices=max_choices,
            **common,
        )
    elif kind in (Kind.NUMBER, Kind.BUDGET):
        field = forms.DecimalField(
            max_digits=14,
            decimal_places=2,
            min_value=question.min_value
            if question.min_value is not None
            else (0 if kind == Kind.BUDGET else None),
            max_value=question.max_value,
            widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            **common,
        )
    elif kind == Kind.DATE:
        field = forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common
        )
    elif kind == Kind.EMAIL:
        field = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}), **common)
    elif kind == Kind.URL:
        field = forms.URLField(assume_scheme="https", **common)
    elif kind == Kind.FILE:
        field = forms.FileField(**common)
        field.help_text = " ".join(
            filter(
                None,
                [
                    help_text,
                    str(
                        gettext_lazy("PDF, ODT, DOCX, PPTX, PNG or JPEG, %(size)s MB at most.")
                        % {"size": max_upload_mb}
                    ),
                ],
            )
        )
    else:  # pragma: no cover - every kind is handled above
        raise ValueError(kind)
    field.widget.attrs.setdefault("aria-required", "true" if question.required else "false")
    if kind == Kind.BUDGET:
        field.widget.attrs["data-unit"] = "€"
    return field


def to_value(question: Question, cleaned):
    """The JSON value stored for a cleaned form value (None when empty). A short text is kept
    on one line whatever sent it (the form does it too; an import or another caller may not):
    the project's name, for one, goes into lists, exports and messages."""
    if question.kind == Kind.SHORT_TEXT and isinstance(cleaned, str):
        cleaned = one_line(cleaned)
    if cleaned in (None, "", [], ()):
        return None
    if isinstance(cleaned, Decimal):
        if question.kind == Kind.BUDGET:
            return str(cleaned.quantize(Decimal("0.01")))
        return format(cleaned.normalize(), "f")
    if isinstance(cleaned, datetime.date):
        return cleaned.isoformat()
    if isinstance(cleaned, (list, tuple)):
        return [str(v) for v in cleaned]
    return str(cleaned)


def to_initial(question: Question, value):
    """The form's initial value for a stored JSON value."""
    if value is None:
        return None
    if question.kind == Kind.DATE:
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            return None
    return value


def chosen_values(question: Question, value) -> list[str]:
    """The values staff filter by (choice kinds only)."""
    if not question.is_choice or value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def display(question: Question, value, labels: dict[str, str] | None = None) -> str:
    """The answer as text, choice values shown by their label."""
    if value is None:
        return ""
    if question.is_choice:
        labels = labels or {}
        return ", ".join(labels.get(v, v) for v in chosen_values(question, value))
    if question.kind == Kind.BUDGET:
        return f"{value} €"
    return str(value)


def is_answered(question: Question, value, has_files: bool) -> bool:
    if question.kind == Kind.FILE:
        return has_files
    return value not in (None, "", [])
