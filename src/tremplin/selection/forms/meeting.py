"""Forms of the committee meetings: planning, the agenda, attendance, notes and votes."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.core.forms import OneLineMixin

from ..models import Vote

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class MeetingForm(OneLineMixin, forms.Form):
    """Date and place; the date is typed in the call's time zone."""

    scheduled_for = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=200,
        help_text=_("A room, an address or a video-conference link."),
    )

    def __init__(self, *args, call, **kwargs):
        self.call = call
        initial = kwargs.pop("initial", None) or {}
        meeting = kwargs.pop("meeting", None)
        if meeting is not None:
            local = timezone.localtime(meeting.scheduled_for, call.tz)
            initial = {"scheduled_for": local.replace(tzinfo=None), "place": meeting.place}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["scheduled_for"].help_text = _("In the call's time zone (%(zone)s).") % {
            "zone": call.time_zone
        }

    def clean_scheduled_for(self):
        value = self.cleaned_data["scheduled_for"]
        # The field made the typed time aware in the active time zone: read it as the call's.
        wall_clock = timezone.make_naive(value) if timezone.is_aware(value) else value
        return timezone.make_aware(wall_clock, self.call.tz)


class AddItemForm(OneLineMixin, forms.Form):
    application = forms.TypedChoiceField(label=_("Application"), coerce=int)

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [
            (application.pk, f"{application.reference} · {application}")
            for application in applications
        ]


class MoveForm(OneLineMixin, forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class AttendanceForm(OneLineMixin, forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Members present"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (member.pk, f"{member.person_name} ({member.get_role_display()})") for member in members
        ]


class NotesForm(OneLineMixin, forms.Form):
    notes = forms.CharField(
        label=_("Notes of the discussion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Shared by the committee and kept in the minutes. If someone else saved the notes "
            "since you opened this page, nothing is overwritten: both texts are shown."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class VotingForm(OneLineMixin, forms.Form):
    action = forms.ChoiceField(choices=[("open", _("Open the vote")), ("close", _("Close"))])


class VoteForm(OneLineMixin, forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect
    )
