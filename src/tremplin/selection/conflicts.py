"""Automatic detection of conflicts of interest between a call's committee and its applicants.

A member is in conflict with an application when:

- they are its applicant or a co-applicant (an invitation to their e-mail address counts);
- they belong to the same organisation as the applicant or a co-applicant (the same
  Organisation, or the organisation named in the application as submitted equal to one of the
  member's organisations' names, case and accents ignored);
- their e-mail domain (or one of their organisations') is the one of the applicant or a
  co-applicant, public mail providers apart (data/public_email_domains.txt);
- they are the contact of an experimentation site the application names: applications do not
  pick sites from a list yet, so the answers are searched for the names of the sites the member
  manages (whole words, at least MIN_SITE_NAME_LENGTH characters). When applications name sites
  explicitly, replace `_names_site` by that link.

The organisations a person belongs to are their verified affiliations (accounts.Affiliation),
never what their profile says: otherwise an applicant would create a conflict with a reviewer
they want out, or drop one, by choosing an organisation. What the application says is read from
its answers as frozen at submission, not from later edits.

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
    organisations: tuple[Organisation, ...] = ()  # verified affiliations


@dataclass(frozen=True)
class Member:
    id: int
    person: Person
    sites: tuple[str, ...] = ()  # names of the sites the member is the contact of


@dataclass(frozen=True)
class Application:
    id: int
    organisation_name: str  # as submitted
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
        my_orgs = [o for o in me.organisations if not o.of_the_movement]
        my_ids = {o.id: o for o in my_orgs if o.id is not None}
        my_names = {_name_key(o.name): o for o in my_orgs if _name_key(o.name)}
        my_domains = {domain_of(me.email)} | {o.email_domain.lower() for o in my_orgs}
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
                theirs = [o for o in other.organisations if not o.of_the_movement]
                for org in theirs:
                    mine = my_ids.get(org.id) if org.id is not None else None
                    mine = mine or my_names.get(_name_key(org.name))
                    if mine is not None:
                        kinds.setdefault(ORGANISATION, mine.name)
                if my_domains:
                    domains = {domain_of(other.email)}
                    domains |= {o.email_domain.lower() for o in theirs if o.email_domain}
                    shared = sorted(my_domains & domains)
                    if shared:
                        kinds.setdefault(EMAIL_DOMAIN, shared[0])
            named = my_names.get(_name_key(application.organisation_name))
            if named is not None:
                kinds.setdefault(ORGANISATION, named.name)
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
    from tremplin.accounts.models import Affiliation
    from tremplin.accounts.models import Organisation as OrganisationModel
    from tremplin.applications.models import Application as ApplicationModel
    from tremplin.applications.models import CoApplicant, State
    from tremplin.network.models import ExperimentationSite

    from .models import CommitteeMember

    member_rows = list(
        CommitteeMember.objects.filter(call=call, person__isnull=False).values(
            "pk", "person_id", "person__email"
        )
    )
    application_rows = list(
        ApplicationModel.objects.filter(call=call)
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
    organisations: dict[int, Organisation] = {}
    verified: dict[int, list[Organisation]] = {}
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
            organisations[pk] = Organisation(
                pk,
                name or "",
                (domain or "").lower(),
                kind == OrganisationModel.Kind.NATIONAL_SOCIETY,
            )
        verified.setdefault(person_id, []).append(organisations[pk])

    def person(pk, email) -> Person:
        return Person(pk, email or "", tuple(verified.get(pk, ())))

    sites: dict[int, list[str]] = {}
    for contact_id, name in ExperimentationSite.objects.filter(
        contact_id__in=[row["person_id"] for row in member_rows]
    ).values_list("contact_id", "name"):
        sites.setdefault(contact_id, []).append(name)
    members = [
        Member(
            row["pk"],
            person(row["person_id"], row["person__email"]),
            tuple(sites.get(row["person_id"], ())),
        )
        for row in member_rows
    ]

    teams: dict[int, list[Person]] = {}
    for row in team_rows:
        # An invitation not accepted yet has no person: its e-mail address still counts.
        teams.setdefault(row["application_id"], []).append(
            person(row["person_id"], row["person__email"] or row["email"])
            if row["person_id"]
            else Person(None, row["email"] or "")
        )
        if row["person_id"] and row["email"] and row["email"] != row["person__email"]:
            teams[row["application_id"]].append(Person(None, row["email"]))
    applications = [
        Application(
            row["pk"],
            submitted_organisation_name(row["frozen_answers"], row["organisation_name"]),
            tuple(
                (
                    [person(row["applicant_id"], row["applicant__email"])]
                    if row["applicant_id"]
                    else []
                )
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


# Where an application's frozen answers keep the organisation it named (a JSON path, for
# queries: see membership.conflicted_application_ids and queries/conflicts.py).
SUBMITTED_ORGANISATION = "frozen_answers__answers__organisation_name__text"


def submitted_organisation_name(frozen: dict | None, current: str = "") -> str:
    """The organisation the application named when it was submitted: an edit made since, not
    submitted again, changes nothing (the current column only stands in for an application
    frozen without that question)."""
    answer = ((frozen or {}).get("answers") or {}).get("organisation_name")
    if not isinstance(answer, dict):
        return current or ""
    text = answer.get("text")
    return text if isinstance(text, str) else ""


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
