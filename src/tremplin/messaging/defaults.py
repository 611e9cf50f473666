"""The platform's default wording of each message, translated like the interface."""

from django.utils.translation import gettext_lazy as _

from .models import Kind

DEFAULTS = {
    Kind.SUBMITTED: (
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
    ),
    Kind.INFO_REQUESTED: (
        _("Information needed about your application {{ reference }}"),
        _(
            "Hello {{ applicant_name }},\n\n"
            'To study your application "{{ project_name }}", the accelerator team needs more '
            "information:\n\n{{ reason }}\n\n"
            "Please answer on the platform: {{ application_url }}\n\n"
            "The {{ platform_name }} team"
        ),
    ),
    Kind.ELIGIBLE: (
        _("Your application {{ reference }} is eligible"),
        _(
            "Hello {{ applicant_name }},\n\n"
            'Your application "{{ project_name }}" meets the conditions of the call '
            '"{{ call_title }}". It now goes to the selection committee.\n\n'
            "The {{ platform_name }} team"
        ),
    ),
    Kind.INELIGIBLE: (
        _("Your application {{ reference }} is not eligible"),
        _(
            "Hello {{ applicant_name }},\n\n"
            'We have studied your application "{{ project_name }}" to the call '
            '"{{ call_title }}". Unfortunately it does not meet the conditions of the call, '
            "for this reason:\n\n{{ reason }}\n\n"
            "Thank you for your interest; other calls may suit your project: "
            "{{ application_url }}\n\nThe {{ platform_name }} team"
        ),
    ),
    Kind.SELECTED: (
        _("Your application {{ reference }} is selected"),
        _(
            "Hello {{ applicant_name }},\n\n"
            'Congratulations: the selection committee has selected "{{ project_name }}". '
            "The accelerator team will contact you to start the acceleration.\n\n"
            "The {{ platform_name }} team"
        ),
    ),
    Kind.WAITLISTED: (
        _("Your application {{ reference }} is on the waiting list"),
        _(
            "Hello {{ applicant_name }},\n\n"
            'The selection committee has placed "{{ project_name }}" on the waiting list. '
            "We will tell you as soon as a place opens.\n\n"
            "The {{ platform_name }} team"
        ),
    ),
    Kind.REJECTED: (
        _("Your application {{ reference }} was not selected"),
        _(
            "Hello {{ applicant_name }},\n\n"
            'The selection committee has studied "{{ project_name }}" with care but has not '
            "selected it this season.\n\n{{ reason }}\n\n"
            "Thank you for your commitment,\nThe {{ platform_name }} team"
        ),
    ),
    Kind.WITHDRAWN: (
        _("Your application {{ reference }} is withdrawn"),
        _(
            "Hello {{ applicant_name }},\n\n"
            'Your application "{{ project_name }}" is withdrawn, as you asked.\n\n'
            "The {{ platform_name }} team"
        ),
    ),
    Kind.INVITATION: (
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
    ),
    Kind.EXTENSION: (
        _("More time for your application {{ reference }}"),
        _(
            "Hello {{ applicant_name }},\n\n"
            "The accelerator team has extended the deadline of your application "
            '"{{ project_name }}" to {{ deadline }}.\n\n'
            "{{ application_url }}\n\nThe {{ platform_name }} team"
        ),
    ),
    Kind.MAILING: ("", ""),
    Kind.CATALOGUE: ("", ""),  # worded by the catalogue (messaging.services.notify)
}
