"""Mailings: staff write to every applicant of a call whose application is in the chosen
states, each in their own language. A mailing is a draft until it is sent, once, or
discarded (workflow.MAILING_WORKFLOW)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.core import history
from tremplin.core.services import require
from tremplin.core.translated import as_translated
from tremplin.messaging import placeholders
from tremplin.messaging import services as messaging
from tremplin.messaging.models import Mailing

from ..audit import MAILING_CHANGED, MAILING_DISCARDED, MAILING_DRAFTED, MAILING_SENT
from ..messages import application_values
from ..models import Application, State
from ..workflow import MAILING_WORKFLOW, SEND_MAILING


def _check_mailing(subject, body, states) -> None:
    errors = messaging.placeholder_errors(
        {"subject": "\n".join(subject.values()), "body": "\n".join(body.values())},
        placeholders.MAILING,
    )
    if not subject:
        errors.setdefault("subject", []).append(_("Write the subject in at least one language."))
    if not body:
        errors.setdefault("body", []).append(_("Write the text in at least one language."))
    if subject and body and set(subject.languages) != set(body.languages):
        errors.setdefault("body", []).append(half_written_message())
    if not states or set(states) - set(State.values):
        errors["states"] = [_("Choose the states of the applications to write to.")]
    if errors:
        raise ValidationError(errors)


def half_written_message() -> str:
    return _(
        "In each language you use, write both the subject and the text; leave a language "
        "empty for its readers to receive another language's version."
    )


def create_mailing(call, actor, *, subject, body, states) -> Mailing:
    """A draft mailing to the applications of `call` in `states`; nothing is sent yet."""
    require(actor, SEND_MAILING, call)
    subject, body = as_translated(subject), as_translated(body)
    _check_mailing(subject, body, states)
    with transaction.atomic():
        mailing = Mailing.objects.create(
            call=call, subject=subject, body=body, states=list(states), created_by=actor
        )
        history.record(call, MAILING_DRAFTED, actor, mailing=mailing.pk)
    return mailing


def update_mailing(mailing: Mailing, actor, *, subject, body, states) -> Mailing:
    """Change a draft mailing. A mailing already sent cannot change."""
    # Refused before the state is read, whatever it is.
    require(actor, SEND_MAILING, mailing.call)
    subject, body = as_translated(subject), as_translated(body)
    _check_mailing(subject, body, states)
    with transaction.atomic():
        updated = Mailing.objects.filter(pk=mailing.pk, state=Mailing.State.DRAFT).update(
            subject=subject, body=body, states=list(states)
        )
        if not updated:
            raise ValidationError(_("This mailing is already sent; it cannot change."))
        history.record(mailing.call, MAILING_CHANGED, actor, mailing=mailing.pk)
    mailing.refresh_from_db()
    return mailing


def discard_mailing(mailing: Mailing, actor) -> bool:
    """Discard a draft mailing: it is no longer listed, and stays as a record. A mailing
    already sent stays as it is. Returns whether the draft was discarded now."""
    require(actor, SEND_MAILING, mailing.call)
    with transaction.atomic():
        locked = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if locked.state != Mailing.State.DRAFT:
            return False
        MAILING_WORKFLOW.fire(locked, "discard", actor)
        history.record(mailing.call, MAILING_DISCARDED, actor, subject=str(mailing.subject))
    mailing.state = Mailing.State.DISCARDED
    return True


def mailing_recipients(mailing: Mailing):
    return (
        Application.objects.filter(call=mailing.call, state__in=mailing.states)
        .exclude(applicant__isnull=True)
        .select_related("applicant", "call")
    )


def send_mailing(mailing: Mailing, actor) -> int:
    """Record one message per recipient application, in the recipient's language, and queue
    the e-mails. A mailing is sent once."""
    # Refused before the state is read, whatever it is.
    require(actor, SEND_MAILING, mailing.call)
    with transaction.atomic():
        # The row lock (PostgreSQL) or the immediate transaction (SQLite) makes a second
        # request wait here, then find the mailing sent: a double click sends once.
        locked = Mailing.objects.select_for_update().get(pk=mailing.pk)
        if locked.state != Mailing.State.DRAFT:
            return 0
        recipients = list(mailing_recipients(locked))
        if not recipients:
            # Nobody to write to: the mailing stays a draft that staff can correct.
            return 0
        locked = MAILING_WORKFLOW.fire(locked, "send", actor)
        count = 0
        for application in recipients:
            messaging.send_mailing_message(
                locked,
                application.applicant,
                values=lambda a=application: application_values(a),
                application=application,
            )
            count += 1
        locked = MAILING_WORKFLOW.fire(locked, "finish", actor, recipients=count)
        locked.sent_at = timezone.now()
        locked.recipients_count = count
        Mailing.objects.filter(pk=locked.pk).update(sent_at=locked.sent_at, recipients_count=count)
        history.record(locked.call, MAILING_SENT, actor, mailing=locked.pk, recipients=count)
    return count
