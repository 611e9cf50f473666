"""Reads of an application's team: who is on it (invited included), as a filter for the
four-eyes rule, and the co-applicants shown to staff."""

from __future__ import annotations

from django.db.models import Q, Value
from django.db.models.functions import Lower

from ..models import Application, CoApplicant


def authored_by(person_id, email) -> Q:
    """Applications whose team the person is on, invited included: the authors of the
    four-eyes rule (rules._authors), as a filter. `email` may be an expression (a subquery);
    addresses are compared case-insensitively."""
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


def co_applicants(application: Application):
    return application.co_applicants.select_related("person").order_by("invited_at")
