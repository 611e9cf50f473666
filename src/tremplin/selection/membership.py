"""Who sits on which committee, and which applications each member may not see: the reads that
every permission of the selection committee stands on. One's own applications (applicant,
co-applicant, invited) are conflicts whether or not a detection stored them: the four-eyes rule
(core.four_eyes) holds from the moment one joins a team."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Lower

from tremplin.accounts.models import Affiliation, Person
from tremplin.applications.models import Application, CoApplicant
from tremplin.applications.queries.team import authored_application_ids, authored_by
from tremplin.core import four_eyes

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
    application, the member's own applications, and applications of a person (by account or
    e-mail address) or organisation the member declared (by the organisation the application
    names, now or as submitted, or the applicant's verified affiliation)."""
    if member is None:
        return set()
    cache = member.__dict__.get("_conflicted_ids")
    if cache is not None:
        return cache
    conflicts = list(Conflict.objects.filter(member=member).select_related("organisation"))
    ids = {c.application_id for c in conflicts if c.application_id}
    people = [c.person_id for c in conflicts if c.person_id]
    emails = [c.email for c in conflicts if c.email]
    organisations = [c.organisation for c in conflicts if c.organisation_id]
    # The member's own applications, then those of the people, addresses and organisations
    # declared.
    email = Subquery(Person.objects.filter(pk=member.person_id).values("email")[:1])
    query = authored_by(member.person_id, email)
    if people:
        query |= Q(applicant_id__in=people) | Q(co_applicants__person_id__in=people)
    for address in emails:
        query |= person_with_address(address)
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


def person_with_address(email: str) -> Q:
    """Applications where the person of this address is in the team: as the lead applicant,
    or as a co-applicant invited at that address or whose account has it."""
    return (
        Q(applicant__email__iexact=email)
        | Q(co_applicants__email__iexact=email)
        | Q(co_applicants__person__email__iexact=email)
    )


def own_application_ids(person, call) -> set[int]:
    """The call's applications whose team the person is on (cached on the person)."""
    if person is None or not getattr(person, "is_authenticated", False) or call is None:
        return set()
    cache = person.__dict__.setdefault("_own_applications", {})
    if call.pk not in cache:
        cache[call.pk] = authored_application_ids(person, call)
    return cache[call.pk]


def hidden_application_ids(person, call) -> set[int]:
    """The call's applications the person never sees in committee: a member's conflicts, and
    anyone's own applications (staff have no seat, and no conflict rows)."""
    member = seat(person, call)
    if member is not None:
        return conflicted_application_ids(member)
    return own_application_ids(person, call)


def is_conflicted(person, application) -> bool:
    if four_eyes.is_author(person, application):
        return True
    member = seat(person, application.call)
    return member is not None and application.pk in conflicted_application_ids(member)


def in_conflict(prefix: str = "") -> Q:
    """A condition on Assignment (prefix "") or Review (prefix "assignment__") rows: the
    member is in conflict with the application, by the rules of queries.conflicts.conflicted_pairs.

    This is the flag that keeps a review out of the ranking: a member may declare a conflict
    on an application after submitting its review; the review is then kept (nothing typed is
    lost) but no longer counts. Count the reviews with `.exclude(in_conflict("assignment__"))`
    or, in Python, drop those whose (member, application) is in conflicted_pairs(call)."""
    member = OuterRef(f"{prefix}member_id")
    application = OuterRef(f"{prefix}application_id")
    path = f"{prefix}application__"
    of_member = Conflict.objects.filter(member_id=member)
    # The addresses the member declared (stored in lower case), from inside a subquery on the
    # application's co-applicants.
    addresses = (
        Conflict.objects.filter(member_id=OuterRef(OuterRef(f"{prefix}member_id")))
        .exclude(email="")
        .values("email")
    )
    team = CoApplicant.objects.filter(application_id=application)
    by_name = of_member.filter(organisation__isnull=False).annotate(
        lower_name=Lower("organisation__name")
    )
    return Q(
        # The member's own application (four eyes): as its applicant, or on its team.
        Q(**{f"{path}applicant_id": F(f"{prefix}member__person_id")})
        | Exists(team.filter(person_id=OuterRef(f"{prefix}member__person_id")))
        | Exists(
            team.annotate(address=Lower("email")).filter(
                address=Lower(OuterRef(f"{prefix}member__person__email"))
            )
        )
        # What the member declared, or was detected.
        | Exists(of_member.filter(application_id=application))
        | Exists(of_member.filter(person_id=OuterRef(f"{path}applicant_id")))
        | Exists(of_member.filter(person__co_applications__application_id=application))
        | Exists(
            of_member.exclude(email="").filter(email=Lower(OuterRef(f"{path}applicant__email")))
        )
        | Exists(team.annotate(address=Lower("email")).filter(address__in=addresses))
        | Exists(
            team.filter(person__isnull=False)
            .annotate(address=Lower("person__email"))
            .filter(address__in=addresses)
        )
        | Exists(
            of_member.filter(
                organisation__affiliations__person_id=OuterRef(f"{path}applicant_id"),
                organisation__affiliations__state=Affiliation.State.VERIFIED,
            )
        )
        | Exists(by_name.filter(lower_name=Lower(OuterRef(f"{path}organisation_name"))))
        | Exists(by_name.filter(lower_name=Lower(_submitted_organisation(path))))
    )


def _submitted_organisation(path: str):
    """The organisation named in the outer application's frozen answers, as text (the
    SUBMITTED_ORGANISATION path, on an OuterRef: KT() would read the inner query)."""
    frozen = OuterRef(f"{path}frozen_answers")
    return KeyTextTransform(
        "text", KeyTransform("organisation_name", KeyTransform("answers", frozen))
    )


def forget_cached(member: CommitteeMember) -> None:
    """Forget what seat() and conflicted_application_ids() kept for the member, after a write
    that changes their conflicts."""
    member.__dict__.pop("_conflicted_ids", None)
    person = member.person if member.person_id else None
    if person is not None:
        person.__dict__.pop("_committee_seats", None)
