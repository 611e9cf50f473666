"""Writes of the catalogue's contact form: a visitor's message is relayed to the team behind a
published innovation. The team's address is never shown to the visitor: the platform e-mails
it, with the visitor's address to reply to. The subject is the platform's own; what the
visitor wrote (their name, their address, their message) is in the body, quoted as theirs."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.core import history
from tremplin.core.text import one_line, quoted
from tremplin.messaging.models import Kind
from tremplin.messaging.services import notify

from ..models import Innovation
from ..notices import innovation_link


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
    values = {
        "name": one_line(name),
        "email": one_line(email),
        "message": quoted(message),
        "account": account,
        "link": innovation_link(innovation),
    }

    def write():
        version = innovation.published
        title = version.title.shown().text or innovation.slug
        subject = _("A message about “%(title)s” from the innovation catalogue") % {"title": title}
        parts = [
            _(
                "Someone wrote to you from the page of “%(title)s” in the innovation "
                "catalogue. The platform does not check who they are: be wary of links, and of "
                "requests for money or personal data."
            )
            % {"title": title},
            "\n".join(
                [
                    _("Their name, as they wrote it: %(name)s") % values,
                    _("Their e-mail address, as they wrote it: %(email)s") % values,
                    *(
                        [_("They were signed in to the platform as %(account)s.") % values]
                        if account
                        else []
                    ),
                ]
            ),
            _("Their message, as they wrote it:") + "\n" + values["message"],
            _(
                "To answer, reply to this e-mail: your answer goes to the address they gave. "
                "Your own address has not been shown to them."
            ),
            _("The page of your innovation: %(link)s") % values,
        ]
        return subject, "\n\n".join(parts)

    with transaction.atomic():
        relayed = notify(
            recipient.person,
            write,
            kind=Kind.CATALOGUE,
            email=recipient.email,
            language=recipient.language,
            reply_to=values["email"],
        )
        # The message itself is the record; the history says only that one was relayed.
        history.record(innovation, "contact_message_relayed", sender, message=relayed.pk)
    return relayed
