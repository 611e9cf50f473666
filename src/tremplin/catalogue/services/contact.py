"""Writes of the catalogue's contact form: a visitor's message is relayed to the team behind a
published innovation. The team's address is never shown to the visitor: the platform e-mails
it, with the visitor's address to reply to. The subject is the platform's own; what the
visitor wrote (their name, their address, their message) is in the body, quoted as theirs."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from tremplin.core import history
from tremplin.messaging.services import send

from .. import audit, notices
from ..models import Innovation


@dataclass(frozen=True)
class Recipient:
    person: object | None  # their account, when they have one: they read it in the platform
    email: str
    language: str


def recipient_of(innovation: Innovation) -> Recipient:
    """Who receives the messages about `innovation`: the contact address of its published
    version (the person the team chose to answer), or its owner when there is none."""
    version = innovation.published
    address = (version.contact_email or "").strip() if version else ""
    if not address:
        owner = innovation.owner
        return Recipient(owner, owner.email, owner.preferred_language)
    person = (
        get_user_model()
        .objects.filter(email__iexact=address, is_active=True)
        .only("pk", "email", "preferred_language")
        .first()
    )
    if person is not None:
        return Recipient(person, address, person.preferred_language)
    return Recipient(None, address, version.original_language)


def write_to_team(innovation: Innovation, sender, *, name: str, email: str, message: str):
    """Relay `message` from the visitor (signed in or not: `sender` is request.user) to the
    team behind `innovation`."""
    if not sender.has_perm("catalogue.contact_team", innovation):
        raise PermissionDenied
    recipient = recipient_of(innovation)
    account = sender.email if getattr(sender, "is_authenticated", False) else ""
    visitor = notices.visitor_values(name=name, email=email, message=message, account=account)
    with transaction.atomic():
        [relayed] = send(
            notices.CONTACT,
            recipient.person,
            obj=innovation,
            values=visitor,
            email=recipient.email,
            language=recipient.language,
            reply_to=visitor["email"],
        )
        # The message itself is the record; the history says only that one was relayed.
        history.record(innovation, audit.CONTACT_MESSAGE_RELAYED, sender, message=relayed.pk)
    return relayed
