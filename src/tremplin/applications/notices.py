"""Every message about an application, declared once (messaging.registry): submission,
screening, withdrawal, the invitation of a co-applicant, an individual extension. A call words
its own messages: staff may reword each of these notices per call and per language on the
call's page "Wording of the messages"; without that, the default below applies, translated
like the interface. The placeholders are those of messaging.placeholders.AVAILABLE, filled by
`values` (applications.messages.application_values); in a subject, only those of
placeholders.SUBJECT (what applicants write goes in the text).

The selection committee's decisions are declared with the selection (selection.notices) and
sent through `applications.services.notify_team`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tremplin.messaging import placeholders
from tremplin.messaging.registry import CALL, Notice, register

from .messages import application_values

APP = "applications"


def declare(kind, label, subject, body, app=APP) -> Notice:
    """A notice about an application, worded per call (also used by the selection)."""
    return register(
        Notice(
            kind=kind,
            label=label,
            subject=subject,
            body=body,
            placeholders=placeholders.AVAILABLE,
            in_subject=frozenset(placeholders.SUBJECT),
            values=application_values,
            scope=CALL,
        ),
        app,
    )


SUBMITTED = declare(
    "submitted",
    _("Application submitted"),
    _("Your application {{ reference }} is submitted"),
    _(
        "Hello {{ applicant_name }},\n\n"
        'Your application "{{ project_name }}" to the call "{{ call_title }}" is submitted. '
        "Its reference is {{ reference }}.\n\n"
        "The accelerator team will first check that it meets the conditions of the call, "
        "then the selection committee will study it. You can follow it here: "
        "{{ application_url }}\n\n"
        "Here is a copy of your answers:\n\n{{ answers }}\n\n"
        "Thank you,\nThe {{ platform_name }} team"
    ),
)

INFO_REQUESTED = declare(
    "info_requested",
    _("Information requested"),
    _("Information needed about your application {{ reference }}"),
    _(
        "Hello {{ applicant_name }},\n\n"
        'To study your application "{{ project_name }}", the accelerator team needs more '
        "information:\n\n{{ reason }}\n\n"
        "Please answer on the platform: {{ application_url }}\n\n"
        "The {{ platform_name }} team"
    ),
)

ELIGIBLE = declare(
    "eligible",
    _("Application eligible"),
    _("Your application {{ reference }} is eligible"),
    _(
        "Hello {{ applicant_name }},\n\n"
        'Your application "{{ project_name }}" meets the conditions of the call '
        '"{{ call_title }}". It now goes to the selection committee.\n\n'
        "The {{ platform_name }} team"
    ),
)

INELIGIBLE = declare(
    "ineligible",
    _("Application not eligible"),
    _("Your application {{ reference }} is not eligible"),
    _(
        "Hello {{ applicant_name }},\n\n"
        'We have studied your application "{{ project_name }}" to the call '
        '"{{ call_title }}". Unfortunately it does not meet the conditions of the call, '
        "for this reason:\n\n{{ reason }}\n\n"
        "Thank you for your interest; other calls may suit your project: "
        "{{ application_url }}\n\nThe {{ platform_name }} team"
    ),
)

WITHDRAWN = declare(
    "withdrawn",
    _("Application withdrawn"),
    _("Your application {{ reference }} is withdrawn"),
    _(
        "Hello {{ applicant_name }},\n\n"
        'Your application "{{ project_name }}" is withdrawn, as you asked.\n\n'
        "The {{ platform_name }} team"
    ),
)

INVITATION = declare(
    "invitation",
    _("Invitation to join an application"),
    # The subject is the platform's own: the sender chooses the project's name and their
    # own name, so those are only in the text, quoted as theirs.
    _("Invitation to prepare an application on {{ platform_name }}"),
    _(
        "Hello,\n\n"
        "A person who has an account on {{ platform_name }} invites you to prepare an "
        "application to the call “{{ call_title }}” with them. Here is what they say, as "
        "written by the person who invites you (the platform has not checked it):\n\n"
        "Their name: “{{ applicant_name }}”\n"
        "Their project: “{{ project_name }}”\n\n"
        "To join, open this link (you will be asked to sign in or create an account with "
        "this e-mail address):\n\n"
        "{{ application_url }}\n\n"
        "If you do not know this person, ignore this message: nothing happens unless you "
        "open the link and sign in. {{ platform_name }} never asks for your password by "
        "e-mail.\n\n"
        "The {{ platform_name }} team"
    ),
)

EXTENSION = declare(
    "extension",
    _("Individual deadline extension"),
    _("More time for your application {{ reference }}"),
    _(
        "Hello {{ applicant_name }},\n\n"
        "The accelerator team has extended the deadline of your application "
        '"{{ project_name }}" to {{ deadline }}.\n\n'
        "{{ application_url }}\n\nThe {{ platform_name }} team"
    ),
)
