"""Reads for the applicant's pages: their applications, the state and the history their team
sees."""

from __future__ import annotations

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from tremplin.core.history import history_of
from tremplin.messaging.models import Message

from ..models import Application

# The committee's outcomes stay with the committee until the applicant is told (the decision
# messages are previewed and sent by staff): until then the applicant sees "in review".
HIDDEN_UNTIL_TOLD = {"shortlisted", "selected", "waitlisted", "rejected"}
OUTCOME_MESSAGES = ["selected", "waitlisted", "rejected"]


def with_call():
    return Application.objects.select_related(
        "call__programme", "call__season", "applicant", "region"
    )


def applications_of(person):
    """Applications the person leads or has joined, with the outcome they were told."""
    told = Message.objects.filter(application=OuterRef("pk"), kind__in=OUTCOME_MESSAGES).order_by(
        "-created_at", "-pk"
    )
    return (
        with_call()
        .annotate(told_outcome=Subquery(told.values("kind")[:1]))
        .filter(
            Q(applicant=person)
            | Q(co_applicants__person=person, co_applicants__accepted_at__isnull=False)
        )
        .distinct()
        .order_by("-updated_at")
    )


def told_outcome(application) -> str | None:
    return (
        application.messages.filter(kind__in=OUTCOME_MESSAGES)
        .order_by("-created_at", "-pk")
        .values_list("kind", flat=True)
        .first()
    )


def applicant_state(application) -> str:
    """The state the applicant's team sees."""
    if application.state not in HIDDEN_UNTIL_TOLD:
        return application.state
    told = getattr(application, "told_outcome", None)
    if told is None and not hasattr(application, "told_outcome"):
        told = told_outcome(application)
    return told or "in_review"


def history_for_team(application, team_ids: set[int], limit: int = 50) -> list[dict]:
    """The history as the applicant's team sees it: their own actions, and the platform's
    steps without the names of the staff or committee members who took them; committee
    outcomes only once told."""
    told = told_outcome(application)
    rows = []
    for entry in history_of(application)[:limit]:
        if entry.to_state in HIDDEN_UNTIL_TOLD and entry.to_state != told:
            continue
        who = entry.actor_display if entry.actor_id in team_ids else _("The accelerator team")
        rows.append(
            {"at": entry.at, "who": who, "from_state": entry.from_state, "to_state": entry.to_state}
        )
    return rows
