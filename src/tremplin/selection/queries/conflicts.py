"""Reads of the conflicts of interest of a call: every conflicted (member, application) pair, the conflicts staff and members see, the applications and organisations a member may declare.

Every page reads a fixed number of queries, whatever the number of applications."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from tremplin.accounts.models import Affiliation, Organisation
from tremplin.applications.models import Application, CoApplicant, State
from tremplin.network.models import ExperimentationSite

from .. import affinity
from .. import conflicts as plain
from ..membership import in_conflict
from ..models import (
    CommitteeMember,
    Conflict,
    Review,
)
from ..workflow import COMMITTEE_STATES

# --- Conflicts call-wide, and the ranking flag -------------------------------------------------


def conflicted_pairs(call) -> set[tuple[int, int]]:
    """Every (member id, application id) of the call in conflict, by the same rules as
    membership.conflicted_application_ids: rows on the application, the member's own
    applications (four eyes), and applications of a person (by account or e-mail address) or
    organisation a member declared (by the applicant's verified affiliation, or the name the
    application gives now or gave when submitted). Four queries, five when organisations were
    declared."""
    rows = list(
        Conflict.objects.filter(member__call=call).values_list(
            "member_id",
            "application_id",
            "person_id",
            "email",
            "organisation_id",
            "organisation__name",
        )
    )
    pairs = {(m, a) for m, a, _p, _e, _o, _n in rows if a}
    people: dict[int, set[int]] = defaultdict(set)
    emails: dict[int, set[str]] = defaultdict(set)
    organisations: dict[int, set[int]] = defaultdict(set)
    names: dict[int, set[str]] = defaultdict(set)
    # Each member is in conflict with the applications of their own team.
    for member_id, person_id, email in CommitteeMember.objects.filter(call=call).values_list(
        "pk", "person_id", "person__email"
    ):
        people[member_id].add(person_id)
        emails[member_id].add((email or "").casefold())
    for member_id, _a, person_id, email, organisation_id, name in rows:
        if person_id:
            people[member_id].add(person_id)
        if email:
            emails[member_id].add(email.casefold())
        if organisation_id:
            organisations[member_id].add(organisation_id)
            names[member_id].add((name or "").casefold())
    if not people:
        return pairs
    applications = list(
        Application.objects.filter(call=call).values_list(
            "pk", "applicant_id", "applicant__email", "organisation_name", "frozen_answers"
        )
    )
    team: dict[int, set[int]] = defaultdict(set)
    addresses: dict[int, set[str]] = defaultdict(set)
    for application_id, person_id, email, account_email in CoApplicant.objects.filter(
        application__call=call
    ).values_list("application_id", "person_id", "email", "person__email"):
        if person_id:
            team[application_id].add(person_id)
        addresses[application_id] |= {(e or "").casefold() for e in (email, account_email) if e}
    # The applicants' verified affiliations: what their profile says does not count.
    affiliated: dict[int, set[int]] = defaultdict(set)
    if organisations:
        for person_id, organisation_id in Affiliation.objects.filter(
            person__applications__call=call, state=Affiliation.State.VERIFIED
        ).values_list("person_id", "organisation_id"):
            affiliated[person_id].add(organisation_id)
    for member_id in set(people) | set(organisations):
        mine, orgs, org_names = people[member_id], organisations[member_id], names[member_id]
        my_addresses = emails[member_id] - {""}
        for pk, applicant_id, applicant_email, organisation_name, frozen in applications:
            named = {
                (organisation_name or "").casefold(),
                plain.submitted_organisation_name(frozen).casefold(),
            } - {""}
            if (
                applicant_id in mine
                or team[pk] & mine
                or (applicant_email or "").casefold() in my_addresses
                or addresses[pk] & my_addresses
                or affiliated[applicant_id] & orgs
                or named & org_names
            ):
                pairs.add((member_id, pk))
    return pairs


def reviews_counting_in_ranking(call):
    """The submitted reviews of the call that count: their member is not in conflict with the
    application."""
    return Review.objects.filter(
        assignment__member__call=call, state=Review.State.SUBMITTED
    ).exclude(in_conflict("assignment__"))


def conflicts_of_call(call):
    """Every conflict row of the call's committee, for staff."""
    return (
        Conflict.objects.filter(member__call=call)
        .select_related("member", "application", "organisation", "person")
        .order_by("member__person_name", "-created_at", "pk")
    )


def with_descriptions(conflicts) -> list[Conflict]:
    for conflict in conflicts:
        conflict.description = describe(conflict.source, conflict.reason)
    return list(conflicts)


# --- A member's own page -----------------------------------------------------------------------


def declared_by(member: CommitteeMember) -> list[Conflict]:
    """The member's conflicts (declared and detected), described."""
    return with_descriptions(
        Conflict.objects.filter(member=member)
        .select_related("application", "organisation", "person")
        .order_by("-created_at", "pk")
    )


def applications_to_declare(call, hidden: set[int], text: str, limit: int = 30):
    """Applications the committee handles whose title (or reference number) contains `text`,
    not those the member is already in conflict with."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    query = Q(title__icontains=text)
    if text.isdigit():
        query |= Q(pk=int(text))
    return list(
        Application.objects.filter(call=call, state__in=COMMITTEE_STATES)
        .filter(query)
        .exclude(pk__in=hidden)
        .only("pk", "call_id", "title")
        .order_by("title", "pk")[:limit]
    )


def search_organisations(text: str, limit: int = 20):
    text = (text or "").strip()
    if len(text) < 2:
        return []
    return list(Organisation.objects.filter(name__icontains=text).order_by("name")[:limit])


# --- Detection, and reasons for people -------------------------------------------------------


def detect(call) -> list[plain.Found]:
    """The conflicts between the call's committee (every seat, observers included: they see the
    ranking and the discussion) and its applications past the draft. Six queries."""

    member_rows = list(
        CommitteeMember.objects.filter(call=call, person__isnull=False).values(
            "pk", "person_id", "person__email"
        )
    )
    application_rows = list(
        Application.objects.filter(call=call)
        .exclude(state=State.DRAFT)
        .values(
            "pk", "title", "organisation_name", "frozen_answers", "applicant_id", "applicant__email"
        )
    )
    team_rows = list(
        CoApplicant.objects.filter(application__call=call).values(
            "application_id", "email", "person_id", "person__email"
        )
    )
    people = {row["person_id"] for row in member_rows}
    people |= {row["applicant_id"] for row in application_rows if row["applicant_id"]}
    people |= {row["person_id"] for row in team_rows if row["person_id"]}
    organisations: dict[int, plain.Organisation] = {}
    verified: dict[int, list[plain.Organisation]] = {}
    for person_id, pk, name, domain, kind in Affiliation.objects.filter(
        person_id__in=people, state=Affiliation.State.VERIFIED
    ).values_list(
        "person_id",
        "organisation_id",
        "organisation__name",
        "organisation__email_domain",
        "organisation__kind",
    ):
        if pk not in organisations:
            organisations[pk] = plain.Organisation(
                pk,
                name or "",
                (domain or "").lower(),
                kind == Organisation.Kind.NATIONAL_SOCIETY,
            )
        verified.setdefault(person_id, []).append(organisations[pk])

    def person(pk, email) -> plain.Person:
        return plain.Person(pk, email or "", tuple(verified.get(pk, ())))

    sites: dict[int, list[str]] = {}
    for contact_id, name in ExperimentationSite.objects.filter(
        contact_id__in=[row["person_id"] for row in member_rows]
    ).values_list("contact_id", "name"):
        sites.setdefault(contact_id, []).append(name)
    members = [
        plain.Member(
            row["pk"],
            person(row["person_id"], row["person__email"]),
            tuple(sites.get(row["person_id"], ())),
        )
        for row in member_rows
    ]

    teams: dict[int, list[plain.Person]] = {}
    for row in team_rows:
        # An invitation not accepted yet has no person: its e-mail address still counts.
        teams.setdefault(row["application_id"], []).append(
            person(row["person_id"], row["person__email"] or row["email"])
            if row["person_id"]
            else plain.Person(None, row["email"] or "")
        )
        if row["person_id"] and row["email"] and row["email"] != row["person__email"]:
            teams[row["application_id"]].append(plain.Person(None, row["email"]))
    applications = [
        plain.Application(
            row["pk"],
            plain.submitted_organisation_name(row["frozen_answers"], row["organisation_name"]),
            tuple(
                (
                    [person(row["applicant_id"], row["applicant__email"])]
                    if row["applicant_id"]
                    else []
                )
                + teams.get(row["pk"], [])
            ),
            affinity.normalise(
                " ".join([row["title"] or "", *plain.answer_texts(row["frozen_answers"])])
            ),
        )
        for row in application_rows
    ]
    movement = {
        d.lower()
        for d in Organisation.objects.filter(kind=Organisation.Kind.NATIONAL_SOCIETY)
        .exclude(email_domain="")
        .values_list("email_domain", flat=True)
    }
    return plain.find(members, applications, plain.public_email_domains() | movement)


def describe(source: str, reason: str) -> str:
    """A conflict's reason for people, in the active language."""
    parsed = plain.parse_reason(reason) if source == Conflict.Source.DETECTED else None
    if parsed is None:
        return reason
    kind, detail = parsed
    if kind == plain.APPLICANT:
        return _("The member is the applicant or a co-applicant.")
    if kind == plain.ORGANISATION:
        return _("Same organisation as the applicant or a co-applicant: %(name)s") % {
            "name": detail
        }
    if kind == plain.EMAIL_DOMAIN:
        return _("Same e-mail domain as the applicant or a co-applicant: %(domain)s") % {
            "domain": detail
        }
    return _("The member is the contact of a site the application names: %(site)s") % {
        "site": detail
    }
