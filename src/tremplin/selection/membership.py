"""Who sits on which committee, and which applications each member may not see: the reads that
every permission of the selection committee stands on."""

from __future__ import annotations

from django.db.models import Q

from tremplin.accounts.models import Affiliation

from .conflicts import SUBMITTED_ORGANISATION
from .models import CommitteeMember, Conflict


def seat(person, call) -> CommitteeMember | None:
    """The person's seat on the call's committee (cached on the person for the request)."""
    if person is None or not getattr(person, "is_authenticated", False) or call is None:
        return None
    cache = person.__dict__.setdefault("_committee_seats", {})
    if call.pk not in cache:
        cache[call.pk] = CommitteeMember.objects.filter(call=call, person=person).first()
    return cache[call.pk]


def conflicted_application_ids(member: CommitteeMember) -> set[int]:
    """Applications the member may never see: conflicts declared or detected on the
    application, and applications of a person or organisation the member declared (by the
    organisation the application names, now or as submitted, or the applicant's verified
    affiliation)."""
    if member is None:
        return set()
    cache = member.__dict__.get("_conflicted_ids")
    if cache is not None:
        return cache
    from tremplin.applications.models import Application

    conflicts = list(Conflict.objects.filter(member=member).select_related("organisation"))
    ids = {c.application_id for c in conflicts if c.application_id}
    people = [c.person_id for c in conflicts if c.person_id]
    organisations = [c.organisation for c in conflicts if c.organisation_id]
    if people or organisations:
        query = Q(applicant_id__in=people) | Q(co_applicants__person_id__in=people)
        for organisation in organisations:
            query |= Q(organisation_name__iexact=organisation.name)
            query |= Q(**{f"{SUBMITTED_ORGANISATION}__iexact": organisation.name})
        if organisations:
            # The applicant's verified affiliations: their profile cannot take them out.
            query |= Q(
                applicant__affiliations__organisation__in=organisations,
                applicant__affiliations__state=Affiliation.State.VERIFIED,
            )
        ids |= set(
            Application.objects.filter(Q(call=member.call_id) & query).values_list("pk", flat=True)
        )
    member.__dict__["_conflicted_ids"] = ids
    return ids


def is_conflicted(person, application) -> bool:
    member = seat(person, application.call)
    return member is not None and application.pk in conflicted_application_ids(member)
