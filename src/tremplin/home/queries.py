"""The home page after login: for each role a person holds, what they have to do now (a
section each, shown by its partial home/_<role>.html)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tremplin.acceleration import queries as acceleration_queries
from tremplin.accounts import queries as account_queries
from tremplin.accounts.models import Affiliation, Membership, Person, Role, RoleGrant
from tremplin.catalogue.queries import moderation as queries_moderation
from tremplin.catalogue.queries import reports as queries_reports
from tremplin.network import queries as network_queries
from tremplin.programmes import queries as programme_queries
from tremplin.selection.queries.reviews import seats_of

LIVE = Affiliation.LIVE_STATES


@dataclass
class Section:
    role: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


def _applicant(person: Person) -> Section:
    return Section(
        Role.APPLICANT,
        _("Your applications"),
        "home/_applicant.html",
        {
            "open_calls": list(programme_queries.open_calls()[:6]),
            "memberships": list(account_queries.memberships_of(person)),
            "team_projects": list(acceleration_queries.projects_of_team_member(person)),
            "profile_incomplete": not person.full_name or person.region_id is None,
        },
    )


def _staff(person: Person) -> Section:
    pending = account_queries.memberships_awaiting_verification()
    now = timezone.now()
    return Section(
        Role.STAFF,
        _("Accelerator team"),
        "home/_staff.html",
        {
            "pending_memberships": list(pending[:5]),
            "pending_count": pending.count(),
            "pending_affiliations_count": account_queries.affiliations_awaiting_verification().count(),
            "open_calls": list(programme_queries.open_calls(now)),
            "upcoming_calls": list(programme_queries.upcoming_calls(now)[:5]),
        },
    )


def _referent(person: Person) -> Section:
    return Section(
        Role.REFERENT,
        _("Projects you follow"),
        "home/_projects.html",
        {
            "projects": list(acceleration_queries.projects_followed_by(person)),
            "empty": _("No laureate project is assigned to you yet."),
            "link": True,
        },
    )


def _mentor(person: Person) -> Section:
    return Section(
        Role.MENTOR,
        _("Projects you mentor"),
        "home/_projects.html",
        {
            "projects": list(acceleration_queries.projects_mentored_by(person)),
            "empty": _("No laureate project has asked for your advice yet."),
            "link": True,
        },
    )


def _committee(person: Person) -> Section:
    return Section(
        Role.COMMITTEE,
        _("Selection committee"),
        "home/_committee.html",
        {"seats": seats_of(person)},
    )


def _partner(person: Person) -> Section:
    # Only the organisations staff verified: choosing another foundation in one's profile
    # shows nothing of it.
    affiliations = list(account_queries.affiliations_of(person).filter(state__in=LIVE))
    organisations = [a.organisation for a in affiliations if a.is_verified]
    programmes = list(programme_queries.programmes_supported_by(organisations))
    return Section(
        Role.PARTNER,
        _("Your partnership"),
        "home/_partner.html",
        {
            "organisations": organisations,
            "pending": [a.organisation for a in affiliations if not a.is_verified],
            "programmes": programmes,
            "projects": list(acceleration_queries.projects_of_programmes(programmes)),
        },
    )


def _site_contact(person: Person) -> Section:
    return Section(
        Role.SITE_CONTACT,
        _("Your experimentation sites"),
        "home/_sites.html",
        {"sites": list(network_queries.sites_of_contact(person))},
    )


def _moderator(person: Person) -> Section:
    _rows, counts = queries_moderation.filtered_queue({})
    return Section(
        Role.MODERATOR,
        _("Innovation catalogue"),
        "home/_moderator.html",
        {"counts": counts, "open_reports": queries_reports.open_reports().count()},
    )


def _admin(person: Person) -> Section:
    counts = dict(
        RoleGrant.objects.values_list("role").annotate(n=Count("id")).values_list("role", "n")
    )
    return Section(
        Role.ADMIN,
        _("Administration"),
        "home/_admin.html",
        {
            "people_count": Person.objects.filter(is_active=True).count(),
            "role_counts": [(label, counts.get(value, 0)) for value, label in Role.choices],
            "pending_count": Membership.objects.filter(state=Membership.State.PENDING).count(),
        },
    )


BUILDERS = {
    Role.STAFF: _staff,
    Role.REFERENT: _referent,
    Role.MENTOR: _mentor,
    Role.COMMITTEE: _committee,
    Role.PARTNER: _partner,
    Role.SITE_CONTACT: _site_contact,
    Role.MODERATOR: _moderator,
    Role.ADMIN: _admin,
    Role.APPLICANT: _applicant,
}


def sections_for(person: Person) -> list[Section]:
    """One section per role, in the order of BUILDERS; someone without any role is treated as
    an applicant, since anyone with an account may apply."""
    roles = person.roles or {Role.APPLICANT}
    return [build(person) for role, build in BUILDERS.items() if role in roles]
