"""Forms of reviewing: a criterion of a call's review form (staff), and a member's review."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from ..models import ReviewCriterion

# A scale wider than this would be a list of radio buttons nobody reads (0 to 20 is the widest
# in use: French school marks).
MAX_SCALE_STEPS = 20
COMMENT_MAX_LENGTH = 10_000


class ReviewCriterionForm(OneLineMixin, forms.ModelForm):
    """A criterion with its weight and scale. Once a review has scored it, its scale is fixed:
    changing it would change the meaning of the scores already given."""

    class Meta:
        model = ReviewCriterion
        fields = ["label", "description", "weight", "scale_min", "scale_max"]

    def __init__(self, *args, scored: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)
        self.fields["weight"].help_text = _(
            "How much the criterion counts in the review's score, relative to the others "
            "(1 for all: the same)."
        )
        if scored:
            for name in ("scale_min", "scale_max"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Reviews have already scored this criterion: its scale cannot change."
                )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None:
            if high <= low:
                self.add_error("scale_max", _("The highest score must be greater than the lowest."))
            elif high - low > MAX_SCALE_STEPS:
                self.add_error(
                    "scale_max",
                    _("A scale has at most %(count)s steps between its lowest and highest score.")
                    % {"count": MAX_SCALE_STEPS},
                )
        return cleaned

    def values(self) -> dict:
        """The cleaned values for the service (disabled fields left out)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not self.fields[name].disabled
        }


def score_field_name(criterion) -> str:
    return f"criterion_{criterion.pk}"


class ReviewForm(OneLineMixin, forms.Form):
    """A member's review: a score per criterion (radio buttons on its scale, a fieldset each),
    a comment for the committee, a comment for the applicant, and the version of the review the
    page was built from. Every field is optional here: a draft may be incomplete; submission
    checks that every criterion is scored (services.reviews)."""

    version = forms.IntegerField(widget=forms.HiddenInput(attrs={"id": "review-version"}))
    comment_for_committee = forms.CharField(
        label=_("Comment for the committee"),
        help_text=_("Read by the committee only: your assessment, doubts, questions to discuss."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    comment_for_applicant = forms.CharField(
        label=_("Comment for the applicant"),
        help_text=_(
            "May be sent to the applicant with the committee's decision: constructive and "
            "courteous, without naming anyone."
        ),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, criteria, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        score_fields = {}
        for criterion in self.criteria:
            label = str(criterion.label)
            weight = criterion.weight.normalize()
            help_parts = [str(criterion.description)] if criterion.description else []
            help_parts.append(
                str(
                    _("From %(low)s (lowest) to %(high)s (highest). Weight: %(weight)s.")
                    % {"low": criterion.scale_min, "high": criterion.scale_max, "weight": weight}
                )
            )
            score_fields[score_field_name(criterion)] = forms.TypedChoiceField(
                label=label,
                help_text=" ".join(help_parts),
                choices=[
                    (str(value), str(value))
                    for value in range(criterion.scale_min, criterion.scale_max + 1)
                ],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
        # The criteria first, in the form's order, then the comments.
        self.fields = {**score_fields, **self.fields}
        if disabled:
            for name, field in self.fields.items():
                if name != "version":
                    field.disabled = True

    def score_fields(self):
        return [self[score_field_name(criterion)] for criterion in self.criteria]

    def comment_fields(self):
        return [self["comment_for_committee"], self["comment_for_applicant"]]

    def values(self) -> dict:
        """What the service saves: {"scores": {criterion id: value or None}, comments}."""
        data = self.cleaned_data
        return {
            "scores": {
                criterion.pk: data.get(score_field_name(criterion)) for criterion in self.criteria
            },
            "comment_for_committee": data.get("comment_for_committee", ""),
            "comment_for_applicant": data.get("comment_for_applicant", ""),
        }

    def base_version(self) -> int:
        return self.cleaned_data.get("version") or 0

    @classmethod
    def initial_for(cls, review, scores: dict[int, int]) -> dict:
        initial = {"version": review.version if review else 0}
        if review is not None:
            initial["comment_for_committee"] = review.comment_for_committee
            initial["comment_for_applicant"] = review.comment_for_applicant
        for criterion_id, value in scores.items():
            initial[f"criterion_{criterion_id}"] = str(value)
        return initial
