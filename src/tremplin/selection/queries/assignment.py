"""Reads of the reviewer assignment: the instance given to the solver (prepare), the assignment page (coverage, load, affinity, rules, last run) and the explanation of a run that could not be done.

Every page reads a fixed number of queries, whatever the number of applications."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.contrib.contenttypes.models import ContentType

from tremplin.applications.models import AnswerChoice, Application
from tremplin.core import pagination
from tremplin.core.models import HistoryEntry
from tremplin.programmes.models import Question

from .. import affinity
from ..conflicts import answer_texts
from ..models import (
    Assignment,
    AssignmentRule,
    Bid,
    CommitteeMember,
    Review,
    SelectionSettings,
)
from ..workflow import ASSIGNABLE_STATES
from . import settings
from .committee import PER_PAGE
from .conflicts import conflicted_pairs

RUN_ACTION = "assignment_run"


# --- The instance given to the solver ----------------------------------------------------------


@dataclass
class Prepared:
    """A call's assignment problem as the solver takes it, and what the service needs to
    apply its result.

    Kept by a run (forced): reviews started or submitted, pinned pairs and assignments added by
    hand. Replaced by a run: the other assignments (automatic, not started). Outside the run:
    assignments of applications no longer eligible or in review, and submitted reviews of a
    member who later declared a conflict; they use up the member's capacity."""

    k: int
    applications: list[dict]  # pk, title, state (rows of the instance, in order)
    members: list[CommitteeMember]  # reviewing members (columns of the instance)
    capacities: np.ndarray
    affinity: np.ndarray
    conflict: np.ndarray  # conflicts and forbidden pairs
    forced: np.ndarray
    replaceable: dict[tuple[int, int], int]  # (application id, member id) -> assignment id
    existing: set[tuple[int, int]]  # every (application id, member id) assigned now
    released: list[int] = field(default_factory=list)  # conflicted, not submitted: to delete
    ignored_pins: list[tuple[int, int]] = field(default_factory=list)  # pinned but conflicted
    over_covered: list[int] = field(default_factory=list)  # more than k kept: left as they are

    @property
    def pairs(self) -> int:
        return len(self.applications) * len(self.members)


def prepare(call) -> Prepared:
    """Read the call's assignment problem: about a dozen queries, the rest in memory.

    The arrays are dense (applications x reviewing members): a call has at most a few thousand
    applications and a few dozen members, so this stays small enough for a request."""
    options = settings.of(call)
    k = options.reviews_per_application
    members = [
        m
        for m in CommitteeMember.objects.filter(call=call)
        .select_related("person")
        .prefetch_related("business_lines", "regions")
        .order_by("person_name", "pk")
        if m.reviews
    ]
    member_index = {m.pk: j for j, m in enumerate(members)}
    rows = list(
        Application.objects.filter(call=call, state__in=ASSIGNABLE_STATES)
        .order_by("pk")
        .values(
            "pk", "title", "state", "region_id", "frozen_answers", "applicant__preferred_language"
        )
    )
    lines: dict[int, set[str]] = defaultdict(set)
    for application_id, value in AnswerChoice.objects.filter(
        application__call=call,
        application__state__in=ASSIGNABLE_STATES,
        question__kind=Question.Kind.BUSINESS_LINE,
    ).values_list("application_id", "value"):
        lines[application_id].add(value)
    conflicted = conflicted_pairs(call)
    assignments = list(
        Assignment.objects.filter(member__call=call).values_list(
            "pk", "application_id", "member_id", "source", "review__state"
        )
    )
    rules = list(
        AssignmentRule.objects.filter(member__call=call).values_list(
            "application_id", "member_id", "kind"
        )
    )
    bids = list(
        Bid.objects.filter(member__call=call).values_list(
            "application_id", "member_id", "preference"
        )
    )

    # Kept assignments per application decide which applications the run takes.
    kept_per_application: Counter = Counter()
    in_scope = {row["pk"] for row in rows}
    released, outside_load = [], Counter()
    for pk, application_id, member_id, source, review_state in assignments:
        if (member_id, application_id) in conflicted:
            if review_state == Review.State.SUBMITTED:
                outside_load[member_id] += 1
            else:
                released.append(pk)
            continue
        if application_id not in in_scope or member_id not in member_index:
            outside_load[member_id] += 1
            continue
        if review_state or source == Assignment.Source.MANUAL:
            kept_per_application[application_id] += 1
    pinned = {
        (a, m)
        for a, m, kind in rules
        if kind == AssignmentRule.Kind.PIN and a in in_scope and m in member_index
    }
    ignored_pins = sorted((a, m) for a, m in pinned if (m, a) in conflicted)
    pinned -= set(ignored_pins)
    kept_keys = {
        (a, m)
        for _pk, a, m, source, state in assignments
        if (m, a) not in conflicted
        and a in in_scope
        and m in member_index
        and (state or source == Assignment.Source.MANUAL)
    }
    for a, _m in pinned - kept_keys:
        kept_per_application[a] += 1
    over_covered = sorted(a for a, count in kept_per_application.items() if count > k)
    for _pk, a, m, _source, _state in assignments:
        if a in over_covered and (m, a) not in conflicted and m in member_index:
            outside_load[m] += 1
    left_out = set(over_covered)
    rows = [row for row in rows if row["pk"] not in left_out]
    application_index = {row["pk"]: i for i, row in enumerate(rows)}

    n, r = len(rows), len(members)
    conflict = np.zeros((n, r), dtype=bool)
    forced = np.zeros((n, r), dtype=bool)
    for m, a in conflicted:
        if a in application_index and m in member_index:
            conflict[application_index[a], member_index[m]] = True
    for a, m, kind in rules:
        if kind == AssignmentRule.Kind.FORBID and a in application_index and m in member_index:
            conflict[application_index[a], member_index[m]] = True
    for a, m in pinned | kept_keys:
        if a in application_index:
            forced[application_index[a], member_index[m]] = True
    replaceable = {
        (a, m): pk
        for pk, a, m, source, state in assignments
        if a in application_index
        and m in member_index
        and (m, a) not in conflicted
        and not state
        and source != Assignment.Source.MANUAL
        and (a, m) not in pinned
    }
    forced_per_member = forced.sum(axis=0)
    capacities = np.array(
        [
            max(m.capacity - outside_load[m.pk], int(forced_per_member[j]), 0)
            for j, m in enumerate(members)
        ],
        dtype=np.int64,
    )
    profiles = [
        affinity.MemberProfile.build(
            business_lines=[b.code for b in m.business_lines.all()],
            regions=[region.pk for region in m.regions.all()],
            themes=m.themes,
            languages=m.languages or [],
        )
        for m in members
    ]
    applications = [
        affinity.ApplicationProfile.build(
            business_lines=lines.get(row["pk"], ()),
            region=row["region_id"],
            texts=[row["title"], *answer_texts(row["frozen_answers"])],
            language=row["applicant__preferred_language"],
        )
        for row in rows
    ]
    bid_index = {
        (application_index[a], member_index[m]): preference
        for a, m, preference in bids
        if a in application_index and m in member_index
    }
    values = np.array(affinity.matrix(applications, profiles, bid_index), dtype=np.float64)
    return Prepared(
        k=k,
        applications=[{"pk": r_["pk"], "title": r_["title"], "state": r_["state"]} for r_ in rows],
        members=members,
        capacities=capacities,
        affinity=values.reshape(n, r),
        conflict=conflict,
        forced=forced,
        replaceable=replaceable,
        existing={(a, m) for _pk, a, m, _s, _r in assignments},
        released=released,
        ignored_pins=ignored_pins,
        over_covered=over_covered,
    )


# --- The assignment page -----------------------------------------------------------------------


@dataclass
class Reviewer:
    assignment_id: int
    member_id: int
    name: str
    source: str
    affinity: float
    review_state: str | None
    pinned: bool


@dataclass
class ApplicationCoverage:
    pk: int
    title: str
    reference: str
    state: str
    reviewers: list[Reviewer]
    k: int

    @property
    def count(self) -> int:
        return len(self.reviewers)

    @property
    def missing(self) -> int:
        return max(0, self.k - self.count)

    @property
    def status(self) -> str:
        if self.count == self.k:
            return "complete"
        return "short" if self.count < self.k else "over"


@dataclass
class MemberLoad:
    member: CommitteeMember
    load: int
    started: int

    @property
    def over(self) -> bool:
        return self.load > self.member.capacity

    @property
    def room(self) -> int:
        return self.member.capacity - self.load


@dataclass
class AssignmentOverview:
    settings: SelectionSettings
    k: int
    applications: list[ApplicationCoverage]  # every assignable application
    page: object
    rows: list[ApplicationCoverage]  # this page's
    loads: list[MemberLoad]
    total_affinity: float
    flagged: list[dict]  # conflicted submitted reviews kept out of the ranking
    rules: list[AssignmentRule]
    last_run: HistoryEntry | None
    counts: dict = field(default_factory=dict)

    @property
    def needed(self) -> int:
        return self.k * len(self.applications)

    @property
    def assigned(self) -> int:
        return sum(min(a.count, self.k) for a in self.applications)

    @property
    def capacity(self) -> int:
        return sum(item.member.capacity for item in self.loads)


def assignment_overview(call, page_number=None, only_short: bool = False) -> AssignmentOverview:
    """Coverage, load, affinity, rules and the last run of the call's assignment. A fixed
    number of queries (about ten) whatever the number of applications."""
    options = settings.of(call)
    k = options.reviews_per_application
    members = list(
        CommitteeMember.objects.filter(call=call).select_related("person").order_by("person_name")
    )
    names = {m.pk: m.person_name for m in members}
    rows = list(
        Application.objects.filter(call=call, state__in=ASSIGNABLE_STATES)
        .order_by("title", "pk")
        .values_list("pk", "title", "state", "call_id")
    )
    conflicted = conflicted_pairs(call)
    rules = list(
        AssignmentRule.objects.filter(member__call=call)
        .select_related("member", "application")
        .order_by("kind", "member__person_name", "application__title")
    )
    pins = {(r.application_id, r.member_id) for r in rules if r.kind == AssignmentRule.Kind.PIN}
    coverage = {
        pk: ApplicationCoverage(pk, title, f"{call_id:03d}-{pk:05d}", state, [], k)
        for pk, title, state, call_id in rows
    }
    loads = {m.pk: MemberLoad(m, 0, 0) for m in members}
    flagged, total = [], 0.0
    for pk, application_id, member_id, source, value, review_state, title in (
        Assignment.objects.filter(member__call=call)
        .order_by("member__person_name", "pk")
        .values_list(
            "pk",
            "application_id",
            "member_id",
            "source",
            "affinity",
            "review__state",
            "application__title",
        )
    ):
        if (member_id, application_id) in conflicted:
            if review_state == Review.State.SUBMITTED:
                loads[member_id].load += 1
                loads[member_id].started += 1
                flagged.append(
                    {"member": names.get(member_id, ""), "application": title, "pk": application_id}
                )
            continue
        loads[member_id].load += 1
        if review_state:
            loads[member_id].started += 1
        item = coverage.get(application_id)
        if item is None:
            continue
        total += value
        item.reviewers.append(
            Reviewer(
                pk,
                member_id,
                names.get(member_id, ""),
                source,
                value,
                review_state,
                (application_id, member_id) in pins,
            )
        )
    applications = list(coverage.values())
    # Applications short of reviewers first: they are the ones staff act on.
    applications.sort(key=lambda a: (a.status != "short", a.title.casefold(), a.pk))
    counts = Counter(a.status for a in applications)
    counts["unassigned"] = sum(1 for a in applications if a.count == 0)
    listed = [a for a in applications if a.status == "short"] if only_short else applications
    page = pagination.paginate(listed, PER_PAGE, page_number)
    last_run = (
        HistoryEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(call),
            target_id=str(call.pk),
            action=RUN_ACTION,
        )
        .order_by("-pk")
        .first()
    )
    return AssignmentOverview(
        settings=options,
        k=k,
        applications=applications,
        page=page,
        rows=list(page.object_list),
        loads=[loads[m.pk] for m in members if m.reviews],
        total_affinity=total,
        flagged=flagged,
        rules=rules,
        last_run=last_run,
        counts=dict(counts),
    )


def choices_for_hand(call) -> tuple[list, list]:
    """The applications and reviewing members of the form that pins, forbids or assigns a pair."""
    applications = [
        (pk, f"{call_id:03d}-{pk:05d} {title}".strip())
        for pk, title, call_id in Application.objects.filter(call=call, state__in=ASSIGNABLE_STATES)
        .order_by("title", "pk")
        .values_list("pk", "title", "call_id")
    ]
    members = [
        (m.pk, m.person_name)
        for m in CommitteeMember.objects.filter(
            call=call, role__in=[CommitteeMember.Role.REVIEWER, CommitteeMember.Role.CHAIR]
        ).order_by("person_name")
    ]
    return applications, members


# --- Explaining a run that could not be done ---------------------------------------------------


@dataclass
class RunExplanation:
    status: str
    lacking: list[dict]  # application title, eligible, missing
    capacity: dict
    bottleneck: dict | None
    forced_problems: int
    reviews_needed: int
    reviews_possible: int
    data: dict


def explain_run(entry: HistoryEntry | None, call) -> RunExplanation | None:
    """What the last run's stored diagnostics say, with application titles (one query)."""
    if entry is None:
        return None
    data = entry.data or {}
    diagnostics = data.get("diagnostics") or {}
    lacking = diagnostics.get("applications_lacking_reviewers") or []
    bottleneck = diagnostics.get("bottleneck") or None
    ids = {item.get("application") for item in lacking}
    if bottleneck:
        ids |= set(bottleneck.get("applications") or [])
    titles = dict(
        Application.objects.filter(
            call=call, pk__in=[i for i in ids if isinstance(i, int)]
        ).values_list("pk", "title")
    )
    member_names = dict(
        CommitteeMember.objects.filter(
            call=call, pk__in=(bottleneck or {}).get("reviewers") or []
        ).values_list("pk", "person_name")
    )
    for item in lacking:
        item["title"] = titles.get(item.get("application"), "") or "—"
    if bottleneck:
        bottleneck = dict(bottleneck)
        bottleneck["titles"] = [
            titles.get(pk, "") or "—" for pk in bottleneck.get("applications") or []
        ]
        bottleneck["names"] = [member_names.get(pk, "") for pk in bottleneck.get("reviewers") or []]
    forced = sum(
        len(diagnostics.get(key) or [])
        for key in ("forced_conflicts", "forced_over_reviews", "forced_over_capacity")
    )
    return RunExplanation(
        status=data.get("status", ""),
        lacking=lacking,
        capacity=diagnostics.get("capacity") or {},
        bottleneck=bottleneck,
        forced_problems=forced,
        reviews_needed=diagnostics.get("reviews_needed") or 0,
        reviews_possible=diagnostics.get("reviews_assigned") or 0,
        data=data,
    )
