"""Reads of a call's mailings: the mailings with their counts, who a draft would reach, and
how it will read in each language of its recipients."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from tremplin.core.translated import language_codes
from tremplin.messaging import queries as messaging_queries
from tremplin.messaging.models import Mailing, Message

from ..messages import application_values
from ..models import Application


def applications_with_applicant(call, states):
    return Application.objects.filter(call=call, state__in=list(states), applicant__isnull=False)


def counts_by_state(call) -> dict[str, int]:
    """How many applications (with an applicant to write to) the call has in each state."""
    rows = (
        Application.objects.filter(call=call, applicant__isnull=False)
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["state"]: row["n"] for row in rows}


def mailings_of(call) -> list[Mailing]:
    """The call's mailings (discarded drafts left out), newest first. Each has `recipients`: how many it was sent to, or
    for a draft how many it would reach now; and for a sent one `emailed` and `read`: how many
    of its messages have left by e-mail and have been read. Three queries whatever their
    number."""
    mailings = list(
        Mailing.objects.filter(call=call)
        .exclude(state=Mailing.State.DISCARDED)
        .select_related("created_by")
    )
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
        filled_subject, filled_body = messaging_queries.preview(
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
