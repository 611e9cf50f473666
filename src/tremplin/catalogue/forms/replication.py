"""Forms of the catalogue's replications: the request (where and how) and the owner's answer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from ..models import Replication
from ..workflow import Outcome, replication_transition

MAX_PLAN = 4000


class ReplicationForm(OneLineMixin, forms.ModelForm):
    class Meta:
        model = Replication
        fields = ["country", "organisation", "plan"]
        labels = {
            "country": _("Country where you would replicate it"),
            "organisation": _("Your organisation"),
            "plan": _("How you would replicate it"),
        }
        help_texts = {
            "organisation": _("For example your national society, local unit or association."),
            "plan": _(
                "Where exactly, with whom, for which people, when; what you need from the "
                "team behind the innovation."
            ),
        }
        widgets = {"plan": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_PLAN})}

    def clean_plan(self):
        plan = (self.cleaned_data.get("plan") or "").strip()
        if not plan:
            raise forms.ValidationError(_("Say where and how you would replicate it."))
        if len(plan) > MAX_PLAN:
            raise forms.ValidationError(_("Keep it under %(max)d characters.") % {"max": MAX_PLAN})
        return plan


class AnswerForm(OneLineMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            (Outcome.ANSWER, _("Send a message (the request stays open)")),
            (Outcome.CONFIRM, _("The replication happened: confirm it")),
            (Outcome.DECLINE, _("The replication did not happen")),
        ],
        initial=Outcome.ANSWER,
    )
    answer = forms.CharField(
        label=_("Message to the person who asked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_PLAN}),
        max_length=MAX_PLAN,
    )

    def __init__(self, *args, replication=None, **kwargs):
        super().__init__(*args, **kwargs)
        if replication is not None:
            self.fields["outcome"].choices = [
                (value, label)
                for value, label in self.fields["outcome"].choices
                if replication_transition(value, replication.state)
            ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Outcome.ANSWER and not (cleaned.get("answer") or "").strip():
            self.add_error("answer", _("Write your answer."))
        return cleaned
