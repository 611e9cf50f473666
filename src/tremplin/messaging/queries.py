"""Reads that the messaging pages share: a call's wordings, previews, and each person's
inbox. (A call's mailings are read by applications.queries.mailings.)"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from tremplin.core.translated import language_codes

from . import placeholders
from .defaults import DEFAULTS
from .models import Kind, Message, MessageTemplate

# Every kind of message that a call words, in the order of the workflow.
WORDED_KINDS = [kind for kind in Kind if kind not in (Kind.MAILING, Kind.CATALOGUE)]


@dataclass(frozen=True)
class Wording:
    kind: str
    language: str
    subject: str
    body: str
    own: MessageTemplate | None  # the call's own wording, or None for the default

    @property
    def is_own(self) -> bool:
        return self.own is not None


def default_wording(kind: str, language: str) -> tuple[str, str]:
    subject, body = DEFAULTS[kind]
    with translation.override(language):
        return str(subject), str(body)


def wording_of(call, kind: str, language: str) -> Wording:
    own = (
        MessageTemplate.objects.filter(call=call, kind=kind, language=language)
        .select_related("updated_by")
        .first()
    )
    if own is not None:
        return Wording(kind, language, own.subject, own.body, own)
    subject, body = default_wording(kind, language)
    return Wording(kind, language, subject, body, None)


def wordings_overview(call) -> list[dict]:
    """One row per kind of message: for each language, the call's own wording or None (the
    default applies). One query."""
    own = {
        (template.kind, template.language): template
        for template in MessageTemplate.objects.filter(call=call).select_related("updated_by")
    }
    return [
        {
            "kind": kind,
            "label": kind.label,
            "cells": [
                {"language": code, "own": own.get((kind.value, code))} for code in language_codes()
            ],
        }
        for kind in WORDED_KINDS
    ]


def preview(subject: str, body: str, language: str, values=None) -> tuple[str, str]:
    """`subject` and `body` filled as a recipient reading `language` would receive them;
    without values, with sample ones."""
    with translation.override(language):
        values = placeholders.sample_values() if values is None else values()
        values = {"platform_name": settings.TREMPLIN_PLATFORM_NAME, **values}
        return placeholders.fill_subject(subject, values), placeholders.fill(body, values)


# --- Inbox ------------------------------------------------------------------------------------


def inbox_of(person):
    """A person's messages, newest first, without their text (the list does not show it)."""
    return Message.objects.filter(recipient=person).defer("body").order_by("-created_at", "-pk")


def message_of(person, pk):
    """One message of `person`, or None: nobody reads someone else's message."""
    return Message.objects.filter(recipient=person, pk=pk).select_related("application").first()


def unread_count(person) -> int:
    if not getattr(person, "is_authenticated", False):
        return 0
    return Message.objects.filter(recipient=person, read_at__isnull=True).count()
