"""Reads of the bidding page: the applications a member may bid on, with their summary and the member's bid."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from tremplin.applications.models import AnswerChoice, Application
from tremplin.core import pagination
from tremplin.programmes.models import Question
from tremplin.reference.models import BusinessLine

from .. import membership
from ..models import (
    Bid,
    CommitteeMember,
)
from ..workflow import ASSIGNABLE_STATES
from .committee import PER_PAGE

SUMMARY_LENGTH = 600


# --- Bidding -----------------------------------------------------------------------------------


@dataclass
class BidRow:
    application: Application
    summary: str
    business_lines: list[str]
    preference: int | None


def summary_fields(call) -> list[str]:
    """The keys of the long-text questions of the call's form, in order: their answers make the
    summary members bid on."""
    return list(
        Question.objects.filter(call=call, kind=Question.Kind.LONG_TEXT)
        .order_by("step__position", "position", "id")
        .values_list("key", flat=True)
    )


def summary_of(application: Application, keys: list[str], hidden_names: list[str]) -> str:
    answers = (application.frozen_answers or {}).get("answers") or {}
    texts = [(answers.get(key) or {}).get("text") or "" for key in keys]
    text = " ".join(" ".join(t.split()) for t in texts if t)
    for name in hidden_names:
        if name and len(name) >= 2:
            text = re.sub(re.escape(name), "[…]", text, flags=re.IGNORECASE)
    if len(text) > SUMMARY_LENGTH:
        text = text[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"
    return text


def bidding_page(call, member: CommitteeMember, blind: bool, page_number) -> tuple:
    """The page of applications the member may bid on (eligible or in review, not conflicted),
    with their summary and the member's bid. Returns (page, rows). Seven queries."""
    hidden = membership.conflicted_application_ids(member)
    applications = (
        Application.objects.filter(call=call, state__in=ASSIGNABLE_STATES)
        .exclude(pk__in=hidden)
        .select_related("region")
        .only(
            "pk",
            "call_id",
            "title",
            "applicant_name",
            "organisation_name",
            "frozen_answers",
            "region",
        )
        .order_by("title", "pk")
    )
    page = pagination.paginate(applications, PER_PAGE, page_number)
    items = list(page.object_list)
    ids = [a.pk for a in items]
    bids = dict(
        Bid.objects.filter(member=member, application_id__in=ids).values_list(
            "application_id", "preference"
        )
    )
    lines = business_line_labels(ids)
    keys = summary_fields(call)
    rows = []
    for application in items:
        names = [application.organisation_name, application.applicant_name] if blind else []
        rows.append(
            BidRow(
                application,
                summary_of(application, keys, names),
                lines.get(application.pk, []),
                bids.get(application.pk),
            )
        )
    return page, rows


def business_line_labels(application_ids: list[int]) -> dict[int, list[str]]:
    labels = {b.code: str(b.name) for b in BusinessLine.objects.all()}
    result: dict[int, list[str]] = defaultdict(list)
    for application_id, value in AnswerChoice.objects.filter(
        application_id__in=application_ids, question__kind=Question.Kind.BUSINESS_LINE
    ).values_list("application_id", "value"):
        label = labels.get(value, value)
        if label not in result[application_id]:
            result[application_id].append(label)
    return result
