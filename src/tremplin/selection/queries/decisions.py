"""Reads of the committee's decisions once taken: the decision messages waiting to be sent (with a preview of each message, in its recipient's language) and the waiting list."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, OuterRef, Prefetch, Subquery
from django.utils import timezone, translation
from django.utils.formats import date_format

from tremplin.applications.messages import answers_as_text
from tremplin.applications.models import CoApplicant, State
from tremplin.core.models import HistoryEntry
from tremplin.core.urls_absolute import absolute
from tremplin.messaging import placeholders
from tremplin.messaging.models import Kind as MessageKind
from tremplin.messaging.services import wording

from ..models import (
    AgendaItem,
    Decision,
    Outcome,
)
from .meeting import REPLACED, WITHDRAWING, decision_entries

OUTCOME_MESSAGE = {
    Outcome.SELECTED: MessageKind.SELECTED,
    Outcome.WAITLISTED: MessageKind.WAITLISTED,
    Outcome.REJECTED: MessageKind.REJECTED,
}


# --- Decision messages -------------------------------------------------------------------------


@dataclass
class MessagePreview:
    recipient: object
    email: str
    language: str
    subject: str
    body: str


@dataclass
class PendingDecision:
    decision: Decision
    kind: str
    messages: list[MessagePreview]
    reason_unused: bool  # the wording has no {{ reason }}: the message to the applicant is left out


def pending_decisions(call):
    return (
        Decision.objects.filter(application__call=call, notified_at__isnull=True)
        .select_related("application__applicant", "application__call")
        .prefetch_related(
            Prefetch(
                "application__co_applicants",
                queryset=CoApplicant.objects.filter(accepted_at__isnull=False).select_related(
                    "person"
                ),
                to_attr="accepted_co_applicants",
            )
        )
        .order_by("outcome", "application__title", "pk")
    )


def recipients(application) -> list:
    """Who is told, as applications.services.notify_team tells them: the lead applicant and the
    accepted co-applicants."""
    people = [application.applicant] if application.applicant_id else []
    people += [c.person for c in getattr(application, "accepted_co_applicants", []) if c.person]
    return people


def language_of(person) -> str:
    """The language compose() writes to this person in."""
    return getattr(person, "preferred_language", None) or settings.LANGUAGE_CODE


def message_values(application, reason: str, with_answers: bool) -> dict:
    """The placeholders' values, as applications.messages.application_values gives them (the
    copy of the answers is read only when the wording uses it)."""
    call = application.call
    local = timezone.localtime(application.deadline, call.tz)
    return {
        "platform_name": settings.TREMPLIN_PLATFORM_NAME,
        "applicant_name": application.applicant_name
        or (application.applicant and str(application.applicant))
        or "",
        "project_name": application.title or application.reference,
        "call_title": str(call.title),
        "reference": application.reference,
        "deadline": f"{date_format(local, 'DATETIME_FORMAT')} ({call.time_zone})",
        "application_url": absolute(application.get_absolute_url()),
        "reason": reason,
        "answers": answers_as_text(application) if with_answers else "",
    }


def decision_previews(call) -> list[PendingDecision]:
    """Each decision not yet told, with the messages its recipients will receive, each in
    their language. The wording is read once per (message, language)."""
    texts: dict[tuple[str, str], tuple[str, str]] = {}
    result = []
    for decision in pending_decisions(call):
        application = decision.application
        kind = OUTCOME_MESSAGE[decision.outcome]
        previews = []
        reason_unused = False
        for person in recipients(application):
            language = language_of(person)
            if (kind, language) not in texts:
                texts[(kind, language)] = wording(call, kind, language)
            subject, body = texts[(kind, language)]
            used = set(placeholders.PLACEHOLDER.findall(subject + body))
            reason_unused = reason_unused or (
                bool(decision.comment_for_applicant.strip()) and "reason" not in used
            )
            with translation.override(language):
                values = message_values(
                    application, decision.comment_for_applicant, "answers" in used
                )
            previews.append(
                MessagePreview(
                    recipient=person,
                    email=person.email,
                    language=language,
                    subject=placeholders.fill_subject(subject, values)[:300],
                    body=placeholders.fill(body, values),
                )
            )
        result.append(PendingDecision(decision, kind, previews, reason_unused))
    return result


def languages_count(previews: list[PendingDecision]) -> list[tuple[str, int]]:
    counter = Counter(message.language for pending in previews for message in pending.messages)
    names = dict(settings.LANGUAGES)
    return [(names.get(code, code), n) for code, n in sorted(counter.items())]


# --- Waiting list ------------------------------------------------------------------------------


@dataclass
class Vacancy:
    decision: Decision
    withdrawn: bool  # the application itself is withdrawn
    withdrawing: HistoryEntry | None  # staff marked the laureate as withdrawing


@dataclass
class WaitingList:
    laureates: list[Decision]  # selected, still in place
    vacancies: list[Vacancy]
    waiting: list[Decision]  # in order: the first is promoted first


def waiting_list(call) -> WaitingList:
    """The laureates, the places left by those who withdrew (not yet given to someone on the
    waiting list), and the waiting list in the committee's order: the agenda position of the
    item the decision was taken on, then the time of the decision."""
    position = AgendaItem.objects.filter(
        meeting=OuterRef("meeting"), application=OuterRef("application")
    ).values("position")[:1]
    decisions = list(
        Decision.objects.filter(
            application__call=call, outcome__in=[Outcome.SELECTED, Outcome.WAITLISTED]
        )
        .select_related("application")
        .annotate(agenda_position=Subquery(position))
        .order_by(F("agenda_position").asc(nulls_last=True), "decided_at", "pk")
    )
    selected = [d for d in decisions if d.outcome == Outcome.SELECTED]
    entries = decision_entries([d.pk for d in selected], [WITHDRAWING, REPLACED])
    laureates, vacancies = [], []
    for decision in selected:
        marks = entries.get(decision.pk, [])
        if any(entry.action == REPLACED for entry in marks):
            continue  # the place was given to someone on the waiting list
        withdrawing = next((e for e in marks if e.action == WITHDRAWING), None)
        withdrawn = decision.application.state == State.WITHDRAWN
        if withdrawn or withdrawing is not None:
            vacancies.append(Vacancy(decision, withdrawn, withdrawing))
        else:
            laureates.append(decision)
    waiting = [
        d
        for d in decisions
        if d.outcome == Outcome.WAITLISTED and d.application.state == State.WAITLISTED
    ]
    return WaitingList(laureates=laureates, vacancies=vacancies, waiting=waiting)
