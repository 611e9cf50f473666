"""Reads of a call's committee: its members with their expertise and load, people to seat, a member's own assignments."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Prefetch, Q

from tremplin.accounts.models import Affiliation, Person

from ..models import (
    Assignment,
    CommitteeMember,
)

PER_PAGE = 50


# --- The committee (staff) ---------------------------------------------------------------------


def language_names(codes) -> str:
    names = dict(settings.LANGUAGES)
    return ", ".join(str(names.get(code, code)) for code in codes or [])


def committee(call) -> list[CommitteeMember]:
    """The members with their expertise, load and conflicts. Four queries."""
    members = list(
        CommitteeMember.objects.filter(call=call)
        .select_related("person")
        .prefetch_related("business_lines", "regions")
        .annotate(
            load=Count("assignments", distinct=True),
            conflict_count=Count("conflicts", distinct=True),
        )
        .order_by("role", "person_name")
    )
    for member in members:
        member.language_names = language_names(member.languages)
    return members


def search_people(call, text: str, limit: int = 20) -> list[Person]:
    """Active people whose name or e-mail address contains `text`, not on the committee yet."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    return list(
        Person.objects.filter(is_active=True)
        .filter(Q(full_name__icontains=text) | Q(email__icontains=text))
        .exclude(committee_seats__call=call)
        .prefetch_related(
            Prefetch(
                "affiliations",
                Affiliation.objects.filter(state=Affiliation.State.VERIFIED).select_related(
                    "organisation"
                ),
                to_attr="verified_affiliations",
            )
        )
        .order_by("full_name", "email")[:limit]
    )


def assigned_to(member: CommitteeMember, hidden: set[int]) -> list[Assignment]:
    """The member's assignments on applications they are not in conflict with."""
    rows = (
        Assignment.objects.filter(member=member)
        .select_related("application")
        .order_by("application__title", "application_id")
    )
    return [row for row in rows if row.application_id not in hidden]
