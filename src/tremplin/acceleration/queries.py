"""Reads about laureate projects, cohorts, milestones, the journal, mentors and funding, with
their joins done once (the list pages' query counts do not grow with their length)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    DecimalField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from tremplin.accounts.models import Person, Role
from tremplin.core.models import HistoryEntry

from . import mentor_matching
from .models import (
    PHASE_ORDER,
    CheckIn,
    Cohort,
    FundingTranche,
    LaureateProject,
    MentorProfile,
    Milestone,
    Phase,
)

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _projects():
    return LaureateProject.objects.select_related("season", "programme", "organisation", "referent")


def projects_followed_by(person):
    return _projects().filter(referent=person).order_by("-season__number", "name")


def projects_mentored_by(person):
    return _projects().filter(mentors=person).order_by("-season__number", "name")


def projects_of_team_member(person):
    return _projects().filter(team=person).order_by("-season__number", "name")


def projects_of_programmes(programmes):
    return _projects().filter(programme__in=programmes).order_by("-season__number", "name")


# --- Phases ---------------------------------------------------------------------------------


def current_phase(milestones) -> str | None:
    """The earliest phase with a milestone still open (planned or in progress); the last
    phase once everything is delivered; None without milestones."""
    milestones = list(milestones)
    if not milestones:
        return None
    open_phases = [m.phase for m in milestones if m.state in Milestone.OPEN_STATES]
    if open_phases:
        return min(open_phases, key=PHASE_ORDER.__getitem__)
    return max((m.phase for m in milestones), key=PHASE_ORDER.__getitem__)


@dataclass
class PhaseGroup:
    phase: str
    label: str
    milestones: list = field(default_factory=list)
    current: bool = False


def phases_of(project, milestones) -> list[PhaseGroup]:
    current = current_phase(milestones)
    groups = {
        value: PhaseGroup(value, label, current=value == current) for value, label in Phase.choices
    }
    for milestone in milestones:
        groups[milestone.phase].milestones.append(milestone)
    return list(groups.values())


# --- One project ----------------------------------------------------------------------------


def project_by_slug(slug):
    return (
        _projects()
        .select_related("cohort", "region", "application", "innovation")
        .prefetch_related("business_lines", "team", "mentors")
        .filter(slug=slug)
        .first()
    )


def milestones_of(project):
    return list(
        project.milestones.select_related("owner")
        .prefetch_related("files")
        .order_by("due_on", "id")
    )


def journal_of(project):
    return list(project.check_ins.select_related("author").prefetch_related("participants"))


def last_check_in(check_ins):
    held = [c for c in check_ins if c.state == CheckIn.State.HELD]
    return max(held, key=lambda c: c.happens_at) if held else None


def next_check_in(check_ins, now=None):
    now = now or timezone.now()
    planned = [c for c in check_ins if c.state == CheckIn.State.SCHEDULED and c.happens_at >= now]
    return min(planned, key=lambda c: c.happens_at) if planned else None


def consultations_of(project):
    return list(project.consultations.select_related("recorded_by"))


def tranches_of(project):
    return list(project.tranches.select_related("partner"))


def funding_summary(tranches) -> dict:
    total = sum((t.amount for t in tranches), Decimal("0"))
    disbursed = sum((t.amount for t in tranches if t.disbursed), Decimal("0"))
    return {"total": total, "disbursed": disbursed, "to_disburse": total - disbursed}


def history_of_project(project, milestone_ids, limit=50):
    types = ContentType.objects.get_for_models(LaureateProject, Milestone)
    return list(
        HistoryEntry.objects.filter(
            Q(target_type=types[LaureateProject], target_id=str(project.pk))
            | Q(target_type=types[Milestone], target_id__in=[str(i) for i in milestone_ids])
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )


# --- Dashboards -----------------------------------------------------------------------------


def _with_progress(queryset, today):
    """Each project's overdue milestone count and last held check-in, as subqueries (no join
    that multiplies rows)."""
    overdue = (
        Milestone.objects.filter(
            project=OuterRef("pk"), state__in=list(Milestone.OPEN_STATES), due_on__lt=today
        )
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last = (
        CheckIn.objects.filter(project=OuterRef("pk"), state=CheckIn.State.HELD)
        .order_by("-happens_at")
        .values("happens_at")[:1]
    )
    return queryset.annotate(
        overdue_count=Coalesce(Subquery(overdue), 0), last_check_in_at=Subquery(last)
    )


def dashboard_projects(person, *, staff: bool, today=None):
    """The projects a person follows, mentors or belongs to (all projects for staff), with
    their overdue milestone count and last check-in; lazy, to be paginated, then given their
    current phase by with_phases()."""
    today = today or timezone.localdate()
    queryset = _projects()
    if not staff:
        queryset = queryset.filter(
            pk__in=LaureateProject.objects.filter(
                Q(referent=person) | Q(mentors=person) | Q(team=person)
            ).values("pk")
        )
    return _with_progress(queryset, today).order_by("-season__number", "name", "pk")


def with_phases(projects) -> list:
    """The projects of one page with their current phase label (one query for all)."""
    projects = list(projects)
    phases = group_by(
        Milestone.objects.filter(project__in=[p.pk for p in projects]).values_list(
            "project_id", "phase", "state"
        ),
        lambda row: row[0],
    )
    for project in projects:
        rows = [_PhaseRow(phase, state) for _pk, phase, state in phases.get(project.pk, [])]
        phase = current_phase(rows)
        project.current_phase_label = Phase(phase).label if phase else ""
    return projects


@dataclass
class _PhaseRow:
    phase: str
    state: str


def overdue_milestones(person=None, *, staff: bool, today=None, limit=100):
    today = today or timezone.localdate()
    queryset = Milestone.objects.filter(
        state__in=Milestone.OPEN_STATES,
        due_on__lt=today,
        project__state=LaureateProject.State.ACCELERATING,
    ).select_related("project", "owner", "project__referent")
    if not staff:
        queryset = queryset.filter(project__referent=person)
    return list(queryset.order_by("due_on", "id")[:limit])


def can_see_all(person) -> bool:
    return person.has_perm("acceleration.manage")


# --- Cohorts and funding totals -------------------------------------------------------------


def cohorts():
    return (
        Cohort.objects.select_related("programme", "season")
        .annotate(
            project_count=Count("projects", distinct=True),
        )
        .order_by("-season__number", "programme__slug")
    )


def cohort_funding(cohort_ids=None) -> dict[int, dict]:
    rows = FundingTranche.objects.filter(project__cohort__isnull=False)
    if cohort_ids is not None:
        rows = rows.filter(project__cohort__in=cohort_ids)
    rows = rows.values("project__cohort").annotate(
        total=Coalesce(Sum("amount"), ZERO),
        disbursed=Coalesce(Sum("amount", filter=Q(disbursed_on__isnull=False)), ZERO),
    )
    return {row["project__cohort"]: row for row in rows}


def funding_totals() -> dict:
    """Totals of the financial packages, planned and disbursed, by cohort, partner and
    programme, and overall: four aggregate queries."""
    base = FundingTranche.objects.all()
    sums = {
        "total": Coalesce(Sum("amount"), ZERO),
        "disbursed": Coalesce(Sum("amount", filter=Q(disbursed_on__isnull=False)), ZERO),
        "tranches": Count("id"),
        "projects": Count("project", distinct=True),
    }
    by_cohort = list(
        base.values(
            "project__cohort",
            "project__cohort__programme__name",
            "project__cohort__season__number",
        )
        .annotate(**sums)
        .order_by("-project__cohort__season__number", "project__cohort")
    )
    by_partner = list(
        base.values("partner", "partner__name").annotate(**sums).order_by("partner__name")
    )
    by_programme = list(
        base.values("project__programme", "project__programme__name")
        .annotate(**sums)
        .order_by("project__programme")
    )
    overall = base.aggregate(**sums)
    for rows in (by_cohort, by_partner, by_programme, [overall]):
        for row in rows:
            row["to_disburse"] = row["total"] - row["disbursed"]
    return {
        "by_cohort": by_cohort,
        "by_partner": by_partner,
        "by_programme": by_programme,
        "overall": overall,
    }


def cohort_projects(cohort, today=None):
    today = today or timezone.localdate()
    funding = (
        FundingTranche.objects.filter(project=OuterRef("pk"))
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return list(
        _with_progress(cohort.projects.select_related("referent", "organisation"), today)
        .annotate(funding_total=Coalesce(Subquery(funding), ZERO))
        .order_by("name")
    )


# --- Mentors --------------------------------------------------------------------------------


def mentor_pool():
    return (
        MentorProfile.objects.select_related("person", "partner")
        .prefetch_related("business_lines")
        .annotate(
            load=Count(
                "person__mentored_projects",
                filter=Q(person__mentored_projects__state=LaureateProject.State.ACCELERATING),
                distinct=True,
            )
        )
        .order_by("person__full_name", "person__email")
    )


def mentor_facts(profiles) -> list[mentor_matching.MentorFacts]:
    return [
        mentor_matching.MentorFacts(
            id=profile.person_id,
            name=str(profile.person),
            business_lines=frozenset(line.code for line in profile.business_lines.all()),
            skills=frozenset(profile.skills or []),
            available=profile.available,
            load=profile.load,
            capacity=profile.max_projects,
        )
        for profile in profiles
    ]


def suggested_mentors(project, limit=10):
    """Ranked suggestions with their reasons, each carrying its profile for display."""
    profiles = {p.person_id: p for p in mentor_pool()}
    suggestions = mentor_matching.suggest(
        {line.code for line in project.business_lines.all()},
        set(project.needs or []),
        mentor_facts(profiles.values()),
        exclude={m.pk for m in project.mentors.all()},
        limit=limit,
    )
    lines = {line.code: line for line in project.business_lines.all()}
    for suggestion in suggestions:
        suggestion.profile = profiles[suggestion.mentor_id]
        suggestion.line_names = [str(lines[c]) for c in suggestion.lines]
    return suggestions


def referent_candidates():
    return (
        Person.objects.filter(is_active=True, role_grants__role__in=[Role.REFERENT, Role.STAFF])
        .distinct()
        .order_by("full_name", "email")
    )


def group_by(items, key) -> dict:
    grouped = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return grouped


# --- What later apps tell ---------------------------------------------------------------------

# The number of sites where a project is deployed is known to the network app, which comes after
# acceleration in the app order and so is not imported here: it registers its counter when
# Django starts (network/apps.py).
_site_counters: list = []


def register_site_counter(counter) -> None:
    """`counter(project) -> int`: the sites where the project is deployed (the outcome's prefill)."""
    if counter not in _site_counters:
        _site_counters.append(counter)


def suggested_site_count(project) -> int | None:
    """The number of sites where the network records the project as deployed, when an app can
    tell (None otherwise)."""
    return _site_counters[0](project) if _site_counters else None
