"""Forms of the committee's decisions: the decision on an item, sending the messages, the waiting list."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from ..models import Outcome


class DecisionForm(OneLineMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason, for the minutes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by the committee and the accelerator team, not by the applicant."),
    )
    comment_for_applicant = forms.CharField(
        label=_("Message for the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Put in the decision message in place of {{ reason }}; starts with the reviewers' "
            "comments for the applicant. The accelerator team previews it before sending."
        ),
    )


class SendDecisionsForm(OneLineMixin, forms.Form):
    decisions = forms.TypedMultipleChoiceField(coerce=int, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, decision_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decisions"].choices = [(pk, pk) for pk in decision_ids]
        self.fields["decisions"].initial = list(decision_ids)


class WithdrawingForm(OneLineMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the laureate withdraws"),
        max_length=500,
        help_text=_("Recorded in the decision's history."),
    )


class PromoteForm(OneLineMixin, forms.Form):
    vacancy = forms.IntegerField(widget=forms.HiddenInput)
    expected = forms.IntegerField(widget=forms.HiddenInput)
