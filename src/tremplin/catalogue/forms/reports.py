"""Forms of abuse reports: the reader's report and the moderator's decision on it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin


class ReportForm(OneLineMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is the problem?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "For example: wrong or misleading information, content that is not yours, personal "
            "data, offensive content. The moderation team reads every report."
        ),
    )
    # A honeypot: hidden from people, filled by robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)


class HandleReportForm(OneLineMixin, forms.Form):
    DISMISS = "dismiss"
    TAKE_DOWN = "take_down"

    action = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (DISMISS, _("Keep the record online and close the report")),
            (TAKE_DOWN, _("Take the record offline")),
        ],
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why you keep it online, or why you take it offline (this reason is sent to the owner)."
        ),
    )
