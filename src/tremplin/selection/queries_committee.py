"""Reads of a call's committee: its members and their load, conflicts call-wide (and the flag
that keeps a conflicted review out of the ranking), the bidding page, the instance given to
the assignment solver and the assignment page (coverage, load, affinity, last run).

Every page reads a fixed number of queries, whatever the number of applications."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Lower

from tremplin.accounts.models import Affiliation, Person
from tremplin.applications.models import AnswerChoice, Application, CoApplicant, State
from tremplin.core import pagination
from tremplin.core.models import HistoryEntry
from tremplin.programmes.models import Question

from . import affinity, membership
from .conflicts import answer_texts, describe, submitted_organisation_name
from .models import (
    Assignment,
    AssignmentRule,
    Bid,
    CommitteeMember,
    Conflict,
    Review,
    SelectionSettings,
)

# Applications the assignment works on (and members bid on).
ASSIGNABLE_STATES = (State.ELIGIBLE, State.IN_REVIEW)
# Applications a member may declare a conflict on from their page: those the committee handles.
COMMITTEE_STATES = (
    State.ELIGIBLE,
    State.IN_REVIEW,
    State.SHORTLISTED,
    State.WAITLISTED,
    State.SELECTED,
    State.REJECTED,
)
RUN_ACTION = "assignment_run"
PER_PAGE = 50
SUMMARY_LENGTH = 600


def selection_settings(call) -> SelectionSettings:
    """The call's settings as stored, or the defaults (nothing is written on a page view)."""
    existing = SelectionSettings.objects.filter(call=call).first()
    return existing or SelectionSettings(call=call)


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
                submitted_organisation_name(frozen).casefold(),
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


def in_conflict(prefix: str = "") -> Q:
    """A condition on Assignment (prefix "") or Review (prefix "assignment__") rows: the
    member is in conflict with the application, by the rules of conflicted_pairs.

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


def reviews_counting_in_ranking(call):
    """The submitted reviews of the call that count: their member is not in conflict with the
    application."""
    return Review.objects.filter(
        assignment__member__call=call, state=Review.State.SUBMITTED
    ).exclude(in_conflict("assignment__"))


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


def assigned_to(member: CommitteeMember, hidden: set[int]) -> list[Assignment]:
    """The member's assignments on applications they are not in conflict with."""
    rows = (
        Assignment.objects.filter(member=member)
        .select_related("application")
        .order_by("application__title", "application_id")
    )
    return [row for row in rows if row.application_id not in hidden]


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
    from tremplin.accounts.models import Organisation

    text = (text or "").strip()
    if len(text) < 2:
        return []
    return list(Organisation.objects.filter(name__icontains=text).order_by("name")[:limit])


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
    from tremplin.reference.models import BusinessLine

    labels = {b.code: str(b.name) for b in BusinessLine.objects.all()}
    result: dict[int, list[str]] = defaultdict(list)
    for application_id, value in AnswerChoice.objects.filter(
        application_id__in=application_ids, question__kind=Question.Kind.BUSINESS_LINE
    ).values_list("application_id", "value"):
        label = labels.get(value, value)
        if label not in result[application_id]:
            result[application_id].append(label)
    return result


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
    options = selection_settings(call)
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
    options = selection_settings(call)
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
