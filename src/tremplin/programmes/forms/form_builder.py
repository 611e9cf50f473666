"""Forms of the form builder: steps, questions (with a plain-text editor of options), and the
read-only preview of a call's form."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin
from tremplin.core.translated import as_translated, language_codes

from .. import questions
from ..models import Call, FormStep, Question
from . import StaffForm

Kind = Question.Kind
TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
OWN_OPTIONS_KINDS = {Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE}
MULTIPLE_KINDS = {Kind.MULTIPLE_CHOICE, Kind.BUSINESS_LINE, Kind.SDG}
NUMBER_KINDS = {Kind.NUMBER, Kind.BUDGET}
# The longest value AnswerChoice stores.
MAX_OPTION_VALUE = 64


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


def preview_forms(call: Call, steps) -> list[tuple[FormStep, forms.Form]]:
    """Each step of `call`'s form with a read-only form of its questions, built with the
    fields applicants get."""
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
