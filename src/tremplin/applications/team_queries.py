"""Reads for the applicant's pages (the applicant and their co-applicants)."""

from __future__ import annotations

from django.db.models import Q

from .models import Application


def with_call():
    return Application.objects.select_related(
        "call__programme", "call__season", "applicant", "region"
    )


def applications_of(person):
    """Applications the person leads or has joined, with the outcome they were told."""
    from django.db.models import OuterRef, Subquery

    from tremplin.messaging.models import Message

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


def authored_by(person_id, email) -> Q:
    """Applications whose team the person is on, invited included: the authors of the
    four-eyes rule (rules._authors), as a filter. `email` may be an expression (a subquery);
    addresses are compared case-insensitively."""
    from django.db.models import Value
    from django.db.models.functions import Lower

    from .models import CoApplicant

    address = email if hasattr(email, "resolve_expression") else Value(email or "")
    team = (
        CoApplicant.objects.annotate(address=Lower("email"))
        .filter(Q(person_id=person_id) | Q(address=Lower(address)))
        .values("application_id")
    )
    return Q(applicant_id=person_id) | Q(pk__in=team)


def authored_application_ids(person, call=None) -> set[int]:
    """The applications (of `call`, or of every call) whose team the person is on."""
    if person is None or not getattr(person, "is_authenticated", False):
        return set()
    applications = Application.objects.filter(authored_by(person.pk, person.email))
    if call is not None:
        applications = applications.filter(call=call)
    return set(applications.values_list("pk", flat=True))


def answers_by_question(application) -> dict:
    return {answer.question_id: answer for answer in application.answers.all()}


def attachments_by_question(application) -> dict:
    files: dict[int, list] = {}
    for attachment in application.attachments.all():
        files.setdefault(attachment.question_id, []).append(attachment)
    return files


def steps_with_progress(application) -> list[dict]:
    """Each step with its number of questions, answered and required-but-missing ones."""
    answered = {
        answer.question_id
        for answer in application.answers.all()
        if answer.value not in (None, "", []) and not answer.raw
    }
    answered |= set(application.attachments.values_list("question_id", flat=True))
    steps = []
    for number, step in enumerate(application.call.steps.prefetch_related("questions"), start=1):
        questions = list(step.questions.all())
        missing = [q for q in questions if q.required and q.pk not in answered]
        steps.append(
            {
                "number": number,
                "step": step,
                "total": len(questions),
                "answered": sum(1 for q in questions if q.pk in answered),
                "missing": len(missing),
            }
        )
    return steps


def step_numbers(application) -> dict[int, int]:
    """Step id -> its number in the form."""
    return {step.pk: number for number, step in enumerate(application.call.steps.all(), start=1)}


def frozen_answers(application) -> list[dict]:
    """The answers as submitted, in form order, for the read-only view."""
    frozen = application.frozen_answers.get("answers", {})
    if not frozen:
        return []
    rows = []
    for step in application.call.steps.prefetch_related("questions"):
        items = []
        for question in step.questions.all():
            entry = frozen.get(question.key, {})
            items.append(
                {
                    "question": question,
                    "text": entry.get("text", ""),
                    "files": entry.get("files", []),
                }
            )
        rows.append({"step": step, "items": items})
    return rows


# The committee's outcomes stay with the committee until the applicant is told (the decision
# messages are previewed and sent by staff): until then the applicant sees "in review".
HIDDEN_UNTIL_TOLD = {"shortlisted", "selected", "waitlisted", "rejected"}
OUTCOME_MESSAGES = ["selected", "waitlisted", "rejected"]


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
    from django.utils.translation import gettext as _

    from tremplin.core.history import history_of

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
