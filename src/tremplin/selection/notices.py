"""The messages that tell applicants the committee's decision, declared once
(messaging.registry). Like every message about an application, a call words them (staff may
reword them per call and per language), with the placeholders of an application
(applications.notices); they are sent by selection.services.meeting through
applications.services.notify_team."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tremplin.applications.notices import declare

from .models import Outcome

APP = "selection"


def _declare(kind, label, subject, body):
    return declare(kind, label, subject, body, app=APP)


SELECTED = _declare(
    "selected",
    _("Application selected"),
    _("Your application {{ reference }} is selected"),
    _(
        "Hello {{ applicant_name }},\n\n"
        'Congratulations: the selection committee has selected "{{ project_name }}". '
        "The accelerator team will contact you to start the acceleration.\n\n"
        "The {{ platform_name }} team"
    ),
)

WAITLISTED = _declare(
    "waitlisted",
    _("Application on the waiting list"),
    _("Your application {{ reference }} is on the waiting list"),
    _(
        "Hello {{ applicant_name }},\n\n"
        'The selection committee has placed "{{ project_name }}" on the waiting list. '
        "We will tell you as soon as a place opens.\n\n"
        "The {{ platform_name }} team"
    ),
)

REJECTED = _declare(
    "rejected",
    _("Application not selected"),
    _("Your application {{ reference }} was not selected"),
    _(
        "Hello {{ applicant_name }},\n\n"
        'The selection committee has studied "{{ project_name }}" with care but has not '
        "selected it this season.\n\n{{ reason }}\n\n"
        "Thank you for your commitment,\nThe {{ platform_name }} team"
    ),
)

# The notice that tells each outcome.
FOR_OUTCOME = {
    Outcome.SELECTED: SELECTED,
    Outcome.WAITLISTED: WAITLISTED,
    Outcome.REJECTED: REJECTED,
}
