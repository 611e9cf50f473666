"""Reads about experimentation sites and experiments, shared by the pages, the demo and the
acceleration app. Every list reads a bounded number of queries whatever its length."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tremplin.acceleration.models import LaureateProject
from tremplin.reference.models import BusinessLine, Region

from . import site_matching
from .models import Experiment, ExperimentationSite

OCCUPYING = [str(s) for s in Experiment.OCCUPYING]
OPEN = [str(s) for s in Experiment.OPEN]


# --- For the acceleration app -----------------------------------------------------------------


def deployed_site_count(project) -> int:
    """The number of sites where the project's experiment reached "deployed"."""
    return (
        Experiment.objects.filter(project=project, status=Experiment.Status.DEPLOYED)
        .values("site")
        .distinct()
        .count()
    )


# --- Sites ------------------------------------------------------------------------------------


def occupied_subquery():
    """The number of accepted and running experiments of the site (OuterRef pk)."""
    counted = (
        Experiment.objects.filter(site=OuterRef("pk"), status__in=OCCUPYING)
        .order_by()
        .values("site")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_places(queryset):
    """The sites with their `occupied` places and the `remaining` ones (never below zero)."""
    return queryset.annotate(occupied=occupied_subquery()).annotate(
        remaining=Greatest(F("capacity") - F("occupied"), Value(0))
    )


def sites():
    return ExperimentationSite.objects.select_related("region", "department", "contact")


def directory(filters: dict):
    """The sites matching the directory's filters (cleaned data of SiteFilterForm), with their
    occupied places and business lines."""
    queryset = with_places(sites()).prefetch_related("business_lines")
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("region"):
        queryset = queryset.filter(region=filters["region"])
    if filters.get("department"):
        queryset = queryset.filter(department=filters["department"])
    if filters.get("business_line"):
        queryset = queryset.filter(
            pk__in=ExperimentationSite.business_lines.through.objects.filter(
                businessline=filters["business_line"]
            ).values("experimentationsite")
        )
    willing = filters.get("willing")
    if willing == "yes":
        queryset = queryset.filter(willing_to_host=True)
    elif willing == "no":
        queryset = queryset.filter(willing_to_host=False)
    if filters.get("available"):
        queryset = queryset.filter(willing_to_host=True, capacity__gt=F("occupied"))
    text = (filters.get("q") or "").strip()
    if text:
        queryset = queryset.filter(
            Q(name__icontains=text)
            | Q(town__icontains=text)
            | Q(code__iexact=text)
            | Q(postal_code__startswith=text)
            | Q(contact_name__icontains=text)
        )
    return queryset.order_by("name", "pk")


def site_for_page(pk):
    return with_places(sites()).prefetch_related("business_lines").filter(pk=pk).first()


def sites_of_contact(person):
    return (
        ExperimentationSite.objects.filter(contact=person)
        .select_related("region", "department")
        .annotate(occupied=occupied_subquery())
        .prefetch_related("business_lines")
        .order_by("name", "pk")
    )


@dataclass
class RegionCount:
    region: Region
    sites: int
    local_units: int
    establishments: int
    willing: int
    experiments: int
    under_represented: bool = False


def sites_per_region() -> list[RegionCount]:
    """Every region (none left out, even without sites) with its counts: four queries."""
    by_region = {
        row["region"]: row
        for row in ExperimentationSite.objects.order_by()
        .values("region")
        .annotate(
            sites=Count("pk"),
            local_units=Count("pk", filter=Q(kind=ExperimentationSite.Kind.LOCAL_UNIT)),
            establishments=Count("pk", filter=Q(kind=ExperimentationSite.Kind.ESTABLISHMENT)),
            willing=Count("pk", filter=Q(willing_to_host=True)),
        )
    }
    experiments = _experiments_by_region()
    under = site_matching.under_represented_regions(
        {r: row["sites"] for r, row in by_region.items()}, experiments, _laureates_by_region()
    )
    counts = []
    for region in Region.objects.all():
        row = by_region.get(region.pk, {})
        counts.append(
            RegionCount(
                region=region,
                sites=row.get("sites", 0),
                local_units=row.get("local_units", 0),
                establishments=row.get("establishments", 0),
                willing=row.get("willing", 0),
                experiments=experiments.get(region.pk, 0),
                under_represented=region.pk in under,
            )
        )
    return counts


def _experiments_by_region() -> dict[int, int]:
    return dict(
        Experiment.objects.filter(status__in=OPEN)
        .order_by()
        .values("site__region")
        .annotate(n=Count("pk"))
        .values_list("site__region", "n")
    )


def _laureates_by_region() -> dict[int, int]:
    return dict(
        LaureateProject.objects.filter(region__isnull=False)
        .order_by()
        .values("region")
        .annotate(n=Count("pk"))
        .values_list("region", "n")
    )


# --- Suggestions ------------------------------------------------------------------------------


@dataclass
class SiteSuggestion:
    rank: int
    site: ExperimentationSite
    score: int
    remaining: int
    reasons: list[str]


def suggestions(project, limit: int = 20) -> list[SiteSuggestion]:
    """The best sites for `project`, each with its score explained in words. A fixed number of
    queries: the network is scored in memory (1,614 sites take a few milliseconds)."""
    project_lines = frozenset(project.business_lines.values_list("pk", flat=True))
    profile = site_matching.ProjectProfile(project.region_id, project_lines, project.track)
    lines_of = {}
    for site_id, line_id in ExperimentationSite.business_lines.through.objects.values_list(
        "experimentationsite_id", "businessline_id"
    ):
        lines_of.setdefault(site_id, set()).add(line_id)
    occupied = dict(
        Experiment.objects.filter(status__in=OCCUPYING)
        .order_by()
        .values("site")
        .annotate(n=Count("pk"))
        .values_list("site", "n")
    )
    rows = ExperimentationSite.objects.order_by("name", "pk").values_list(
        "pk", "region_id", "capacity", "willing_to_host"
    )
    profiles = []
    sites_by_region: dict[int, int] = {}
    for pk, region, capacity, willing in rows:
        sites_by_region[region] = sites_by_region.get(region, 0) + 1
        profiles.append(
            site_matching.SiteProfile(
                pk, region, frozenset(lines_of.get(pk, ())), capacity, occupied.get(pk, 0), willing
            )
        )
    under = set()
    if project.track == LaureateProject.Track.ENTREPRENEUR:
        under = site_matching.under_represented_regions(
            sites_by_region, _experiments_by_region(), _laureates_by_region()
        )
    already = Experiment.objects.filter(project=project, status__in=OPEN).values_list(
        "site", flat=True
    )
    ranked = site_matching.rank(profile, profiles, under, exclude=already, limit=limit)
    by_pk = sites().prefetch_related("business_lines").in_bulk([s.site_id for s in ranked])
    line_names = {line.pk: str(line) for line in BusinessLine.objects.all()}
    return [
        SiteSuggestion(
            rank=index,
            site=by_pk[s.site_id],
            score=s.score,
            remaining=s.remaining,
            reasons=[explain(reason, line_names) for reason in s.reasons],
        )
        for index, s in enumerate(ranked, start=1)
        if s.site_id in by_pk
    ]


def explain(reason: site_matching.Reason, line_names: dict[int, str]) -> str:
    points = reason.points
    signed = f"+{points}" if points > 0 else str(points)
    if reason.code == "full":
        return _(
            "no place free: its experiments fill its capacity (listed after the sites with a place free)"
        )
    if reason.code == "unwilling":
        return _("does not wish to host experiments at the moment (listed last)")
    if reason.code == "lines":
        names = ", ".join(line_names.get(pk, "?") for pk in reason.detail["shared"])
        text = ngettext(
            "works in %(count)d of the project's %(wanted)d business lines (%(names)s)",
            "works in %(count)d of the project's %(wanted)d business lines (%(names)s)",
            reason.detail["wanted"],
        ) % {
            "count": len(reason.detail["shared"]),
            "wanted": reason.detail["wanted"],
            "names": names,
        }
    elif reason.code == "no_line":
        text = _("no business line in common with the project")
    elif reason.code == "same_region":
        text = _("in the project's region")
    elif reason.code == "under_represented":
        text = _("in a region under-represented among the experiments so far")
    elif reason.code == "capacity":
        text = ngettext(
            "%(count)d place free for an experiment",
            "%(count)d places free for experiments",
            reason.detail["remaining"],
        ) % {"count": reason.detail["remaining"]}
    elif reason.code == "full":
        text = _("no place free: its experiments fill its capacity")
    elif reason.code == "unwilling":
        text = _("does not wish to host experiments at the moment")
    else:
        text = reason.code
    return f"{text} ({signed})"


# --- Experiments ------------------------------------------------------------------------------


def _experiments():
    return Experiment.objects.select_related(
        "project", "project__season", "site", "site__region", "site__department", "site__contact"
    )


def experiments_of_project(project):
    return _experiments().filter(project=project).order_by("-created_at", "-pk")


def experiments_for_staff(filters: dict):
    queryset = _experiments()
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("region"):
        queryset = queryset.filter(site__region=filters["region"])
    text = (filters.get("q") or "").strip()
    if text:
        queryset = queryset.filter(Q(project__name__icontains=text) | Q(site__name__icontains=text))
    return queryset.order_by("-updated_at", "-pk")


def experiments_proposed_to(person):
    """The experiments proposed to the sites whose contact is `person`, and only those."""
    return _experiments().filter(site__contact=person).order_by("-updated_at", "-pk")


def experiments_of_projects_followed_by(person):
    """The experiments of the projects `person` follows as referent, mentor or team member."""
    projects = LaureateProject.objects.filter(
        Q(referent=person) | Q(team=person) | Q(mentors=person)
    ).values("pk")
    return _experiments().filter(project__in=projects).order_by("-updated_at", "-pk")


def experiment_for_page(pk):
    return _experiments().select_related("proposed_by", "project__referent").filter(pk=pk).first()


def project_for_page(slug):
    return (
        LaureateProject.objects.select_related("season", "programme", "region", "referent")
        .prefetch_related(Prefetch("business_lines"))
        .filter(slug=slug)
        .first()
    )
