"""Cohorts and laureate projects: a call's selected applications become projects of their
season's cohort; internal notes; the outcome at the end of the six months; publishing an
alumni project to the innovation catalogue."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tremplin.core import history

from ..models import Cohort, LaureateProject, Milestone, MilestoneTemplate
from ..workflow import OUTCOME_WORKFLOW
from ._common import require

INSIDE_KINDS = {"establishment", "local_unit", "national_society"}


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cohort_for(programme, season, actor=None, *, starts_on: date | None = None) -> Cohort:
    """The cohort of `programme` in `season`, created on first use: it starts on `starts_on`
    (default today) and lasts the programme's duration."""
    cohort = Cohort.objects.filter(programme=programme, season=season).first()
    if cohort is not None:
        return cohort
    starts = starts_on or timezone.localdate()
    try:
        with transaction.atomic():
            cohort = Cohort.objects.create(
                programme=programme,
                season=season,
                starts_on=starts,
                ends_on=add_months(starts, programme.duration_months or 6) - timedelta(days=1),
            )
    except IntegrityError:  # created meanwhile by another request
        return Cohort.objects.get(programme=programme, season=season)
    history.record(cohort, "acceleration:cohort_created", actor)
    return cohort


def change_cohort(cohort: Cohort, actor, *, starts_on: date, ends_on: date) -> Cohort:
    require(actor, "acceleration.manage")
    if ends_on <= starts_on:
        raise ValidationError(_("The end must come after the start."))
    with transaction.atomic():
        before = (str(cohort.starts_on), str(cohort.ends_on))
        cohort.starts_on, cohort.ends_on = starts_on, ends_on
        cohort.save(update_fields=["starts_on", "ends_on"])
        history.record(
            cohort,
            "acceleration:cohort_changed",
            actor,
            before=list(before),
            after=[str(starts_on), str(ends_on)],
        )
    return cohort


def selected_applications(call):
    from tremplin.applications.models import Application, State

    return (
        Application.objects.filter(call=call, state=State.SELECTED)
        .select_related("call__programme", "call__season", "region", "applicant")
        .order_by("title", "pk")
    )


def _track(application) -> str:
    audience = application.call.programme.audience
    if audience == "members":
        return LaureateProject.Track.INTRAPRENEUR
    if audience == "outsiders":
        return LaureateProject.Track.ENTREPRENEUR
    if application.organisation_kind in INSIDE_KINDS:
        return LaureateProject.Track.INTRAPRENEUR
    return LaureateProject.Track.ENTREPRENEUR


def _organisation(application):
    from tremplin.accounts.models import Organisation

    name = application.organisation_name.strip()
    if not name:
        from tremplin.accounts.queries import organisation_for_forms

        return organisation_for_forms(application.applicant) if application.applicant else None
    found = Organisation.objects.filter(name__iexact=name).order_by("pk").first()
    if found is not None:
        return found
    organisation, _created = Organisation.objects.get_or_create(
        name=name[:200],
        kind=application.organisation_kind or Organisation.Kind.ASSOCIATION,
        country="FR",
        defaults={"region": application.region},
    )
    return organisation


def _carried_over(application) -> tuple[str, list[str]]:
    """The summary (pitch, else solution, else need) and business lines of the answers."""
    from tremplin.programmes.models import Question

    texts, lines = {}, []
    for answer in application.answers.select_related("question"):
        value = answer.value
        if value in (None, "", []):
            continue
        if answer.question.kind == Question.Kind.BUSINESS_LINE:
            lines += [str(v) for v in (value if isinstance(value, list) else [value])]
        elif answer.question.kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
            texts.setdefault(answer.question.key, answer.text or str(value))
    summary = texts.get("pitch") or texts.get("summary") or texts.get("solution") or ""
    summary = summary or texts.get("need", "")
    return summary.strip()[:2000], lines


def _unique_slug(name: str, season_number: int) -> str:
    base = slugify(f"{name}-s{season_number}")[:70] or f"project-s{season_number}"
    slug, n = base, 2
    while LaureateProject.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_project_from_application(application, actor, cohort: Cohort) -> LaureateProject:
    """The laureate project of one selected application (idempotent: the existing project
    when there is one)."""
    from tremplin.applications.models import Application, State
    from tremplin.reference.models import BusinessLine

    require(actor, "acceleration.manage")
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__programme", "call__season", "applicant")
            .get(pk=application.pk)
        )
        existing = LaureateProject.objects.filter(application=application).first()
        if existing is not None:
            return existing
        if application.state != State.SELECTED:
            raise ValidationError(_("Only a selected application becomes a laureate project."))
        summary, line_codes = _carried_over(application)
        language = application.applicant.preferred_language if application.applicant else "fr"
        name = (application.title or application.reference)[:120]
        project = LaureateProject.objects.create(
            name=name,
            slug=_unique_slug(name, cohort.season.number),
            pitch={language: summary} if summary else {},
            season=cohort.season,
            programme=cohort.programme,
            cohort=cohort,
            application=application,
            track=_track(application),
            organisation=_organisation(application),
            region=application.region,
            starts_on=cohort.starts_on,
            ends_on=cohort.ends_on,
        )
        project.business_lines.set(BusinessLine.objects.filter(code__in=line_codes))
        team = [application.applicant_id] if application.applicant_id else []
        team += list(
            application.co_applicants.filter(
                accepted_at__isnull=False, person__isnull=False
            ).values_list("person_id", flat=True)
        )
        project.team.set(team)
        copy_template(project, actor)
        history.record(project, "acceleration:project_created", actor, application=application.pk)
    return project


def create_projects_from_call(call, actor) -> tuple[list[LaureateProject], int]:
    """The laureate projects of a call's selected applications, in the cohort of its programme
    and season. Idempotent: run twice, it creates nothing the second time. Returns the created
    projects and how many already existed."""
    require(actor, "acceleration.manage")
    cohort = cohort_for(call.programme, call.season, actor)
    created, existing = [], 0
    for application in selected_applications(call):
        if LaureateProject.objects.filter(application=application).exists():
            existing += 1
            continue
        created.append(create_project_from_application(application, actor, cohort))
    return created, existing


def copy_template(project: LaureateProject, actor) -> int:
    """Give the project its own copy of its programme's milestones (only when it has none)."""
    if project.milestones.exists():
        return 0
    templates = MilestoneTemplate.objects.filter(programme=project.programme_id)
    Milestone.objects.bulk_create(
        Milestone(
            project=project,
            template=template,
            phase=template.phase,
            title=template.title,
            deliverables=template.deliverables,
            due_on=project.starts_on + timedelta(days=template.due_offset_days),
        )
        for template in templates
    )
    return len(templates)


def save_internal_notes(project: LaureateProject, actor, text: str) -> LaureateProject:
    require(actor, "acceleration.edit_internal_notes", project)
    with transaction.atomic():
        LaureateProject.objects.filter(pk=project.pk).update(internal_notes=text)
        project.internal_notes = text
        history.record(project, "acceleration:notes_changed", actor)
    return project


def suggested_site_count(project) -> int | None:
    """The number of sites where the network records the project as deployed, when the
    network app can tell (None otherwise)."""
    try:
        from tremplin.network.queries import deployed_site_count
    except ImportError:
        return None
    return deployed_site_count(project)


def record_outcome(
    project: LaureateProject,
    actor,
    outcome: str,
    *,
    sites: int | None = None,
    lessons: str = "",
) -> LaureateProject:
    """Record the end of the six months: deployed in N sites, scaled, or stopped (lessons
    learnt required); `reopen` (staff) goes back to acceleration."""
    lessons = (lessons or "").strip()
    if outcome == "deploy" and not sites:
        raise ValidationError(_("Say in how many sites the solution is deployed."))
    with transaction.atomic():
        locked = OUTCOME_WORKFLOW.fire(
            project,
            outcome,
            actor,
            reason=lessons if outcome in ("stop", "reopen") else "",
            sites=sites,
            lessons=lessons,
        )
        if outcome == "reopen":
            locked.outcome_recorded_at = None
        else:
            locked.outcome_recorded_at = timezone.now()
            if sites is not None:
                locked.deployed_sites = sites
            if lessons:
                locked.lessons = lessons
        locked.save(update_fields=["outcome_recorded_at", "deployed_sites", "lessons"])
    project.refresh_from_db()
    return project


def publish_to_catalogue(project: LaureateProject, actor):
    """One click for alumni: the project's catalogue draft, pre-filled from its application
    when there is one, from the project itself otherwise. Idempotent: the existing record's
    latest version comes back."""
    from tremplin.catalogue.models import MAX_THEMES, Innovation
    from tremplin.catalogue.queries import submission as catalogue_queries
    from tremplin.catalogue.services import submission

    require(actor, "acceleration.publish_to_catalogue", project)
    with transaction.atomic():
        project = LaureateProject.objects.select_for_update().get(pk=project.pk)
        if project.innovation_id:
            return catalogue_queries.latest_version(project.innovation)
        application = project.application
        if application is not None and actor.has_perm(
            "catalogue.start_from_application", application
        ):
            version = submission.start_from_application(application, actor)
        else:
            version = submission.start_draft(actor, actor.preferred_language or "fr")
            texts = {"title": project.name[:200]}
            pitch = project.pitch.shown(version.original_language).text if project.pitch else ""
            if pitch:
                texts["pitch"] = pitch[:300]
            values = {"country": "FR"} if project.region_id else {}
            if project.organisation_id:
                values["carrying_organisation"] = project.organisation.name[:200]
            lines = list(project.business_lines.all())[:MAX_THEMES]
            version = submission.save_fields(
                version, actor, texts=texts, values=values, themes=lines
            )
        project.innovation = Innovation.objects.get(pk=version.innovation_id)
        project.save(update_fields=["innovation"])
        history.record(project, "acceleration:catalogue_draft", actor, version=version.pk)
    return version
