"""`tremplin manage send_pending_messages`: the e-mails of messages never e-mailed are queued
again; recent ones (maybe still in the queue) and those already e-mailed are left alone."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import make_person
from tremplin.messaging.models import Kind, Message

pytestmark = pytest.mark.django_db


def recorded(person, subject, *, minutes_ago, emailed=False):
    message = Message.objects.create(
        recipient=person,
        email=person.email,
        kind=Kind.MAILING,
        language="fr",
        subject=subject,
        body="Texte",
    )
    Message.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
        emailed_at=timezone.now() if emailed else None,
    )
    return message


def test_messages_never_emailed_are_emailed(mailoutbox):
    person = make_person()
    lost = recorded(person, "Perdu", minutes_ago=30)
    recorded(person, "Déjà parti", minutes_ago=30, emailed=True)
    recorded(person, "Encore en file", minutes_ago=1)
    out = StringIO()
    call_command("send_pending_messages", stdout=out)
    assert [mail.subject for mail in mailoutbox] == ["Perdu"]
    assert "1" in out.getvalue()
    lost.refresh_from_db()
    assert lost.emailed_at is not None
    # Run again: nothing more leaves.
    call_command("send_pending_messages", stdout=StringIO())
    assert len(mailoutbox) == 1


def test_the_age_is_an_option(mailoutbox):
    recorded(make_person(), "Récent", minutes_ago=1)
    call_command("send_pending_messages", "--older-than", "0", stdout=StringIO())
    assert [mail.subject for mail in mailoutbox] == ["Récent"]
