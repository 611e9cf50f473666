"""Reads that the messaging pages share: a call's wordings, mailings and their recipients,
previews, and each person's inbox."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q
from django.utils import translation

from tremplin.core.translated import language_codes

from . import placeholders, registry
from .models import Kind, Mailing, Message, MessageTemplate
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


# --- Mailings ---------------------------------------------------------------------------------


def applications_with_applicant(call, states):
    from tremplin.applications.models import Application

    return Application.objects.filter(call=call, state__in=list(states), applicant__isnull=False)


def counts_by_state(call) -> dict[str, int]:
    """How many applications (with an applicant to write to) the call has in each state."""
    from tremplin.applications.models import Application

    rows = (
        Application.objects.filter(call=call, applicant__isnull=False)
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["state"]: row["n"] for row in rows}


def mailings_of(call) -> list[Mailing]:
    """The call's mailings, newest first. Each has `recipients`: how many it was sent to, or
    for a draft how many it would reach now; and for a sent one `emailed` and `read`: how many
    of its messages have left by e-mail and have been read. Three queries whatever their
    number."""
    mailings = list(Mailing.objects.filter(call=call).select_related("created_by"))
    drafts = [m for m in mailings if m.state == Mailing.State.DRAFT]
    counts = counts_by_state(call) if drafts else {}
    stats = {}
    if len(drafts) < len(mailings):
        stats = {
            row["mailing_id"]: row
            for row in Message.objects.filter(mailing__call=call)
            .values("mailing_id")
            .annotate(
                emailed=Count("pk", filter=Q(emailed_at__isnull=False)),
                read=Count("pk", filter=Q(read_at__isnull=False)),
            )
            .order_by()
        }
    for mailing in mailings:
        if mailing.state == Mailing.State.DRAFT:
            mailing.recipients = sum(counts.get(state, 0) for state in mailing.states)
        else:
            mailing.recipients = mailing.recipients_count
            row = stats.get(mailing.pk, {})
            mailing.emailed = row.get("emailed", 0)
            mailing.read = row.get("read", 0)
    return mailings


def mailing_stats(mailing: Mailing) -> dict:
    """How many messages of a sent mailing went to each language, left by e-mail, were read."""
    rows = (
        Message.objects.filter(mailing=mailing)
        .values("language")
        .annotate(
            n=Count("pk"),
            emailed=Count("pk", filter=Q(emailed_at__isnull=False)),
            read=Count("pk", filter=Q(read_at__isnull=False)),
        )
        .order_by("language")
    )
    return {row["language"]: row for row in rows}


@dataclass
class LanguagePreview:
    language: str
    recipients: int
    written_in: str  # the language of the text they receive (a fallback when not theirs)
    subject: str
    body: str
    sample: object  # the application used to fill the placeholders

    @property
    def is_fallback(self) -> bool:
        return self.written_in != self.language


def mailing_preview(mailing: Mailing) -> list[LanguagePreview]:
    """For each language its recipients read: how many they are, and the message as they will
    receive it, filled for one of them. 1 + 3 queries per language at most."""
    from tremplin.applications.messages import application_values

    recipients = applications_with_applicant(mailing.call, mailing.states)
    by_language = {
        row["applicant__preferred_language"]: row["n"]
        for row in recipients.values("applicant__preferred_language")
        .annotate(n=Count("pk"))
        .order_by()
    }
    previews = []
    for code in [*language_codes(), *sorted(set(by_language) - set(language_codes()))]:
        count = by_language.get(code)
        if not count:
            continue
        sample = (
            recipients.filter(applicant__preferred_language=code)
            .select_related("applicant", "call")
            .order_by("pk")
            .first()
        )
        subject = mailing.subject.shown(code)
        body = mailing.body.shown(code)
        filled_subject, filled_body = preview(
            subject.text, body.text, code, lambda s=sample: application_values(s)
        )
        previews.append(
            LanguagePreview(
                language=code,
                recipients=count,
                written_in=body.language if body.text else subject.language,
                subject=filled_subject,
                body=filled_body,
                sample=sample,
            )
        )
    return previews


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
