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

`find` works on plain data (this module imports neither Django nor models);
`queries.conflicts.detect` reads a call's data in a fixed number of queries and calls it. The
services store the result as Conflict rows (source "detected") whose reason is
`reason_text(kind, detail)`, shown translated by `queries.conflicts.describe`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
