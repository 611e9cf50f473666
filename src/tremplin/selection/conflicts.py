"""Automatic detection of conflicts of interest between a call's committee and its applicants.

A member is in conflict with an application when:

- they are its applicant or a co-applicant (an invitation to their e-mail address counts);
- they belong to the same organisation as the applicant or a co-applicant (the same
  Organisation, or the application's organisation name equal to the member's organisation's
  name, case and accents ignored);
- their e-mail domain (or their organisation's) is the one of the applicant or a
  co-applicant, public mail providers apart (data/public_email_domains.txt);
- they are the contact of an experimentation site the application names: applications do not
  pick sites from a list yet, so the answers are searched for the names of the sites the member
  manages (whole words, at least MIN_SITE_NAME_LENGTH characters). When applications name sites
  explicitly, replace `_names_site` by that link.

National societies are left out of the organisation and domain checks: every intrapreneur and
most members belong to one (croix-rouge.fr), which says nothing about a personal interest.

`find` works on plain data; `detect` reads a call's data in a fixed number of queries and calls
it. The services store the result as Conflict rows (source "detected") whose reason is
`reason_text(kind, detail)`, shown translated by `describe`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _

from .affinity import normalise

APPLICANT = "applicant"
ORGANISATION = "organisation"
EMAIL_DOMAIN = "email_domain"
SITE = "site"
KINDS = (APPLICANT, ORGANISATION, EMAIL_DOMAIN, SITE)

MIN_SITE_NAME_LENGTH = 8
DATA_FILE = Path(__file__).parent / "data" / "public_email_domains.txt"


@lru_cache(maxsize=1)
def public_email_domains() -> frozenset[str]:
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def domain_of(email: str | None) -> str:
    if not email or "@" not in email:
        return ""
    return email.rsplit("@", 1)[1].strip().lower()


def _name_key(name: str | None) -> str:
    return normalise(name or "").strip()


# --- Plain data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Organisation:
    id: int | None
    name: str = ""
    email_domain: str = ""
    of_the_movement: bool = False  # a national society: too broad to be a conflict


@dataclass(frozen=True)
class Person:
    id: int | None
    email: str = ""
    organisation: Organisation | None = None


@dataclass(frozen=True)
class Member:
    id: int
    person: Person
    sites: tuple[str, ...] = ()  # names of the sites the member is the contact of


@dataclass(frozen=True)
class Application:
    id: int
    organisation_name: str
    team: tuple[Person, ...]  # the applicant first, then the co-applicants
    text: str = ""  # normalised answers (see affinity.normalise)


@dataclass(frozen=True)
class Found:
    member_id: int
    application_id: int
    kind: str
    detail: str = ""

    @property
    def reason(self) -> str:
        return reason_text(self.kind, self.detail)


# --- Matching ---------------------------------------------------------------------------------


def find(
    members: list[Member], applications: list[Application], ignored: frozenset[str]
) -> list[Found]:
    """Every conflict between `members` and `applications`, one per (member, application,
    kind); `ignored` are the e-mail domains that do not count."""
    found = []
    for member in members:
        me = member.person
        my_org = (
            me.organisation if me.organisation and not me.organisation.of_the_movement else None
        )
        my_org_name = _name_key(my_org.name) if my_org else ""
        my_domains = {domain_of(me.email)}
        if my_org and my_org.email_domain:
            my_domains.add(my_org.email_domain.lower())
        my_domains -= ignored | {""}
        site_names = [
            name
            for name in (_name_key(s) for s in member.sites)
            if len(name) >= MIN_SITE_NAME_LENGTH
        ]
        my_email = (me.email or "").lower()
        for application in applications:
            kinds = {}
            for other in application.team:
                if (me.id is not None and other.id == me.id) or (
                    my_email and (other.email or "").lower() == my_email
                ):
                    # The other links of this person are the member's own: not worth a row.
                    kinds.setdefault(APPLICANT, "")
                    continue
                org = other.organisation
                same = (
                    my_org is not None
                    and org is not None
                    and not org.of_the_movement
                    and (
                        (my_org.id is not None and org.id == my_org.id)
                        or (my_org_name and _name_key(org.name) == my_org_name)
                    )
                )
                if same:
                    kinds.setdefault(ORGANISATION, my_org.name)
                if my_domains:
                    domains = {domain_of(other.email)}
                    if org and org.email_domain and not org.of_the_movement:
                        domains.add(org.email_domain.lower())
                    shared = sorted(my_domains & domains)
                    if shared:
                        kinds.setdefault(EMAIL_DOMAIN, shared[0])
            if my_org_name and _name_key(application.organisation_name) == my_org_name:
                kinds.setdefault(ORGANISATION, my_org.name)
            site = _names_site(application, site_names, member.sites)
            if site:
                kinds.setdefault(SITE, site)
            found.extend(
                Found(member.id, application.id, kind, detail) for kind, detail in kinds.items()
            )
    return found


def _names_site(application: Application, normalised: list[str], names: tuple[str, ...]) -> str:
    """The first site the application's answers name, among the member's (empty if none)."""
    by_key = {_name_key(n): n for n in names}
    for name in normalised:
        if f" {name} " in application.text:
            return by_key[name]
    return ""


# --- Reading a call ---------------------------------------------------------------------------


def detect(call) -> list[Found]:
    """The conflicts between the call's committee (every seat, observers included: they see the
    ranking and the discussion) and its applications past the draft. Six queries."""
    from tremplin.accounts.models import Organisation as OrganisationModel
    from tremplin.applications.models import Application as ApplicationModel
    from tremplin.applications.models import CoApplicant, State
    from tremplin.network.models import ExperimentationSite

    from .models import CommitteeMember

    organisations: dict[int, Organisation] = {}

    def organisation(pk, name, domain, kind) -> Organisation | None:
        if pk is None:
            return None
        if pk not in organisations:
            organisations[pk] = Organisation(
                pk,
                name or "",
                (domain or "").lower(),
                kind == OrganisationModel.Kind.NATIONAL_SOCIETY,
            )
        return organisations[pk]

    person_fields = ("email", "organisation_id", "organisation__name")
    person_fields += ("organisation__email_domain", "organisation__kind")

    def person(pk, values: dict, prefix: str) -> Person:
        return Person(
            pk,
            values[f"{prefix}email"] or "",
            organisation(*(values[f"{prefix}{name}"] for name in person_fields[1:])),
        )

    member_rows = list(
        CommitteeMember.objects.filter(call=call, person__isnull=False).values(
            "pk", "person_id", *(f"person__{name}" for name in person_fields)
        )
    )
    sites: dict[int, list[str]] = {}
    for contact_id, name in ExperimentationSite.objects.filter(
        contact_id__in=[row["person_id"] for row in member_rows]
    ).values_list("contact_id", "name"):
        sites.setdefault(contact_id, []).append(name)
    members = [
        Member(
            row["pk"],
            person(row["person_id"], row, "person__"),
            tuple(sites.get(row["person_id"], ())),
        )
        for row in member_rows
    ]

    application_rows = list(
        ApplicationModel.objects.filter(call=call)
        .exclude(state=State.DRAFT)
        .values(
            "pk",
            "title",
            "organisation_name",
            "frozen_answers",
            "applicant_id",
            *(f"applicant__{name}" for name in person_fields),
        )
    )
    teams: dict[int, list[Person]] = {}
    for row in CoApplicant.objects.filter(application__call=call).values(
        "application_id", "email", "person_id", *(f"person__{name}" for name in person_fields)
    ):
        # An invitation not accepted yet has no person: its e-mail address still counts.
        teams.setdefault(row["application_id"], []).append(
            Person(
                row["person_id"],
                row["person__email"] or row["email"] or "",
                organisation(*(row[f"person__{name}"] for name in person_fields[1:])),
            )
            if row["person_id"]
            else Person(None, row["email"] or "")
        )
        if row["person_id"] and row["email"] and row["email"] != row["person__email"]:
            teams[row["application_id"]].append(Person(None, row["email"]))
    applications = [
        Application(
            row["pk"],
            row["organisation_name"] or "",
            tuple(
                ([person(row["applicant_id"], row, "applicant__")] if row["applicant_id"] else [])
                + teams.get(row["pk"], [])
            ),
            normalise(" ".join([row["title"] or "", *answer_texts(row["frozen_answers"])])),
        )
        for row in application_rows
    ]
    movement = {
        d.lower()
        for d in OrganisationModel.objects.filter(kind=OrganisationModel.Kind.NATIONAL_SOCIETY)
        .exclude(email_domain="")
        .values_list("email_domain", flat=True)
    }
    return find(members, applications, public_email_domains() | movement)


def answer_texts(frozen: dict | None) -> list[str]:
    """The plain texts of an application's answers as submitted."""
    answers = (frozen or {}).get("answers") or {}
    return [a.get("text") or "" for a in answers.values() if isinstance(a, dict)]


# --- Reasons ----------------------------------------------------------------------------------


def reason_text(kind: str, detail: str = "") -> str:
    """The stored reason of a detected conflict: its kind, then what matched."""
    return f"{kind}: {detail}"[:300]


def parse_reason(reason: str) -> tuple[str, str] | None:
    kind, sep, detail = (reason or "").partition(": ")
    if not sep or kind not in KINDS:
        return None
    return kind, detail


def describe(source: str, reason: str) -> str:
    """A conflict's reason for people, in the active language."""
    from .models import Conflict

    parsed = parse_reason(reason) if source == Conflict.Source.DETECTED else None
    if parsed is None:
        return reason
    kind, detail = parsed
    if kind == APPLICANT:
        return _("The member is the applicant or a co-applicant.")
    if kind == ORGANISATION:
        return _("Same organisation as the applicant or a co-applicant: %(name)s") % {
            "name": detail
        }
    if kind == EMAIL_DOMAIN:
        return _("Same e-mail domain as the applicant or a co-applicant: %(domain)s") % {
            "domain": detail
        }
    return _("The member is the contact of a site the application names: %(site)s") % {
        "site": detail
    }
