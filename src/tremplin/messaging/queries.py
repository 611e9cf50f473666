"""Reads that the messaging pages share: the wordings of the notices, previews, and each
person's inbox. (A call's mailings are read by applications.queries.mailings.)"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.utils import translation

from tremplin.core.translated import language_codes

from . import placeholders, registry
from .models import Kind, Message, MessageTemplate
from .registry import CALL, PLATFORM, Notice


def worded_per_call() -> list[Notice]:
    """Every notice that a call words, in the order of the workflow (that of Kind, which lists
    the kinds of messages about an application; a notice it does not list comes last)."""
    order = {kind: position for position, kind in enumerate(Kind.values)}
    return sorted(registry.registered(CALL), key=lambda n: order.get(n.kind, len(order)))


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
    return registry.get(kind).default_wording(language)


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
    """One row per notice that a call words: for each language, the call's own wording or None
    (the default applies). One query."""
    return _rows(worded_per_call(), MessageTemplate.objects.filter(call=call))


def platform_overview() -> list[dict]:
    """The notices worded for the whole platform, grouped by the app that sends them (in the
    order of the apps): for each, one row per notice, each language with the platform's own
    wording or None (the default applies). One query."""
    rows = _rows(registry.registered(PLATFORM), MessageTemplate.objects.filter(call=None))
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row["notice"].app, []).append(row)
    order = [config.label for config in apps.get_app_configs()]
    return [
        {"app": str(apps.get_app_config(app).verbose_name), "rows": groups[app]}
        for app in sorted(groups, key=lambda app: order.index(app) if app in order else 0)
    ]


def _rows(worded: list[Notice], templates) -> list[dict]:
    own = {
        (template.kind, template.language): template
        for template in templates.select_related("updated_by")
    }
    return [
        {
            "kind": notice.kind,
            "notice": notice,
            "label": notice.label,
            "cells": [
                {"language": code, "own": own.get((notice.kind, code))} for code in language_codes()
            ],
        }
        for notice in worded
    ]


def preview(
    subject: str, body: str, language: str, values=None, notice: Notice | None = None
) -> tuple[str, str]:
    """`subject` and `body` filled as a recipient reading `language` would receive them;
    without values, with sample ones (for a notice not about an application, each placeholder
    shows what it stands for)."""
    with translation.override(language):
        if values is not None:
            values = values()
        elif notice is None or notice.scope == CALL:
            values = placeholders.sample_values()
        else:
            values = {name: f"[{text}]" for name, text in notice.placeholders.items()}
        values = {"platform_name": settings.TREMPLIN_PLATFORM_NAME, **values}
        if notice is None:
            return placeholders.fill_subject(subject, values), placeholders.fill(body, values)
        subject = placeholders.leave_out_empty(subject, notice.optional, values)
        body = placeholders.leave_out_empty(body, notice.optional, values)
        return (
            placeholders.fill_subject(subject, values, notice.in_subject, notice.placeholders),
            placeholders.fill(body, values),
        )


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
